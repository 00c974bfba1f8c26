"""Checks for ex3_bilstm_ner: vocabularies, encoding, the masked BiLSTM tagger, entity-level F1."""

import numpy as np

from . import all_layers

from rnncourse.data.ner import PAD, TAG_IDS, UNK, entity_spans


def vocabulary(build_vocabulary):
    """``build_vocabulary(token_lists, min_count)`` reserves 0 and 1 and keeps frequent tokens only."""
    sentences = [["Ana", "lives", "in", "Lima", "."], ["Bo", "lives", "in", "Oslo", "."], ["Ana", "left", "."]]
    vocab = build_vocabulary(sentences, min_count=2)
    assert isinstance(vocab, dict), f"build_vocabulary should return a dict token -> id, not {type(vocab).__name__}"
    assert vocab.get(PAD) == 0, f"'{PAD}' must have id 0 (the id that padding and the mask use); got {vocab.get(PAD)}"
    assert vocab.get(UNK) == 1, f"'{UNK}' must have id 1 (every rare or unseen token maps to it); got {vocab.get(UNK)}"
    expected = {PAD, UNK, "Ana", "lives", "in", "."}
    missing, extra = expected - set(vocab), set(vocab) - expected
    assert not missing, f"tokens seen at least min_count=2 times are missing from the vocabulary: {sorted(missing)}"
    assert not extra, f"tokens seen fewer than min_count=2 times must not get an id (they become '{UNK}'): {sorted(extra)}"
    ids = sorted(vocab.values())
    assert ids == list(range(len(vocab))), f"ids must be 0, 1, 2, ... without gaps or repeats; got {ids}"
    once = build_vocabulary(sentences, min_count=1)
    assert set(once) == expected | {"Lima", "Bo", "Oslo", "left"}, "with min_count=1 every token should get an id"


def _rectangular(result):
    try:
        return np.asarray(result)
    except ValueError:
        raise AssertionError(
            "encode must return one rectangular array (sentences, max_len): pad every row to max_len with 0"
        ) from None


def encoding(encode):
    """``encode(sequences, vocabulary, max_len)`` gives right-padded int ids, unknown tokens as '[UNK]'."""
    vocab = {PAD: 0, UNK: 1, "Ana": 2, "lives": 3, "in": 4, ".": 5}
    ids = _rectangular(encode([["Ana", "lives", "in", "Lima", "."], ["Ana", "."]], vocab, 7))
    expected = np.array([[2, 3, 4, 1, 5, 0, 0], [2, 5, 0, 0, 0, 0, 0]])
    assert ids.shape == (2, 7), f"expected shape (sentences, max_len) = (2, 7), got {ids.shape}"
    assert np.issubdtype(ids.dtype, np.integer), f"ids must be integers (the Embedding looks them up), got {ids.dtype}"
    assert np.array_equal(ids, expected), (
        f"expected\n{expected}\ngot\n{ids}\n(one id per token, '{UNK}'=1 for unknown tokens, then 0s on the right)"
    )
    tags = _rectangular(encode([["B-PER", "O"]], TAG_IDS, 4))
    assert np.array_equal(tags, [[TAG_IDS["B-PER"], TAG_IDS["O"], 0, 0]]), (
        f"the same encode() must also turn tags into ids with TAG_IDS; got {tags.tolist()}"
    )


def encoding_edge_cases(encode):
    """Longer sentences are cut to max_len, empty ones are all padding."""
    vocab = {PAD: 0, UNK: 1, "a": 2, "b": 3}
    ids = _rectangular(encode([["a", "b", "b", "a", "a"], []], vocab, 3))
    assert np.array_equal(ids, [[2, 3, 3], [0, 0, 0]]), (
        f"a sentence longer than max_len keeps its first max_len tokens and an empty one is all 0s; got {ids.tolist()}"
    )


def _small_ids(batch, timesteps, lengths, vocab_size, seed=0):
    rng = np.random.default_rng(seed)
    ids = np.zeros((batch, timesteps), "int32")
    for i, length in enumerate(lengths):
        ids[i, :length] = rng.integers(2, vocab_size, size=length)
    return ids


def output_shape(build_tagger):
    """``build_tagger(vocab_size, n_tags)`` returns a model with one softmax over tags per timestep."""
    model = build_tagger(vocab_size=40, n_tags=6)
    for batch, timesteps in ((3, 7), (2, 11)):
        probs = np.asarray(model(_small_ids(batch, timesteps, [timesteps] * batch, 40)))
        assert probs.shape == (batch, timesteps, 6), (
            f"for ids of shape ({batch}, {timesteps}) the output must be (batch, timesteps, n_tags) = "
            f"({batch}, {timesteps}, 6), got {probs.shape}; use keras.Input(shape=(None,)) so any length works "
            "and return_sequences=True so every timestep gets a prediction"
        )
        assert np.allclose(probs.sum(axis=-1), 1.0, atol=1e-4), (
            "each timestep's outputs must be probabilities that sum to 1: end with Dense(n_tags, activation='softmax')"
        )


def bidirectional(model):
    """The model has a Bidirectional recurrent layer that returns the whole sequence."""
    from keras import layers

    wrapped = [layer for layer in all_layers(model) if isinstance(layer, layers.Bidirectional)]
    assert wrapped, "the tagger needs a layers.Bidirectional(...) around its LSTM"
    inner = wrapped[0].forward_layer
    assert isinstance(inner, layers.LSTM), f"wrap an LSTM in Bidirectional, not a {type(inner).__name__}"
    assert inner.return_sequences, "the LSTM inside Bidirectional needs return_sequences=True: one output per token"


def masks_padding(model):
    """The model's Embedding has mask_zero=True, so padding (id 0) is masked in every later layer."""
    from keras import layers

    embeddings = [layer for layer in all_layers(model) if isinstance(layer, layers.Embedding)]
    assert embeddings, "the tagger should start with a layers.Embedding that turns token ids into vectors"
    assert embeddings[0].mask_zero, (
        "create the Embedding with mask_zero=True: id 0 is padding, and the mask keeps padding out of "
        "the backward LSTM, the loss and the metrics"
    )


def padding_does_not_change_predictions(model, vocab_size, atol=1e-4):
    """Predictions for real tokens are the same however much padding follows them."""
    lengths = [3, 6, 4]
    short = _small_ids(3, 6, lengths, vocab_size, seed=1)
    long = np.pad(short, ((0, 0), (0, 9)))
    a, b = np.asarray(model(short)), np.asarray(model(long))
    worst = max(float(np.abs(a[i, :n] - b[i, :n]).max()) for i, n in enumerate(lengths))
    assert worst <= atol, (
        f"adding padding changed the predictions for real tokens by up to {worst:.2g}: the backward LSTM "
        "reads the padding first unless the Embedding has mask_zero=True"
    )


def loss_ignores_padding(model, ids, tag_ids):
    """The compiled model's loss does not change when the tags at padding positions change."""
    ids, tag_ids = np.asarray(ids), np.asarray(tag_ids)
    scrambled = tag_ids.copy()
    scrambled[ids == 0] = (scrambled[ids == 0] + 3) % int(tag_ids.max() + 1)
    assert (ids == 0).any(), "the check needs sentences with padding"
    loss = model.evaluate(ids, tag_ids, verbose=0, return_dict=True)["loss"]
    changed = model.evaluate(ids, scrambled, verbose=0, return_dict=True)["loss"]
    assert np.isclose(loss, changed, rtol=1e-4, atol=1e-6), (
        f"the loss changed from {loss:.5f} to {changed:.5f} when only the tags at padding positions changed: "
        "padding must be masked (Embedding(mask_zero=True)) so it does not count in the loss"
    )


def predicted_tags(predictions, ids, tag_names):
    """Predictions are one list of tag names per sentence, as long as its real (non-padding) tokens."""
    ids = np.asarray(ids)
    assert isinstance(predictions, list) and len(predictions) == len(ids), (
        f"predict_tags should return a list with one tag list per sentence ({len(ids)}), "
        f"got {type(predictions).__name__} of length {len(predictions)}"
    )
    for i, (row, tags) in enumerate(zip(ids, predictions)):
        n = int((row != 0).sum())
        assert len(tags) == n, f"sentence {i} has {n} real tokens but {len(tags)} predicted tags: drop padding positions"
        unknown = set(tags) - set(tag_names)
        assert not unknown, f"sentence {i} has tags that are not tag names: {sorted(unknown)}"


def entity_f1(true_tags, predicted, kinds=None):
    """Entity-level precision, recall and F1: an entity counts only if type, start and end all match.

    ``kinds`` limits the count to some entity types ('PER', 'LOC', 'ORG').
    """
    tp = fp = fn = 0
    for truth, guess in zip(true_tags, predicted, strict=True):
        wanted = set(kinds) if kinds else None
        a = {s for s in entity_spans(truth) if wanted is None or s[0] in wanted}
        b = {s for s in entity_spans(guess) if wanted is None or s[0] in wanted}
        tp, fp, fn = tp + len(a & b), fp + len(b - a), fn + len(a - b)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def f1_above(true_tags, predicted, threshold):
    """Entity-level F1 of the predictions is above ``threshold``."""
    f1 = entity_f1(true_tags, predicted)["f1"]
    assert f1 > threshold, (
        f"entity-level F1 on the held-out sentences is {f1:.3f}, below {threshold}: check that the loss is masked, "
        "that predict_tags drops padding, and train a few more epochs or with a larger learning rate"
    )
    return f1
