"""The book builds with Sphinx warnings as errors, from the outputs nbval checks."""

import pytest

from booktools import toc_files


@pytest.mark.parametrize("name", toc_files())
def test_page_built(site, name):
    if name == toc_files()[0]:
        assert (site / "index.html").exists()
    text = (site / f"{name}.html").read_text(encoding="utf-8")
    assert "<h1" in text
    assert "Traceback (most recent call last)" not in text


def test_search_index_knows_lstm(site):
    assert "lstm" in (site / "searchindex.js").read_text(encoding="utf-8").lower()
