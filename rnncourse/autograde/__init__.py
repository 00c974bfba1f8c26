"""The instructor's grading workflow on top of nbgrader: ``python -m rnncourse.autograde {release,grade,check}``.

- ``release``: regenerate exercises/ from solutions/ (``nbgrader generate_assignment --force``).
- ``grade``: autograde every submitted/<student>/<assignment>/ in its own process, write
  feedback/ and grades.csv, print a summary of scores and of what went wrong.
- ``check NB``: run one student notebook as ``nbgrader validate`` does, test by test.

The book's "Grading the exercises" page (book/instructors.md) walks through it.
"""
