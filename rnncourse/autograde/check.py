"""``check``: run one student notebook as ``nbgrader validate`` does and say which tests pass and which fail."""

from pathlib import Path

from nbgrader import utils
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput
from nbgrader.validator import Validator
from traitlets import List

from . import diagnose
from .config import find_root, load_config, prepare_environment
from .preprocessors import RobustExecute

QUIET_KERNEL = {"Execute.extra_arguments": ["--IPKernelApp.log_level=ERROR"]}


class KeepingValidator(Validator):
    """nbgrader's Validator, surviving a dead kernel and keeping the executed notebook to report every test."""

    preprocessors = List([CheckCellMetadata, ClearOutput, RobustExecute])
    executed = None

    def _preprocess(self, nb):
        """Execute as nbgrader validate does, and keep the result."""
        self.executed = super()._preprocess(nb)
        return self.executed


def edited_locked_cells(nb):
    """Names of locked cells whose content no longer matches their checksum."""
    return [
        diagnose.cell_name(cell, index)
        for index, cell in enumerate(nb.cells, 1)
        if utils.is_locked(cell) and "checksum" in cell.metadata.nbgrader
        and utils.compute_checksum(cell) != cell.metadata.nbgrader["checksum"]
    ]


def first_error(cell):
    """The first line of a cell's error ('AssertionError: ...'), or why it lost points."""
    found = diagnose.errors(cell)
    if not found:
        return diagnose.why_failed(cell)
    message = f"{found[0].ename}: {found[0].evalue}".strip().rstrip(":")
    return message.splitlines()[0][:200] if message else found[0].ename


def test_lines(nb, edited=()):
    """One line per graded cell (status, name, points, reason) and the totals (passed, tests, points earned, points)."""
    lines, passed, tests, earned, total = [], 0, 0, 0.0, 0.0
    for index, cell in enumerate(nb.cells, 1):
        if not utils.is_grade(cell):
            continue
        name = diagnose.cell_name(cell, index)
        score, points = utils.determine_grade(cell)
        note = "  (your edited copy of the test)" if name in edited else ""
        if score is None:
            lines.append(f"  answered  {name:<34} {points:>4g} points  graded by the instructor")
            continue
        tests, total, earned = tests + 1, total + points, earned + score
        if score >= points:
            passed += 1
            lines.append(f"  passed    {name:<34} {points:>4g} points{note}")
        else:
            lines.append(f"  FAILED    {name:<34} {points:>4g} points  {first_error(cell)}{note}")
    return lines, (passed, tests, earned, total)


def check(path):
    """Validate one notebook and print a report; 0 when every visible test passes, else 1 (2: not a notebook)."""
    if not path or not Path(path).is_file():
        print(f"No notebook at {path}." if path else "Which notebook?",
              "Give its path: make check NB=exercises/<id>/<id>.ipynb")
        return 2
    path = Path(path)
    original, problem = diagnose.load_notebook(path)
    if problem:
        print(f"{path}: {problem}.")
        print("Repair it in a text editor, or start again from a fresh copy of the released notebook.")
        return 2
    prepare_environment()
    root = find_root(path.parent) or find_root()
    validator = KeepingValidator(config=load_config(root or path.parent, QUIET_KERNEL))
    print(f"Checking {path}: running every cell, as grading does...", flush=True)
    results = validator.validate(str(path))
    for cell in results.get("type_changed", []):
        print(f"A {cell['new_type']} cell was changed into a {cell['old_type']} cell; change it back:")
        print(cell["source"][:200])
    if validator.executed is None:
        return 1
    for problem in diagnose.execution_problems(validator.executed):
        print(problem[0].upper() + problem[1:] + ".")
    edited = edited_locked_cells(original)
    for name in edited:
        print(f"You edited the locked cell {name}: grading restores the original, so your edit will not count.")
    lines, (passed, tests, earned, total) = test_lines(validator.executed, edited)
    print("\n".join(lines))
    print(f"{passed} of {tests} visible tests pass ({earned:g} of {total:g} points). "
          "Grading also runs hidden tests, so passing these is necessary but not sufficient.")
    return 0 if passed == tests and not edited else 1
