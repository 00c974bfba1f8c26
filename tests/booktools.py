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


def book_title():
    return yaml.safe_load((ROOT / "_config.yml").read_text())["title"]


def build_site(output_root=ROOT):
    """Build the HTML book into ``output_root``/_build/html from the stored outputs, warnings as errors.

    Execution is off: the stored outputs are the ones nbval checks against a fresh run, and the
    exercise pages are never executed anyway. Returns the html folder.
    """
    import subprocess
    import sys
    import tempfile

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    with tempfile.TemporaryDirectory() as folder:
        config_path = Path(folder) / "_config.yml"
        config_path.write_text(yaml.safe_dump(config))
        command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--all",
                   "--config", str(config_path), "--path-output", str(output_root),
                   "--warningiserror", "--nitpick", "--keep-going"]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return Path(output_root) / "_build" / "html"


def source_title(name):
    """The first level-1 heading of a table-of-contents file (Markdown page or notebook)."""
    path = next(p for p in (ROOT / f"{name}.md", ROOT / f"{name}.ipynb") if p.exists())
    if path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
    else:
        text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    return re.search(r"^# (.+)$", text, re.MULTILINE).group(1).strip()
