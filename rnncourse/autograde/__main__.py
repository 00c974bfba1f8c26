"""Command line: ``python -m rnncourse.autograde {release,grade,check}``.

The Makefile's ``make release``, ``make grade`` and ``make check NB=...`` call it.
"""

import argparse
import signal
import sys

from .config import find_root
from .grade import DEFAULT_LIMIT, GRADES_CSV


def parser():
    """The argument parser of the three commands."""
    main = argparse.ArgumentParser(prog="python -m rnncourse.autograde", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    release = commands.add_parser("release", help="regenerate exercises/ from solutions/")
    release.add_argument("--check", action="store_true", help="only report whether exercises/ is out of date")
    grade = commands.add_parser("grade", help="autograde submitted/, write feedback/ and grades.csv")
    grade.add_argument("--student", action="append", help="grade only this student (repeatable)")
    grade.add_argument("--assignment", action="append", help="grade only this assignment (repeatable)")
    grade.add_argument("--timeout", type=int, help="seconds one cell may run (default: nbgrader_config.py's)")
    grade.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="seconds one submission may take in all")
    grade.add_argument("--max-lines", type=int, help="lines of output kept per cell (nbgrader's LimitOutput)")
    grade.add_argument("--max-chars", type=int, help="characters kept per output")
    grade.add_argument("--csv", default=GRADES_CSV, help="where to export the grades, relative to the course root")
    check = commands.add_parser("check", help="validate one notebook and report each test")
    check.add_argument("notebook", nargs="?", help="path of the notebook (make check NB=path)")
    return main


def course_root():
    """The course folder around the working folder, or exit with a message."""
    root = find_root()
    if root is None:
        sys.exit("No nbgrader_config.py here or above: run this from the course folder.")
    return root


def show_progress(outcome):
    """One line on stderr as each submission is graded."""
    print(f"graded {outcome.student}/{outcome.assignment}: {outcome.score:g} of {outcome.max_score:g} "
          f"({outcome.seconds:.0f} s)", file=sys.stderr, flush=True)


def main(argv=None):
    """Run one command and return its exit status."""
    args = parser().parse_args(argv)
    if args.command == "check":
        from .check import check

        return check(args.notebook)
    root = course_root()
    if args.command == "release":
        from .release import release, stale

        if args.check:
            changed = stale(root)
            print("Out of date (run make release): " + ", ".join(changed) if changed else "exercises/ is up to date.")
            return 1 if changed else 0
        print("Released:", ", ".join(release(root)) or "nothing (no solutions/<id>/<id>.ipynb)")
        return 0
    from .grade import grade, table

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so a killed run stops its worker and kernel too
    outcomes = grade(root, args.student, args.assignment, args.limit, args.csv, progress=show_progress,
                     timeout=args.timeout, max_lines=args.max_lines, max_chars=args.max_chars)
    print(table(outcomes) if outcomes else "Nothing to grade: no submitted/<student>/<assignment>/ folders.")
    print(f"Grades: {args.csv}; feedback: feedback/<student>/<assignment>/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
