"""The text and evaluation helpers the sentiment and regularization chapters use."""

import numpy as np
import pytest

from rnncourse import metrics, text

SENTENCES = ["the film was great", "the film was bad", "a great great cast"]


@pytest.fixture(scope="module")
def vectorizer():
    return text.make_vectorizer(SENTENCES, max_tokens=20, sequence_length=6)


def test_decode_leaves_out_padding_and_marks_unknown_words(vectorizer):
    ids = text.vectorize(vectorizer, ["The film was dreadful!"])[0]
    assert ids.shape == (6,) and ids[-1] == 0, "right-padded to the sequence length"
    assert text.decode(vectorizer, ids) == "the film was [UNK]"


def test_vectorize_in_batches_equals_one_call(vectorizer):
    texts = SENTENCES * 3
    whole = text.vectorize(vectorizer, texts)
    assert np.array_equal(text.vectorize(vectorizer, texts, batch_size=2), whole)
    multi_hot = text.make_vectorizer(SENTENCES, max_tokens=20, output_mode="multi_hot")
    floats = text.vectorize(multi_hot, texts, dtype="float32", batch_size=4)
    assert floats.dtype == np.float32
    assert np.array_equal(floats, text.vectorize(multi_hot, texts))


def test_most_confident_errors_orders_by_distance_from_threshold():
    probabilities = np.array([0.9, 0.2, 0.45, 0.97, 0.6, 0.05])
    y_true = np.array([0, 0, 1, 1, 0, 1])
    # wrong: index 0 (0.9 for a 0), 2 (0.45 for a 1), 4 (0.6 for a 0), 5 (0.05 for a 1)
    assert metrics.most_confident_errors(probabilities, y_true).tolist() == [5, 0, 4, 2]
    assert metrics.most_confident_errors(probabilities, y_true, count=2).tolist() == [5, 0]
    assert metrics.most_confident_errors(probabilities, (probabilities > 0.5).astype(int)).size == 0


class FixedModel:
    """Stands in for a Keras model: predicts the probability stored for each input id."""

    def __init__(self, probabilities):
        self.probabilities = np.asarray(probabilities)

    def predict(self, inputs, batch_size=None, verbose=0):
        return self.probabilities[np.asarray(inputs)][:, None]


def test_generalization_gap_is_train_minus_validation_accuracy():
    model = FixedModel([0.9, 0.8, 0.1, 0.3, 0.7, 0.6])
    train = (np.array([0, 1, 2, 3]), np.array([1, 1, 0, 0]))  # all four right
    validation = (np.array([4, 5]), np.array([1, 0]))  # one of two right
    scores = metrics.generalization_gap(model, train, validation)
    assert scores == pytest.approx({"train_accuracy": 1.0, "validation_accuracy": 0.5, "gap": 0.5})
    assert metrics.generalization_gap(model, train, validation, threshold=0.95)["train_accuracy"] == 0.5
