"""The chapters' shape: every chapter exists, ran, states its runtime, and prints the guide's numbers in checked cells."""

import re

import pytest

from booktools import ROOT, chapters, checked_cells, load, output_text, printed_numbers, source, toc_files

GUIDE_COUNTS = [4480, 4545, 17920, 17985, 13632, 13697, 12416, 30369, 35840, 35969, 65, 129, 33]
CHAPTERS = chapters()


def test_thirteen_chapters_in_order():
    assert len(CHAPTERS) == 13
    assert [p.name[:2] for p in CHAPTERS] == [f"{i:02d}" for i in range(1, 14)]


@pytest.mark.parametrize("name", toc_files())
def test_toc_entry_exists(name):
    assert (ROOT / f"{name}.ipynb").exists() or (ROOT / f"{name}.md").exists(), name


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_shape(path):
    notebook = load(path)
    cells = notebook["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert source(cells[0]).lstrip().startswith("("), "first cell starts with a MyST label"
    assert "runtime.setup()" in source(code[0]), "first code cell calls runtime.setup()"
    assert "TensorFlow" in output_text(code[0]), "first code cell prints the versions and device"
    assert any(re.search(r"^## Key points", source(c), re.M) for c in cells if c["cell_type"] == "markdown")
    assert all(c.get("outputs") is not None for c in code)
    assert all(c.get("execution_count") for c in code), "every code cell was executed"
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"stored error output: {errors[0]['ename']}"


def test_every_chapter_but_the_summary_checks_outputs():
    for path in CHAPTERS[:-1]:
        assert checked_cells(load(path)), f"{path.name} has no cell marked for nbval to check"


@pytest.mark.parametrize("count", GUIDE_COUNTS)
def test_guide_count_printed_in_a_checked_cell(count):
    found = [
        path.name
        for path in CHAPTERS
        for cell in checked_cells(load(path))
        if count in printed_numbers(output_text(cell))
    ]
    assert found, f"no checked cell prints {count}"


def test_printed_numbers_reads_both_styles():
    assert printed_numbers("total 4,545 and 17985; 0.95 is not 95") >= {4545, 17985}
    assert 95 not in printed_numbers("0.95")
