"""rnncourse.params formulas against Keras' own count_params()."""

import itertools

import keras
import pytest
from keras import layers

from rnncourse import params

GRID = list(itertools.product([1, 7, 64], [1, 5, 13]))


def built(layer, features, timesteps=3):
    """The layer after building it on (batch, timesteps, features) input."""
    keras.Sequential([keras.Input((timesteps, features)), layer])
    return layer


@pytest.mark.parametrize("units,features", GRID)
def test_simple_rnn(units, features):
    assert params.simple_rnn(units, features) == built(layers.SimpleRNN(units), features).count_params()


@pytest.mark.parametrize("units,features", GRID)
def test_simple_rnn_without_bias(units, features):
    layer = built(layers.SimpleRNN(units, use_bias=False), features)
    assert params.simple_rnn(units, features, use_bias=False) == layer.count_params()


@pytest.mark.parametrize("units,features", GRID)
def test_lstm(units, features):
    assert params.lstm(units, features) == built(layers.LSTM(units), features).count_params()


@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("units,features", GRID)
def test_gru(units, features, reset_after):
    layer = built(layers.GRU(units, reset_after=reset_after), features)
    assert params.gru(units, features, reset_after=reset_after) == layer.count_params()


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave"])
@pytest.mark.parametrize("units,features", GRID[::2])
def test_bidirectional(units, features, merge_mode):
    layer = built(layers.Bidirectional(layers.LSTM(units), merge_mode=merge_mode), features)
    assert params.bidirectional(params.lstm(units, features)) == layer.count_params()
    assert layer.compute_output_shape((None, 3, features))[-1] == params.bidirectional_width(units, merge_mode)


def test_bidirectional_rejects_unknown_merge_mode():
    with pytest.raises(ValueError, match="merge_mode"):
        params.bidirectional_width(4, "max")


@pytest.mark.parametrize("units,features", GRID)
def test_dense_and_time_distributed(units, features):
    dense = built(layers.Dense(units), features)
    wrapped = built(layers.TimeDistributed(layers.Dense(units)), features)
    assert params.dense(features, units) == dense.count_params() == wrapped.count_params()


@pytest.mark.parametrize("input_dim,output_dim", [(1, 1), (100, 16), (10_000, 32)])
def test_embedding(input_dim, output_dim):
    layer = layers.Embedding(input_dim, output_dim)
    keras.Sequential([keras.Input((4,), dtype="int32"), layer])
    assert params.embedding(input_dim, output_dim) == layer.count_params()


def test_guide_numbers():
    """The counts the guide prints, from the formulas alone."""
    assert (params.simple_rnn(64, 5), params.dense(64, 1)) == (4480, 65)
    assert params.lstm(64, 5) == 17920 and params.gru(64, 5) == 13632
    assert params.lstm(32, 64) == 12416 and params.dense(32, 1) == 33
    assert params.bidirectional(params.lstm(64, 5)) == 35840 and params.dense(128, 1) == 129
