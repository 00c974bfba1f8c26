"""Reading the book's table of contents and chapter notebooks (shared by the book tests)."""

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHECK_MARKER = "# NBVAL_CHECK_OUTPUT"


def toc_files():
    """Every file the table of contents names, root first, without extension."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [entry["file"] for entry in part["chapters"]]
    return files


def chapters():
    """Paths of the numbered chapter notebooks, in book order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    numbered = [p for p in toc["parts"] if p.get("numbered")]
    return [ROOT / f"{entry['file']}.ipynb" for part in numbered for entry in part["chapters"]]


def load(path):
    """A notebook as a dict."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell.get("source", ""))


def output_text(cell):
    """All stream and text/plain output of a cell, joined."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append("".join(output.get("text", "")))
        parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "".join(parts)


def checked_cells(notebook):
    """The code cells nbval compares in lax mode."""
    return [c for c in notebook["cells"] if c["cell_type"] == "code" and source(c).lstrip().startswith(CHECK_MARKER)]


def printed_numbers(text):
    """Integers printed in ``text``, with or without thousands separators."""
    return {int(n.replace(",", "")) for n in re.findall(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d.])|(?<![\d.,])\d+(?![\d.,]?\d)", text)}
