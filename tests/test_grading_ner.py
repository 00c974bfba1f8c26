"""The checks of ex3_bilstm_ner pass on the reference solution and fail, with their message, on broken answers.

The reference functions are taken from the solution notebook itself, so the
checks are tested against exactly what students are graded against.
"""

import keras
import numpy as np
import pytest
from keras import layers
from gradingtools import fails, solution_namespace

from rnncourse.data import ner
from rnncourse.grading import ner as check


@pytest.fixture(scope="module")
def ref():
    return solution_namespace("ex3_bilstm_ner", ["imports", "build_vocabulary", "encode", "build_tagger", "predict_tags"])


def tagger(mask_zero=True, wrapper=True, cell=layers.LSTM, return_sequences=True, activation="softmax", n_tags=6, vocab=40):
    """A small tagger with one thing changed, for the failing cases."""
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(vocab, 8, mask_zero=mask_zero)(inputs)
    rnn = cell(8, return_sequences=return_sequences)
    x = layers.Bidirectional(rnn)(x) if wrapper else rnn(x)
    return keras.Model(inputs, layers.Dense(n_tags, activation=activation)(x))



def test_vocabulary(ref):
    check.vocabulary(ref["build_vocabulary"])

    def no_reserved_ids(token_lists, min_count=2):
        return {t: i for i, t in enumerate(sorted({t for s in token_lists for t in s}))}

    def ignores_min_count(token_lists, min_count=2):
        return ref["build_vocabulary"](token_lists, min_count=1)

    def gap_in_ids(token_lists, min_count=2):
        vocab = ref["build_vocabulary"](token_lists, min_count)
        return {t: (i + 1 if i > 1 else i) for t, i in vocab.items()}

    fails(r"'\[PAD\]' must have id 0", check.vocabulary, no_reserved_ids)
    fails("fewer than min_count", check.vocabulary, ignores_min_count)
    fails("without gaps", check.vocabulary, gap_in_ids)


def test_encoding(ref):
    check.encoding(ref["encode"])
    check.encoding_edge_cases(ref["encode"])

    def left_padded(sequences, vocabulary, max_len):
        return np.flip(ref["encode"]([list(reversed(s)) for s in sequences], vocabulary, max_len), axis=1)

    def unknown_as_padding(sequences, vocabulary, max_len):
        ids = ref["encode"](sequences, vocabulary, max_len)
        return np.where(ids == 1, 0, ids)

    def ragged(sequences, vocabulary, max_len):
        return [[vocabulary.get(t, 1) for t in s] for s in sequences]

    def keeps_the_end(sequences, vocabulary, max_len):
        return ref["encode"]([s[-max_len:] for s in sequences], vocabulary, max_len)

    fails("0s on the right", check.encoding, left_padded)
    fails("unknown tokens", check.encoding, unknown_as_padding)
    fails("rectangular array", check.encoding, ragged)
    fails("first max_len tokens", check.encoding_edge_cases, keeps_the_end)


def test_output_shape(ref):
    check.output_shape(ref["build_tagger"])
    fails("return_sequences", check.output_shape, lambda vocab_size, n_tags: tagger(return_sequences=False, n_tags=n_tags))
    fails("sum to 1", check.output_shape, lambda vocab_size, n_tags: tagger(activation=None, n_tags=n_tags))


def test_bidirectional_and_mask(ref):
    model = ref["build_tagger"](vocab_size=40, n_tags=6)
    check.bidirectional(model)
    check.masks_padding(model)
    check.padding_does_not_change_predictions(model, vocab_size=40)
    fails("Bidirectional", check.bidirectional, tagger(wrapper=False))
    fails("wrap an LSTM", check.bidirectional, tagger(cell=layers.GRU))
    fails("mask_zero=True", check.masks_padding, tagger(mask_zero=False))
    fails("changed the predictions", check.padding_does_not_change_predictions, tagger(mask_zero=False), 40)


def test_loss_ignores_padding(ref):
    ids = np.array([[5, 6, 7, 0, 0], [8, 9, 0, 0, 0]])
    tags = np.array([[1, 2, 3, 0, 0], [4, 1, 0, 0, 0]])
    masked = ref["build_tagger"](vocab_size=40, n_tags=6)
    masked.compile(loss="sparse_categorical_crossentropy")
    check.loss_ignores_padding(masked, ids, tags)
    unmasked = tagger(mask_zero=False)
    unmasked.compile(loss="sparse_categorical_crossentropy")
    fails("padding must be masked", check.loss_ignores_padding, unmasked, ids, tags)


def test_predicted_tags(ref):
    model = ref["build_tagger"](vocab_size=40, n_tags=len(ner.TAG_IDS))
    ids = np.array([[5, 6, 7, 0], [8, 0, 0, 0]])
    names = list(ner.TAG_IDS)
    check.predicted_tags(ref["predict_tags"](model, ids, names), ids, names)
    fails("drop padding", check.predicted_tags, [["O"] * 4, ["O"] * 4], ids, names)
    fails("not tag names", check.predicted_tags, [[1, 1, 1], [1]], ids, names)
    fails("one tag list per sentence", check.predicted_tags, np.ones((2, 4)), ids, names)


def test_entity_f1_counts_exact_spans_only():
    truth = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG"]]
    assert check.entity_f1(truth, truth) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # A PER span cut short and a LOC read as ORG: 2 of 3 true entities missed, 1 of 3 predictions right.
    guess = [["B-PER", "O", "O", "B-ORG"], ["B-ORG", "I-ORG", "I-ORG"]]
    scores = check.entity_f1(truth, guess)
    assert scores["precision"] == pytest.approx(1 / 3) and scores["recall"] == pytest.approx(1 / 3)
    assert check.entity_f1(truth, guess, kinds=["PER"])["f1"] == 0.0
    assert check.entity_f1(truth, guess, kinds=["ORG"])["precision"] == 0.5
    assert check.entity_f1(truth, [["O"] * 4, ["O"] * 3])["f1"] == 0.0
    # An I- tag after O opens an entity, as in the CoNLL script.
    assert check.entity_f1([["B-LOC", "I-LOC"]], [["I-LOC", "I-LOC"]])["f1"] == 1.0


def test_f1_above():
    truth = [["B-PER", "O", "B-LOC"]]
    assert check.f1_above(truth, truth, 0.9) == 1.0
    fails("below 0.9", check.f1_above, truth, [["B-PER", "O", "O"]], 0.9)
