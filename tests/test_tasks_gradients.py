"""rnncourse.tasks (synthetic sequences) and rnncourse.gradients (gradients through time)."""

import keras
import numpy as np
import pytest
from keras import layers

from rnncourse import gradients, tasks


def test_one_hot_rows_and_range_check():
    encoded = tasks.one_hot([[0, 2], [1, 1]], 3)
    assert encoded.shape == (2, 2, 3) and encoded.dtype == np.float32
    np.testing.assert_array_equal(encoded.argmax(-1), [[0, 2], [1, 1]])
    np.testing.assert_array_equal(encoded.sum(-1), np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        tasks.one_hot([0, 3], 3)


def test_recall_first_shapes_and_labels():
    x, y = tasks.recall_first(50, 7, 5, seed=3)
    assert x.shape == (50, 7, 5) and x.dtype == np.float32
    assert y.shape == (50,) and y.dtype == np.int64
    np.testing.assert_array_equal(x.sum(-1), np.ones((50, 7)))
    np.testing.assert_array_equal(y, x[:, 0].argmax(-1))


def test_recall_first_is_seeded_and_uses_every_symbol():
    x1, y1 = tasks.recall_first(400, 30, 4, seed=1)
    x2, y2 = tasks.recall_first(400, 30, 4, seed=1)
    x3, _ = tasks.recall_first(400, 30, 4, seed=2)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(x1, x3)
    # the first symbol and the distractors are both roughly uniform over the 4 symbols
    assert np.bincount(y1, minlength=4).min() > 60
    assert np.allclose(x1[:, 1:].mean(axis=(0, 1)), 0.25, atol=0.02)


def test_recall_first_rejects_degenerate_sizes():
    with pytest.raises(ValueError):
        tasks.recall_first(10, 0, 4)
    with pytest.raises(ValueError):
        tasks.recall_first(10, 5, 1)


def test_chance_accuracy():
    assert tasks.chance_accuracy(4) == 0.25


def _head(rnn, timesteps, features, outputs=3):
    return keras.Sequential([keras.Input((timesteps, features)), rnn, layers.Dense(outputs, activation="softmax")])


def test_input_gradient_norms_shape_and_no_memory_without_recurrence():
    # With a zero recurrent kernel the last state depends on the last input only.
    x, y = tasks.recall_first(8, 6, 3, seed=0)
    model = _head(layers.SimpleRNN(5, recurrent_initializer="zeros"), 6, 3)
    norms = gradients.input_gradient_norms(model, x, y, keras.losses.sparse_categorical_crossentropy)
    assert norms.shape == (6,)
    assert np.all(norms[:-1] == 0.0) and norms[-1] > 0.0


def test_input_gradients_are_per_example():
    # Summing the per-example losses: an example's gradient does not depend on the batch around it.
    x, y = tasks.recall_first(6, 5, 3, seed=4)
    model = _head(layers.SimpleRNN(4), 5, 3)
    loss = keras.losses.sparse_categorical_crossentropy
    whole = gradients.input_gradients(model, x, y, loss)
    alone = gradients.input_gradients(model, x[:1], y[:1], loss)
    np.testing.assert_allclose(whole[:1], alone, rtol=1e-5, atol=1e-7)


def test_numpy_backprop_through_time_matches_the_tape():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 9, 2)).astype("float32")
    direction = rng.normal(size=(3, 4)).astype("float32")
    rnn = layers.SimpleRNN(4)
    model = keras.Sequential([keras.Input((9, 2)), rnn])
    # loss = sum(h_T * direction), so dLoss/dh_T = direction
    tape = gradients.input_gradients(model, x, direction, lambda d, h: keras.ops.sum(d * h, axis=-1))
    by_hand = gradients.simple_rnn_input_gradients(x, *rnn.get_weights(), direction)
    np.testing.assert_allclose(by_hand, tape, rtol=1e-4, atol=1e-6)


def test_decades_lost():
    assert gradients.decades_lost([1e-3, 1e-2, 1.0]) == pytest.approx(3.0)
    assert gradients.decades_lost([10.0, 1.0]) == pytest.approx(-1.0)


def test_chrono_initializer_biases():
    units, max_timesteps = 16, 40
    lstm = layers.LSTM(units, unit_forget_bias=False, bias_initializer=gradients.ChronoInitializer(max_timesteps, seed=1))
    keras.Sequential([keras.Input((5, 3)), lstm])
    bias = lstm.cell.bias.numpy()
    input_gate, forget_gate, rest = bias[:units], bias[units : 2 * units], bias[2 * units :]
    assert np.all(forget_gate >= 0.0) and np.all(forget_gate <= np.log(max_timesteps - 1) + 1e-6)
    np.testing.assert_allclose(input_gate, -forget_gate)
    assert np.all(rest == 0.0)
    assert gradients.ChronoInitializer(max_timesteps, seed=1).get_config() == {"max_timesteps": 40, "seed": 1}


def test_chrono_initializer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="max_timesteps"):
        gradients.ChronoInitializer(2)
    with pytest.raises(ValueError, match="4 \\* units"):
        gradients.ChronoInitializer(10)((6,))


def test_open_forget_gates_keep_the_gradient_alive():
    # The chapter's claim in small: at initialization the default LSTM loses far more
    # of its gradient over 60 steps than one whose forget gates start open.
    timesteps = 60
    x, y = tasks.recall_first(16, timesteps, 4, seed=5)
    loss = keras.losses.sparse_categorical_crossentropy
    keras.utils.set_random_seed(0)
    default = _head(layers.LSTM(8), timesteps, 4, outputs=4)
    chrono = _head(
        layers.LSTM(8, unit_forget_bias=False, bias_initializer=gradients.ChronoInitializer(timesteps)), timesteps, 4, 4
    )
    lost_default = gradients.decades_lost(gradients.input_gradient_norms(default, x, y, loss))
    lost_chrono = gradients.decades_lost(gradients.input_gradient_norms(chrono, x, y, loss))
    assert lost_default > 2.0 + lost_chrono
