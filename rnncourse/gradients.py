"""How much the loss depends on each timestep's input: gradients through time, measured."""

import keras
import numpy as np
from keras import ops


def input_gradients(model, x, y, loss_fn):
    """The gradient of the summed per-example loss with respect to ``x``, shape (batch, timesteps, features).

    ``loss_fn(y_true, y_pred)`` should return one loss per example (for instance
    ``keras.losses.sparse_categorical_crossentropy``); summing them makes each
    example's gradient its own, not divided by the batch size.
    """
    import tensorflow as tf

    x = tf.convert_to_tensor(x, dtype="float32")
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(loss_fn(y, model(x, training=False)))
    return tape.gradient(loss, x).numpy()


def timestep_norms(grads):
    """The L2 norm over features of a (batch, timesteps, features) gradient, averaged over the batch: (timesteps,)."""
    return np.linalg.norm(np.asarray(grads, dtype="float64"), axis=-1).mean(axis=0)


def input_gradient_norms(model, x, y, loss_fn):
    """The norm of dLoss/dx_t at each timestep t, averaged over the batch: shape (timesteps,)."""
    return timestep_norms(input_gradients(model, x, y, loss_fn))


def simple_rnn_input_gradients(x, kernel, recurrent_kernel, bias, grad_last_state):
    """Backpropagation through time for a SimpleRNN, by hand in NumPy: dLoss/dx of shape (batch, timesteps, features).

    ``grad_last_state`` is dLoss/dh_T (batch, units). Going back one step
    multiplies the gradient by the Jacobian dh_t/dh_(t-1) = diag(1 - h_t**2) U^T.
    """
    from .reference import run, simple_rnn_step, zeros_state

    x = np.asarray(x, dtype="float64")
    weights = [np.asarray(w, dtype="float64") for w in (kernel, recurrent_kernel, bias)]
    states = run(simple_rnn_step, x, zeros_state(x.shape[0], weights[1].shape[0]), weights, return_sequences=True)
    grad_h = np.asarray(grad_last_state, dtype="float64")
    grad_x = np.zeros_like(x)
    for t in reversed(range(x.shape[1])):
        grad_pre = grad_h * (1.0 - states[:, t] ** 2)  # through tanh
        grad_x[:, t] = grad_pre @ weights[0].T
        grad_h = grad_pre @ weights[1].T
    return grad_x


def decades_lost(norms):
    """log10(last step's gradient norm / first step's): how many powers of ten the gradient lost going back."""
    norms = np.asarray(norms, dtype="float64")
    return float(np.log10(norms[-1] / norms[0]))


class ChronoInitializer(keras.initializers.Initializer):
    """LSTM biases that keep memory for up to ``max_timesteps`` steps (Tallec and Ollivier, 2018).

    Each unit's forget-gate bias is log(u) with u drawn uniformly from
    [1, max_timesteps - 1], so its forget gate starts at u / (1 + u) and it
    forgets on a timescale of about u steps; the input-gate bias is the
    negative of it. Use with ``LSTM(..., unit_forget_bias=False,
    bias_initializer=ChronoInitializer(max_timesteps))``.
    """

    def __init__(self, max_timesteps, seed=None):
        if max_timesteps < 3:
            raise ValueError(f"max_timesteps must be at least 3, got {max_timesteps}")
        self.max_timesteps = max_timesteps
        self.seed = seed

    def __call__(self, shape, dtype=None):
        if len(shape) != 1 or shape[0] % 4:
            raise ValueError(f"expected an LSTM bias shape (4 * units,), got {shape}")
        units = shape[0] // 4
        timescales = keras.random.uniform((units,), 1.0, self.max_timesteps - 1.0, seed=self.seed)
        forget = ops.log(timescales)
        return ops.cast(ops.concatenate([-forget, forget, ops.zeros((2 * units,))]), dtype or "float32")

    def get_config(self):
        return {"max_timesteps": self.max_timesteps, "seed": self.seed}
