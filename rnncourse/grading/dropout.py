"""Checks for ex5_dropout: accuracies in inference mode, the results table, the gap and the plot."""

import numpy as np

from . import recurrent_layers

COLUMNS = ["dropout", "recurrent_dropout", "train_accuracy", "val_accuracy", "gap"]


def small_data(sentences=512, sequence_length=16, max_tokens=2000):
    """A few hundred movie-review sentences, vectorized: ({'train': (x, y), 'validation': (x, y)}, vocab_size)."""
    from ..data import movie_reviews
    from ..text import make_vectorizer, vectorize

    parts = movie_reviews.splits()
    train_texts, train_labels = parts["train"][0][:sentences], parts["train"][1][:sentences]
    val_texts, val_labels = parts["validation"][0][: sentences // 2], parts["validation"][1][: sentences // 2]
    vectorizer = make_vectorizer(train_texts, max_tokens=max_tokens, sequence_length=sequence_length)
    data = {
        "train": (vectorize(vectorizer, train_texts), train_labels),
        "validation": (vectorize(vectorizer, val_texts), val_labels),
    }
    return data, int(vectorizer.vocabulary_size())


def trained_with_rates(model, dropout, recurrent_dropout):
    """``model`` is a compiled, trained keras.Model whose recurrent layers use the two rates."""
    import keras

    assert isinstance(model, keras.Model), (
        f"train_one should return the trained keras.Model, got {type(model).__name__}"
    )
    recurrent = recurrent_layers(model)
    assert recurrent, "the model should contain a recurrent layer (text_classifier(kind='gru', ...))"
    for layer in recurrent:
        assert np.isclose(layer.dropout, dropout) and np.isclose(layer.recurrent_dropout, recurrent_dropout), (
            f"{layer.name} has dropout={layer.dropout} and recurrent_dropout={layer.recurrent_dropout}; "
            f"train_one was asked for dropout={dropout} and recurrent_dropout={recurrent_dropout}"
        )
    iterations = int(model.optimizer.iterations.numpy()) if getattr(model, "optimizer", None) is not None else 0
    assert iterations > 0, "train_one should compile and fit the model before returning it"


def inference_accuracy(model, x, y):
    """The share of sentences whose predicted probability is on the right side of 0.5, dropout off."""
    probabilities = np.asarray(model.predict(x, batch_size=len(x), verbose=0)).reshape(-1)
    return float(np.mean((probabilities > 0.5) == np.asarray(y).astype(bool)))


def accuracies_function(accuracies, model, data):
    """``accuracies(model, data)`` is (training, validation) accuracy measured with dropout switched off."""
    result = accuracies(model, data)
    assert isinstance(result, (tuple, list)) and len(result) == 2, (
        f"accuracies should return the pair (train_accuracy, val_accuracy); got {result!r}"
    )
    for name, got, part in zip(("training", "validation"), result, ("train", "validation")):
        x, y = data[part]
        expected = inference_accuracy(model, x, y)
        assert np.isclose(float(got), expected, atol=1.5 / len(y)), (
            f"the {name} accuracy should be {expected:.4f}, measured on data[{part!r}] in inference mode "
            f"(model.evaluate or model.predict, after training; not the history, where dropout was on); "
            f"got {float(got):.4f}"
        )


def results_table(results, configs):
    """``results`` is a DataFrame with one row per (dropout, recurrent_dropout) pair and the expected columns."""
    import pandas as pd

    assert isinstance(results, pd.DataFrame), (
        f"run_experiment should return a pandas DataFrame, got {type(results).__name__}"
    )
    assert list(results.columns) == COLUMNS, (
        f"the columns should be {COLUMNS}, in that order; got {list(results.columns)}"
    )
    assert len(results) == len(configs), (
        f"there should be one row per configuration ({len(configs)}); got {len(results)}"
    )
    assert list(results.index) == list(range(len(configs))), "keep the default index 0, 1, 2, ... (no set_index)"
    pairs = list(zip(results["dropout"].astype(float), results["recurrent_dropout"].astype(float)))
    expected = [(float(d), float(r)) for d, r in configs]
    assert np.allclose(pairs, expected), f"the rows should follow the configurations {expected}, in order; got {pairs}"
    for column in ("train_accuracy", "val_accuracy"):
        values = results[column].astype(float)
        assert values.between(0.0, 1.0).all(), f"{column} should be a fraction between 0 and 1; got {list(values)}"
    gaps = results["train_accuracy"].astype(float) - results["val_accuracy"].astype(float)
    assert np.allclose(results["gap"].astype(float), gaps, atol=1e-6), "gap should be train_accuracy - val_accuracy"


def gap_narrows(results, tolerance=0.0):
    """The gap of the strongest-dropout row is more than ``tolerance`` below the no-dropout row's; returns both gaps."""
    rates = results["dropout"].astype(float) + results["recurrent_dropout"].astype(float)
    none = results[rates == 0]
    assert len(none) == 1, "the table should have exactly one row without dropout (dropout = recurrent_dropout = 0)"
    gap_none, gap_most = float(none["gap"].iloc[0]), float(results.loc[rates.idxmax(), "gap"])
    assert gap_none - gap_most > tolerance, (
        f"the gap between training and validation accuracy should narrow by more than {tolerance} with the "
        f"strongest dropout: {gap_none:.3f} without dropout, {gap_most:.3f} with it. Check that train_one "
        f"passes both rates to the recurrent layer and that accuracies are measured with dropout off"
    )
    return gap_none, gap_most


def plot(ax, results):
    """``ax`` shows a training and a validation accuracy line (labelled) over the table's rows, with axis titles."""
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes), f"plot_results should return a matplotlib Axes, got {type(ax).__name__}"
    labels = [line.get_label() for line in ax.get_lines()]
    for word, column in (("train", "train_accuracy"), ("validation", "val_accuracy")):
        matching = [line for line in ax.get_lines() if word in line.get_label().lower()]
        assert matching, f"add a line labelled with '{word}' (label=...); the line labels are {labels}"
        expected = results[column].to_numpy(dtype=float)
        values = [np.asarray(line.get_ydata(), dtype=float) for line in matching]
        assert any(v.shape == expected.shape and np.allclose(v, expected) for v in values), (
            f"the '{word}' line should plot results[{column!r}], one point per row in order; "
            f"its values are {values[0]}"
        )
    assert ax.get_xlabel() and ax.get_ylabel(), "label both axes (ax.set_xlabel, ax.set_ylabel)"
    assert ax.get_title(), "give the figure a title (ax.set_title)"
    assert ax.get_legend() is not None, "add a legend (ax.legend()) so the reader can tell the lines apart"
