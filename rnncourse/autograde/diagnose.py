"""What went wrong in one submission, in words for the summary table."""

import json
import re

import nbformat
from nbgrader import utils

from .preprocessors import KERNEL_DIED, NOT_RUN, TRUNCATED

DEVICE = re.compile(r"TensorFlow \S+, Keras \S+, on (.+)")


def load_notebook(path):
    """(the notebook, None), or (None, why the file at ``path`` cannot be read as one)."""
    try:
        text = open(path, encoding="utf-8").read()
        json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"not valid JSON ({error}): the file is cut off or is not a notebook"
    try:
        return nbformat.reads(text, as_version=4), None
    except Exception as error:  # nbformat raises many kinds for JSON that is not a notebook
        first_line = (str(error).strip().splitlines() or [""])[0][:120]
        return None, f"not a valid notebook ({type(error).__name__}: {first_line})"


def cell_name(cell, index):
    """The cell's grade_id, else its position ("cell 4", counting from 1)."""
    return cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index}"


def errors(cell):
    """The error outputs of a code cell."""
    return [o for o in cell.get("outputs", []) if o.output_type == "error"]


def wrote_stderr(cell):
    """True when a code cell wrote to stderr (nbgrader scores such a test cell zero)."""
    return any(o.output_type == "stream" and o.name == "stderr" for o in cell.get("outputs", []))


def why_failed(cell):
    """Why a graded cell earned less than its points, in a few words."""
    found = errors(cell)
    if found:
        return found[0].ename
    if utils.is_solution(cell):
        return "no answer"
    return "wrote to stderr" if wrote_stderr(cell) else "partial credit"


def failed_tests(nb):
    """'test_x (AssertionError)' for every graded cell that earned less than its points."""
    failed = []
    for index, cell in enumerate(nb.cells, 1):
        if utils.is_grade(cell):
            score, points = utils.determine_grade(cell)
            if score is not None and score < points and why_failed(cell) != NOT_RUN:
                failed.append(f"{cell_name(cell, index)} ({why_failed(cell)})")
    return failed


def manual_cells(nb):
    """The grade_ids of answers that an instructor grades by hand."""
    return [cell_name(cell, index) for index, cell in enumerate(nb.cells, 1)
            if utils.is_grade(cell) and utils.determine_grade(cell)[0] is None]


def execution_problems(nb):
    """Timeouts, kernel deaths and truncated output, one phrase each."""
    problems = []
    for index, cell in enumerate(nb.cells, 1):
        name = cell_name(cell, index)
        enames = {o.ename for o in errors(cell)}
        if "CellTimeoutError" in enames:
            problems.append(f"{name} ran past the per-cell time limit and was interrupted")
        for output in errors(cell):
            if output.ename == KERNEL_DIED:
                problems.append(f"{name}: {output.evalue}")
        if any(TRUNCATED in str(o) or "Output truncated" in str(o) for o in cell.get("outputs", [])):
            problems.append(f"output of {name} truncated")
    not_run = sum(1 for cell in nb.cells if NOT_RUN in {o.ename for o in errors(cell)})
    if not_run:
        problems.append(f"the {not_run} cells after it not run")
    return problems


def tampered_cells(submitted, released, source):
    """Locked cells the student edited and graded cells they deleted, compared with the released and source notebooks.

    Grading restores both from the gradebook (nbgrader's OverwriteCells); a
    deleted locked cell that is not graded (an explanation) is not restored. A
    cell that matches the source (hidden tests included) counts as unedited.
    """
    theirs = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in submitted.cells}
    originals = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in source.cells}
    problems = []
    for index, cell in enumerate(released.cells, 1):
        if not utils.is_locked(cell) or not cell.metadata.nbgrader.get("grade_id"):
            continue
        name = cell_name(cell, index)
        mine = theirs.get(name)
        if mine is None:
            graded = utils.is_grade(cell)
            problems.append(f"restored test cell {name} (deleted)" if graded else f"deleted locked cell {name}")
        elif mine.cell_type != cell.cell_type or mine.source not in (cell.source, originals.get(name)):
            problems.append(f"restored locked cell {name} (edited)")
    return problems


def device(nb):
    """The device named by runtime.setup()'s line in the notebook's outputs, else '-'."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            match = DEVICE.search(output.get("text", "") if output.output_type == "stream" else "")
            if match:
                return match.group(1).strip()
    return "-"


def problems(graded, submitted, released, source):
    """Everything worth a phrase in the summary, most important first."""
    found = execution_problems(graded)
    failed = failed_tests(graded)
    if failed:
        tests = sum(1 for cell in graded.cells if utils.is_grade(cell) and utils.determine_grade(cell)[0] is not None)
        found.append(f"failed {len(failed)} of {tests}: " + ", ".join(failed))
    found += tampered_cells(submitted, released, source)
    manual = manual_cells(graded)
    if manual:
        found.append("to grade by hand: " + ", ".join(manual))
    return found
