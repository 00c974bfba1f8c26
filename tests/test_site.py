"""The built HTML book, read as files: figures, exercise pages, downloads, data page, links, no solutions."""

import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from booktools import ROOT, chapters, load, toc_files
from rnncourse import data, sitecheck

EXERCISES = [name for name in toc_files() if name.startswith("exercises/")]
NOTEBOOK_PAGES = [name for name in toc_files() if (ROOT / f"{name}.ipynb").exists()]


class Figures(HTMLParser):
    """Each <img>: its alt text and the caption of the <figure> around it (None if there is none)."""

    def __init__(self):
        super().__init__()
        self.images, self._figures, self._in_caption = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self._figures.append({"caption": ""})
        elif tag == "figcaption" and self._figures:
            self._in_caption = True
        elif tag == "img":
            self.images.append({"alt": dict(attrs).get("alt") or "", "figure": self._figures[-1] if self._figures else None})

    def handle_endtag(self, tag):
        if tag == "figure" and self._figures:
            self._figures.pop()
        elif tag == "figcaption":
            self._in_caption = False

    def handle_data(self, text):
        if self._in_caption:
            self._figures[-1]["caption"] += text


def figures(page):
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.images


def image_outputs(notebook):
    return sum("image/png" in output.get("data", {}) for cell in load(notebook)["cells"] for output in cell.get("outputs", []))


@pytest.mark.parametrize("name", toc_files())
def test_every_image_has_alt_text_and_a_caption(site, name):
    for image in figures(site / f"{name}.html"):
        alt = image["alt"].strip()
        assert len(alt) >= 40 and not re.search(r"\.(png|svg|jpe?g)$", alt), f"{name}: weak alt text {alt!r}"
        assert image["figure"] and len(image["figure"]["caption"].strip()) >= 20, f"{name}: image without a caption: {alt[:60]}"


def test_the_figure_check_sees_every_figure_in_the_book(site):
    built = sum(len(figures(site / f"{path.relative_to(ROOT).with_suffix('')}.html")) for path in chapters())
    stored = sum(image_outputs(path) for path in chapters())
    assert stored >= 10 and built == stored


@pytest.mark.parametrize("name", EXERCISES)
def test_exercise_page_is_the_unexecuted_student_notebook_with_a_download(site, name):
    page = (site / f"{name}.html").read_text(encoding="utf-8")
    assert 'class="cell_output' not in page, "the exercise page shows outputs: it was executed"
    assert "YOUR CODE HERE" in page and "NotImplementedError" in page
    text = " ".join("".join(sitecheck.parse_page(site / f"{name}.html").text).split())
    assert "Check and hand in" in text and f"make check NB=path/to/{name.split('/')[-1]}.ipynb" in text
    download = site / "_sources" / f"{name}.ipynb"
    assert f'href="../../_sources/{name}.ipynb"' in page
    assert json.loads(download.read_text(encoding="utf-8")) == load(ROOT / f"{name}.ipynb")


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_every_notebook_page_offers_its_notebook(site, name):
    depth = "../" * name.count("/")
    assert f'href="{depth}_sources/{name}.ipynb"' in (site / f"{name}.html").read_text(encoding="utf-8")
    assert load(site / "_sources" / f"{name}.ipynb")["cells"]


def test_data_page_lists_every_data_set_with_its_source_and_licence(site):
    page = (site / "book" / "data.html").read_text(encoding="utf-8")
    table = page[page.index("<table"):page.index("</table>")]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in rows if row]
    assert len(rows) == len(data.CATALOG) and all(len(row) == 4 and all(row) for row in rows)
    licences = " ".join(row[3] for row in rows)
    for entry in data.CATALOG:
        for identifier in re.findall(r"\b(?:MIT|LGPL-[\d.]+|BSD-[\w-]+|public domain|Unicode License v\d)", entry["licence"]):
            assert identifier in licences, f"{entry['name']}: licence {identifier} is not on the data page"


def test_no_page_loads_anything_from_another_host(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="(https?:)?//', text), f"{page.name} loads a remote script"
        assert not re.search(r'<link[^>]+href="(https?:)?//[^"]+"[^>]*rel="stylesheet"', text)
    assert (site / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()


def test_no_broken_internal_links(site):
    assert sitecheck.broken_links(site) == []


def test_link_check_finds_a_missing_page_and_a_missing_anchor(site, tmp_path):
    shutil.copytree(site, tmp_path / "html")
    page = tmp_path / "html" / "book" / "intro.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<a href="no-such-chapter.html">x</a><a href="04_lstm.html#no-such-section">y</a></body>'))
    problems = sitecheck.broken_links(tmp_path / "html")
    assert len(problems) == 2 and "no such file" in problems[0] and "no-such-section" in problems[1]


def test_no_solution_or_hidden_test_reaches_the_site(site):
    fragments = sitecheck.course_fragments(ROOT)
    assert len(fragments) == 5
    for assignment, lines in fragments.items():
        assert len(lines) >= 15, f"{assignment}: too few solution lines to check"
        assert any(line.startswith("check.") for line in lines), f"{assignment}: no hidden-test line found"
    assert sitecheck.leaks(site, [line for lines in fragments.values() for line in lines]) == []


def test_leak_check_finds_solution_code_in_a_page_or_a_download(site, tmp_path):
    fragments = sitecheck.course_fragments(ROOT)["ex1_next_character"]
    solution, hidden = fragments[0], next(line for line in fragments if line.startswith("check."))
    html = tmp_path / "html"
    (html / "_sources").mkdir(parents=True)
    shutil.copy(site / "exercises" / "ex1_next_character" / "ex1_next_character.html", html / "page.html")
    # as Pygments highlights it: one span per token
    spans = "".join(f'<span class="n">{token}</span>' for token in re.split(r"(\W)", solution) if token)
    (html / "page.html").write_text((html / "page.html").read_text(encoding="utf-8").replace("</body>", f"<pre>{spans}</pre></body>"))
    leaked = load(ROOT / "solutions" / "ex1_next_character" / "ex1_next_character.ipynb")
    (html / "_sources" / "ex1.ipynb").write_text(json.dumps(leaked))
    found = sitecheck.leaks(html, [solution, hidden])
    assert ("page.html", solution) in found
    assert ("_sources/ex1.ipynb", solution) in found and ("_sources/ex1.ipynb", hidden) in found


def test_make_book_executes_the_chapters_but_never_the_exercises(tmp_path):
    """myst-nb's own decision, with the patterns of _config.yml: the exercise pages stay unexecuted."""
    import logging

    import nbformat
    import yaml
    from myst_nb.core.config import NbParserConfig
    from myst_nb.core.execute import create_client
    from myst_nb.core.execute.base import NotebookClientBase

    execute = yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]
    config = NbParserConfig(execution_mode=execute["execute_notebooks"], execution_cache_path=str(tmp_path),
                            execution_excludepatterns=tuple(execute["exclude_patterns"]))

    def executed(path):
        client = create_client(nbformat.read(path, as_version=4), path, config, logging.getLogger(__name__))
        return type(client) is not NotebookClientBase

    assert not any(executed(ROOT / f"{name}.ipynb") for name in EXERCISES)
    assert all(executed(path) for path in chapters())
