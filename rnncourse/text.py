"""Turning sentences into token ids with Keras' TextVectorization (the legacy Tokenizer's replacement)."""

import numpy as np
from keras import layers


def make_vectorizer(train_texts, max_tokens=10_000, sequence_length=40, output_mode="int"):
    """A TextVectorization layer adapted on the training sentences only.

    ``output_mode='int'`` gives right-padded id sequences (0 is padding, 1 is
    out-of-vocabulary); ``'multi_hot'`` gives a bag-of-words vector.
    """
    vectorizer = layers.TextVectorization(
        max_tokens=max_tokens,
        output_mode=output_mode,
        output_sequence_length=sequence_length if output_mode == "int" else None,
    )
    vectorizer.adapt(np.asarray(train_texts))
    return vectorizer


def vectorize(vectorizer, texts):
    """Apply a vectorizer to a list of sentences and return a NumPy array."""
    return np.asarray(vectorizer(np.asarray(texts)))
