"""The book builds with Sphinx warnings as errors, from the outputs nbval checks."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from booktools import ROOT, toc_files


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    """Build the book without re-executing (the stored outputs are what nbval verifies)."""
    out = tmp_path_factory.mktemp("book")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    config_path = out / "_config.yml"
    config_path.write_text(yaml.safe_dump(config))
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(ROOT), "--config", str(config_path), "--path-output", str(out),
               "--warningiserror", "--nitpick", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


@pytest.mark.parametrize("name", toc_files())
def test_page_built(html, name):
    page = html / f"{name}.html"
    if name == toc_files()[0]:
        assert (html / "index.html").exists()
    text = page.read_text(encoding="utf-8")
    assert "<h1" in text
    assert "Traceback (most recent call last)" not in text


def test_search_index_knows_lstm(html):
    assert "lstm" in (html / "searchindex.js").read_text(encoding="utf-8").lower()
