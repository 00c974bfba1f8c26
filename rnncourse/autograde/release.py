"""``release``: regenerate the student notebooks (exercises/) from the solutions (solutions/)."""

import json
import tempfile
from pathlib import Path

from .config import api, assignments, course_dirs, load_config, prepare_environment


def release(root, release_directory=None, db_url=None):
    """Run nbgrader generate_assignment --force for every assignment; return the released ids.

    ``release_directory`` and ``db_url`` redirect the output and the gradebook
    (a test regenerates into a scratch folder this way).
    """
    prepare_environment()
    overrides = {}
    if release_directory:
        overrides["CourseDirectory.release_directory"] = str(release_directory)
    if db_url:
        overrides["CourseDirectory.db_url"] = db_url
    config = load_config(root, overrides)
    nbgrader = api(config)
    ids = assignments(config)
    for assignment in ids:
        result = nbgrader.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise SystemExit(f"nbgrader generate_assignment {assignment} failed:\n{result['error'] or result['log']}")
    return ids


def fingerprint(folder):
    """What a release must reproduce: per file, each cell's type, source and nbgrader metadata (other files: bytes)."""
    folder = Path(folder)
    prints = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        key = str(path.relative_to(folder))
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            prints[key] = [(c["cell_type"], "".join(c["source"]), c["metadata"].get("nbgrader")) for c in cells]
        else:
            prints[key] = path.read_bytes()
    return prints


def stale(root):
    """The released files that differ from a fresh regeneration (empty when exercises/ is up to date)."""
    with tempfile.TemporaryDirectory() as scratch:
        release(root, Path(scratch) / "release", "sqlite:///" + str(Path(scratch) / "gradebook.db"))
        fresh = fingerprint(Path(scratch) / "release")
    dirs = course_dirs(load_config(root))
    committed = fingerprint(Path(dirs.root) / dirs.release_directory)
    return sorted(key for key in fresh.keys() | committed.keys() if fresh.get(key) != committed.get(key))
