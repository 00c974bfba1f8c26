"""``grade``: autograde every submission in its own process, write feedback and grades.csv, print a summary."""

import copy
import html
import json
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import diagnose
from .config import api, assignments, course_dirs, load_config, prepare_environment

DEFAULT_LIMIT = 1200
GRADES_CSV = "grades.csv"


@dataclass
class Outcome:
    """One row of the summary: a (student, assignment) and what became of it."""

    student: str
    assignment: str
    score: float = 0.0
    max_score: float = 0.0
    device: str = "-"
    problems: list = field(default_factory=list)
    seconds: float = 0.0


def register(config, ids, scratch):
    """Record every assignment's cells in the gradebook; the student versions go to ``scratch``, not exercises/."""
    scratch_config = copy.deepcopy(config)
    scratch_config.CourseDirectory.release_directory = str(scratch)
    nbgrader = api(scratch_config)
    for assignment in ids:
        result = nbgrader.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise SystemExit(f"could not register {assignment} in the gradebook:\n{result['error'] or result['log']}")


def submissions(config, students=None, only=None):
    """The (student, assignment) pairs found as folders submitted/<student>/<assignment>/, sorted."""
    dirs = course_dirs(config)
    submitted = Path(dirs.root) / dirs.submitted_directory
    found = []
    for student in sorted(p for p in submitted.glob("[!.]*") if p.is_dir()):
        for folder in sorted(p for p in student.glob("[!.]*") if p.is_dir()):
            if (not students or student.name in students) and (not only or folder.name in only):
                found.append((student.name, folder.name))
    return found


def read_submission(folder, assignment):
    """(the submitted notebook, None), or (None, why it cannot be graded: missing, misnamed or unreadable)."""
    expected = folder / f"{assignment}.ipynb"
    if not expected.is_file():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        if others:
            names = ", ".join(others)
            return None, f"wrong name: submitted {names}; expected {expected.name} (rename it and grade again)"
        return None, f"missing: no {expected.name} in {folder.parent.name}/{folder.name}/"
    return diagnose.load_notebook(expected)


def stop(process):
    """Kill a worker and every process it started (kernels run in their own sessions)."""
    import psutil

    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    for member in [*family, process]:
        try:
            member.kill()
        except (psutil.NoSuchProcess, ProcessLookupError):
            pass
    process.wait()


def run_worker(root, assignment, student, limit, limits):
    """Grade one submission in a child process; (nbgrader's result or None, a problem or None)."""
    args = [str(limits.get(k)) if limits.get(k) is not None else "-" for k in ("timeout", "max_lines", "max_chars")]
    command = [sys.executable, "-m", "rnncourse.autograde.worker", str(root), assignment, student, *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=root, stdout=out, stderr=err, text=True, start_new_session=True)
        try:
            process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            stop(process)
            return None, f"stopped after {limit} s (the grading time limit for one submission)"
        except BaseException:  # Ctrl-C or SIGTERM: leave no worker or kernel running behind us
            stop(process)
            raise
        out.seek(0)
        err.seek(0)
        lines = [line for line in out.read().splitlines() if line.startswith("{")]
        if process.returncode != 0 or not lines:
            tail = (err.read().strip().splitlines() or ["no output"])[-1]
            return None, f"the grader crashed (exit {process.returncode}): {tail[:160]}"
        return json.loads(lines[-1]), None


def record_zero(config, assignment, student):
    """Give a submission that could not be graded zero automatic points in the gradebook."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    dirs = course_dirs(config)
    with Gradebook(dirs.db_url, dirs.course_id) as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own update_or_create_submission trips it
        gradebook.update_or_create_student(student)
        submission = gradebook.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gradebook.db.commit()


def scores(config, assignment, student):
    """(score, max_score) of a submission, from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    dirs = course_dirs(config)
    with Gradebook(dirs.db_url, dirs.course_id) as gradebook:
        maximum = gradebook.find_assignment(assignment).max_score
        try:
            return gradebook.find_submission(assignment, student).score, maximum
        except MissingEntry:
            return 0.0, maximum


def clear_outputs(config, assignment, student):
    """Remove a submission's autograded notebook and feedback, so nothing stale survives a failed grading."""
    dirs = course_dirs(config)
    for step in (dirs.autograded_directory, dirs.feedback_directory):
        shutil.rmtree(Path(dirs.root) / step / student / assignment, ignore_errors=True)


def failure_feedback(config, assignment, student, reason):
    """Write the feedback page of a submission that could not be graded: the reason, and what to do."""
    dirs = course_dirs(config)
    folder = Path(dirs.root) / dirs.feedback_directory / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    text = html.escape(reason)
    (folder / f"{assignment}.html").write_text(
        f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{assignment}: not graded</title></head>\n"
        f"<body><h1>{assignment}: your submission could not be graded</h1>\n<p>{text}</p>\n"
        f"<p>Score: 0. Check your notebook with <code>make check NB=...</code> and submit it again "
        f"as <code>{assignment}.ipynb</code>.</p></body></html>\n",
        encoding="utf-8",
    )


def read(folder):
    """The notebook named after its folder: ``folder/<folder name>.ipynb``."""
    return nbformat.read(Path(folder) / f"{Path(folder).name}.ipynb", as_version=4)


def autograded_notebook(config, assignment, student):
    """The autograded notebook that nbgrader wrote for a submission."""
    dirs = course_dirs(config)
    return read(Path(dirs.root) / dirs.autograded_directory / student / assignment)


def grade_submission(config, assignment, student, released, limit, limits):
    """Grade one (student, assignment) in isolation and return its summary row.

    ``released`` maps each assignment to its (student version, source version) notebooks.
    """
    dirs = course_dirs(config)
    outcome = Outcome(student, assignment)
    if assignment not in released:
        outcome.problems = [f"unknown assignment folder (expected one of {', '.join(released)}); not graded"]
        return outcome
    start = time.perf_counter()
    submitted, problem = read_submission(Path(dirs.root) / dirs.submitted_directory / student / assignment, assignment)
    if problem is None:
        result, problem = run_worker(dirs.root, assignment, student, limit, limits)
        if result is not None and not result["autograde"]:
            problem = "nbgrader could not grade it: " + _last_error(result)
    if problem is None:
        graded = autograded_notebook(config, assignment, student)
        outcome.device = diagnose.device(graded)
        outcome.problems = diagnose.problems(graded, submitted, *released[assignment])
        if not result.get("feedback"):
            outcome.problems.append("feedback not written: " + _last_error(result))
    else:
        clear_outputs(config, assignment, student)
        record_zero(config, assignment, student)
        failure_feedback(config, assignment, student, problem)
        outcome.problems = [problem]
    outcome.score, outcome.max_score = scores(config, assignment, student)
    outcome.seconds = time.perf_counter() - start
    return outcome


def _last_error(result):
    """The last meaningful line of nbgrader's error or log."""
    lines = [line for line in (result.get("error") or result.get("log") or "").splitlines() if line.strip()]
    return lines[-1].strip()[:160] if lines else "no message"


def export(config, path):
    """Write nbgrader's CSV export of every grade in the gradebook to ``path``."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin

    dirs = course_dirs(config)
    with Gradebook(dirs.db_url, dirs.course_id) as gradebook:
        CsvExportPlugin(to=str(path)).export(gradebook)


def table(outcomes):
    """The summary as aligned text: student, assignment, score, max, device, seconds, what went wrong."""
    header = ("student", "assignment", "score", "max", "device", "seconds", "what went wrong")
    rows = [header] + [
        (o.student, o.assignment, f"{o.score:g}", f"{o.max_score:g}", o.device, f"{o.seconds:.0f}",
         "; ".join(o.problems) or "-")
        for o in outcomes
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows)


def grade(root, students=None, only=None, limit=DEFAULT_LIMIT, csv=GRADES_CSV, progress=None, **limits):
    """Grade every submission (or the given students/assignments), export ``csv``, and return the summary rows.

    ``progress``, if given, is called with each row as soon as that submission is graded.
    """
    prepare_environment()
    config = load_config(root)
    dirs = course_dirs(config)
    ids = assignments(config)
    if not ids:
        raise SystemExit(f"no assignments in {course_dirs(config).source_directory}/: nothing to grade against")
    with tempfile.TemporaryDirectory() as scratch:
        register(config, ids, scratch)
        released = {a: (read(Path(scratch) / a), read(Path(dirs.root) / dirs.source_directory / a)) for a in ids}
        outcomes = []
        for student, assignment in submissions(config, students, only):
            outcomes.append(grade_submission(config, assignment, student, released, limit, limits))
            if progress:
                progress(outcomes[-1])
    export(config, Path(root) / csv)
    return outcomes
