"""Parameter counts of recurrent and dense layers, written as formulas.

``units`` is the layer's width, ``features`` the size of each timestep's input.
Each function returns what Keras' ``count_params()`` reports for that layer.
"""


def dense(inputs, units, use_bias=True):
    """A Dense layer (and TimeDistributed(Dense)): one weight per input-output pair."""
    return inputs * units + (units if use_bias else 0)


def simple_rnn(units, features, use_bias=True):
    """SimpleRNN: input kernel (features x units), recurrent kernel (units x units), bias."""
    return units * (features + units) + (units if use_bias else 0)


def lstm(units, features, use_bias=True):
    """LSTM: four SimpleRNN-sized blocks (input, forget, cell candidate and output)."""
    return 4 * simple_rnn(units, features, use_bias)


def gru(units, features, reset_after=True, use_bias=True):
    """GRU: three blocks (update, reset, candidate).

    With ``reset_after=True`` (Keras' default, and cuDNN's layout) the input and
    the recurrent projection each carry a bias: 3·u·(u + f + 2). With
    ``reset_after=False`` there is one bias per block: 3·u·(u + f + 1).
    """
    biases = (2 if reset_after else 1) if use_bias else 0
    return 3 * units * (units + features + biases)


def bidirectional(one_direction):
    """Bidirectional: two independent copies of the wrapped layer, whatever the merge mode."""
    return 2 * one_direction


def bidirectional_width(units, merge_mode="concat"):
    """The last dimension of a Bidirectional layer's output for each merge mode."""
    if merge_mode == "concat":
        return 2 * units
    if merge_mode in ("sum", "mul", "ave"):
        return units
    if merge_mode is None:
        return units  # a list of two outputs, each `units` wide
    raise ValueError(f"unknown merge_mode {merge_mode!r}; use 'concat', 'sum', 'mul', 'ave' or None")


def embedding(input_dim, output_dim):
    """Embedding: one vector of ``output_dim`` numbers per token id."""
    return input_dim * output_dim
