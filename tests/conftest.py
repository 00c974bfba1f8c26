"""Shared test set-up: quiet TensorFlow and a seeded runtime before any test imports it."""

import os
from pathlib import Path

import pytest

from rnncourse import runtime

runtime.setup()


@pytest.fixture(scope="session")
def site():
    """The HTML book in _build/html, built once per test session from the checked outputs.

    RNNCOURSE_SITE=path/to/html tests a book built already instead, such as the executed one that
    `make book` writes and the Pages workflow publishes.
    """
    from booktools import build_site

    if os.environ.get("RNNCOURSE_SITE"):
        return Path(os.environ["RNNCOURSE_SITE"]).resolve()
    return build_site()
