"""Small evaluation helpers in NumPy."""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes=2):
    """Counts with true classes as rows and predicted classes as columns."""
    matrix = np.zeros((n_classes, n_classes), dtype="int64")
    np.add.at(matrix, (np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)), 1)
    return matrix


def accuracy(y_true, y_pred):
    """The share of predictions equal to the truth."""
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def majority_baseline(y_train, y_eval):
    """Accuracy on ``y_eval`` of always predicting the most common training label."""
    majority = np.bincount(np.asarray(y_train, dtype=int)).argmax()
    return accuracy(y_eval, np.full(len(y_eval), majority))


def most_confident_errors(probabilities, y_true, count=5, threshold=0.5):
    """Indices of the wrongly classified examples, the most confidently wrong first."""
    probabilities = np.asarray(probabilities, dtype=float).ravel()
    wrong = np.flatnonzero((probabilities > threshold).astype(int) != np.asarray(y_true, dtype=int).ravel())
    order = np.argsort(-np.abs(probabilities[wrong] - threshold), kind="stable")
    return wrong[order[:count]]


def generalization_gap(model, train, validation, threshold=0.5, batch_size=512):
    """Training and validation accuracy of a binary classifier in inference mode (dropout off), and their gap.

    ``train`` and ``validation`` are ``(inputs, labels)`` pairs; ``model`` needs a
    Keras-style ``predict(inputs, batch_size=..., verbose=0)`` returning probabilities.
    """
    scores = {}
    for name, (inputs, labels) in (("train", train), ("validation", validation)):
        probabilities = np.asarray(model.predict(inputs, batch_size=batch_size, verbose=0)).ravel()
        scores[f"{name}_accuracy"] = accuracy(labels, (probabilities > threshold).astype(int))
    scores["gap"] = scores["train_accuracy"] - scores["validation_accuracy"]
    return scores
