"""The course folder and its nbgrader configuration, shared by release, grade and check."""

import os
import sys
from pathlib import Path

CONFIG_FILE = "nbgrader_config.py"


def find_root(start=None):
    """The course root: the nearest folder at or above ``start`` (default: here) that holds nbgrader_config.py."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def prepare_environment():
    """Put this Python's scripts first on PATH (for kernels and nbgrader's ``alembic``); set the course's variables."""
    bindir = os.path.dirname(sys.executable)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bindir:
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("MPLBACKEND", "Agg")


def load_config(root, overrides=None):
    """The course's nbgrader configuration, with ``{"Class.trait": value}`` overrides applied on top."""
    from traitlets.config import Config, PyFileConfigLoader

    config = Config()
    if (Path(root) / CONFIG_FILE).is_file():
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    for key, value in (overrides or {}).items():
        section, trait = key.split(".")
        config[section][trait] = value
    return config


def grading_overrides(timeout=None, max_lines=None, max_chars=None):
    """Configuration for robust autograding: our preprocessors, restored cells, and the given limits."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute, LimitOutput, OverwriteCells

    from .preprocessors import LimitOutputSize, RestoreDeletedCells, RobustExecute

    swap = {Execute: RobustExecute, LimitOutput: LimitOutputSize, OverwriteCells: RestoreDeletedCells}
    defaults = Autograde.class_traits()
    overrides = {
        "Autograde.sanitize_preprocessors": [swap.get(p, p) for p in defaults["sanitize_preprocessors"].default()],
        "Autograde.autograde_preprocessors": [swap.get(p, p) for p in defaults["autograde_preprocessors"].default()],
        "OverwriteCells.add_missing_cells": True,
        "Execute.shutdown_kernel": "immediate",  # a stuck kernel is killed at once, not after 5 s of asking
    }
    for key, value in [("Execute.timeout", timeout), ("LimitOutput.max_lines", max_lines),
                       ("LimitOutputSize.max_chars", max_chars)]:
        if value is not None:
            overrides[key] = value
    return overrides


def course_dirs(config):
    """nbgrader's CourseDirectory for ``config``: root, source, release, submitted, autograded and feedback folders."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=config)


def api(config):
    """An nbgrader API object bound to ``config`` (runs nbgrader's apps in this process)."""
    from nbgrader.apps import NbGraderAPI

    return NbGraderAPI(course_dirs(config), config=config)


def assignments(config):
    """The assignment ids: the folders ``<source>/<id>/`` that hold ``<id>.ipynb``, sorted."""
    dirs = course_dirs(config)
    source = Path(dirs.root) / dirs.source_directory
    if not source.is_dir():
        return []
    return sorted(p.name for p in source.iterdir() if (p / f"{p.name}.ipynb").is_file())


SCRATCH_IGNORED = (".venv", ".git", "_build", "submitted", "autograded", "feedback", "gradebook.db", "grades.csv",
                   "__pycache__", ".ipynb_checkpoints", ".jupyter_cache", "*.egg-info")


def copy_course(root, destination):
    """Copy the course to ``destination`` without its environment, history, submissions and grading results."""
    import shutil

    shutil.copytree(root, destination, ignore=shutil.ignore_patterns(*SCRATCH_IGNORED))
    return Path(destination)
