"""Checks for ex2_lstm_vs_gru: windows, a scaler fitted on training data only, the models and their RMSE."""

import numpy as np

from ..windows import sliding_windows

PARTS = ("train", "validation", "test")
TABLE_COLUMNS = ["rmse", "parameters", "seconds"]


def windows(make_windows, values, timesteps):
    """``make_windows(values, timesteps)`` gives x of shape (pairs, timesteps, 1) and y of shape (pairs,)."""
    values = np.asarray(values, dtype="float32")
    expected_x, expected_y = sliding_windows(values, timesteps)
    x, y = make_windows(values, timesteps)
    x, y = np.asarray(x), np.asarray(y)
    pairs = len(expected_y)
    assert x.shape == (pairs, timesteps, 1), (
        f"x should have shape (pairs, timesteps, features) = {(pairs, timesteps, 1)} for {len(values)} "
        f"values and timesteps={timesteps}; got {x.shape} (add the features axis with x[..., None])"
    )
    assert y.shape == (pairs,), f"y should have shape (pairs,) = {(pairs,)}; got {y.shape}"
    assert np.allclose(x[..., 0], expected_x), "window i should hold values[i : i + timesteps]"
    assert np.allclose(y, expected_y), "the target of window i should be values[i + timesteps], the next value"


def scaler(fit_scaler, train_values):
    """``fit_scaler(train_values)`` returns (mean, std) of exactly the values it is given."""
    train_values = np.asarray(train_values, dtype="float32")
    fitted = fit_scaler(train_values)
    assert isinstance(fitted, (tuple, list, np.ndarray)) and len(fitted) == 2, (
        f"fit_scaler should return the pair (mean, std); got {fitted!r}"
    )
    mean, std = (float(v) for v in fitted)
    assert np.isclose(mean, train_values.mean(), rtol=1e-4, atol=1e-4), (
        f"the mean should be that of the values passed in ({train_values.mean():.4f}); got {mean:.4f}. "
        f"Fit the scaler on its argument only, never on the whole series"
    )
    assert np.isclose(std, train_values.std(), rtol=1e-3), (
        f"the std should be that of the values passed in ({train_values.std():.4f}, np.std); got {std:.4f}"
    )


def _expected_parts(values, timesteps, n_train, n_val):
    values = np.asarray(values, dtype="float32")
    parts = dict(zip(PARTS, (values[:n_train], values[n_train : n_train + n_val], values[n_train + n_val :])))
    mean, std = float(parts["train"].mean()), float(parts["train"].std())
    return {name: sliding_windows((part - mean) / std, timesteps) for name, part in parts.items()}, (mean, std)


def prepared(prepare_data, values, timesteps, n_train, n_val):
    """``prepare_data`` splits in time order, scales with training statistics and windows each part."""
    data = prepare_data(np.asarray(values, dtype="float32"), timesteps, n_train, n_val)
    expected, (mean, std) = _expected_parts(values, timesteps, n_train, n_val)
    assert isinstance(data, dict), f"prepare_data should return a dict, got {type(data).__name__}"
    missing = [k for k in (*PARTS, "scaler") if k not in data]
    assert not missing, f"prepare_data should return a dict with keys {[*PARTS, 'scaler']}; missing {missing}"
    for name in PARTS:
        x, y = (np.asarray(a) for a in data[name])
        ex, ey = expected[name]
        assert x.shape == (*ex.shape, 1) and y.shape == ey.shape, (
            f"data[{name!r}] should be (x, y) with shapes {(*ex.shape, 1)} and {ey.shape}: split the series "
            f"into the first n_train values, the next n_val and the rest, then window each part; "
            f"got {x.shape} and {y.shape}"
        )
    assert len(data["scaler"]) == 2, f"data['scaler'] should be the pair (mean, std); got {data['scaler']!r}"
    got_mean, got_std = (float(v) for v in data["scaler"])
    assert np.isclose(got_mean, mean, rtol=1e-4, atol=1e-4) and np.isclose(got_std, std, rtol=1e-3), (
        f"the scaler should be fitted on the training part only: expected (mean, std) = ({mean:.4f}, "
        f"{std:.4f}), got ({got_mean:.4f}, {got_std:.4f}). Statistics of validation or test values leak "
        f"information about the future into training"
    )
    for name in PARTS:
        x, y = (np.asarray(a) for a in data[name])
        assert np.allclose(x[..., 0], expected[name][0], atol=1e-4) and np.allclose(y, expected[name][1], atol=1e-4), (
            f"data[{name!r}] should be scaled with the training mean and std: (values - mean) / std"
        )


def model_for(build_model, cell, timesteps, layer_name):
    """``build_model(cell, timesteps)`` uses the named recurrent layer and maps (batch, timesteps, 1) to (batch, 1)."""
    import keras

    model = build_model(cell, timesteps)
    assert isinstance(model, keras.Model), f"build_model should return a keras.Model, got {type(model).__name__}"
    kinds = [type(layer).__name__ for layer in model.layers]
    assert layer_name in kinds, f"build_model({cell!r}, ...) should use a {layer_name} layer; its layers are {kinds}"
    other = {"LSTM": "GRU", "GRU": "LSTM"}[layer_name]
    assert other not in kinds, f"build_model({cell!r}, ...) should not contain a {other} layer"
    assert tuple(model.input_shape) == (None, timesteps, 1), (
        f"the input should be (batch, timesteps, features) = (None, {timesteps}, 1); got {model.input_shape}"
    )
    assert tuple(model.output_shape) == (None, 1), f"the output should be (None, 1); got {model.output_shape}"
    assert getattr(model, "optimizer", None) is not None and getattr(model, "loss", None) is not None, (
        "compile the model inside build_model (optimizer and loss)"
    )
    return model


def rejects_unknown_cell(build_model, timesteps=5):
    """``build_model`` raises ValueError for a cell name other than 'lstm' and 'gru'."""
    try:
        build_model("transformer", timesteps)
    except ValueError:
        return
    except Exception as error:  # noqa: BLE001 (the message names what was raised instead)
        raise AssertionError(f"an unknown cell should raise ValueError, not {type(error).__name__}") from error
    raise AssertionError("build_model('transformer', ...) should raise ValueError: only 'lstm' and 'gru' are known")


def rmse(a, b):
    """Root mean squared difference of two arrays."""
    return float(np.sqrt(np.mean((np.asarray(a, dtype="float64") - np.asarray(b, dtype="float64")) ** 2)))


def persistence_rmse(data, part="test"):
    """RMSE in original units of predicting each next value by the last value of its window."""
    mean, std = (float(v) for v in data["scaler"])
    x, y = data[part]
    return rmse(np.asarray(x)[:, -1, 0] * std + mean, np.asarray(y) * std + mean)


def model_rmse(model, data, part="test"):
    """RMSE in original units of ``model``'s predictions on ``data[part]``."""
    mean, std = (float(v) for v in data["scaler"])
    x, y = data[part]
    # A direct call: model.predict would trace another tf.function for each new batch shape.
    predictions = np.asarray(model(np.asarray(x, dtype="float32"), training=False)).reshape(-1)
    return rmse(predictions * std + mean, np.asarray(y) * std + mean)


def rmse_function(evaluate_rmse, model, data):
    """``evaluate_rmse(model, data)`` is the test RMSE in original units, not in scaled units."""
    expected = model_rmse(model, data)
    got = float(evaluate_rmse(model, data))
    std = float(data["scaler"][1])
    assert not np.isclose(got, expected / std, rtol=1e-3) or np.isclose(std, 1.0), (
        f"evaluate_rmse returned {got:.4f}, the RMSE in scaled units; multiply by std to get original units"
    )
    assert np.isclose(got, expected, rtol=1e-3), (
        f"evaluate_rmse should return the RMSE of the model's test predictions in original units "
        f"({expected:.4f}); got {got:.4f}"
    )


def persistence_function(persistence, data):
    """``persistence(data)`` is the test RMSE in original units of predicting each value by the one before it."""
    expected = persistence_rmse(data)
    got = float(persistence(data))
    assert np.isclose(got, expected, rtol=1e-4), (
        f"persistence should predict each test target by the last value of its window and return the RMSE "
        f"in original units ({expected:.4f}); got {got:.4f}"
    )


def beats_persistence(model, data, factor=1.0):
    """The model's test RMSE is below ``factor`` times the persistence baseline's; returns both."""
    ours, baseline = model_rmse(model, data), persistence_rmse(data)
    assert ours < factor * baseline, (
        f"{model.name}: test RMSE {ours:.2f} should be below {factor:g} x the persistence baseline's "
        f"{baseline:.2f} (= {factor * baseline:.2f}); train longer, or check the scaling and the windows"
    )
    return ours, baseline


def comparison_table(table, models, data):
    """``table`` is a DataFrame indexed 'lstm', 'gru' with the columns rmse, parameters, seconds."""
    import pandas as pd

    assert isinstance(table, pd.DataFrame), f"compare should return a pandas DataFrame, got {type(table).__name__}"
    assert list(table.index) == ["lstm", "gru"], (
        f"the rows should be ['lstm', 'gru'], in that order; got {list(table.index)}"
    )
    assert list(table.columns) == TABLE_COLUMNS, f"the columns should be {TABLE_COLUMNS}; got {list(table.columns)}"
    for cell, model in models.items():
        row = table.loc[cell]
        assert int(row["parameters"]) == model.count_params(), (
            f"{cell}: parameters should be model.count_params() = {model.count_params()}; got {row['parameters']}"
        )
        expected = model_rmse(model, data)
        assert np.isclose(float(row["rmse"]), expected, rtol=1e-3), (
            f"{cell}: rmse should be the test RMSE in original units ({expected:.3f}); got {row['rmse']}"
        )
        assert float(row["seconds"]) > 0, f"{cell}: seconds should be the measured training time, got {row['seconds']}"
