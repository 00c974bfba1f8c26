"""rnncourse.reference's NumPy forward passes give what the Keras layers give, to 1e-5."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from keras import layers

from rnncourse import reference

ATOL = 1e-5

# TF32 (on by default on Ampere and later GPUs) rounds matmul inputs to 10 mantissa bits,
# which alone moves the outputs by about 1e-3; the comparison is with full float32.
tf.config.experimental.enable_tensor_float_32_execution(False)

# name -> (Keras layer class, layer keyword arguments, NumPy step, number of states)
LAYERS = {
    "simple_rnn": (layers.SimpleRNN, {}, reference.simple_rnn_step, 1),
    "lstm": (layers.LSTM, {}, reference.lstm_step, 2),
    "gru_reset_after": (layers.GRU, {"reset_after": True}, reference.gru_step, 1),
    "gru_reset_before": (
        layers.GRU,
        {"reset_after": False},
        lambda x_t, h, *weights: reference.gru_step(x_t, h, *weights, reset_after=False),
        1,
    ),
}
SIZES = [(1, 1), (4, 3), (16, 8)]  # (units, features)


def random_layer(name, units, features, return_sequences, seed):
    """A built Keras layer whose kernels and biases are all random (biases included, unlike at initialisation)."""
    layer_class, kwargs, _, _ = LAYERS[name]
    layer = layer_class(units, return_sequences=return_sequences, **kwargs)
    layer.build((None, None, features))
    rng = np.random.default_rng(seed)
    layer.set_weights([rng.normal(0.0, 0.5, w.shape).astype("float32") for w in layer.get_weights()])
    return layer


def random_inputs(batch, timesteps, features, seed):
    """A float32 batch of shape (batch, timesteps, features)."""
    return np.random.default_rng(seed).normal(0.0, 1.0, (batch, timesteps, features)).astype("float32")


@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("units,features", SIZES)
@pytest.mark.parametrize("name", list(LAYERS))
def test_forward_pass_matches_keras(name, units, features, return_sequences):
    """The NumPy pass from the zero state equals the layer's output, last step or every step."""
    layer = random_layer(name, units, features, return_sequences, seed=units * 100 + features)
    x = random_inputs(batch=3, timesteps=7, features=features, seed=features)
    _, _, step, n_states = LAYERS[name]
    expected = np.asarray(layer(x))
    state = reference.zeros_state(batch=3, units=units, count=n_states)
    actual = reference.run(step, x, state, layer.get_weights(), return_sequences=return_sequences)
    assert actual.shape == expected.shape == ((3, 7, units) if return_sequences else (3, units))
    np.testing.assert_allclose(actual, expected, atol=ATOL, rtol=0)


@pytest.mark.parametrize("name", list(LAYERS))
def test_forward_pass_from_a_given_initial_state(name):
    """Starting from random states (h, and c for the LSTM) the NumPy pass still equals Keras."""
    units, features = 6, 4
    layer = random_layer(name, units, features, return_sequences=True, seed=7)
    x = random_inputs(batch=2, timesteps=5, features=features, seed=8)
    _, _, step, n_states = LAYERS[name]
    rng = np.random.default_rng(9)
    state = tuple(rng.uniform(-1.0, 1.0, (2, units)).astype("float32") for _ in range(n_states))
    expected = np.asarray(layer(x, initial_state=list(state)))
    actual = reference.run(step, x, state, layer.get_weights(), return_sequences=True)
    np.testing.assert_allclose(actual, expected, atol=ATOL, rtol=0)


def test_lstm_step_returns_the_cells_hidden_and_cell_state():
    """One lstm_step gives the Keras LSTMCell's new h and c, not just its output."""
    units, features = 5, 3
    layer = random_layer("lstm", units, features, return_sequences=False, seed=11)
    rng = np.random.default_rng(12)
    x_t = rng.normal(size=(4, features)).astype("float32")
    h, c = (rng.uniform(-1.0, 1.0, (4, units)).astype("float32") for _ in range(2))
    _, (keras_h, keras_c) = layer.cell(x_t, [h, c])
    numpy_h, numpy_c = reference.lstm_step(x_t, h, c, *layer.get_weights())
    np.testing.assert_allclose(numpy_h, np.asarray(keras_h), atol=ATOL, rtol=0)
    np.testing.assert_allclose(numpy_c, np.asarray(keras_c), atol=ATOL, rtol=0)


def test_the_two_gru_variants_differ():
    """Applying the reset gate before or after the recurrent matmul changes the result (so the tests above can tell)."""
    units, features = 8, 4
    layer = random_layer("gru_reset_before", units, features, return_sequences=False, seed=13)
    kernel, recurrent_kernel, bias = layer.get_weights()
    x = random_inputs(batch=3, timesteps=6, features=features, seed=14)
    state = reference.zeros_state(batch=3, units=units)
    before = reference.run(reference.gru_step, x, state, [kernel, recurrent_kernel, bias, False])
    after = reference.run(reference.gru_step, x, state, [kernel, recurrent_kernel, np.stack([bias, 0 * bias]), True])
    assert np.abs(before - after).max() > 100 * ATOL


def test_zeros_state_is_float32_and_shaped_per_state():
    """zeros_state gives `count` float32 zero arrays of shape (batch, units)."""
    state = reference.zeros_state(batch=2, units=3, count=2)
    assert len(state) == 2
    assert all(s.shape == (2, 3) and s.dtype == np.float32 and not s.any() for s in state)


def test_keras_layers_start_from_zero_state():
    """A layer called without initial_state equals one called with zeros (what reference.zeros_state assumes)."""
    layer = random_layer("lstm", 4, 2, return_sequences=True, seed=15)
    x = random_inputs(batch=2, timesteps=3, features=2, seed=16)
    zeros = [keras.ops.zeros((2, 4)), keras.ops.zeros((2, 4))]
    np.testing.assert_allclose(np.asarray(layer(x)), np.asarray(layer(x, initial_state=zeros)), atol=ATOL, rtol=0)
