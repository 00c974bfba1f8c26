"""rnncourse.cudnn: the cuDNN eligibility rules, checked against what Keras actually builds;
and rnncourse.bench, which times the kernels in the same chapter.

Keras decides at call time: ``LSTM.inner_loop`` / ``GRU.inner_loop`` try
``keras.src.backend.tensorflow.rnn.lstm`` / ``gru``, which emit a ``CudnnRNNV3``
op when ``cudnn_ok(...)`` holds (its last test is ``_is_gpu_available()``).
On a CPU-only machine, pretending that test passes lets us trace the graph
Keras would build on a GPU without running it. Tests that must run the cuDNN
kernel are skipped when no GPU is visible.
"""

import importlib

import numpy as np
import pytest
import tensorflow as tf
from keras import layers

from rnncourse import cudnn

TF_RNN = importlib.import_module("keras.src.backend.tensorflow.rnn")
HAS_GPU = cudnn.gpu_visible()
needs_gpu = pytest.mark.skipif(not HAS_GPU, reason="no GPU visible: the cuDNN kernel cannot run here")
X = np.random.default_rng(0).normal(size=(3, 6, 5)).astype("float32")

# (id, layer factory, expected reason substrings with gpu_available=True; empty = eligible)
CONFIGURATIONS = [
    ("lstm_defaults", lambda: layers.LSTM(4), []),
    ("gru_defaults", lambda: layers.GRU(4), []),
    ("lstm_input_dropout", lambda: layers.LSTM(4, dropout=0.3), []),
    ("gru_input_dropout", lambda: layers.GRU(4, dropout=0.3), []),
    ("lstm_sequences_state_backwards", lambda: layers.LSTM(4, return_sequences=True, return_state=True, go_backwards=True), []),
    ("lstm_use_cudnn_true", lambda: layers.LSTM(4, use_cudnn=True), []),
    ("lstm_tf_tanh_sigmoid", lambda: layers.LSTM(4, activation=tf.tanh, recurrent_activation=tf.sigmoid), []),
    ("lstm_recurrent_dropout", lambda: layers.LSTM(4, recurrent_dropout=0.2), ["recurrent_dropout=0.2"]),
    ("gru_recurrent_dropout", lambda: layers.GRU(4, recurrent_dropout=0.2), ["recurrent_dropout=0.2"]),
    ("lstm_relu", lambda: layers.LSTM(4, activation="relu"), ["activation is relu"]),
    ("gru_relu", lambda: layers.GRU(4, activation="relu"), ["activation is relu"]),
    ("lstm_hard_sigmoid", lambda: layers.LSTM(4, recurrent_activation="hard_sigmoid"), ["recurrent_activation is hard_sigmoid"]),
    ("gru_hard_sigmoid", lambda: layers.GRU(4, recurrent_activation="hard_sigmoid"), ["recurrent_activation is hard_sigmoid"]),
    ("lstm_unroll", lambda: layers.LSTM(4, unroll=True), ["unroll=True"]),
    ("gru_unroll", lambda: layers.GRU(4, unroll=True), ["unroll=True"]),
    ("lstm_no_bias", lambda: layers.LSTM(4, use_bias=False), ["use_bias=False"]),
    ("gru_no_bias", lambda: layers.GRU(4, use_bias=False), ["use_bias=False"]),
    ("gru_reset_before", lambda: layers.GRU(4, reset_after=False), ["reset_after=False"]),
    ("lstm_use_cudnn_false", lambda: layers.LSTM(4, use_cudnn=False), ["use_cudnn=False"]),
    ("gru_use_cudnn_false", lambda: layers.GRU(4, use_cudnn=False), ["use_cudnn=False"]),
    ("lstm_several", lambda: layers.LSTM(4, activation="relu", unroll=True, use_bias=False), ["activation is relu", "unroll=True", "use_bias=False"]),
    ("simple_rnn", lambda: layers.SimpleRNN(4), ["SimpleRNN has no cuDNN kernel"]),
    ("rnn_of_lstm_cell", lambda: layers.RNN(layers.LSTMCell(4)), ["RNN(LSTMCell) has no cuDNN kernel"]),
    ("rnn_of_gru_cell", lambda: layers.RNN(layers.GRUCell(4)), ["RNN(GRUCell) has no cuDNN kernel"]),
    ("bidirectional_lstm", lambda: layers.Bidirectional(layers.LSTM(4)), []),
    ("bidirectional_gru", lambda: layers.Bidirectional(layers.GRU(4)), []),
    ("bidirectional_recurrent_dropout", lambda: layers.Bidirectional(layers.LSTM(4, recurrent_dropout=0.1)), ["recurrent_dropout=0.1"]),
    (
        "bidirectional_backward_differs",
        lambda: layers.Bidirectional(layers.LSTM(4), backward_layer=layers.LSTM(4, go_backwards=True, unroll=True)),
        ["backward layer: unroll=True"],
    ),
    ("bidirectional_simple_rnn", lambda: layers.Bidirectional(layers.SimpleRNN(4)), ["SimpleRNN has no cuDNN kernel"]),
]
IDS = [c[0] for c in CONFIGURATIONS]


@pytest.mark.parametrize("name,build,expected", CONFIGURATIONS, ids=IDS)
def test_configuration_rules(name, build, expected):
    verdict = cudnn.cudnn_eligibility(build(), gpu_available=True)
    assert verdict.eligible == (not expected), verdict.reasons
    assert len(verdict.reasons) == len(expected), verdict.reasons
    for reason, substring in zip(verdict.reasons, expected):
        assert substring in reason
    assert verdict.kernel == ("generic" if expected else "cuDNN")


@pytest.mark.parametrize("name,build,expected", CONFIGURATIONS, ids=IDS)
def test_no_gpu_is_always_a_reason(name, build, expected):
    verdict = cudnn.cudnn_eligibility(build(), gpu_available=False)
    assert not verdict.eligible
    assert verdict.reasons[-1] == "no GPU is visible"
    assert verdict.reasons[:-1] == cudnn.cudnn_eligibility(build(), gpu_available=True).reasons


def test_default_gpu_check_is_this_machine():
    verdict = cudnn.cudnn_eligibility(layers.LSTM(4))
    assert verdict.eligible == HAS_GPU == bool(tf.config.list_logical_devices("GPU"))


def test_use_cudnn_true_on_an_ineligible_layer_is_flagged_as_raising():
    assert cudnn.cudnn_eligibility(layers.LSTM(4, use_cudnn=True, unroll=True), gpu_available=True).raises
    assert not cudnn.cudnn_eligibility(layers.LSTM(4, use_cudnn=True), gpu_available=True).raises
    assert not cudnn.cudnn_eligibility(layers.LSTM(4, unroll=True), gpu_available=True).raises
    assert "ValueError" in str(cudnn.cudnn_eligibility(layers.GRU(4, use_cudnn=True, reset_after=False), gpu_available=True))


def test_eligibility_rows_describe_each_configuration():
    rows = cudnn.eligibility_rows({"default": layers.LSTM(4), "forced": layers.LSTM(4, use_cudnn=True, use_bias=False)})
    assert rows[0] == {"configuration": "default", "kernel": "cuDNN", "why not cuDNN": "-"}
    assert rows[1]["kernel"] == "generic"
    assert rows[1]["why not cuDNN"] == "use_bias=False -> ValueError when called"


@pytest.fixture
def pretend_gpu(monkeypatch):
    """Make Keras' own GPU test pass, so tracing shows the graph a GPU would get."""
    monkeypatch.setattr(TF_RNN, "_is_gpu_available", lambda: True)


DROPOUT = [c for c in CONFIGURATIONS if "dropout" in c[0]]


@pytest.mark.parametrize("name,build,expected", CONFIGURATIONS, ids=IDS)
def test_rules_match_the_graph_keras_builds_for_a_gpu(pretend_gpu, name, build, expected):
    _check_against_graph(build(), training=False)


@pytest.mark.parametrize("name,build,expected", DROPOUT, ids=[c[0] for c in DROPOUT])
def test_rules_match_the_graph_in_training_too(pretend_gpu, name, build, expected):
    _check_against_graph(build(), training=True)


def _check_against_graph(layer, training):
    verdict = cudnn.cudnn_eligibility(layer, gpu_available=True)
    if verdict.raises:
        with pytest.raises(ValueError, match="use_cudnn=True"):
            cudnn.uses_cudnn_kernel(layer, X, training=training)
    else:
        assert cudnn.uses_cudnn_kernel(layer, X, training=training) == verdict.eligible


@pytest.mark.skipif(HAS_GPU, reason="a GPU is visible; the CPU-only graph cannot be traced here")
@pytest.mark.parametrize("name,build,expected", [c for c in CONFIGURATIONS if "use_cudnn_true" not in c[0]], ids=[i for i in IDS if "use_cudnn_true" not in i])
def test_without_gpu_no_layer_emits_a_cudnn_op(name, build, expected):
    assert not cudnn.uses_cudnn_kernel(build(), X)


def test_mask_does_not_change_the_layer_level_decision(pretend_gpu):
    mask = np.array([[True] * 6, [True] * 3 + [False] * 3, [True] + [False] * 5])
    assert cudnn.uses_cudnn_kernel(layers.LSTM(4), X, mask=mask)
    assert not cudnn.uses_cudnn_kernel(layers.LSTM(4, use_cudnn=False), X, mask=mask)


@pytest.mark.skipif(HAS_GPU, reason="with a GPU, use_cudnn=True runs instead of raising")
@pytest.mark.parametrize("kind", [layers.LSTM, layers.GRU])
def test_use_cudnn_true_without_gpu_raises_when_called(kind):
    layer = kind(4, use_cudnn=True)  # building the layer is fine ...
    with pytest.raises(ValueError, match="use_cudnn=True"):
        layer(X)  # ... calling it is not


@pytest.mark.parametrize("kind", [layers.LSTM, layers.GRU])
def test_use_cudnn_true_with_an_ineligible_configuration_raises_on_any_device(kind):
    with pytest.raises(ValueError, match="use_cudnn=True"):
        kind(4, use_cudnn=True, activation="relu")(X)


def test_use_cudnn_accepts_only_three_values():
    with pytest.raises(ValueError, match="use_cudnn"):
        layers.LSTM(4, use_cudnn="yes")


# Masks: the two checks of Keras' _assert_valid_mask.
MASKS = {
    "right_padded": ([[1, 1, 1, 0], [1, 1, 1, 1], [1, 0, 0, 0]], []),
    "left_padded": ([[0, 0, 1, 1], [1, 1, 1, 1], [0, 1, 1, 1]], ["2 row(s) not right-padded, first is row 0"]),
    "hole": ([[1, 1, 1, 1], [1, 0, 1, 0]], ["1 row(s) not right-padded, first is row 1"]),
    "fully_masked": ([[1, 1, 0, 0], [0, 0, 0, 0]], ["1 row(s) fully masked, first is row 1"]),
    "both": ([[0, 0, 0, 0], [0, 1, 1, 1]], ["1 row(s) not right-padded, first is row 1", "1 row(s) fully masked, first is row 0"]),
}


@pytest.mark.parametrize("mask,expected", MASKS.values(), ids=list(MASKS))
def test_mask_problems(mask, expected):
    assert cudnn.mask_problems(mask) == expected


def test_mask_problems_agree_with_keras_on_random_masks():
    rng = np.random.default_rng(1)
    for _ in range(200):
        timesteps = int(rng.integers(1, 7))
        if rng.random() < 0.5:  # right-padded rows, some of them empty
            lengths = rng.integers(0, timesteps + 1, size=4)
            mask = np.arange(timesteps)[None, :] < lengths[:, None]
        else:
            mask = rng.random((4, timesteps)) < 0.6
        problems = cudnn.mask_problems(mask)
        keras_right = bool(TF_RNN._is_sequence_right_padded(tf.constant(mask)))
        keras_empty = bool(TF_RNN._has_fully_masked_sequence(tf.constant(mask)))
        assert any("not right-padded" in p for p in problems) == (not keras_right), mask
        assert any("fully masked" in p for p in problems) == keras_empty, mask


def test_traced_op_types_sees_the_generic_loop():
    layer = layers.LSTM(4, use_cudnn=False)
    layer.build(X.shape)
    assert "While" in cudnn.traced_op_types(lambda x: layer(x), tf.constant(X))


def test_a_bidirectional_layer_can_run_half_on_cudnn(pretend_gpu):
    layer = layers.Bidirectional(layers.LSTM(4), backward_layer=layers.LSTM(4, go_backwards=True, unroll=True))
    assert cudnn.cudnn_op_count(layer, X) == 1
    assert not cudnn.uses_cudnn_kernel(layer, X)
    assert cudnn.cudnn_op_count(layers.Bidirectional(layers.GRU(4)), X) == 2


def test_bidirectional_gives_both_directions_the_forward_use_cudnn(pretend_gpu):
    backward = layers.LSTM(4, go_backwards=True, use_cudnn=False)
    layer = layers.Bidirectional(layers.LSTM(4), backward_layer=backward)
    assert layer.backward_layer.use_cudnn == "auto"  # Keras overrides it with the forward layer's
    assert cudnn.cudnn_eligibility(layer, gpu_available=True).eligible
    assert cudnn.uses_cudnn_kernel(layer, X)


def test_use_cudnn_is_not_saved_in_the_config():
    config = layers.LSTM(4, use_cudnn=False).get_config()
    assert "use_cudnn" not in config
    assert layers.LSTM.from_config(config).use_cudnn == "auto"


# On a GPU: the cuDNN kernel really runs, and behaves as the chapter says.


def _twin(kind, use_cudnn=True, **kwargs):
    """A layer that may use cuDNN and a use_cudnn=False copy with the same weights."""
    fast, slow = kind(6, use_cudnn=use_cudnn, **kwargs), kind(6, use_cudnn=False, **kwargs)
    fast.build(X.shape)
    slow.build(X.shape)
    slow.set_weights(fast.get_weights())
    return fast, slow


@pytest.fixture
def exact_float32():
    """Turn off TensorFloat-32 so the cuDNN and generic kernels can be compared closely."""
    was = tf.config.experimental.tensor_float_32_execution_enabled()
    tf.config.experimental.enable_tensor_float_32_execution(False)
    yield
    tf.config.experimental.enable_tensor_float_32_execution(was)


@needs_gpu
@pytest.mark.parametrize("kind", [layers.LSTM, layers.GRU])
def test_use_cudnn_true_runs_and_matches_the_generic_kernel_on_gpu(kind, exact_float32):
    fast, slow = _twin(kind, return_sequences=True)
    assert cudnn.cudnn_eligibility(fast).eligible
    assert cudnn.uses_cudnn_kernel(fast, X)
    assert not cudnn.uses_cudnn_kernel(slow, X)
    np.testing.assert_allclose(fast(X), slow(X), atol=1e-4)
    mask = np.arange(X.shape[1])[None, :] < np.array([6, 4, 1])[:, None]
    # At masked steps cuDNN writes zeros and the generic loop repeats the last output: compare the rest.
    keep = mask[..., None]
    np.testing.assert_allclose(np.where(keep, fast(X, mask=mask), 0), np.where(keep, slow(X, mask=mask), 0), atol=1e-4)
    fast_last, slow_last = _twin(kind)
    np.testing.assert_allclose(fast_last(X, mask=mask), slow_last(X, mask=mask), atol=1e-4)


@needs_gpu
@pytest.mark.parametrize("kind", [layers.LSTM, layers.GRU])
def test_use_cudnn_true_trains_on_gpu(kind):
    import keras

    model = keras.Sequential([keras.Input(shape=X.shape[1:]), kind(6, use_cudnn=True), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")  # jit_compile="auto"
    assert model.jit_compile is False, "a model with a cuDNN layer is not XLA-compiled"
    before = [w.copy() for w in model.get_weights()]
    model.fit(X, np.ones((len(X), 1)), epochs=2, verbose=0)
    assert any(not np.allclose(a, b) for a, b in zip(before, model.get_weights()))


@needs_gpu
@pytest.mark.parametrize("kind", [layers.LSTM, layers.GRU])
def test_bad_mask_fails_in_a_graph_and_falls_back_eagerly_on_gpu(kind, exact_float32):
    auto, slow = _twin(kind, use_cudnn="auto")
    left_padded = np.array([[False, False, True, True, True, True], [True] * 6, [True] * 6])
    assert cudnn.mask_problems(left_padded)
    # Eagerly, the failed check is caught and the generic kernel runs instead ...
    np.testing.assert_allclose(auto(X, mask=left_padded), slow(X, mask=left_padded), atol=1e-4)
    # ... unless use_cudnn=True, which turns the fallback into an error.
    forced = kind(6, use_cudnn=True)
    with pytest.raises(ValueError, match="use_cudnn=True"):
        forced(X, mask=left_padded)
    # In a graph, as in fit/predict/evaluate, the check fails when it runs: no fallback.
    with pytest.raises(tf.errors.InvalidArgumentError, match="right-padded"):
        tf.function(lambda x, m: auto(x, mask=m))(X, left_padded)


# rnncourse.bench: the timing helpers of the same chapter (and of ch-choosing).


def test_format_table_aligns_text_left_and_numbers_right():
    from rnncourse import bench

    table = bench.format_table([{"layer": "GRU", "ms": 1.234, "n": 7}, {"layer": "SimpleRNN", "ms": 12.0, "n": 10}])
    assert table.splitlines() == [
        "layer         ms   n",
        "---------  -----  --",
        "GRU         1.23   7",
        "SimpleRNN  12.00  10",
    ]


def test_epoch_timer_collects_epochs_over_several_fit_calls():
    import keras

    from rnncourse import bench

    model = keras.Sequential([keras.Input(shape=(6, 5)), layers.GRU(3), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    timer = bench.EpochTimer()
    y = np.zeros((len(X), 1))
    model.fit(X, y, epochs=2, verbose=0, callbacks=[timer])
    model.fit(X, y, initial_epoch=2, epochs=3, verbose=0, callbacks=[timer])
    assert len(timer.seconds) == len(timer.cpu_seconds) == 3
    assert all(s > 0 for s in timer.seconds)
    assert timer.steady() == float(np.median(timer.seconds[1:]))


def test_compare_kernels_times_every_layer_and_length():
    from rnncourse import bench

    rows = bench.compare_kernels({"GRU": lambda: layers.GRU(2), "LSTM": lambda: layers.LSTM(2)}, timesteps=(3, 4), rounds=2, batch_size=4)
    assert [(r["layer"], r["timesteps"]) for r in rows] == [("GRU", 3), ("LSTM", 3), ("GRU", 4), ("LSTM", 4)]
    for row in rows:
        assert 0 < row["best ms per step"] <= row["median ms per step"]
        assert row["first step (s)"] > 0
