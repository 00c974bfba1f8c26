"""Helpers the grading-check tests share: the reference solution's own code, and a failing check."""

import json

import pytest

from booktools import ROOT


def solution_namespace(assignment, grade_ids):
    """Run the named code cells of a reference solution notebook; return the names they define."""
    notebook = json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    cells = {
        cell["metadata"].get("nbgrader", {}).get("grade_id"): "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    }
    namespace = {}
    for grade_id in grade_ids:
        code = "\n".join(line for line in cells[grade_id].splitlines() if not line.startswith("%"))
        exec(compile(code, f"{assignment}:{grade_id}", "exec"), namespace)
    return namespace


def fails(match, function, *args, **kwargs):
    """``function(*args, **kwargs)`` raises an AssertionError whose message matches ``match``."""
    with pytest.raises(AssertionError, match=match):
        function(*args, **kwargs)
