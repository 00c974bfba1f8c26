"""Grade one (student, assignment) in its own process: ``python -m rnncourse.autograde.worker ROOT ASSIGNMENT STUDENT``.

``grade`` starts one of these per submission under a wall-clock limit, so a
submission that hangs, floods memory or crashes nbgrader cannot stop the others.
It prints one JSON line: whether autograding and feedback succeeded, nbgrader's
log and its error.
"""

import json
import sys

from .config import api, grading_overrides, load_config, prepare_environment

OPTIONS = ("timeout", "max_lines", "max_chars")


def grade_one(root, assignment, student, **limits):
    """Autograde one submission and write its feedback; nbgrader's results as a dict."""
    prepare_environment()
    nbgrader = api(load_config(root, grading_overrides(**limits)))
    graded = nbgrader.autograde(assignment, student, force=True, create=True)
    result = {"autograde": graded.get("success", False), "log": graded.get("log", ""), "error": graded.get("error", "")}
    if result["autograde"]:
        feedback = nbgrader.generate_feedback(assignment, student, force=True)
        result["feedback"] = feedback.get("success", False)
        result["error"] += feedback.get("error", "")
    return result


def main(argv=None):
    """Command line: ROOT ASSIGNMENT STUDENT [timeout max_lines max_chars as integers or '-']."""
    root, assignment, student, *rest = argv if argv is not None else sys.argv[1:]
    limits = {name: int(value) for name, value in zip(OPTIONS, rest) if value != "-"}
    print(json.dumps(grade_one(root, assignment, student, **limits)))


if __name__ == "__main__":
    main()
