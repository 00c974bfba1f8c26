"""Data loaders: sizes of the real data sets, and clear errors for a missing or corrupt cache."""

import shutil

import numpy as np
import pytest

from rnncourse import data
from rnncourse.data import cache, movie_reviews, series, shakespeare

REAL_CACHE = cache.cache_dir()


def test_movie_reviews_sizes_and_labels():
    sentences, labels = movie_reviews.load()
    assert len(sentences) == len(labels) == 10_568
    assert set(np.unique(labels)) == {0, 1}
    assert int(labels.sum()) == 5_242


def test_movie_review_splits_are_disjoint_and_fixed():
    first, second = movie_reviews.splits(), movie_reviews.splits()
    sizes = {name: len(part[0]) for name, part in first.items()}
    assert sizes == {"train": 8_454, "validation": 1_057, "test": 1_057}
    assert first["test"][0] == second["test"][0]
    assert sum(sizes.values()) == len(movie_reviews.load()[0])


def test_shakespeare_plain_text():
    text = shakespeare.load(("macbeth",))
    assert text.startswith("When shall we three meet again")
    assert "**" not in text and "#" not in text
    assert "macbeth" in shakespeare.plays() and len(shakespeare.plays()) == 38


def test_unknown_play_is_named():
    with pytest.raises(ValueError, match="no-such-play"):
        shakespeare.load(("no-such-play",))


def test_series_lengths():
    years, spots = series.load_sunspots()
    assert len(years) == len(spots) == 309 and years[0] == 1700
    dates, ppm = series.load_co2()
    assert len(dates) == len(ppm) == 2_284 and not np.isnan(ppm).any()


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty data cache in a temporary folder."""
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    return tmp_path


def test_missing_file_names_the_repair_command(private_cache):
    with pytest.raises(data.DataError, match="python -m rnncourse.data fetch"):
        movie_reviews.load()


def test_corrupt_file_is_refused(private_cache):
    shutil.copy(REAL_CACHE / shakespeare.WHEEL, private_cache / shakespeare.WHEEL)
    with open(private_cache / shakespeare.WHEEL, "r+b") as f:
        f.seek(1000)
        f.write(b"corrupted")
    with pytest.raises(data.DataError, match="corrupt.*--force"):
        shakespeare.load()


def test_catalog_names_source_and_licence():
    for entry in data.CATALOG:
        assert entry["source"] and entry["licence"] and entry["module"].startswith("rnncourse.data")
