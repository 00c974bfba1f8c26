"""Each check of rnncourse.grading.dropout passes a correct answer and fails a wrong one with its message."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from keras import layers
from gradingtools import fails

from rnncourse.grading import dropout as check

CONFIGS = [(0.0, 0.0), (0.3, 0.3), (0.6, 0.6)]


def results(train=(0.97, 0.94, 0.90), val=(0.76, 0.77, 0.78), configs=CONFIGS):
    table = pd.DataFrame(configs, columns=["dropout", "recurrent_dropout"])
    table["train_accuracy"], table["val_accuracy"] = train, val
    table["gap"] = table["train_accuracy"] - table["val_accuracy"]
    return table


def sign_model():
    """Classifies x > 0 perfectly in inference mode; in training mode its Dropout(0.9) erases most inputs."""
    inputs = keras.Input(shape=(1,))
    hidden = layers.Dropout(0.9)(inputs)
    outputs = layers.Dense(1, activation="sigmoid", kernel_initializer=keras.initializers.Constant(10.0),
                           bias_initializer=keras.initializers.Constant(-1.0))(hidden)
    return keras.Model(inputs, outputs)


def sign_data():
    rng = np.random.default_rng(0)
    x = np.where(rng.random(400) < 0.5, -1.0, 1.0).astype("float32")[:, None]
    return {"train": (x[:300], (x[:300, 0] > 0).astype("int32")), "validation": (x[300:], (x[300:, 0] > 0).astype("int32"))}


def plot_results(table, labels=("training", "validation"), title="Accuracy by dropout"):
    fig, ax = plt.subplots()
    ax.plot(range(len(table)), table["train_accuracy"], label=labels[0])
    ax.plot(range(len(table)), table["val_accuracy"], label=labels[1])
    ax.set_xlabel("dropout / recurrent_dropout")
    ax.set_ylabel("accuracy")
    ax.set_title(title)
    ax.legend()
    return ax


def test_small_data_is_vectorized_movie_reviews():
    data, vocab_size = check.small_data(sentences=64, sequence_length=8, max_tokens=100)
    assert data["train"][0].shape == (64, 8) and data["validation"][0].shape == (32, 8)
    assert 2 < vocab_size <= 100


def test_trained_with_rates():
    from rnncourse.models import text_classifier

    def trained(dropout, recurrent_dropout, fit=True):
        model = text_classifier(20, 5, kind="gru", units=2, embedding_dim=2,
                                dropout=dropout, recurrent_dropout=recurrent_dropout)
        model.compile(optimizer="adam", loss="binary_crossentropy")
        if fit:
            model.fit(np.ones((4, 5), dtype="int32"), np.array([0, 1, 0, 1]), epochs=1, verbose=0)
        return model

    check.trained_with_rates(trained(0.25, 0.5), 0.25, 0.5)
    fails("dropout=0.0", check.trained_with_rates, trained(0.0, 0.5, fit=False), 0.25, 0.5)
    fails("fit the model", check.trained_with_rates, trained(0.25, 0.5, fit=False), 0.25, 0.5)
    fails("recurrent layer", check.trained_with_rates, sign_model(), 0.0, 0.0)


def test_accuracies_function():
    model, data = sign_model(), sign_data()
    assert check.inference_accuracy(model, *data["train"]) == 1.0

    def evaluated(m, d):
        return tuple(check.inference_accuracy(m, *d[part]) for part in ("train", "validation"))

    def with_dropout_on(m, d):
        def accuracy(x, y):
            return float(np.mean((np.asarray(m(x, training=True))[:, 0] > 0.5) == y))

        return accuracy(*d["train"]), accuracy(*d["validation"])

    check.accuracies_function(evaluated, model, data)
    fails("inference mode", check.accuracies_function, with_dropout_on, model, data)
    fails("pair", check.accuracies_function, lambda m, d: evaluated(m, d)[0], model, data)


def test_results_table():
    check.results_table(results(), CONFIGS)
    fails("columns", check.results_table, results().drop(columns="gap"), CONFIGS)
    fails("columns", check.results_table, results()[check.COLUMNS[::-1]], CONFIGS)
    fails("one row per configuration", check.results_table, results().iloc[:2], CONFIGS)
    fails("follow the configurations", check.results_table, results().iloc[::-1].reset_index(drop=True), CONFIGS)
    fails("default index", check.results_table, results().set_index(pd.Index([5, 6, 7])), CONFIGS)
    fails("gap should be", check.results_table, results().assign(gap=0.1), CONFIGS)
    in_percent = results(train=(97, 94, 90), val=(76, 77, 78))
    fails("fraction", check.results_table, in_percent, CONFIGS)
    fails("DataFrame", check.results_table, results().to_dict(), CONFIGS)


def test_gap_narrows():
    gap_none, gap_most = check.gap_narrows(results(), tolerance=0.05)
    assert gap_none == pytest.approx(0.21) and gap_most == pytest.approx(0.12)
    fails("narrow by more than 0.1", check.gap_narrows, results(), tolerance=0.1)
    fails("narrow", check.gap_narrows, results(train=(0.90, 0.94, 0.97)))
    fails("exactly one row without dropout", check.gap_narrows, results(configs=[(0.1, 0.0), (0.3, 0.3), (0.6, 0.6)]))


def test_plot():
    table = results()
    check.plot(plot_results(table), table)
    fails("labelled with 'validation'", check.plot, plot_results(table, labels=("training", "held out")), table)
    fails("title", check.plot, plot_results(table, title=""), table)
    fails("one point per row", check.plot, plot_results(results(train=(0.9, 0.9, 0.9))), table)
    fails("Axes", check.plot, plt.figure(), table)
    plt.close("all")
