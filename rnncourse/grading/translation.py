"""Checks for ex4_date_translation: teacher forcing, encoder-decoder shapes, stacking, greedy decoding."""

import numpy as np

from . import recurrent_layers



def decoder_inputs(make_decoder_inputs):
    """``make_decoder_inputs(target_ids, start_id)`` shifts the targets right behind a start token."""
    targets = np.array([[1, 2, 3, 4], [5, 6, 7, 8]], dtype="int32")
    original = targets.copy()
    shifted = np.asarray(make_decoder_inputs(targets, 9))
    expected = np.array([[9, 1, 2, 3], [9, 5, 6, 7]])
    assert shifted.shape == targets.shape, (
        f"decoder inputs must have the targets' shape {targets.shape}, got {shifted.shape}: "
        "drop the last target character, put the start id in front"
    )
    assert np.array_equal(shifted, expected), (
        f"for targets {targets.tolist()} and start id 9 expected {expected.tolist()}, got {shifted.tolist()}: "
        "at step t the decoder reads the true character t-1 (teacher forcing), and the start id at step 0"
    )
    assert np.issubdtype(shifted.dtype, np.integer), f"decoder inputs must be integer ids, got {shifted.dtype}"
    assert np.array_equal(targets, original), "make_decoder_inputs must not modify the targets it is given"


def decoder_inputs_edge_cases(make_decoder_inputs):
    """One-character targets become just the start id, and the targets' integer dtype is kept."""
    targets = np.array([[4], [5]], dtype="int64")
    shifted = np.asarray(make_decoder_inputs(targets, 11))
    assert shifted.tolist() == [[11], [11]], (
        f"for one-character targets the decoder input is only the start id: expected [[11], [11]], got {shifted.tolist()}"
    )
    assert shifted.dtype == targets.dtype, f"keep the targets' dtype ({targets.dtype}), got {shifted.dtype}"


def _as_list(outputs):
    return list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]


def translator_shapes(build_translator, n_source=30, n_target=12, units=16):
    """``build_translator`` returns (training model, encoder, decoder step) with the agreed shapes."""
    built = build_translator(n_source, n_target, units=units)
    assert isinstance(built, (tuple, list)) and len(built) == 3, (
        "build_translator should return three models: (training_model, encoder, decoder)"
    )
    training, encoder, decoder = built
    rng = np.random.default_rng(0)
    for batch, source_len, target_len in ((2, 9, 10), (3, 5, 4)):
        source = rng.integers(1, n_source, size=(batch, source_len)).astype("int32")
        previous = rng.integers(0, n_target, size=(batch, target_len)).astype("int32")
        probs = np.asarray(training([source, previous]))
        assert probs.shape == (batch, target_len, n_target), (
            f"training_model([source {source.shape}, decoder inputs {previous.shape}]) must give "
            f"(batch, target timesteps, n_target) = {(batch, target_len, n_target)}, got {probs.shape}"
        )
        assert np.allclose(probs.sum(-1), 1.0, atol=1e-4), "the decoder must end with Dense(n_target, activation='softmax')"
        states = _as_list(encoder(source))
        assert len(states) >= 4 and len(states) % 2 == 0, (
            f"the encoder should return the final [h, c] of every stacked LSTM (at least 4 tensors), got {len(states)}"
        )
        for i, state in enumerate(states):
            assert tuple(state.shape) == (batch, units), (
                f"encoder state {i} has shape {tuple(state.shape)}, expected (batch, units) = {(batch, units)}"
            )
        from keras import ops

        step = _as_list(decoder([ops.convert_to_tensor(previous[:, :1])] + states))
        assert len(step) == len(states) + 1, (
            f"decoder([previous ids] + states) should return [probabilities] + new states ({len(states) + 1} "
            f"tensors), got {len(step)}"
        )
        assert tuple(step[0].shape) == (batch, 1, n_target), (
            f"one decoder step must give probabilities of shape (batch, 1, n_target) = {(batch, 1, n_target)}, "
            f"got {tuple(step[0].shape)}"
        )
        for i, state in enumerate(step[1:]):
            assert tuple(state.shape) == (batch, units), (
                f"decoder state {i} has shape {tuple(state.shape)}, expected {(batch, units)}"
            )
    return training, encoder, decoder


def stacked(encoder, decoder, min_layers=2):
    """Encoder and decoder each stack at least ``min_layers`` recurrent layers."""
    for name, model in (("encoder", encoder), ("decoder", decoder)):
        recurrent = recurrent_layers(model)
        assert len(recurrent) >= min_layers, (
            f"the {name} has {len(recurrent)} recurrent layer(s); stack at least {min_layers} "
            "(every one but the last with return_sequences=True)"
        )
    first = recurrent_layers(encoder)[0]
    assert first.return_sequences, (
        "the encoder's first LSTM must return sequences (return_sequences=True), so the next LSTM reads one "
        "vector per character"
    )


def shares_weights(training, encoder, decoder):
    """The encoder and decoder step models use the training model's own weights (no untrained copies)."""
    trained = {id(w) for w in training.weights}
    for name, model in (("encoder", encoder), ("decoder", decoder)):
        foreign = [w.path for w in model.weights if id(w) not in trained]
        assert not foreign, (
            f"the {name} has weights the training model does not train: {foreign[:3]}; build the inference models "
            "from the same layer objects as the training model"
        )


def _fake_translator(n_target, units=1):
    """An encoder and decoder step whose greedy output is known: token = (previous + step counter) mod n."""
    import keras
    from keras import layers, ops

    source = keras.Input(shape=(None,), dtype="int32")
    first = layers.Lambda(lambda s: ops.cast(s[:, :1], "float32"))(source)
    zero = layers.Lambda(lambda h: ops.zeros_like(h))(first)
    encoder = keras.Model(source, [first, zero, zero, zero])

    previous = keras.Input(shape=(1,), dtype="int32")
    states = [keras.Input(shape=(units,)) for _ in range(4)]

    def step(args):
        prev, h = args
        token = ops.mod(ops.cast(prev, "int32") + ops.cast(h, "int32"), n_target)
        return ops.one_hot(token, n_target)

    probs = layers.Lambda(step)([previous, states[0]])
    counter = layers.Lambda(lambda h: h + 1.0)(states[0])
    same = [layers.Lambda(lambda h: h * 1.0)(s) for s in states[1:]]
    decoder = keras.Model([previous] + states, [probs, counter] + same)
    return encoder, decoder


def _expected_greedy(first_ids, start_id, length, n_target):
    out = np.zeros((len(first_ids), length), dtype=int)
    for i, h in enumerate(first_ids):
        prev = start_id
        for t in range(length):
            prev = (prev + h + t) % n_target
            out[i, t] = prev
    return out


def greedy_decoding(greedy_decode, n_target=12, start_id=11, length=6):
    """``greedy_decode`` feeds back its own argmax and the decoder's new states at every step."""
    encoder, decoder = _fake_translator(n_target)
    source = np.array([[3, 5, 1], [7, 2, 2], [0, 0, 0]], dtype="int32")
    got = np.asarray(greedy_decode(encoder, decoder, source, start_id, length))
    expected = _expected_greedy(source[:, 0], start_id, length, n_target)
    assert got.shape == expected.shape, f"greedy_decode must return (batch, length) = {expected.shape} ids, got {got.shape}"
    assert np.array_equal(got, expected), (
        f"with a test decoder whose answer depends on the previous id and on its state, expected\n{expected}\n"
        f"got\n{got}\nat each step feed back the argmax of the last probabilities and the states the decoder "
        "just returned (not the encoder's states again)"
    )


def exact_match(predicted, expected):
    """The share of predicted strings exactly equal to the expected ones."""
    predicted, expected = list(predicted), list(expected)
    assert len(predicted) == len(expected), f"{len(predicted)} predictions for {len(expected)} dates"
    return float(np.mean([p == e for p, e in zip(predicted, expected)]))


def accuracy_above(predicted, expected, threshold):
    """Exact-match accuracy on held-out dates is above ``threshold``."""
    accuracy = exact_match(predicted, expected)
    assert accuracy > threshold, (
        f"exact-match accuracy on held-out dates is {accuracy:.3f}, below {threshold}: check the decoder inputs "
        "(teacher forcing), that greedy decoding feeds back its own predictions, and train as the notebook says"
    )
    return accuracy
