"""How long autograding takes: seconds per notebook and per student, and how much of it is start-up.

Grades a scratch copy of the course (the real one is not touched): the reference
solutions of every assignment as one student ("reference"), the untouched student
versions as another ("untouched", every answer raising NotImplementedError), and
two calibration assignments made here: an empty notebook (the grading process,
nbgrader and a kernel starting) and one that runs only the course's first cell
(importing TensorFlow and Keras). The difference between the calibrations is the
import; the rest of each notebook's time is its own work.

Run from the course folder: ``.venv/bin/python benchmarks/grading_timing.py``
(about 2 minutes per assignment on a 2-core CPU; the times vary from run to run).
"""

import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from rnncourse.autograde.config import assignments, copy_course, load_config
from rnncourse.autograde.grade import grade

ROOT = Path(__file__).resolve().parents[1]
STUDENTS = {"reference": "solutions", "untouched": "exercises"}
CALIBRATIONS = {
    "zz_empty": "pass",
    "zz_imports": "from rnncourse import runtime\nprint(runtime.setup())",
}


def calibration_notebook(code):
    """A one-point nbgrader notebook: a locked cell running ``code`` and a test that always passes."""
    locked = {"nbgrader": {"grade": False, "solution": False, "locked": True, "grade_id": "setup", "schema_version": 3}}
    test = {"nbgrader": {"grade": True, "solution": False, "locked": True, "grade_id": "test_true", "points": 1,
                         "schema_version": 3}}
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return new_notebook(cells=[new_code_cell(code, metadata=locked), new_code_cell("assert True", metadata=test)],
                        metadata={"kernelspec": kernelspec, "language_info": {"name": "python"}})


def prepare(course):
    """Add the calibration assignments and submit the solutions and the student versions of every assignment."""
    for name, code in CALIBRATIONS.items():
        (course / "solutions" / name).mkdir(parents=True)
        nbformat.write(calibration_notebook(code), course / "solutions" / name / f"{name}.ipynb")
    for assignment in assignments(load_config(course)):
        for student, folder in STUDENTS.items():
            source = course / folder / assignment / f"{assignment}.ipynb"
            if source.is_file():
                (course / "submitted" / student / assignment).mkdir(parents=True)
                (course / "submitted" / student / assignment / source.name).write_bytes(source.read_bytes())


def report(outcomes, total):
    """Print seconds per notebook, per student, and the start-up share."""
    print(f"{'student':<10} {'notebook':<22} {'seconds':>8} {'score':>9}  device  what went wrong")
    for o in outcomes:
        problems = "; ".join(o.problems) or "-"
        print(f"{o.student:<10} {o.assignment:<22} {o.seconds:>8.1f} {o.score:>4g}/{o.max_score:<4g}  {o.device:<6}  "
              f"{problems[:70]}")
    seconds = {(o.student, o.assignment): o.seconds for o in outcomes}
    empty, imports = seconds.pop(("reference", "zz_empty")), seconds.pop(("reference", "zz_imports"))
    print(f"\nstart-up of one notebook: {empty:.1f} s for the grading process, nbgrader and a kernel, "
          f"+ {imports - empty:.1f} s importing TensorFlow and Keras = {imports:.1f} s")
    for student in STUDENTS:
        mine = [s for (who, _), s in seconds.items() if who == student]
        share = 100 * len(mine) * imports / sum(mine)
        print(f"{student}: {sum(mine):.1f} s for {len(mine)} notebooks, {share:.0f}% of it start-up")
    print(f"whole run, including registering the assignments and exporting grades.csv: {total:.1f} s")


def main():
    """Grade the scratch course once and print the timings."""
    with tempfile.TemporaryDirectory() as scratch:
        course = copy_course(ROOT, Path(scratch) / "course")
        prepare(course)
        start = time.perf_counter()
        outcomes = grade(course)
        report(outcomes, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
