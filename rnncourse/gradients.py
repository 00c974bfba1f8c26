"""How much the loss depends on each timestep's input: gradients through time, measured."""

import numpy as np


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


def input_gradient_norms(model, x, y, loss_fn):
    """The L2 norm of dLoss/dx_t at each timestep t, averaged over the batch: shape (timesteps,)."""
    return np.linalg.norm(input_gradients(model, x, y, loss_fn), axis=-1).mean(axis=0)


def orders_of_magnitude(norms):
    """log10(last step's gradient norm / first step's): how many decades the gradient lost on its way back."""
    norms = np.asarray(norms, dtype="float64")
    return float(np.log10(norms[-1] / norms[0]))
