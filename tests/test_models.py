"""The guide's models, rebuilt for Keras 3, have the guide's parameter counts and shapes."""

import numpy as np
import pytest

from rnncourse import models

GUIDE = [
    (models.guide_simple_rnn, [4480, 65], 4545, (None, 1)),
    (models.guide_lstm, [17920, 65], 17985, (None, 1)),
    (models.guide_gru, [13632, 65], 13697, (None, 1)),
    (models.guide_stacked_lstm, [17920, 12416, 33], 30369, (None, 1)),
    (models.guide_bidirectional, [35840, 129], 35969, (None, 1)),
    (models.guide_tagger, [17920, 65], 17985, (None, 10, 1)),
]


@pytest.mark.parametrize("build,layer_counts,total,output_shape", GUIDE)
def test_guide_model(build, layer_counts, total, output_shape):
    model = build()
    assert [layer.count_params() for layer in model.layers] == layer_counts
    assert model.count_params() == total
    assert model.output_shape == output_shape


def test_text_classifier_predicts_probabilities():
    model = models.text_classifier(vocab_size=50, sequence_length=6, kind="gru", stacked=2, bidirectional=True)
    ids = np.array([[3, 4, 5, 0, 0, 0], [7, 8, 9, 10, 11, 12]], dtype="int32")
    probabilities = model.predict(ids, verbose=0)
    assert probabilities.shape == (2, 1)
    assert np.all((probabilities > 0) & (probabilities < 1))


def test_unknown_recurrent_layer_is_named():
    with pytest.raises(ValueError, match="simple_rnn"):
        models.recurrent_layer("transformer", 4)
