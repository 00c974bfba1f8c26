"""Model builders: the guide's example models, written for Keras 3, and text classifiers.

The guide passes ``input_shape=`` to the first layer; Keras 3 wants an explicit
``keras.Input`` instead, which is what every builder here does.
"""

import keras
from keras import layers

GUIDE_TIMESTEPS, GUIDE_FEATURES = 10, 5

RECURRENT_LAYERS = {"simple_rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}


def _guide_input():
    return keras.Input(shape=(GUIDE_TIMESTEPS, GUIDE_FEATURES))


def guide_simple_rnn():
    """The guide's SimpleRNN(64) -> Dense(1) on (10, 5) inputs."""
    return keras.Sequential(
        [_guide_input(), layers.SimpleRNN(64, activation="tanh"), layers.Dense(1)],
        name="simple_rnn_model",
    )


def guide_lstm():
    """The guide's LSTM(64) -> Dense(1) on (10, 5) inputs."""
    return keras.Sequential(
        [
            _guide_input(),
            layers.LSTM(64, activation="tanh", recurrent_activation="sigmoid", return_sequences=False),
            layers.Dense(1),
        ],
        name="lstm_model",
    )


def guide_gru(reset_after=True):
    """The guide's GRU(64) -> Dense(1) on (10, 5) inputs."""
    return keras.Sequential(
        [
            _guide_input(),
            layers.GRU(64, activation="tanh", recurrent_activation="sigmoid", reset_after=reset_after),
            layers.Dense(1),
        ],
        name="gru_model",
    )


def guide_stacked_lstm():
    """The guide's LSTM(64, return_sequences=True) -> LSTM(32) -> Dense(1)."""
    return keras.Sequential(
        [
            _guide_input(),
            layers.LSTM(64, return_sequences=True),
            layers.LSTM(32),
            layers.Dense(1),
        ],
        name="stacked_lstm_model",
    )


def guide_bidirectional(merge_mode="concat"):
    """The guide's Bidirectional(LSTM(64)) -> Dense(1)."""
    return keras.Sequential(
        [_guide_input(), layers.Bidirectional(layers.LSTM(64), merge_mode=merge_mode), layers.Dense(1)],
        name="bidirectional_model",
    )


def guide_tagger():
    """The guide's per-timestep tagger: LSTM(64, return_sequences=True) -> TimeDistributed(Dense(1))."""
    return keras.Sequential(
        [
            _guide_input(),
            layers.LSTM(64, return_sequences=True),
            layers.TimeDistributed(layers.Dense(1)),
        ],
        name="tagger_model",
    )


def recurrent_layer(kind, units, **kwargs):
    """A SimpleRNN, LSTM or GRU layer chosen by name ('simple_rnn', 'lstm', 'gru')."""
    try:
        return RECURRENT_LAYERS[kind](units, **kwargs)
    except KeyError:
        raise ValueError(f"unknown recurrent layer {kind!r}; choose one of {sorted(RECURRENT_LAYERS)}") from None


def text_classifier(
    vocab_size,
    sequence_length,
    kind="lstm",
    units=32,
    embedding_dim=32,
    bidirectional=False,
    stacked=1,
    dropout=0.0,
    recurrent_dropout=0.0,
    name=None,
):
    """Token ids -> Embedding(mask_zero) -> recurrent layer(s) -> sigmoid probability.

    ``stacked`` recurrent layers are chained, every one but the last returning
    sequences; ``bidirectional`` wraps each in Bidirectional.
    """
    inputs = keras.Input(shape=(sequence_length,), dtype="int32")
    x = layers.Embedding(vocab_size, embedding_dim, mask_zero=True)(inputs)
    for depth in range(stacked):
        rnn = recurrent_layer(
            kind,
            units,
            return_sequences=depth < stacked - 1,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
        )
        x = (layers.Bidirectional(rnn) if bidirectional else rnn)(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name=name or f"{kind}_classifier")


def bag_of_words_classifier(vocab_size):
    """Logistic regression on a multi-hot bag of words: the non-recurrent baseline."""
    inputs = keras.Input(shape=(vocab_size,))
    outputs = layers.Dense(1, activation="sigmoid")(inputs)
    return keras.Model(inputs, outputs, name="bag_of_words_logistic_regression")
