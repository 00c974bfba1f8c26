"""Whether Keras 3 on TensorFlow would run an LSTM or GRU layer on the cuDNN kernel, and why not.

The rules follow ``keras/src/layers/rnn/{lstm,gru}.py`` and
``keras/src/backend/tensorflow/rnn.py`` (Keras 3.15): a layer uses cuDNN only
when all of these hold at call time.
"""

from dataclasses import dataclass, field

from keras import activations, layers, ops

TANH = (activations.tanh, ops.tanh)
SIGMOID = (activations.sigmoid, ops.sigmoid)


@dataclass
class Eligibility:
    """The verdict for one layer: ``eligible`` and the reasons it is not."""

    layer: str
    eligible: bool
    reasons: list = field(default_factory=list)

    def __str__(self):
        if self.eligible:
            return f"{self.layer}: uses the cuDNN kernel"
        return f"{self.layer}: generic kernel, because " + "; ".join(self.reasons)


def _unwrap(layer):
    if isinstance(layer, layers.Bidirectional):
        return layer.forward_layer
    return layer


def cudnn_eligibility(layer, gpu_available=None):
    """Say whether ``layer`` (LSTM, GRU or Bidirectional of one) takes the cuDNN path.

    ``gpu_available`` defaults to whether TensorFlow sees a GPU; pass True to
    ask whether the configuration alone would allow it.
    """
    inner = _unwrap(layer)
    if not isinstance(inner, (layers.LSTM, layers.GRU)):
        return Eligibility(layer.name, False, [f"{type(inner).__name__} has no cuDNN kernel (only LSTM and GRU do)"])
    if gpu_available is None:
        from .runtime import has_gpu

        gpu_available = has_gpu()
    cell = inner.cell
    reasons = []
    if inner.use_cudnn is False:
        reasons.append("use_cudnn=False")
    if cell.activation not in TANH:
        reasons.append(f"activation is {cell.activation.__name__}, not tanh")
    if cell.recurrent_activation not in SIGMOID:
        reasons.append(f"recurrent_activation is {cell.recurrent_activation.__name__}, not sigmoid")
    if inner.unroll:
        reasons.append("unroll=True")
    if not cell.use_bias:
        reasons.append("use_bias=False")
    if isinstance(inner, layers.GRU) and not cell.reset_after:
        reasons.append("reset_after=False")
    if cell.recurrent_dropout:
        reasons.append(f"recurrent_dropout={cell.recurrent_dropout} (dropout alone is fine)")
    if not gpu_available:
        reasons.append("no GPU is visible")
    return Eligibility(layer.name, not reasons, reasons)


MASK_RULE = (
    "At call time a mask must be right-padded (True then False along each row) and no "
    "row may be fully masked; Keras 3 fails with an error otherwise, where Keras 2 fell back."
)
