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


def vectorize(vectorizer, texts, dtype=None, batch_size=None):
    """Apply a vectorizer to a list of sentences and return a NumPy array.

    ``dtype`` converts the result (e.g. 'float32' for multi-hot vectors).
    ``batch_size`` vectorizes that many sentences at a time, so a wide
    multi-hot result is never held twice; the output width must be fixed
    (``multi_hot``, or ``int`` with a ``sequence_length``).
    """
    texts = np.asarray(texts)
    if batch_size is None or len(texts) <= batch_size:
        return np.asarray(vectorizer(texts), dtype=dtype)
    chunks = [np.asarray(vectorizer(texts[i : i + batch_size]), dtype=dtype) for i in range(0, len(texts), batch_size)]
    return np.concatenate(chunks)


def decode(vectorizer, ids):
    """The tokens one id sequence stands for, padding (id 0) left out, joined by spaces."""
    vocabulary = vectorizer.get_vocabulary()
    return " ".join(str(vocabulary[i]) for i in np.asarray(ids).ravel() if i != 0)
