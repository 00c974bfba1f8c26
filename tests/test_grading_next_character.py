"""Each check of rnncourse.grading.next_character passes a correct answer and fails a wrong one with its message."""

import keras
import numpy as np
import pytest
from keras import layers
from gradingtools import fails

from rnncourse.grading import next_character as check

TEXT = "Fair is foul, and foul is fair."


def build_vocabulary(text):
    return sorted(set(text))


def encode(text, vocabulary):
    index = {c: i for i, c in enumerate(vocabulary)}
    return np.array([index[c] for c in text], dtype="int32")


def decode(ids, vocabulary):
    return "".join(vocabulary[i] for i in ids)


def make_windows(ids, timesteps, step=1):
    x = np.lib.stride_tricks.sliding_window_view(np.asarray(ids), timesteps)[:-1:step]
    return x, np.asarray(ids)[timesteps::step]


def sample_next(logits, temperature, rng):
    logits = np.asarray(logits, dtype="float64")
    if temperature == 0:
        return int(np.argmax(logits))
    p = np.exp(logits / temperature - (logits / temperature).max())
    return int(rng.choice(len(logits), p=p / p.sum()))


def generate(model, vocabulary, seed_text, length, temperature, rng):
    timesteps = model.input_shape[1]
    ids = list(encode(seed_text, vocabulary))
    for _ in range(length):
        ids.append(sample_next(model.predict_on_batch(np.array([ids[-timesteps:]]))[0], temperature, rng))
    return decode(ids[len(seed_text) :], vocabulary)


def char_model(vocab_size=5, timesteps=4, recurrent=layers.SimpleRNN, softmax=False, compile=True):
    model = keras.Sequential([
        keras.Input(shape=(timesteps,), dtype="int32"),
        layers.Embedding(vocab_size, 3),
        recurrent(4),
        layers.Dense(vocab_size, activation="softmax" if softmax else None),
    ])
    if compile:
        model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=not softmax))
    return model


def cyclic_model(vocab_size=3, timesteps=4):
    """A perfect predictor of the sequence 0, 1, 2, 0, 1, 2, ...: logits favour (last id + 1) mod 3."""
    inputs = keras.Input(shape=(timesteps,), dtype="int32")
    nxt = layers.Lambda(lambda x: keras.ops.mod(x[:, -1] + 1, vocab_size))(inputs)
    logits = layers.Lambda(lambda n: 20.0 * keras.ops.one_hot(n, vocab_size))(nxt)
    return keras.Model(inputs, logits)


def test_vocabulary():
    check.vocabulary(build_vocabulary, TEXT)
    fails("sort", check.vocabulary, lambda t: sorted(set(t), reverse=True), TEXT)
    fails("misses", check.vocabulary, lambda t: sorted(set(t))[1:], TEXT)
    fails("more than once", check.vocabulary, lambda t: sorted(t), TEXT)
    fails("should return a list", check.vocabulary, lambda t: "".join(sorted(set(t))), TEXT)


def test_roundtrip():
    check.roundtrip(build_vocabulary, encode, decode, TEXT)
    fails("got id", check.roundtrip, build_vocabulary, lambda t, v: encode(t, v) + 1, decode, TEXT)
    fails("NumPy array", check.roundtrip, build_vocabulary, lambda t, v: list(encode(t, v)), decode, TEXT)
    fails("give the text back", check.roundtrip, build_vocabulary, encode, lambda i, v: decode(i, v)[::-1], TEXT)


def test_windows():
    def last_input_as_target(ids, timesteps, step=1):
        x, _ = make_windows(ids, timesteps, step)
        return x, x[:, -1]

    def extra_axis(ids, timesteps, step=1):
        x, y = make_windows(ids, timesteps, step)
        return x[..., None], y

    check.windows(make_windows, np.arange(10), 3)
    check.windows(make_windows, np.arange(10), 3, step=2)
    fails("target", check.windows, last_input_as_target, np.arange(10), 3)
    fails("shape", check.windows, lambda ids, t, s=1: make_windows(ids, t, 1), np.arange(10), 3, step=2)
    fails("shape", check.windows, extra_axis, np.arange(10), 3)


def test_simple_rnn_model():
    check.simple_rnn_model(char_model(), vocab_size=5, timesteps=4)
    fails("SimpleRNN", check.simple_rnn_model, char_model(recurrent=layers.GRU), 5, 4)
    fails("one score per character", check.simple_rnn_model, char_model(vocab_size=6), 5, 4)
    fails("input shape", check.simple_rnn_model, char_model(timesteps=5), 5, 4)
    fails("compile", check.simple_rnn_model, char_model(compile=False), 5, 4)


def test_unigram_entropy():
    assert check.unigram_entropy([0, 1, 2, 3], 4) == pytest.approx(np.log(4))
    assert check.unigram_entropy([2, 2, 2], 5) == pytest.approx(0.0)


def test_cross_entropy_reads_logits_and_probabilities_alike():
    logits_model = char_model(softmax=False)
    probability_model = char_model(softmax=True)
    probability_model.set_weights(logits_model.get_weights())
    x, y = make_windows(np.arange(30) % 5, 4)
    assert check.cross_entropy(logits_model, x, y) == pytest.approx(check.cross_entropy(probability_model, x, y), rel=1e-4)


def test_beats_unigram():
    ids = np.arange(300) % 3
    loss, entropy = check.beats_unigram(cyclic_model(), ids[:240], ids[240:], margin=1.0)
    assert loss < 1e-3 and entropy == pytest.approx(np.log(3))
    inputs = keras.Input(shape=(4,), dtype="int32")
    uniform = keras.Model(inputs, layers.Lambda(lambda x: keras.ops.zeros((keras.ops.shape(x)[0], 3)))(inputs))
    fails("validation loss", check.beats_unigram, uniform, ids[:240], ids[240:])


def test_greedy_sampling():
    check.greedy_sampling(sample_next)
    fails("largest logit", check.greedy_sampling, lambda logits, t, rng: sample_next(logits, 1.0, rng))


def test_temperature_sampling():
    check.temperature_sampling(sample_next)
    fails("softmax", check.temperature_sampling, lambda logits, t, rng: sample_next(logits, 1.0 if t else 0, rng))


def test_greedy_generation():
    vocabulary = ["a", "b", "c"]
    check.greedy_generation(generate, cyclic_model(), vocabulary, "abca", length=5)
    fails("new characters", check.greedy_generation,
          lambda m, v, s, n, t, r: s + generate(m, v, s, n, t, r), cyclic_model(), vocabulary, "abca", length=5)
    fails("top choice", check.greedy_generation, lambda m, v, s, n, t, r: "a" * n,
          cyclic_model(), vocabulary, "abca", length=5)
    fails("deterministic", check.greedy_generation,
          lambda m, v, s, n, t, r: generate(m, v, s, n, 5.0, r), char_model(vocab_size=3), vocabulary, "abca", length=12)
