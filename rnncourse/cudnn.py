"""Whether Keras 3 on TensorFlow runs an LSTM or GRU layer on the cuDNN kernel, and why not.

The rules follow the installed Keras (3.15): ``keras/src/layers/rnn/lstm.py`` and
``gru.py`` (``inner_loop``) and ``keras/src/backend/tensorflow/rnn.py``
(``cudnn_ok``, ``lstm``, ``gru``, ``_assert_valid_mask``). A layer takes the
cuDNN kernel when, at call time, all of these hold:

- it is an ``LSTM`` or ``GRU`` layer (not ``SimpleRNN``, not ``RNN(LSTMCell(...))``);
- ``use_cudnn`` is ``"auto"`` or ``True``;
- ``activation`` is tanh and ``recurrent_activation`` is sigmoid;
- ``recurrent_dropout`` is 0 (input ``dropout`` is fine);
- ``unroll`` is False and ``use_bias`` is True;
- for GRU, ``reset_after`` is True;
- TensorFlow lists a logical GPU.

A mask, if any, must also be right-padded with no fully masked row; that is a
property of the data, checked by :func:`mask_problems`.
"""

from dataclasses import dataclass, field

import numpy as np
import tensorflow as tf
from keras import activations, layers, ops

# Keras compares the cell's activation with these exact functions.
TANH = (activations.tanh, tf.tanh, ops.tanh)
SIGMOID = (activations.sigmoid, tf.sigmoid, ops.sigmoid)
CUDNN_OP_PREFIX = "CudnnRNN"

MASK_RULE = (
    "A mask must be right-padded (True then False along each row) and no row may be "
    "fully masked. Otherwise, inside model.fit/predict/evaluate on a GPU, Keras 3 fails "
    "with an InvalidArgumentError instead of falling back to the generic kernel as Keras 2 did."
)


@dataclass
class Eligibility:
    """The verdict for one layer: ``eligible``, the reasons it is not, and its ``use_cudnn``."""

    layer: str
    eligible: bool
    reasons: list = field(default_factory=list)
    use_cudnn: object = "auto"

    @property
    def raises(self):
        """True when calling the layer fails: ``use_cudnn=True`` on a configuration cuDNN cannot run."""
        return self.use_cudnn is True and not self.eligible

    @property
    def kernel(self):
        """'cuDNN' or 'generic'."""
        return "cuDNN" if self.eligible else "generic"

    def __str__(self):
        if self.eligible:
            return f"{self.layer}: uses the cuDNN kernel"
        text = f"{self.layer}: generic kernel, because " + "; ".join(self.reasons)
        return text + (" (and use_cudnn=True makes the call raise ValueError)" if self.raises else "")


def gpu_visible():
    """True when TensorFlow lists a logical GPU: the test Keras itself makes (``_is_gpu_available``)."""
    return bool(tf.config.list_logical_devices("GPU"))


def _function_name(function):
    return getattr(function, "__name__", repr(function))


def configuration_reasons(layer):
    """Why an (unwrapped) LSTM or GRU layer's own settings rule cuDNN out; empty when they allow it."""
    if not isinstance(layer, (layers.LSTM, layers.GRU)):
        name = type(layer).__name__
        if isinstance(layer, layers.RNN) and isinstance(layer.cell, (layers.LSTMCell, layers.GRUCell)):
            name = f"RNN({type(layer.cell).__name__})"
        return [f"{name} has no cuDNN kernel (only the LSTM and GRU layers do)"]
    cell = layer.cell
    reasons = []
    if layer.use_cudnn is False:
        reasons.append("use_cudnn=False")
    if cell.activation not in TANH:
        reasons.append(f"activation is {_function_name(cell.activation)}, not tanh")
    if cell.recurrent_activation not in SIGMOID:
        reasons.append(f"recurrent_activation is {_function_name(cell.recurrent_activation)}, not sigmoid")
    if cell.recurrent_dropout:
        reasons.append(f"recurrent_dropout={cell.recurrent_dropout:g}")
    if layer.unroll:
        reasons.append("unroll=True")
    if not cell.use_bias:
        reasons.append("use_bias=False")
    if isinstance(layer, layers.GRU) and not cell.reset_after:
        reasons.append("reset_after=False")
    return reasons


def cudnn_eligibility(layer, gpu_available=None):
    """Say whether ``layer`` (LSTM, GRU, or a Bidirectional of them) takes the cuDNN path.

    ``gpu_available`` defaults to :func:`gpu_visible`; pass True to ask whether
    the configuration alone would allow it. A Bidirectional layer is eligible
    when both its forward and its backward layer are.
    """
    if gpu_available is None:
        gpu_available = gpu_visible()
    if isinstance(layer, layers.Bidirectional):
        forward = configuration_reasons(layer.forward_layer)
        backward = configuration_reasons(layer.backward_layer)
        reasons = forward + [f"backward layer: {r}" for r in backward if r not in forward]
        inner = layer.forward_layer
    else:
        reasons, inner = configuration_reasons(layer), layer
    if not gpu_available:
        reasons.append("no GPU is visible")
    return Eligibility(layer.name, not reasons, reasons, getattr(inner, "use_cudnn", "auto"))


def eligibility_rows(named_layers, gpu_available=True):
    """One dict per ``{description: layer}`` entry: configuration, kernel, and why not."""
    rows = []
    for description, layer in named_layers.items():
        verdict = cudnn_eligibility(layer, gpu_available=gpu_available)
        why = "; ".join(verdict.reasons) or "-"
        if verdict.raises:
            why += " -> ValueError when called"
        rows.append({"configuration": description, "kernel": verdict.kernel, "why not cuDNN": why})
    return rows


def mask_problems(mask):
    """What stops cuDNN from taking a (batch, timesteps) boolean mask: a list of sentences, empty if none.

    The same two tests as Keras' ``_assert_valid_mask``: every row is
    right-padded (its True entries all come first) and no row is all False.
    """
    mask = np.asarray(mask, dtype=bool)
    lengths = mask.sum(axis=1)
    right_padded = np.arange(mask.shape[1])[None, :] < lengths[:, None]
    problems = []
    not_right_padded = np.flatnonzero((mask != right_padded).any(axis=1))
    if len(not_right_padded):
        problems.append(f"{len(not_right_padded)} row(s) not right-padded, first is row {not_right_padded[0]}")
    empty = np.flatnonzero(lengths == 0)
    if len(empty):
        problems.append(f"{len(empty)} row(s) fully masked, first is row {empty[0]}")
    return problems


def traced_op_types(function, *args):
    """The op types in the graph ``tf.function`` traces for ``function(*args)``, nested functions included.

    Returns a list with one entry per op, so repeated types are counted.
    """
    graph = tf.function(function).get_concrete_function(*args).graph
    types = [op.type for op in graph.get_operations()]
    for library_function in graph.as_graph_def().library.function:
        types.extend(node.op for node in library_function.node_def)
    return types


def cudnn_op_count(layer, inputs, mask=None, training=False):
    """How many cuDNN ops calling ``layer`` on ``inputs`` inside a graph (as ``fit`` does) creates.

    This asks TensorFlow what it built rather than applying the rules, so it
    checks :func:`cudnn_eligibility`. The layer is built, never run.
    """
    inputs = tf.convert_to_tensor(inputs)
    if not layer.built:
        layer.build(tuple(inputs.shape))

    def call(x):
        return layer(x, mask=mask, training=training)

    return sum(t.startswith(CUDNN_OP_PREFIX) for t in traced_op_types(call, inputs))


def uses_cudnn_kernel(layer, inputs, mask=None, training=False):
    """True when every direction of ``layer`` runs on cuDNN in a traced graph (one op, two for Bidirectional)."""
    directions = 2 if isinstance(layer, layers.Bidirectional) else 1
    return cudnn_op_count(layer, inputs, mask=mask, training=training) == directions
