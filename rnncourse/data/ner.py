"""Generated sentences for named-entity recognition, tagged in BIO format.

The sentences are generated: English templates ("{PER} was born in {LOC} .";
``{ANY}`` is a slot that any of the three entity types can fill) filled with real names from packaged lists. People's first and last names come
from Faker's person providers for nine locales (MIT licence); places are the
country names and first-level subdivisions of ISO 3166 as shipped by pycountry
(data from Debian's iso-codes, LGPL-2.1); organisations are built from those
names with company suffixes from Faker ("Keller GmbH", "University of Kerala").

The split is by name: the name lists are divided into training, validation and
test pools before any sentence is generated, and a name whose words also occur in
an earlier pool is dropped. So no word of a held-out person or place name ever
occurs in the training sentences, and a model can only tag it from its context.

Tags: ``B-X`` opens an entity of type X, ``I-X`` continues it, ``O`` is outside
any entity. The output is deterministic for a given seed and given versions of
Faker and pycountry.
"""

import importlib
import re

import numpy as np

ENTITY_TYPES = ("PER", "LOC", "ORG")
TAGS = ("O",) + tuple(f"{prefix}-{kind}" for kind in ENTITY_TYPES for prefix in ("B", "I"))
PAD, UNK = "[PAD]", "[UNK]"
TAG_IDS = {PAD: 0, **{tag: i + 1 for i, tag in enumerate(TAGS)}}
"""Tag -> id for the models; id 0 is padding, which the mask keeps out of the loss."""

PERSON_LOCALES = ("en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "nl_NL", "pt_PT", "sv_SE")
COMPANY_LOCALES = ("en_US", "de_DE", "fr_FR", "it_IT", "nl_NL")
TITLES = ("Dr.", "Mr.", "Ms.", "Mrs.", "Prof.")
ORG_PATTERNS = (
    "{LAST} {SUFFIX}",
    "{LAST} {SUFFIX}",
    "{LAST} & {LAST}",
    "University of {PLACE}",
    "Bank of {PLACE}",
    "{PLACE} Airlines",
)

TEMPLATES = (
    "{PER} was born in {LOC} in {YEAR} .",
    "{PER} moved to {LOC} last year .",
    "Yesterday {PER} met {PER} in {LOC} .",
    "{PER} works for {ORG} .",
    "{ORG} opened a new office in {LOC} .",
    "According to {PER} , {ORG} will hire two hundred people .",
    "{PER} , a spokesperson for {ORG} , declined to comment .",
    "The delegation from {LOC} arrived on Monday .",
    "{LOC} and {LOC} signed a trade agreement .",
    "{PER} said that {LOC} is lovely in spring .",
    "Shares of {ORG} rose after {PER} resigned .",
    "{PER} thanked {PER} for the invitation .",
    "The new director of {ORG} is {PER} .",
    "Flights from {LOC} to {LOC} were cancelled .",
    "{ORG} was founded by {PER} in {YEAR} .",
    "We spent two weeks in {LOC} .",
    "{PER} and {PER} are writing a book about {LOC} .",
    "Talks between {ORG} and {ORG} resumed on Friday .",
    "{PER} studied at {ORG} .",
    "{LOC} is famous for its coffee .",
    "{PER} is famous for her novels .",
    "{ORG} is known for its customer service .",
    "{PER} called {ORG} to complain .",
    "Heavy rain caused floods across {LOC} .",
    "The train to {LOC} leaves at noon .",
    "{PER} will represent {LOC} at the games .",
    "{ORG} bought {ORG} for an undisclosed sum .",
    "Please send the invoice to {PER} at {ORG} .",
    "{PER} grew up near {LOC} .",
    "The report by {ORG} was praised by {PER} .",
    "Nobody expected the meeting to end so early .",
    "Prices rose again in {YEAR} .",
    "Did {PER} ever visit {LOC} ?",
    "{PER} replaced {PER} as head of {ORG} .",
    "Tourism in {LOC} grew by {NUM} percent .",
    "{PER} told reporters in {LOC} that {ORG} had been sold .",
    "{ANY} announced new measures on Tuesday .",
    "The statement from {ANY} surprised everyone .",
    "Critics of {ANY} gathered outside the building .",
    "Everyone is talking about {ANY} .",
    "A documentary about {ANY} won an award .",
    "{ANY} and {ANY} were mentioned in the report .",
    "News about {ANY} spread quickly .",
    "Journalists asked {ANY} about the budget .",
)

_NAME = re.compile(r"^[^\W\d_][^\W\d_]*(?:[ '’.-][^\W\d_]+)*\.?$")
_MAX_NAME_WORDS = 4


def _names_from(module_name, attribute):
    values = getattr(importlib.import_module(module_name).Provider, attribute, ())
    return list(values.keys() if hasattr(values, "keys") else values)


def company_suffixes():
    """Company suffixes ('GmbH', 'and Sons', 'S.A.R.L.') from Faker's company providers, sorted."""
    return sorted({s for loc in COMPANY_LOCALES for s in _names_from(f"faker.providers.company.{loc}", "company_suffixes")})


def fixed_words():
    """Every word the templates, titles and organisation patterns write themselves, casefolded."""
    text = " ".join(TEMPLATES + TITLES + ORG_PATTERNS + tuple(company_suffixes()))
    return {w.casefold() for w in text.split() if not w.startswith("{")}


def _clean(names):
    """Names that look like names (letters, inner spaces, hyphens, apostrophes), at most four words."""
    forbidden = fixed_words()
    kept = set()
    for name in names:
        name = " ".join(name.split())
        words = name.split()
        if (
            _NAME.match(name)
            and name[0].isupper()
            and len(words) <= _MAX_NAME_WORDS
            and not any(w.casefold() in forbidden for w in words)
        ):
            kept.add(name)
    return sorted(kept)


def person_names():
    """Real first and last names from Faker's person providers: {'first': [...], 'last': [...]}."""
    first, last = [], []
    for loc in PERSON_LOCALES:
        module = f"faker.providers.person.{loc}"
        first += _names_from(module, "first_names")
        last += _names_from(module, "last_names")
    return {"first": _clean(first), "last": _clean(last)}


def place_names():
    """Country names and first-level subdivisions of ISO 3166 (pycountry), sorted."""
    import pycountry

    names = [getattr(c, "common_name", None) or c.name for c in pycountry.countries]
    names += [s.name for s in pycountry.subdivisions if s.parent_code is None]
    return _clean(names)


def name_pools(seed=0, fractions=(0.7, 0.15, 0.15)):
    """Split the first names, last names and places into 'train', 'validation' and 'test' pools.

    Each list is shuffled and cut by ``fractions``; a validation name that shares
    a word with any training name is dropped, and a test name that shares a word
    with any training or validation name is dropped, so held-out words are new.
    """
    rng = np.random.default_rng(seed)
    lists = {**person_names(), "place": place_names()}
    pools = {split: {} for split in ("train", "validation", "test")}
    for kind, names in lists.items():
        order = rng.permutation(len(names))
        cuts = np.cumsum([round(f * len(names)) for f in fractions[:-1]])
        for split, idx in zip(pools, np.split(order, cuts)):
            pools[split][kind] = [names[i] for i in sorted(idx)]
    seen = set()
    for split in pools:
        for kind, names in pools[split].items():
            pools[split][kind] = [n for n in names if not any(w.casefold() in seen for w in n.split())]
        seen |= {w.casefold() for names in pools[split].values() for n in names for w in n.split()}
    return pools


def _person(rng, pool):
    """(title words, name words): 'Ana Lima' (65 %), 'Dr.' + 'Lima' (20 %) or just 'Ana' (15 %)."""
    first = pool["first"][rng.integers(len(pool["first"]))].split()
    last = pool["last"][rng.integers(len(pool["last"]))].split()
    draw = rng.random()
    if draw < 0.65:
        return [], first + last
    if draw < 0.85:
        return [TITLES[rng.integers(len(TITLES))]], last
    return [], first


def _organisation(rng, pool, suffixes):
    pattern = ORG_PATTERNS[rng.integers(len(ORG_PATTERNS))]
    words = []
    for word in pattern.split():
        if word == "{LAST}":
            words += pool["last"][rng.integers(len(pool["last"]))].split()
        elif word == "{PLACE}":
            words += pool["place"][rng.integers(len(pool["place"]))].split()
        elif word == "{SUFFIX}":
            words += suffixes[rng.integers(len(suffixes))].split()
        else:
            words.append(word)
    return words


def sentence(rng, pool, template=None, suffixes=None):
    """One generated sentence from a name pool: (tokens, tags), two lists of equal length."""
    template = template or TEMPLATES[rng.integers(len(TEMPLATES))]
    suffixes = suffixes or company_suffixes()
    tokens, tags = [], []
    for slot in template.split():
        if slot == "{ANY}":
            slot = "{%s}" % ENTITY_TYPES[rng.integers(len(ENTITY_TYPES))]
        before, words, kind = [], [slot], None
        if slot == "{PER}":
            (before, words), kind = _person(rng, pool), "PER"
        elif slot == "{LOC}":
            words, kind = pool["place"][rng.integers(len(pool["place"]))].split(), "LOC"
        elif slot == "{ORG}":
            words, kind = _organisation(rng, pool, suffixes), "ORG"
        elif slot == "{YEAR}":
            words = [str(rng.integers(1950, 2025))]
        elif slot == "{NUM}":
            words = [str(rng.integers(2, 41))]
        tokens += before + words
        tags += ["O"] * len(before)
        tags += [f"{'B' if i == 0 else 'I'}-{kind}" for i in range(len(words))] if kind else ["O"] * len(words)
    return tokens, tags


def generate(n, pool, seed=0):
    """``n`` generated sentences from one name pool: (list of token lists, list of tag lists)."""
    rng = np.random.default_rng(seed)
    suffixes = company_suffixes()
    pairs = [sentence(rng, pool, suffixes=suffixes) for _ in range(n)]
    return [tokens for tokens, _ in pairs], [tags for _, tags in pairs]


def splits(n_train=6000, n_validation=1000, n_test=1000, seed=0):
    """Generated 'train', 'validation' and 'test' sentences, each from its own name pool.

    Returns a dict of split name -> (list of token lists, list of tag lists).
    """
    pools = name_pools(seed)
    sizes = {"train": n_train, "validation": n_validation, "test": n_test}
    return {split: generate(n, pools[split], seed=seed * 1000 + i + 1) for i, (split, n) in enumerate(sizes.items())}


def entity_spans(tags):
    """The entities of one BIO tag sequence as (type, start, end) triples, ``end`` exclusive.

    An ``I-X`` that does not continue an entity of type X opens a new one, as
    the CoNLL evaluation script does.
    """
    spans, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, tag_kind = tag.partition("-")
        continues = prefix == "I" and tag_kind == kind
        if start is not None and not continues:
            spans.append((kind, start, i))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, tag_kind
    return spans


def entities(tokens, tags):
    """The entities of one tagged sentence as (type, text) pairs."""
    return [(kind, " ".join(tokens[start:end])) for kind, start, end in entity_spans(tags)]
