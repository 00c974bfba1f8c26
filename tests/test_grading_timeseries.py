"""Each check of rnncourse.grading.timeseries passes a correct answer and fails a wrong one with its message."""

import keras
import numpy as np
import pandas as pd
import pytest
from keras import layers
from gradingtools import fails

from rnncourse.grading import timeseries as check


def make_windows(values, timesteps):
    values = np.asarray(values, dtype="float32")
    return np.lib.stride_tricks.sliding_window_view(values, timesteps)[:-1][..., None], values[timesteps:]


def fit_scaler(train_values):
    return float(np.mean(train_values)), float(np.std(train_values))


def prepare_data(values, timesteps, n_train, n_val, leaky=False):
    parts = {"train": values[:n_train], "validation": values[n_train : n_train + n_val], "test": values[n_train + n_val :]}
    mean, std = fit_scaler(values if leaky else parts["train"])
    data = {name: make_windows((part - mean) / std, timesteps) for name, part in parts.items()}
    data["scaler"] = (mean, std)
    return data


def build_model(cell, timesteps, units=4):
    if cell not in ("lstm", "gru"):
        raise ValueError(cell)
    layer = layers.LSTM(units) if cell == "lstm" else layers.GRU(units)
    model = keras.Sequential([keras.Input(shape=(timesteps, 1)), layer, layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


def extrapolating_model(timesteps):
    """Predicts 2·x[t-1] - x[t-2]: exact on a straight line, where persistence is always one step behind."""
    inputs = keras.Input(shape=(timesteps, 1))
    outputs = layers.Lambda(lambda x: 2.0 * x[:, -1, :] - x[:, -2, :])(inputs)
    model = keras.Model(inputs, outputs, name="extrapolator")
    return model


def persistence_model(timesteps):
    inputs = keras.Input(shape=(timesteps, 1))
    return keras.Model(inputs, layers.Lambda(lambda x: x[:, -1, :])(inputs), name="persistence")


# The first 60 values (the training part below) have another level and spread than the rest.
SERIES = np.concatenate([np.random.default_rng(0).normal(0, 1, 60), np.random.default_rng(1).normal(30, 5, 40)])
SERIES = SERIES.astype("float32")
LINE = np.arange(50, dtype="float32") * 2.0 + 100.0


def test_windows():
    def without_features_axis(values, timesteps):
        x, y = make_windows(values, timesteps)
        return x[..., 0], y

    def last_input_as_target(values, timesteps):
        x, _ = make_windows(values, timesteps)
        return x, x[:, -1, 0]

    check.windows(make_windows, np.arange(10.0), 3)
    fails("features axis", check.windows, without_features_axis, np.arange(10.0), 3)
    fails("next value", check.windows, last_input_as_target, np.arange(10.0), 3)


def test_scaler():
    check.scaler(fit_scaler, SERIES[:60])
    fails("whole series", check.scaler, lambda train: fit_scaler(SERIES), SERIES[:60])
    fails("pair", check.scaler, lambda train: float(np.mean(train)), SERIES[:60])
    fails("np.std", check.scaler, lambda train: (np.mean(train), np.std(train, ddof=1)), [1.0, 2.0, 3.0, 4.0])


def test_prepared_catches_leakage_and_wrong_splits():
    check.prepared(prepare_data, SERIES, 5, 60, 20)
    fails("training part only", check.prepared, lambda v, t, a, b: prepare_data(v, t, a, b, leaky=True), SERIES, 5, 60, 20)
    fails("split the series", check.prepared, lambda v, t, a, b: prepare_data(v, t, a + 5, b), SERIES, 5, 60, 20)
    def without_scaler(values, timesteps, n_train, n_val):
        data = prepare_data(values, timesteps, n_train, n_val)
        del data["scaler"]
        return data

    fails("keys", check.prepared, without_scaler, SERIES, 5, 60, 20)


def test_model_for_and_unknown_cells():
    check.model_for(build_model, "lstm", 6, "LSTM")
    check.model_for(build_model, "gru", 6, "GRU")
    fails("should use a GRU", check.model_for, lambda c, t: build_model("lstm", t), "gru", 6, "GRU")
    fails("input", check.model_for, lambda c, t: build_model(c, t + 1), "gru", 6, "GRU")
    check.rejects_unknown_cell(build_model)
    fails("should raise ValueError", check.rejects_unknown_cell, lambda c, t: build_model("gru", t))
    fails("not KeyError", check.rejects_unknown_cell, lambda c, t: {"lstm": 1}[c])


def test_rmse_functions():
    data = prepare_data(SERIES, 5, 60, 20)
    check.persistence_function(lambda d: check.persistence_rmse(d), data)
    fails("original units", check.persistence_function, lambda d: check.persistence_rmse(d) / d["scaler"][1], data)
    model = build_model("gru", 5)
    check.rmse_function(lambda m, d: check.model_rmse(m, d), model, data)
    fails("scaled units", check.rmse_function, lambda m, d: check.model_rmse(m, d) / d["scaler"][1], model, data)


def test_beats_persistence():
    data = prepare_data(LINE, 4, 30, 10)
    ours, baseline = check.beats_persistence(extrapolating_model(4), data, factor=0.1)
    assert ours < 1e-3 and baseline == pytest.approx(2.0, rel=1e-4)
    fails("persistence baseline", check.beats_persistence, persistence_model(4), data)


def test_comparison_table():
    data = prepare_data(SERIES, 5, 60, 20)
    models = {"lstm": build_model("lstm", 5), "gru": build_model("gru", 5)}

    def table(**changes):
        rows = {cell: {"rmse": check.model_rmse(model, data), "parameters": model.count_params(), "seconds": 1.5}
                for cell, model in models.items()}
        return pd.DataFrame.from_dict(rows, orient="index").assign(**changes)

    check.comparison_table(table(), models, data)
    fails("columns", check.comparison_table, table(epochs=3), models, data)
    fails("rows", check.comparison_table, table().loc[["gru", "lstm"]], models, data)
    fails("count_params", check.comparison_table, table(parameters=0), models, data)
    fails("original units", check.comparison_table, table(rmse=0.1), models, data)
    fails("DataFrame", check.comparison_table, table().to_dict(), models, data)
