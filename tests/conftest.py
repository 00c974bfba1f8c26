"""Shared test set-up: quiet TensorFlow and a seeded runtime before any test imports it."""

from rnncourse import runtime

runtime.setup()
