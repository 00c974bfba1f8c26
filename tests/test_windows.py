"""Tests of rnncourse.windows.sliding_windows."""

import numpy as np
import pytest

from rnncourse.windows import sliding_windows


def test_windows_and_targets_of_a_short_sequence():
    x, y = sliding_windows(np.arange(6), timesteps=3)
    assert x.tolist() == [[0, 1, 2], [1, 2, 3], [2, 3, 4]]
    assert y.tolist() == [3, 4, 5]


@pytest.mark.parametrize("length, timesteps, step", [(10, 3, 1), (10, 3, 2), (10, 3, 7), (100, 32, 5), (33, 32, 1)])
def test_number_of_pairs_follows_the_formula(length, timesteps, step):
    x, y = sliding_windows(np.arange(length), timesteps, step)
    pairs = (length - timesteps - 1) // step + 1
    assert x.shape == (pairs, timesteps) and y.shape == (pairs,)
    assert np.array_equal(x[:, 0], np.arange(pairs) * step)
    assert np.array_equal(y, x[:, -1] + 1)


def test_multi_feature_elements_keep_their_shape():
    sequence = np.arange(20).reshape(10, 2)
    x, y = sliding_windows(sequence, timesteps=4)
    assert x.shape == (6, 4, 2) and y.shape == (6, 2)
    assert np.array_equal(y[0], sequence[4])


@pytest.mark.parametrize("length, timesteps, step", [(3, 3, 1), (5, 0, 1), (5, 2, 0)])
def test_impossible_windows_raise(length, timesteps, step):
    with pytest.raises(ValueError):
        sliding_windows(np.arange(length), timesteps, step)
