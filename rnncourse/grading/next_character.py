"""Checks for ex1_next_character: the vocabulary, encoding, windows, SimpleRNN model, loss and sampling."""

import numpy as np

from . import all_layers

from ..windows import sliding_windows


def vocabulary(build_vocabulary, text):
    """``build_vocabulary(text)`` is the sorted list of the distinct characters of ``text``."""
    vocab = build_vocabulary(text)
    assert isinstance(vocab, list), f"build_vocabulary should return a list, got {type(vocab).__name__}"
    assert all(isinstance(c, str) and len(c) == 1 for c in vocab), (
        "every entry of the vocabulary should be a single character (a str of length 1)"
    )
    assert len(set(vocab)) == len(vocab), "the vocabulary lists a character more than once; keep each once"
    missing = sorted(set(text) - set(vocab))
    assert not missing, f"the vocabulary misses characters of the text: {missing[:10]}"
    extra = sorted(set(vocab) - set(text))
    assert not extra, f"the vocabulary holds characters that are not in the text: {extra[:10]}"
    assert vocab == sorted(vocab), "sort the vocabulary (sorted(set(text))), so every run gives the same ids"


def roundtrip(build_vocabulary, encode, decode, text):
    """``encode`` gives each character its index in the vocabulary, and ``decode`` undoes it."""
    vocab = build_vocabulary(text)
    ids = encode(text, vocab)
    assert isinstance(ids, np.ndarray), f"encode should return a NumPy array, got {type(ids).__name__}"
    assert ids.ndim == 1 and len(ids) == len(text), (
        f"encode should return one id per character: shape ({len(text)},), got {ids.shape}"
    )
    assert np.issubdtype(ids.dtype, np.integer), f"the ids should be integers, got dtype {ids.dtype}"
    expected = np.array([vocab.index(c) for c in text])
    wrong = np.flatnonzero(ids != expected)
    assert not len(wrong), (
        f"character {text[wrong[0]]!r} at position {wrong[0]} got id {ids[wrong[0]]}; "
        f"its index in the vocabulary is {expected[wrong[0]]}"
    )
    back = decode(ids, vocab)
    assert isinstance(back, str), f"decode should return a str, got {type(back).__name__}"
    assert back == text, f"decode(encode(text)) should give the text back; got {back[:40]!r} for {text[:40]!r}"


def windows(make_windows, ids, timesteps, step=1):
    """``make_windows(ids, timesteps, step)`` gives (x, y) with the expected shapes and values."""
    ids = np.asarray(ids)
    expected_x, expected_y = sliding_windows(ids, timesteps, step)
    x, y = make_windows(ids, timesteps, step)
    x, y = np.asarray(x), np.asarray(y)
    assert x.shape == expected_x.shape, (
        f"x should have shape (pairs, timesteps) = {expected_x.shape} for {len(ids)} ids, "
        f"timesteps={timesteps}, step={step}; got {x.shape}"
    )
    assert y.shape == expected_y.shape, f"y should have shape (pairs,) = {expected_y.shape}; got {y.shape}"
    assert np.array_equal(x[0], ids[:timesteps]), "the first window should be the first `timesteps` ids"
    assert np.array_equal(y[0], ids[timesteps]), "the first target should be the id right after the first window"
    assert np.array_equal(x, expected_x), f"window i should start at id i*step (step={step})"
    assert np.array_equal(y, expected_y), "the target of each window should be the id that follows it"


def simple_rnn_model(model, vocab_size, timesteps):
    """``model`` reads (batch, timesteps) ids through a SimpleRNN and scores every character."""
    import keras

    assert isinstance(model, keras.Model), f"build_model should return a keras.Model, got {type(model).__name__}"
    kinds = [type(layer).__name__ for layer in all_layers(model)]
    assert "SimpleRNN" in kinds, f"the model should use a SimpleRNN layer; its layers are {kinds}"
    others = sorted({k for k in kinds if k in ("LSTM", "GRU")})
    assert not others, f"this exercise is about SimpleRNN; remove {others}"
    assert tuple(model.input_shape) == (None, timesteps), (
        f"the model should take (batch, timesteps) = (None, {timesteps}) character ids; "
        f"its input shape is {model.input_shape}"
    )
    assert tuple(model.output_shape) == (None, vocab_size), (
        f"the model should output one score per character: (None, {vocab_size}); got {model.output_shape}"
    )
    assert getattr(model, "optimizer", None) is not None and getattr(model, "loss", None) is not None, (
        "compile the model inside build_model (optimizer and loss)"
    )


def unigram_entropy(ids, vocab_size):
    """The entropy in nats of the character distribution of ``ids``: the unigram baseline's loss."""
    counts = np.bincount(np.asarray(ids), minlength=vocab_size)
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def cross_entropy(model, x, y, batch_size=1024):
    """Mean cross-entropy in nats of ``model`` on windows ``x`` with next characters ``y``.

    The model may output logits or probabilities; rows that are non-negative and
    sum to 1 are read as probabilities.
    """
    scores = np.asarray(model.predict(x, batch_size=batch_size, verbose=0), dtype="float64")
    if np.all(scores >= 0) and np.allclose(scores.sum(axis=1), 1.0, atol=1e-3):
        log_p = np.log(np.clip(scores, 1e-12, 1.0))
    else:
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), np.asarray(y)].mean())


def beats_unigram(model, train_ids, val_ids, margin=0.0):
    """The validation loss is at least ``margin`` nats below the unigram entropy of the training text.

    Returns (validation loss, entropy) in nats per character.
    """
    vocab_size = model.output_shape[-1]
    timesteps = model.input_shape[1]
    x_val, y_val = sliding_windows(np.asarray(val_ids), timesteps)
    loss = cross_entropy(model, x_val, y_val)
    entropy = unigram_entropy(train_ids, vocab_size)
    assert loss < entropy - margin, (
        f"validation loss {loss:.3f} nats per character should be below {entropy - margin:.3f} "
        f"(unigram entropy {entropy:.3f} minus {margin}); train longer, or check that the model "
        f"is trained on the training windows and outputs one score per character"
    )
    return loss, entropy


def greedy_sampling(sample_next, vocab_size=7, rows=20, seed=0):
    """``sample_next(logits, 0, rng)`` returns the argmax, whatever the random generator."""
    logits = np.random.default_rng(seed).normal(size=(rows, vocab_size)).astype("float32")
    for row in logits:
        choices = {int(sample_next(row, 0.0, np.random.default_rng(s))) for s in range(3)}
        assert choices == {int(row.argmax())}, (
            f"with temperature 0, sample_next should return the index of the largest logit "
            f"({int(row.argmax())}) every time; got {sorted(choices)}"
        )


def temperature_sampling(sample_next, draws=4000, seed=0):
    """At temperature T the draws follow softmax(logits / T); higher T flattens the distribution."""
    logits = np.array([2.0, 1.0, 0.0, -1.0])
    for temperature in (0.5, 1.0, 2.0):
        rng = np.random.default_rng(seed)
        samples = np.array([sample_next(logits, temperature, rng) for _ in range(draws)])
        assert samples.min() >= 0 and samples.max() < len(logits), "sample_next should return an index into logits"
        expected = np.exp(logits / temperature) / np.exp(logits / temperature).sum()
        observed = np.bincount(samples, minlength=len(logits)) / draws
        assert np.allclose(observed, expected, atol=0.03), (
            f"at temperature {temperature} the draws should follow softmax(logits / temperature) = "
            f"{np.round(expected, 3)}; their frequencies are {np.round(observed, 3)}"
        )


def greedy_generation(generate, model, vocabulary, seed_text, length=20):
    """``generate(..., temperature=0)`` repeats itself and picks the model's top character each step."""
    timesteps = model.input_shape[1]
    ids = [vocabulary.index(c) for c in seed_text]
    for _ in range(length):
        logits = np.asarray(model.predict_on_batch(np.array([ids[-timesteps:]], dtype="int32")))[0]
        ids.append(int(logits.argmax()))
    expected = "".join(vocabulary[i] for i in ids[len(seed_text) :])
    first = generate(model, vocabulary, seed_text, length, 0.0, np.random.default_rng(0))
    second = generate(model, vocabulary, seed_text, length, 0.0, np.random.default_rng(1))
    assert isinstance(first, str), f"generate should return a str, got {type(first).__name__}"
    assert len(first) == length, f"generate should return only the {length} new characters; got {len(first)}"
    assert first == second, f"temperature 0 should be deterministic; got {first!r} and then {second!r}"
    assert first == expected, (
        f"with temperature 0 each new character should be the model's top choice given the last "
        f"{timesteps} characters; expected {expected!r}, got {first!r}"
    )
