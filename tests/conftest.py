"""Shared test set-up: quiet TensorFlow and a seeded runtime before any test imports it."""

import pytest

from rnncourse import runtime

runtime.setup()


@pytest.fixture(scope="session")
def site():
    """The HTML book in _build/html, built once per test session from the checked outputs."""
    from booktools import build_site

    return build_site()
