"""The grading workflow (python -m rnncourse.autograde): release, grade and check, end to end and on bad input.

The end-to-end tests grade a scratch copy of the course once (a module fixture):
the reference solutions as one student, the untouched release as another, a
partly completed notebook, and every kind of bad submission, on the fastest
assignment and with tiny time limits.
"""

import copy
import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from rnncourse import runtime
from rnncourse.autograde import diagnose, grade, release
from rnncourse.autograde.config import copy_course, grading_overrides
from rnncourse.autograde.preprocessors import TRUNCATED, LimitOutputSize

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ["ex1_next_character", "ex2_lstm_vs_gru", "ex3_bilstm_ner", "ex4_date_translation", "ex5_dropout"]
# The bad submissions are variants of this assignment's student version, which grades in about 9 s on a
# 2-core CPU (every untouched release takes 9-11 s, mostly start-up; benchmarks/grading_timing.py measures them).
FASTEST = "ex1_next_character"
CELL_TIMEOUT = 10  # seconds per cell for the two students whose cells never end


# ---------------------------------------------------------------- fast unit tests


def grade_cell(source, grade_id, points=2, outputs=(), solution=False, locked=True, cell_type="code"):
    """A graded cell as nbgrader writes it."""
    meta = {"nbgrader": {"grade": True, "solution": solution, "locked": locked, "grade_id": grade_id,
                         "points": points, "schema_version": 3}}
    if cell_type == "markdown":
        return new_markdown_cell(source, metadata=meta)
    return new_code_cell(source, metadata=meta, outputs=list(outputs))


def error(ename, evalue=""):
    """An error output."""
    return new_output("error", ename=ename, evalue=evalue, traceback=[])


def test_failed_tests_name_the_cell_and_the_error():
    nb = new_notebook(cells=[
        grade_cell("assert True", "test_ok"),
        grade_cell("assert f(1) == 2", "test_f", outputs=[error("AssertionError", "f(1) should be 2")]),
        grade_cell("import warnings", "test_noisy", outputs=[new_output("stream", name="stderr", text="warning\n")]),
    ])
    assert diagnose.failed_tests(nb) == ["test_f (AssertionError)", "test_noisy (wrote to stderr)"]


def test_a_dead_kernel_is_reported_once_not_as_failed_tests():
    nb = new_notebook(cells=[
        new_code_cell("os._exit(1)", outputs=[error("KernelDied", "the kernel died while running this cell")]),
        grade_cell("assert f(1) == 2", "test_f", outputs=[error("NotRun", "not run: the kernel died in cell 1")]),
    ])
    assert diagnose.problems(nb, nb, nb, nb) == [
        "cell 1: the kernel died while running this cell", "the 1 cells after it not run"]


def test_manual_answers_are_listed_for_grading_by_hand():
    answer = grade_cell("Dropout helps because...", "answer_dropout", solution=True, locked=False, cell_type="markdown")
    answer.metadata.nbgrader["checksum"] = "not the checksum of this text"
    assert diagnose.manual_cells(new_notebook(cells=[answer])) == ["answer_dropout"]


def test_edited_and_deleted_locked_cells_are_found_and_hidden_tests_are_not_an_edit():
    explanation = {"nbgrader": {"locked": True, "grade_id": "why", "grade": False, "solution": False}}
    released = new_notebook(cells=[grade_cell("assert f(1) == 2", "test_a"), grade_cell("assert f(2) == 4", "test_b"),
                                   new_markdown_cell("Why?", metadata=explanation)])
    source = copy.deepcopy(released)
    source.cells[0].source += "\n### BEGIN HIDDEN TESTS\nassert f(3) == 6\n### END HIDDEN TESTS"
    unchanged = copy.deepcopy(source)
    assert diagnose.tampered_cells(unchanged, released, source) == []
    tampered = copy.deepcopy(released)
    tampered.cells[0].source = "pass"
    del tampered.cells[1:]
    assert diagnose.tampered_cells(tampered, released, source) == [
        "restored locked cell test_a (edited)", "restored test cell test_b (deleted)", "deleted locked cell why"]


def test_the_device_comes_from_the_runtime_line():
    line = new_output("stream", name="stdout", text="TensorFlow 2.21.0, Keras 3.15.1, on GPU (NVIDIA H100)\n")
    setup = new_code_cell("print(runtime.setup())", outputs=[line])
    assert diagnose.device(new_notebook(cells=[setup])) == "GPU (NVIDIA H100)"
    assert diagnose.device(new_notebook(cells=[new_code_cell("pass")])) == "-"


def test_limit_output_size_cuts_long_text_and_drops_huge_images():
    limiter = LimitOutputSize(max_chars=1000, max_lines=50)
    cell = new_code_cell("flood()", outputs=[
        new_output("stream", name="stdout", text="x" * 50_000),
        new_output("display_data", data={"image/png": "A" * 5000, "text/plain": "<Figure>"}),
    ])
    cell, _ = limiter.preprocess_cell(cell, {}, 0)
    assert len(cell.outputs[0].text) < 1100 and cell.outputs[0].text.endswith(TRUNCATED)
    assert "image/png" not in cell.outputs[1].data and TRUNCATED in cell.outputs[1].data["text/plain"]
    small = new_code_cell("ok()", outputs=[new_output("stream", name="stdout", text="fine\n")])
    assert limiter.preprocess_cell(small, {}, 0)[0].outputs[0].text == "fine\n"


def test_grading_swaps_in_the_robust_preprocessors():
    overrides = grading_overrides(timeout=7)
    names = [p.__name__ for p in overrides["Autograde.autograde_preprocessors"]]
    assert names[0] == "RobustExecute" and "LimitOutputSize" in names and "Execute" not in names
    assert "RestoreDeletedCells" in [p.__name__ for p in overrides["Autograde.sanitize_preprocessors"]]
    assert overrides["OverwriteCells.add_missing_cells"] is True and overrides["Execute.timeout"] == 7


def test_read_submission_explains_missing_misnamed_and_broken_notebooks(tmp_path):
    folder = tmp_path / "carol" / "ex9"
    folder.mkdir(parents=True)
    assert grade.read_submission(folder, "ex9")[1] == "missing: no ex9.ipynb in carol/ex9/"
    (folder / "Untitled.ipynb").write_text("{}")
    assert grade.read_submission(folder, "ex9")[1].startswith("wrong name: submitted Untitled.ipynb; expected ex9")
    (folder / "ex9.ipynb").write_text('{"cells": [')
    assert grade.read_submission(folder, "ex9")[1].startswith("not valid JSON (Expecting value: line 1 column 12")
    (folder / "ex9.ipynb").write_text('{"nbformat": 99}')
    problem = grade.read_submission(folder, "ex9")[1]
    assert problem == "not a valid notebook (NBFormatError: Unsupported nbformat version 99)"
    nbformat.write(new_notebook(), folder / "ex9.ipynb")
    notebook, problem = grade.read_submission(folder, "ex9")
    assert problem is None and notebook.cells == []


def test_the_gpu_grading_workflow_does_what_the_book_says():
    # tests/test_workflows.py checks that every workflow parses and names real make targets
    job = yaml.safe_load((ROOT / ".github" / "workflows" / "grade-gpu.yml").read_text())["jobs"]["grade"]
    assert job["runs-on"] == ["self-hosted", "gpu"]
    assert job["env"]["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make grade EXTRAS=book,test,grading,gpu" in runs
    uploads = [step["with"]["path"] for step in job["steps"] if "upload-artifact" in step.get("uses", "")]
    assert uploads and "grades.csv" in uploads[0] and "feedback/" in uploads[0]


# ---------------------------------------------------------------- the committed release


def test_the_five_assignments_have_a_solution_and_a_release():
    for assignment in ASSIGNMENTS:
        assert (ROOT / "solutions" / assignment / f"{assignment}.ipynb").is_file(), f"no solution for {assignment}"
        assert (ROOT / "exercises" / assignment / f"{assignment}.ipynb").is_file(), f"{assignment} not released"


def test_committed_release_is_up_to_date():
    changed = release.stale(ROOT)
    assert not changed, f"exercises/ differs from a fresh release in {changed}: run `make release`, commit exercises/"


def test_a_stale_release_is_detected(tmp_path):
    course = copy_course(ROOT, tmp_path / "course")
    released = course / "exercises" / FASTEST / f"{FASTEST}.ipynb"
    nb = nbformat.read(released, as_version=4)
    nb.cells[0].source += "\nAn edit made after the release."
    nbformat.write(nb, released)
    assert release.stale(course) == [f"{FASTEST}/{FASTEST}.ipynb"]


# ---------------------------------------------------------------- end to end


def run(course, *args, check=True):
    """Run ``python -m rnncourse.autograde ARGS`` in the scratch course; its completed process."""
    result = subprocess.run([sys.executable, "-m", "rnncourse.autograde", *args], cwd=course,
                            capture_output=True, text=True, timeout=1500)
    if check:
        assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def grade_ids(nb, kind):
    """The grade_ids of the solution cells (kind='solution') or of the autograded test cells (kind='test')."""
    pick = {"solution": lambda m: m.get("solution") and not m.get("grade"),
            "test": lambda m: m.get("grade") and not m.get("solution")}[kind]
    return [c.metadata.nbgrader["grade_id"] for c in nb.cells if pick(c.metadata.get("nbgrader", {}))]


def cell(nb, grade_id):
    """The cell with this grade_id."""
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def submit(course, student, assignment, nb=None, name=None, text=None):
    """Put a submission into submitted/<student>/<assignment>/ (an empty folder when given nothing)."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or assignment}.ipynb"
    if text is not None:
        path.write_text(text)
    elif nb is not None:
        nbformat.write(nb, path)


def with_code(nb, grade_id, code, before=False):
    """A copy of ``nb`` whose cell ``grade_id`` runs ``code`` first (or last)."""
    nb = copy.deepcopy(nb)
    target = cell(nb, grade_id)
    target.source = f"{code}\n{target.source}" if before else f"{target.source}\n{code}"
    return nb


def hashes(folder):
    """sha256 of every file under ``folder``."""
    files = (p for p in folder.rglob("*") if p.is_file())
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def summary_rows(stdout):
    """The summary table's rows, keyed by (student, assignment): the "what went wrong" column."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("student "))
    column = lines[start].index("what went wrong")
    rows = {}
    for line in lines[start + 1:]:
        if len(line) <= column or line[:column].strip() == "":
            break
        student, assignment = line.split()[:2]
        rows[(student, assignment)] = line[column:]
    return rows


def csv_grades(course):
    """grades.csv as {(student, assignment): row}."""
    with open(course / "grades.csv", newline="") as f:
        return {(row["student_id"], row["assignment"]): row for row in csv.DictReader(f)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A scratch course, released, with every kind of submission, graded once (twice for the cells that never end)."""
    course = copy_course(ROOT, tmp_path_factory.mktemp("grading") / "course")
    shutil.rmtree(course / "exercises", ignore_errors=True)
    run(course, "release")
    solution = {a: nbformat.read(course / "solutions" / a / f"{a}.ipynb", as_version=4) for a in ASSIGNMENTS}
    student = {a: nbformat.read(course / "exercises" / a / f"{a}.ipynb", as_version=4) for a in ASSIGNMENTS}
    for a in ASSIGNMENTS:
        submit(course, "alice", a, solution[a])
        submit(course, "bob", a, student[a])
    first_solution = grade_ids(solution[FASTEST], "solution")[0]
    first_test, second_test = grade_ids(solution[FASTEST], "test")[:2]
    partial = copy.deepcopy(student[FASTEST])
    cell(partial, first_solution).source = cell(solution[FASTEST], first_solution).source
    release_text = json.dumps(student[FASTEST], indent=1)
    submit(course, "broken_json", FASTEST, text=release_text[: len(release_text) // 2])
    submit(course, "missing", FASTEST)
    submit(course, "renamed", FASTEST, student[FASTEST], name=f"{FASTEST}-Copy1")
    bad = {
        "partial": partial,
        "exits_kernel": with_code(student[FASTEST], first_solution, "import os\nos._exit(1)", before=True),
        "segfaults": with_code(student[FASTEST], first_solution, "import ctypes\nctypes.string_at(0)", before=True),
        "floods_output": with_code(partial, first_solution, "for i in range(100_000):\n    print('spam', i)\n"
                                                            "print('x' * 20_000_000)"),
        "tampered": copy.deepcopy(partial),
        "loops_forever": with_code(student[FASTEST], first_solution, "while True:\n    pass", before=True),
        "ignores_interrupt": with_code(student[FASTEST], first_solution, "import signal\n"
                                       "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                       "while True:\n    pass", before=True),
    }
    # tampered: deletes the first test (which its first answer passes) and replaces the second by `pass`
    cell(bad["tampered"], second_test).source = "pass  # my own test"
    bad["tampered"].cells.remove(cell(bad["tampered"], first_test))
    for name, nb in bad.items():
        submit(course, name, FASTEST, nb)
    submit(course, "overtime", FASTEST, student[FASTEST])  # graded by its own test, with a 1 s limit
    before = {folder: hashes(course / folder) for folder in ("submitted", "exercises")}
    endless = ["loops_forever", "ignores_interrupt"]
    finite = ["alice", "bob", "broken_json", "missing", "renamed", *[s for s in bad if s not in endless]]
    first = run(course, "grade", *[f"--student={s}" for s in finite])
    second = run(course, "grade", f"--timeout={CELL_TIMEOUT}", *[f"--student={s}" for s in endless])
    return {"course": course, "solution": solution, "first_solution": first_solution,
            "first_test": first_test, "second_test": second_test,
            "summary": {**summary_rows(first.stdout), **summary_rows(second.stdout)},
            "grades": csv_grades(course), "before": before}


def score(graded, student, assignment=FASTEST):
    """(score, max_score) from grades.csv."""
    row = graded["grades"][(student, assignment)]
    return float(row["score"]), float(row["max_score"])


def manual_points(nb):
    """Points of the answers graded by hand (nbgrader cannot give them)."""
    return sum(c.metadata.nbgrader["points"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.metadata.nbgrader.get("solution"))


def test_reference_solutions_get_every_automatic_point(graded):
    for assignment in ASSIGNMENTS:
        got, maximum = score(graded, "alice", assignment)
        assert maximum > 0
        assert got == maximum - manual_points(graded["solution"][assignment]), (assignment, graded["summary"])


def test_untouched_release_gets_zero(graded):
    for assignment in ASSIGNMENTS:
        assert score(graded, "bob", assignment)[0] == 0, assignment
        assert "failed" in graded["summary"][("bob", assignment)]


def test_partly_completed_notebook_gets_partial_marks(graded):
    got, maximum = score(graded, "partial")
    assert 0 < got < maximum
    assert graded["summary"][("partial", FASTEST)].startswith("failed ")
    assert graded["first_test"] not in graded["summary"][("partial", FASTEST)]


@pytest.mark.parametrize("student, says", [
    ("broken_json", "not valid JSON ("),
    ("missing", f"missing: no {FASTEST}.ipynb"),
    ("renamed", f"wrong name: submitted {FASTEST}-Copy1.ipynb; expected {FASTEST}.ipynb"),
    ("exits_kernel", "{first_solution}: the kernel died while running this cell"),
    ("segfaults", "{first_solution}: the kernel died while running this cell"),
    ("loops_forever", "{first_solution} ran past the per-cell time limit and was interrupted"),
    ("ignores_interrupt", f"{{first_solution}}: the kernel did not answer within {CELL_TIMEOUT} s, even after"),
])
def test_bad_submissions_get_zero_and_a_clear_line(graded, student, says):
    assert says.format(first_solution=graded["first_solution"]) in graded["summary"][(student, FASTEST)]
    assert score(graded, student)[0] == 0
    assert (graded["course"] / "feedback" / student / FASTEST / f"{FASTEST}.html").is_file()


def test_edited_and_deleted_test_cells_are_restored(graded):
    summary = graded["summary"][("tampered", FASTEST)]
    assert f"restored test cell {graded['first_test']} (deleted)" in summary
    assert f"restored locked cell {graded['second_test']} (edited)" in summary
    # the deleted test came back and passed; the student's own `pass` test earned nothing
    assert score(graded, "tampered") == score(graded, "partial")
    autograded = nbformat.read(graded["course"] / "autograded" / "tampered" / FASTEST / f"{FASTEST}.ipynb", 4)
    for test in (graded["first_test"], graded["second_test"]):
        assert cell(graded["solution"][FASTEST], test).source in cell(autograded, test).source, test


def test_huge_output_is_cut_and_the_rest_still_graded(graded):
    assert "truncated" in graded["summary"][("floods_output", FASTEST)]
    assert score(graded, "floods_output") == score(graded, "partial")
    feedback = graded["course"] / "feedback" / "floods_output" / FASTEST / f"{FASTEST}.html"
    assert feedback.stat().st_size < 3_000_000, "20 MB of output reached the feedback page"


def test_feedback_is_written_and_names_the_device(graded):
    device = "GPU" if runtime.has_gpu() else "CPU"  # the kernels see what this process sees
    for assignment in ASSIGNMENTS:
        page = (graded["course"] / "feedback" / "alice" / assignment / f"{assignment}.html").read_text()
        assert f" on {device}" in page, assignment
        assert graded["summary"][("alice", assignment)].startswith("-") or "to grade by hand" in \
            graded["summary"][("alice", assignment)], graded["summary"][("alice", assignment)]
    assert graded["summary"][("alice", FASTEST)] == "-"


def test_grades_csv_is_nbgraders_export_with_a_row_per_student_and_assignment(graded):
    header = (graded["course"] / "grades.csv").read_text().splitlines()[0]
    assert header == ("assignment,duedate,timestamp,student_id,last_name,first_name,email,"
                      "raw_score,late_submission_penalty,score,max_score")
    students = {student for student, _ in graded["grades"]}
    assert {"alice", "bob", "partial", "missing", "segfaults"} <= students
    assert len(graded["grades"]) == len(students) * len(ASSIGNMENTS)


def test_grading_never_modifies_the_submissions_or_the_release(graded):
    for folder, before in graded["before"].items():
        assert hashes(graded["course"] / folder) == before, folder


def test_regrading_gives_the_same_grades(graded):
    course = graded["course"]
    before = (course / "grades.csv").read_text()
    run(course, "grade", f"--assignment={FASTEST}", "--student=bob", "--student=tampered", "--student=missing")
    assert (course / "grades.csv").read_text() == before


def test_a_submission_over_the_time_limit_is_stopped_and_the_others_are_kept(graded):
    course = graded["course"]
    before = csv_grades(course)
    result = run(course, "grade", f"--assignment={FASTEST}", "--student=overtime", "--limit=1")
    assert "stopped after 1 s" in summary_rows(result.stdout)[("overtime", FASTEST)]
    after = csv_grades(course)
    assert float(after[("overtime", FASTEST)]["score"]) == 0
    assert all(after[key] == row for key, row in before.items() if key[0] != "overtime")
    assert not (course / "autograded" / "overtime" / FASTEST).exists()


def test_check_reports_each_visible_test(graded):
    course = graded["course"]
    partial = course / "submitted" / "partial" / FASTEST / f"{FASTEST}.ipynb"
    result = run(course, "check", str(partial), check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"passed    {graded['first_test']}" in result.stdout
    assert "FAILED" in result.stdout and "visible tests pass" in result.stdout
    broken = run(course, "check", str(course / "submitted" / "broken_json" / FASTEST / f"{FASTEST}.ipynb"), check=False)
    assert broken.returncode == 2 and "not valid JSON" in broken.stdout


def test_points_given_by_hand_complete_the_reference_marks(graded):
    """What book/instructors.md describes: grade the written answers by hand, then `nbgrader export`."""
    from nbgrader.api import Gradebook

    course = graded["course"]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for assignment in ASSIGNMENTS:
            for notebook in gradebook.find_submission(assignment, "alice").notebooks:
                for grade_ in notebook.grades:
                    if grade_.auto_score is None:
                        grade_.manual_score = grade_.max_score
        gradebook.db.commit()
    subprocess.run([sys.executable, "-m", "nbgrader", "export"], cwd=course, check=True, capture_output=True)
    grades = csv_grades(course)
    for assignment in ASSIGNMENTS:
        row = grades[("alice", assignment)]
        assert float(row["score"]) == float(row["max_score"]) > 0, assignment
