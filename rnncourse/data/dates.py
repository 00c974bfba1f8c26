"""Dates as people write them, in seven languages, paired with their ISO 8601 form.

The pairs are generated: a calendar date between 1950-01-01 and 2049-12-31 is
written with Babel's ``format_date`` in one of the CLDR formats 'short',
'medium', 'long' and 'full' of a locale (en, fr, de, es, it, nl, pt), e.g.
'jeudi 2 janvier 2025' or '02.01.25', and the target is '2025-01-02'. CLDR is
the Unicode Common Locale Data Repository (Unicode licence); Babel is BSD
licensed.

Two-digit years are unambiguous in this range (50-99 are 19xx, 00-49 are 20xx).
US English short dates ('1/2/25', month first) are left out: Spanish short dates
write day first in the same shape ('1/2/25' is 1 February), so the same string
would have two answers. Held-out splits use different calendar dates from
training. The output is deterministic for a given seed and Babel version.
"""

from datetime import date, timedelta

import numpy as np

LOCALES = ("en", "fr", "de", "es", "it", "nl", "pt")
FORMATS = ("short", "medium", "long", "full")
EXCLUDED_STYLES = (("en", "short"),)
FIRST_DAY, LAST_DAY = date(1950, 1, 1), date(2049, 12, 31)
TARGET_LENGTH = len("YYYY-MM-DD")
TARGET_CHARS = "0123456789-"
START_ID = len(TARGET_CHARS)
"""The id of the decoder's start token; target characters have ids 0-10."""


def styles():
    """Every (locale, format) pair the generator writes dates in."""
    return [(loc, fmt) for loc in LOCALES for fmt in FORMATS if (loc, fmt) not in EXCLUDED_STYLES]


def all_days():
    """Every calendar date of the range, in order."""
    return [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]


def write(day, locale, fmt):
    """One date as a person writing ``locale`` would in CLDR format ``fmt``.

    Babel puts no-break and narrow no-break spaces in some formats; they become
    plain spaces, as a person typing would write them.
    """
    from babel.dates import format_date

    text = format_date(day, format=fmt, locale=locale)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def pairs(days, seed=0, with_styles=False):
    """Each date written in a randomly chosen style: (written dates, ISO dates).

    ``with_styles`` adds a third list naming each one's style, e.g. 'fr long'.
    """
    rng = np.random.default_rng(seed)
    all_styles = styles()
    chosen = [all_styles[k] for k in rng.integers(len(all_styles), size=len(days))]
    sources = [write(day, loc, fmt) for day, (loc, fmt) in zip(days, chosen)]
    targets = [day.isoformat() for day in days]
    return (sources, targets, [f"{loc} {fmt}" for loc, fmt in chosen]) if with_styles else (sources, targets)


def splits(n_train=15_000, n_validation=1_000, n_test=2_000, seed=0, with_styles=False):
    """'train', 'validation' and 'test' pairs on disjoint sets of calendar dates.

    Returns a dict of split name -> (list of written dates, list of ISO dates),
    plus a list of styles when ``with_styles``.
    """
    days = all_days()
    sizes = {"train": n_train, "validation": n_validation, "test": n_test}
    if sum(sizes.values()) > len(days):
        raise ValueError(f"asked for {sum(sizes.values())} dates; the range has only {len(days)}")
    order = np.random.default_rng(seed).permutation(len(days))
    result, start = {}, 0
    for i, (split, n) in enumerate(sizes.items()):
        chosen = [days[j] for j in order[start : start + n]]
        result[split] = pairs(chosen, seed=seed * 1000 + i + 1, with_styles=with_styles)
        start += n
    return result


def encode_targets(isos):
    """ISO dates as an int32 array (dates, 10) of ids into TARGET_CHARS."""
    return np.array([[TARGET_CHARS.index(c) for c in iso] for iso in isos], dtype="int32").reshape(-1, TARGET_LENGTH)


def decode_targets(ids):
    """Rows of target ids back to strings; the start id (or any id out of range) becomes '?'."""
    return ["".join(TARGET_CHARS[i] if 0 <= i < len(TARGET_CHARS) else "?" for i in row) for row in np.asarray(ids)]
