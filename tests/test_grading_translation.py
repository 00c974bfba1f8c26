"""The checks of ex4_date_translation pass on the reference solution and fail, with their message, on broken answers."""

import keras
import numpy as np
import pytest
from keras import layers, ops
from gradingtools import fails, solution_namespace

from rnncourse.grading import translation as check


@pytest.fixture(scope="module")
def ref():
    return solution_namespace(
        "ex4_date_translation", ["imports", "make_decoder_inputs", "build_translator", "greedy_decode"]
    )


def test_decoder_inputs(ref):
    check.decoder_inputs(ref["make_decoder_inputs"])

    def shifted_left(targets, start_id):
        return np.concatenate([targets[:, 1:], np.full((len(targets), 1), start_id)], axis=1)

    def in_place(targets, start_id):
        targets[:, 1:] = targets[:, :-1].copy()
        targets[:, 0] = start_id
        return targets

    def no_start(targets, start_id):
        return targets[:, :-1]

    fails("teacher forcing", check.decoder_inputs, shifted_left)
    fails("must not modify", check.decoder_inputs, in_place)
    fails("must have the targets' shape", check.decoder_inputs, no_start)
    check.decoder_inputs_edge_cases(ref["make_decoder_inputs"])

    def always_int32(targets, start_id):
        return ref["make_decoder_inputs"](targets, start_id).astype("int32")

    def keeps_first_character(targets, start_id):
        return np.concatenate([np.full((len(targets), 1), start_id), targets], axis=1)[:, : max(2, targets.shape[1])]

    fails("keep the targets' dtype", check.decoder_inputs_edge_cases, always_int32)
    fails("only the start id", check.decoder_inputs_edge_cases, keeps_first_character)


def test_translator_shapes(ref):
    check.translator_shapes(ref["build_translator"], units=16)

    def last_states_only(n_source, n_target, units=64):
        training, encoder, decoder = ref["build_translator"](n_source, n_target, units=units)
        return training, keras.Model(encoder.input, encoder.outputs[-2:]), decoder

    def two_models(n_source, n_target, units=64):
        return ref["build_translator"](n_source, n_target, units=units)[:2]

    fails("final \\[h, c\\] of every stacked LSTM", check.translator_shapes, last_states_only)
    fails("three models", check.translator_shapes, two_models)


def untied_decoder(training, units, n_target=12, depth=2):
    """A decoder step built from new layers: right shapes, but none of the trained weights."""
    previous = keras.Input(shape=(1,), dtype="int32")
    states = [keras.Input(shape=(units,)) for _ in range(2 * depth)]
    y, new_states = layers.Embedding(n_target, 8)(previous), []
    for i in range(depth):
        y, h, c = layers.LSTM(units, return_sequences=True, return_state=True)(y, initial_state=states[2 * i : 2 * i + 2])
        new_states += [h, c]
    return keras.Model([previous] + states, [layers.Dense(n_target, activation="softmax")(y)] + new_states)


def test_stacked_and_shared(ref):
    training, encoder, decoder = ref["build_translator"](30, 12, units=8)
    check.stacked(encoder, decoder)
    check.shares_weights(training, encoder, decoder)
    _, shallow_encoder, shallow_decoder = ref["build_translator"](30, 12, units=8, depth=1)
    fails("stack at least 2", check.stacked, shallow_encoder, shallow_decoder)
    fails("does not train", check.shares_weights, training, encoder, untied_decoder(training, 8))


def test_greedy_decoding(ref):
    check.greedy_decoding(ref["greedy_decode"])

    def reuses_encoder_states(encoder, decoder, source_ids, start_id, length):
        states = list(encoder(ops.convert_to_tensor(source_ids)))
        previous, out = np.full((len(source_ids), 1), start_id, "int32"), []
        for _ in range(length):
            probs = decoder([ops.convert_to_tensor(previous)] + states)[0]
            previous = np.asarray(ops.argmax(probs, axis=-1)).astype("int32")
            out.append(previous[:, 0])
        return np.stack(out, axis=1)

    def always_feeds_start(encoder, decoder, source_ids, start_id, length):
        states = list(encoder(ops.convert_to_tensor(source_ids)))
        start, out = np.full((len(source_ids), 1), start_id, "int32"), []
        for _ in range(length):
            probs, *states = decoder([ops.convert_to_tensor(start)] + states)
            out.append(np.asarray(ops.argmax(probs, axis=-1))[:, 0])
        return np.stack(out, axis=1)

    fails("not the encoder's states again", check.greedy_decoding, reuses_encoder_states)
    fails("feed back the argmax", check.greedy_decoding, always_feeds_start)
    fails(r"\(batch, length\)", check.greedy_decoding, lambda *args: np.zeros((3, 2)))
    check.greedy_decoding(ref["greedy_decode"], n_target=5, start_id=4, length=1)
    check.greedy_decoding(ref["greedy_decode"], n_target=7, start_id=6, length=12)


def test_exact_match_and_threshold():
    assert check.exact_match(["2025-01-02", "1999-12-31"], ["2025-01-02", "1999-12-30"]) == 0.5
    assert check.accuracy_above(["2025-01-02"], ["2025-01-02"], 0.9) == 1.0
    fails("below 0.9", check.accuracy_above, ["2025-01-03"], ["2025-01-02"], 0.9)
    fails("1 predictions for 0 dates", check.exact_match, ["2025-01-02"], [])
