"""The generated data sets: NER sentences from real name lists, dates written with CLDR formats."""

import datetime

import numpy as np
import pytest

from rnncourse.data import dates, ner


@pytest.fixture(scope="module")
def ner_splits():
    return ner.splits()


def test_ner_tags_and_ids():
    assert ner.TAGS == ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
    assert ner.TAG_IDS[ner.PAD] == 0 and sorted(ner.TAG_IDS.values()) == list(range(len(ner.TAGS) + 1))


def test_ner_name_lists_are_real_and_large():
    people, places = ner.person_names(), ner.place_names()
    assert len(people["first"]) > 3000 and len(people["last"]) > 3000 and len(places) > 3000
    assert {"Smith", "Müller", "Rossi"} <= set(people["last"])
    assert {"France", "Bolivia", "South Korea", "Bayern", "California"} <= set(places)
    assert not any("," in p or "(" in p for p in places), "official forms like 'Korea, Republic of' are left out"


def test_ner_splits_sizes_shapes_and_determinism(ner_splits):
    assert {k: len(v[0]) for k, v in ner_splits.items()} == {"train": 6000, "validation": 1000, "test": 1000}
    again = ner.splits()
    assert again["test"][0][:50] == ner_splits["test"][0][:50] and again["test"][1][:50] == ner_splits["test"][1][:50]
    assert ner.splits(seed=1)["test"][0][:50] != ner_splits["test"][0][:50]
    for tokens, tags in zip(*ner_splits["train"]):
        assert len(tokens) == len(tags) and set(tags) <= set(ner.TAGS)


def test_ner_tags_are_well_formed_bio(ner_splits):
    for _, tag_lists in ner_splits.values():
        for tags in tag_lists:
            for previous, tag in zip(["O"] + tags, tags):
                if tag.startswith("I-"):
                    assert previous[2:] == tag[2:], f"{tag} after {previous} in {tags}"


def test_held_out_names_never_occur_in_training(ner_splits):
    """The generator's promise: no word of a validation or test name is a training token (fixed ORG words aside)."""
    fixed = ner.fixed_words()
    training_words = {t.casefold() for tokens in ner_splits["train"][0] for t in tokens}
    validation_words = {t.casefold() for tokens in ner_splits["validation"][0] for t in tokens}
    for split, earlier in (("validation", training_words), ("test", training_words | validation_words)):
        held_out = {
            word.casefold()
            for tokens, tags in zip(*ner_splits[split])
            for _, text in ner.entities(tokens, tags)
            for word in text.split()
        } - fixed
        assert held_out and not held_out & earlier, sorted(held_out & earlier)[:10]


def test_name_pools_are_disjoint_by_word():
    pools = ner.name_pools()
    words = {
        split: {w.casefold() for names in pool.values() for name in names for w in name.split()}
        for split, pool in pools.items()
    }
    assert not words["train"] & words["validation"]
    assert not (words["train"] | words["validation"]) & words["test"]


def test_every_entity_type_is_generated(ner_splits):
    kinds = {kind for tokens, tags in zip(*ner_splits["test"]) for kind, _ in ner.entities(tokens, tags)}
    assert kinds == set(ner.ENTITY_TYPES)


def test_entity_spans_follow_conll():
    assert ner.entity_spans(["B-PER", "I-PER", "O", "B-LOC"]) == [("PER", 0, 2), ("LOC", 3, 4)]
    assert ner.entity_spans(["B-PER", "B-PER"]) == [("PER", 0, 1), ("PER", 1, 2)]
    assert ner.entity_spans(["I-ORG", "I-ORG", "I-LOC"]) == [("ORG", 0, 2), ("LOC", 2, 3)]
    assert ner.entity_spans(["B-PER", "I-LOC"]) == [("PER", 0, 1), ("LOC", 1, 2)]
    assert ner.entity_spans(["O", "[PAD]"]) == []
    assert ner.entities(["Ana", "Lima", "left"], ["B-PER", "I-PER", "O"]) == [("PER", "Ana Lima")]


def test_sentence_fills_every_slot():
    rng = np.random.default_rng(0)
    pool = {"first": ["Ana"], "last": ["Lima"], "place": ["New Caledonia"]}
    tokens, tags = ner.sentence(rng, pool, template="{PER} moved to {LOC} last year .")
    assert "{" not in " ".join(tokens)
    assert ("LOC", "New Caledonia") in ner.entities(tokens, tags)


def test_date_styles_leave_out_us_short():
    assert len(dates.styles()) == len(dates.LOCALES) * len(dates.FORMATS) - 1
    assert ("en", "short") not in dates.styles()


def test_dates_are_written_with_cldr_formats():
    day = datetime.date(2025, 1, 2)
    assert dates.write(day, "fr", "full") == "jeudi 2 janvier 2025"
    assert dates.write(day, "de", "short") == "02.01.25"
    assert dates.write(day, "en", "medium") == "Jan 2, 2025"
    assert dates.write(day, "pt", "long") == "2 de janeiro de 2025"
    assert all("\u00a0" not in dates.write(day, *style) and "\u202f" not in dates.write(day, *style) for style in dates.styles())


def test_every_written_date_has_one_meaning():
    """No string stands for two dates: checked over the years where day/month order and 'yy' could clash."""
    seen = {}
    years = (1950, 1999, 2000, 2012, 2049)
    for day in (d for d in dates.all_days() if d.year in years):
        for style in dates.styles():
            text = dates.write(day, *style)
            assert seen.setdefault(text, day) == day, f"{text!r} is both {seen[text]} and {day}"
    us = dates.write(datetime.date(2025, 1, 2), "en", "short")
    assert us == dates.write(datetime.date(2025, 2, 1), "es", "short"), "why US short dates are left out"


def test_date_splits_are_disjoint_sized_and_deterministic():
    parts = dates.splits(n_train=3000, n_validation=200, n_test=300, with_styles=True)
    assert {k: len(v[0]) for k, v in parts.items()} == {"train": 3000, "validation": 200, "test": 300}
    targets = {k: set(v[1]) for k, v in parts.items()}
    assert not targets["train"] & targets["test"] and not targets["train"] & targets["validation"]
    assert not targets["validation"] & targets["test"]
    assert all(len(t) == 10 and datetime.date.fromisoformat(t) for t in targets["test"])
    assert parts["test"][2][0].split()[0] in dates.LOCALES
    again = dates.splits(n_train=3000, n_validation=200, n_test=300)
    assert again["test"][0] == parts["test"][0] and again["test"][1] == parts["test"][1]
    with pytest.raises(ValueError, match="only 36525"):
        dates.splits(n_train=40_000)


def test_targets_encode_and_decode():
    ids = dates.encode_targets(["2025-01-02", "1950-12-31"])
    assert ids.shape == (2, 10) and ids.dtype == np.int32 and ids.max() < dates.START_ID
    assert dates.decode_targets(ids) == ["2025-01-02", "1950-12-31"]
    assert dates.decode_targets([[dates.START_ID] * 2]) == ["??"]
