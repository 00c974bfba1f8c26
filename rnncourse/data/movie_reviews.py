"""Rotten Tomatoes movie-review sentences with a sentiment score (Pang and Lee, via VADER).

The sentences and their human ratings (-4 to 4) are in the source archive of
vaderSentiment 3.3.2 on PyPI (MIT licence), file
``additional_resources/hutto_ICWSM_2014.tar.gz``. A sentence is positive when
its mean rating is above zero and negative below; the 37 rated exactly zero
are left out.
"""

import io
import tarfile

import numpy as np

from .cache import fetch_from_pypi, verified

REQUIREMENT = "vaderSentiment==3.3.2"
ARCHIVE = "vaderSentiment-3.3.2.tar.gz"
SHA256 = "5d7c06e027fc8b99238edb0d53d970cf97066ef97654009890b83703849632f9"
INNER_ARCHIVE = "vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz"
MEMBER = "hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.txt"


def fetch(force=False):
    """Download the vaderSentiment source archive into the cache."""
    return fetch_from_pypi(REQUIREMENT, ARCHIVE, SHA256, sdist=True, force=force)


def load_rated():
    """Every sentence with its mean rating: two lists, (sentences, ratings)."""
    with tarfile.open(verified(ARCHIVE, SHA256)) as outer:
        inner_bytes = outer.extractfile(INNER_ARCHIVE).read()
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        text = inner.extractfile(MEMBER).read().decode("utf-8")
    sentences, ratings = [], []
    for line in text.splitlines():
        if line.strip():
            _, rating, sentence = line.split("\t", 2)
            sentences.append(sentence.strip())
            ratings.append(float(rating))
    return sentences, ratings


def load():
    """Sentences with a polarity label (1 positive, 0 negative): (list of str, int array)."""
    sentences, ratings = load_rated()
    kept = [(s, int(r > 0)) for s, r in zip(sentences, ratings) if r != 0]
    return [s for s, _ in kept], np.array([label for _, label in kept], dtype="int32")


def splits(validation=0.1, test=0.1, seed=0):
    """A fixed shuffle of :func:`load` cut into 'train', 'validation' and 'test'.

    Returns a dict of name -> (list of sentences, label array).
    """
    sentences, labels = load()
    order = np.random.default_rng(seed).permutation(len(sentences))
    n_test, n_val = round(test * len(order)), round(validation * len(order))
    parts = {
        "train": order[n_test + n_val :],
        "validation": order[n_test : n_test + n_val],
        "test": order[:n_test],
    }
    return {name: ([sentences[i] for i in idx], labels[idx]) for name, idx in parts.items()}
