"""NumPy versions of the recurrent layers' forward passes, in Keras' weight layout.

Keras stores the gates side by side along the last axis of ``kernel``
(features x k·units), ``recurrent_kernel`` (units x k·units) and ``bias``:
LSTM in the order input, forget, candidate, output; GRU in the order update,
reset, candidate.
"""

import numpy as np


def sigmoid(x):
    """The logistic function, as Keras' ``sigmoid`` activation."""
    return 1.0 / (1.0 + np.exp(-x))


def simple_rnn_step(x_t, h, kernel, recurrent_kernel, bias):
    """h_t = tanh(x_t W + h_{t-1} U + b)."""
    return np.tanh(x_t @ kernel + h @ recurrent_kernel + bias)


def lstm_step(x_t, h, c, kernel, recurrent_kernel, bias):
    """One LSTM step; returns the new hidden state and cell state."""
    z = x_t @ kernel + h @ recurrent_kernel + bias
    i, f, g, o = np.split(z, 4, axis=-1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    h = sigmoid(o) * np.tanh(c)
    return h, c


def gru_step(x_t, h, kernel, recurrent_kernel, bias, reset_after=True):
    """One GRU step; ``bias`` is (2, 3·units) when ``reset_after`` else (3·units,)."""
    input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, 0.0)
    x_z, x_r, x_h = np.split(x_t @ kernel + input_bias, 3, axis=-1)
    u_z, u_r, u_h = np.split(recurrent_kernel, 3, axis=-1)
    if reset_after:
        h_z, h_r, h_h = np.split(h @ recurrent_kernel + recurrent_bias, 3, axis=-1)
        z, r = sigmoid(x_z + h_z), sigmoid(x_r + h_r)
        candidate = np.tanh(x_h + r * h_h)
    else:
        z, r = sigmoid(x_z + h @ u_z), sigmoid(x_r + h @ u_r)
        candidate = np.tanh(x_h + (r * h) @ u_h)
    return z * h + (1.0 - z) * candidate


def run(step, x, state, weights, return_sequences=False):
    """Apply ``step`` over the timesteps of ``x`` (batch, timesteps, features).

    ``state`` is a tuple of initial states; ``step(x_t, *state, *weights)``
    returns the new hidden state or a tuple whose first entry is it.
    Returns the last hidden state, or every step's when ``return_sequences``.
    """
    outputs = []
    for t in range(x.shape[1]):
        new = step(x[:, t, :], *state, *weights)
        state = new if isinstance(new, tuple) else (new,)
        outputs.append(state[0])
    return np.stack(outputs, axis=1) if return_sequences else outputs[-1]


def zeros_state(batch, units, count=1):
    """A tuple of ``count`` all-zero states, the layers' default initial state."""
    return tuple(np.zeros((batch, units), dtype="float32") for _ in range(count))
