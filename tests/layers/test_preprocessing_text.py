"""Host-side preprocessing: Hashing, StringLookup, IntegerLookup, TextVectorization."""

import string

import numpy as np
import pytest

import kerasx
from kerasx import config, layers, ops

to_np = ops.convert_to_numpy


# ---- Hashing -------------------------------------------------------------------
def test_hashing_matches_keras_documented_buckets():
    x = np.array([["A"], ["B"], ["C"], ["D"], ["E"]])
    np.testing.assert_array_equal(to_np(layers.Hashing(num_bins=3)(x)).ravel(), [1, 0, 1, 1, 2])
    np.testing.assert_array_equal(to_np(layers.Hashing(num_bins=3, salt=133)(x)).ravel(),
                                  [0, 0, 2, 1, 0])
    masked = to_np(layers.Hashing(num_bins=3, mask_value="")(np.array([["A"], [""], ["C"]])))
    assert masked[1, 0] == 0 and masked[0, 0] in (1, 2) and masked[2, 0] in (1, 2)
    ints = layers.Hashing(num_bins=4)(np.array([[1, 2], [3, 1]]))
    ints_as_str = layers.Hashing(num_bins=4)(np.array([["1", "2"], ["3", "1"]]))
    np.testing.assert_array_equal(to_np(ints), to_np(ints_as_str))
    hot = to_np(layers.Hashing(num_bins=3, output_mode="multi_hot")(np.array(["A", "B"])))
    np.testing.assert_array_equal(hot, [1.0, 1.0, 0.0])


def test_hashing_matches_tensorflow_hash_buckets():
    if config.backend() != "tensorflow":
        pytest.skip("TensorFlow is the reference only on the tensorflow backend")
    import tensorflow as tf
    words = np.array(["", "a", "hello world", "x" * 17, "y" * 40, "long text " * 20,
                      string.printable])
    np.testing.assert_array_equal(to_np(layers.Hashing(97)(words)),
                                  tf.strings.to_hash_bucket_fast(words, 97).numpy())
    np.testing.assert_array_equal(to_np(layers.Hashing(97, salt=[5, 11])(words)),
                                  tf.strings.to_hash_bucket_strong(words, 97, [5, 11]).numpy())


def test_hashing_errors():
    with pytest.raises(ValueError, match="num_bins"):
        layers.Hashing(0)
    with pytest.raises(ValueError, match="strings or integers"):
        layers.Hashing(3)(np.array([1.5]))
    with pytest.raises(ValueError, match="salt"):
        layers.Hashing(3, salt="abc")


# ---- StringLookup ----------------------------------------------------------------
def test_string_lookup_oov_mask_invert():
    vocab = ["a", "b", "c", "d"]
    x = np.array([["a", "c", "d"], ["d", "z", "b"]])
    layer = layers.StringLookup(vocabulary=vocab)
    table = {t: i + 1 for i, t in enumerate(vocab)}
    ref = np.vectorize(lambda t: table.get(t, 0))(x)
    np.testing.assert_array_equal(to_np(layer(x)), ref)
    assert layer.get_vocabulary() == ["[UNK]"] + vocab and layer.vocabulary_size() == 5
    masked = layers.StringLookup(vocabulary=vocab, mask_token="")
    np.testing.assert_array_equal(to_np(masked(np.array([["a", "", "zz"]]))), [[2, 0, 1]])
    assert masked.get_vocabulary()[:2] == ["", "[UNK]"]
    inv = layers.StringLookup(vocabulary=vocab, invert=True)
    np.testing.assert_array_equal(inv(np.array([[1, 3, 4], [4, 0, 2]])),
                                  [["a", "c", "d"], ["d", "[UNK]", "b"]])
    # several OOV buckets: a deterministic hash, same token -> same bucket
    two = layers.StringLookup(vocabulary=vocab, num_oov_indices=2)
    out = to_np(two(np.array(["q", "r", "q", "a"])))
    assert out[0] == out[2] and set(out[:3]) <= {0, 1} and out[3] == 2
    strict = layers.StringLookup(vocabulary=vocab, num_oov_indices=0)
    np.testing.assert_array_equal(to_np(strict(np.array(["a", "d"]))), [0, 3])
    with pytest.raises(ValueError, match="not in the vocabulary"):
        strict(np.array(["zz"]))
    # bytes and Python lists work too
    np.testing.assert_array_equal(to_np(layer([b"a", b"b"])), [1, 2])


def test_string_lookup_adapt_order_and_max_tokens():
    data = np.array([["a", "c", "d"], ["d", "z", "b"], ["d", "c", "c"]])
    layer = layers.StringLookup()
    layer.adapt(data)
    # frequency: d=3, c=3, a=1, b=1, z=1; ties broken by the larger token first (Keras)
    assert layer.get_vocabulary() == ["[UNK]", "d", "c", "z", "b", "a"]
    capped = layers.StringLookup(max_tokens=3)
    capped.adapt(data)
    assert capped.get_vocabulary() == ["[UNK]", "d", "c"]
    np.testing.assert_array_equal(to_np(capped(np.array(["c", "a"]))), [2, 0])


@pytest.mark.parametrize("mode", ["one_hot", "multi_hot", "count", "tf_idf"])
def test_string_lookup_output_modes(mode):
    vocab = ["a", "b", "c"]
    idf = [0.5, 1.0, 2.0]
    kw = {"idf_weights": idf} if mode == "tf_idf" else {}
    layer = layers.StringLookup(vocabulary=vocab, output_mode=mode, **kw)
    x = np.array([["a", "b", "a"], ["c", "q", "q"]])
    ids = np.vectorize(lambda t: {"a": 1, "b": 2, "c": 3}.get(t, 0))(x)
    hot = np.eye(4)[ids]
    if mode == "one_hot":
        np.testing.assert_array_equal(to_np(layer(x[:, :1])), hot[:, 0])
        return
    ref = {"multi_hot": hot.max(1), "count": hot.sum(1),
           "tf_idf": hot.sum(1) * np.array([np.mean(idf)] + idf)}[mode]
    np.testing.assert_allclose(to_np(layer(x)), ref, rtol=1e-6)
    clone = layers.StringLookup.from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone(x)), ref, rtol=1e-6)


def test_string_lookup_config_round_trip_keeps_adapted_vocabulary():
    layer = layers.StringLookup(mask_token="[MASK]")
    layer.adapt(np.array(["x", "y", "y", "z", "z", "z"]))
    again = layers.deserialize(layers.serialize(layer))
    assert again.get_vocabulary() == layer.get_vocabulary() == ["[MASK]", "[UNK]", "z", "y", "x"]
    x = np.array([["z", "x", "[MASK]", "w"]])
    np.testing.assert_array_equal(to_np(again(x)), to_np(layer(x)))
    np.testing.assert_array_equal(to_np(layer(x)), [[2, 4, 0, 1]])


def test_string_lookup_errors():
    with pytest.raises(ValueError, match="output_mode"):
        layers.StringLookup(output_mode="bag")
    with pytest.raises(ValueError, match="invert"):
        layers.StringLookup(invert=True, output_mode="count")
    with pytest.raises(ValueError, match="no vocabulary"):
        layers.StringLookup()(np.array(["a"]))
    with pytest.raises(ValueError, match="repeated"):
        layers.StringLookup(vocabulary=["a", "a"])
    with pytest.raises(ValueError, match="string inputs"):
        layers.StringLookup(vocabulary=["a"])(np.array([1.0]))


# ---- IntegerLookup ----------------------------------------------------------------
def test_integer_lookup_oov_mask_invert_adapt():
    vocab = [12, 1138, 42, 1729]
    x = np.array([[12, 1138, 42], [42, 1000, 36]])
    layer = layers.IntegerLookup(vocabulary=vocab)
    table = {t: i + 1 for i, t in enumerate(vocab)}
    np.testing.assert_array_equal(to_np(layer(x)), np.vectorize(lambda t: table.get(t, 0))(x))
    masked = layers.IntegerLookup(vocabulary=vocab, mask_token=0)
    np.testing.assert_array_equal(to_np(masked(np.array([[12, 0, 5]]))), [[2, 0, 1]])
    assert masked.get_vocabulary() == [0, -1] + vocab
    inv = layers.IntegerLookup(vocabulary=vocab, invert=True)
    np.testing.assert_array_equal(to_np(inv(np.array([[1, 3, 4], [0, 2, 9]]))),
                                  [[12, 42, 1729], [-1, 1138, -1]])
    two = layers.IntegerLookup(vocabulary=vocab, num_oov_indices=2)
    np.testing.assert_array_equal(to_np(two(np.array([7, 8, 12]))), [1, 0, 2])
    ad = layers.IntegerLookup()
    ad.adapt(np.array([[5, 5, 9], [9, 9, 3]]))
    assert ad.get_vocabulary() == [-1, 9, 5, 3]
    hot = layers.IntegerLookup(vocabulary=vocab, output_mode="multi_hot")
    np.testing.assert_array_equal(to_np(hot(x)), [[0, 1, 1, 1, 0], [1, 0, 0, 1, 0]])
    clone = layers.IntegerLookup.from_config(masked.get_config())
    np.testing.assert_array_equal(to_np(clone(np.array([42, 0]))), [4, 0])


def test_integer_lookup_inside_model_and_jit():
    vocab = [3, 7, 11]
    inp = kerasx.Input((2,), dtype="int32")
    ids = layers.IntegerLookup(vocabulary=vocab)(inp)
    out = layers.Embedding(4, 2)(ids)
    model = kerasx.Model(inp, out)
    x = np.array([[7, 99], [11, 3]], "int32")
    emb = to_np(model.layers[-1].embeddings.value)
    pred = model.predict(x, verbose=0)
    np.testing.assert_allclose(pred, emb[np.array([[2, 0], [3, 1]])], rtol=1e-6)
    assert pred.shape == (2, 2, 2)


# ---- TextVectorization -------------------------------------------------------------
def test_text_vectorization_int_mode_matches_keras_example():
    tv = layers.TextVectorization(max_tokens=5000, output_sequence_length=4)
    tv.adapt(["foo bar", "bar baz", "baz bada boom"])
    assert tv.get_vocabulary() == ["", "[UNK]", "baz", "bar", "foo", "boom", "bada"]
    np.testing.assert_array_equal(to_np(tv([["foo qux bar"], ["qux baz"]])),
                                  [[4, 1, 3, 0], [1, 2, 0, 0]])
    long = to_np(tv(["foo bar baz boom bada foo"]))
    np.testing.assert_array_equal(long, [[4, 3, 2, 5]])
    free = layers.TextVectorization(vocabulary=["a", "b"])
    np.testing.assert_array_equal(to_np(free(["a b b", "b"])), [[2, 3, 3], [3, 0, 0]])


def test_text_vectorization_standardize_split_ngrams():
    text = ["Hello, World! hello"]
    tv = layers.TextVectorization(vocabulary=["hello", "world", "hello world", "world hello"],
                                  ngrams=2)
    np.testing.assert_array_equal(to_np(tv(text)), [[2, 3, 2, 4, 5]])
    low = layers.TextVectorization(standardize="lower", vocabulary=["hello,", "world!"])
    np.testing.assert_array_equal(to_np(low(text)), [[2, 3, 1]])  # "hello" != "hello,"
    raw = layers.TextVectorization(standardize=None, split="character", vocabulary=["H", "e"])
    np.testing.assert_array_equal(to_np(raw(["Hex"])), [[2, 3, 1]])
    custom = layers.TextVectorization(standardize=lambda s: s.upper(),
                                      split=lambda s: s.split("-"), vocabulary=["A", "B"])
    np.testing.assert_array_equal(to_np(custom(["a-b-c"])), [[2, 3, 1]])
    whole = layers.TextVectorization(split=None, vocabulary=["x y"])
    np.testing.assert_array_equal(to_np(whole(["X y", "z"])), [[2], [1]])


@pytest.mark.parametrize("mode", ["multi_hot", "count", "tf_idf"])
def test_text_vectorization_bag_modes(mode):
    docs = ["the cat sat", "the cat", "the dog the end"]
    tv = layers.TextVectorization(output_mode=mode)
    tv.adapt(docs)
    vocab = tv.get_vocabulary()
    assert vocab[0] == "[UNK]" and vocab[1] == "the" and vocab[2] == "cat"
    index = {t: i for i, t in enumerate(vocab)}
    query = ["the cat the bird", "dog"]
    counts = np.zeros((2, len(vocab)))
    for r, doc in enumerate(query):
        for t in doc.split():
            counts[r, index.get(t, 0)] += 1
    if mode == "multi_hot":
        ref = (counts > 0).astype(float)
    elif mode == "count":
        ref = counts
    else:
        df = {t: sum(t in d.split() for d in docs) for t in vocab[1:]}
        idf = np.array([np.log(1 + 3 / (1 + df[t])) for t in vocab[1:]])
        ref = counts * np.concatenate([[idf.mean()], idf])
    np.testing.assert_allclose(to_np(tv(query)), ref, rtol=1e-5)
    clone = layers.TextVectorization.from_config(tv.get_config())
    np.testing.assert_allclose(to_np(clone(query)), ref, rtol=1e-5)


def test_text_vectorization_config_and_errors():
    tv = layers.TextVectorization(max_tokens=4, output_sequence_length=3, ngrams=(1, 2))
    tv.adapt(np.array([["a b a"], ["b c"]]))
    again = layers.deserialize(layers.serialize(tv))
    assert again.get_vocabulary() == tv.get_vocabulary() and len(tv.get_vocabulary()) == 4
    np.testing.assert_array_equal(to_np(again(["a b"])), to_np(tv(["a b"])))
    sym = tv(kerasx.Input((1,), dtype="string"))
    assert tuple(sym.shape) == (None, 3)
    with pytest.raises(ValueError, match="output_sequence_length"):
        layers.TextVectorization(output_mode="count", output_sequence_length=3)
    with pytest.raises(ValueError, match="standardize"):
        layers.TextVectorization(standardize="upper")
    with pytest.raises(ValueError, match="split"):
        layers.TextVectorization(split="comma")
    with pytest.raises(ValueError, match="string inputs"):
        tv(np.array([[1.0]]))


def test_mask_token_is_dropped_in_encoded_modes():
    sl = layers.StringLookup(vocabulary=["a", "b"], mask_token="", output_mode="multi_hot")
    assert sl.get_vocabulary() == ["[UNK]", "a", "b"]
    np.testing.assert_array_equal(to_np(sl(np.array([["a", "", "q"], ["", "", "b"]]))),
                                  [[1, 1, 0], [0, 0, 1]])
    il = layers.IntegerLookup(vocabulary=[3], mask_token=0, output_mode="count")
    np.testing.assert_array_equal(to_np(il(np.array([[0, 3, 3, 8]]))), [[1, 2]])


def test_keras_style_configs_load():
    sl = layers.deserialize({"class_name": "StringLookup", "config": {
        "name": "sl", "trainable": True, "dtype": "int64", "invert": False, "max_tokens": None,
        "num_oov_indices": 1, "oov_token": "[UNK]", "mask_token": None, "output_mode": "int",
        "sparse": False, "pad_to_max_tokens": False, "vocabulary": ["x", "y"],
        "idf_weights": None, "encoding": "utf-8", "vocabulary_dtype": "string"}})
    np.testing.assert_array_equal(to_np(sl(np.array(["y", "x", "w"]))), [2, 1, 0])
    tv = layers.deserialize({"class_name": "TextVectorization", "config": {
        "name": "tv", "trainable": True, "max_tokens": None,
        "standardize": "lower_and_strip_punctuation", "split": "whitespace", "ngrams": None,
        "output_mode": "int", "output_sequence_length": 3, "pad_to_max_tokens": False,
        "sparse": False, "ragged": False, "vocabulary": ["hi", "there"], "idf_weights": None,
        "encoding": "utf-8", "vocabulary_size": 4}})
    np.testing.assert_array_equal(to_np(tv(["Hi, there!"])), [[2, 3, 0]])


@pytest.mark.parametrize("kw", [{}, {"mask_token": 0}, {"num_oov_indices": 3},
                                {"mask_token": 1, "num_oov_indices": 2,
                                 "output_mode": "count"}])
def test_integer_lookup_tensor_path_equals_host_path(kw):
    layer = layers.IntegerLookup(vocabulary=[5, 17, 2, 40], **kw)
    x = np.random.default_rng(0).integers(0, 45, size=(4, 6))
    host = to_np(layer(x))
    tensor = to_np(layer(ops.convert_to_tensor(x.astype("int32"))))
    np.testing.assert_array_equal(host, tensor)
    if "output_mode" not in kw:
        tokens = [5, 17, 2, 40]
        special = layer.vocabulary_size() - len(tokens)
        for v, i in zip(x.ravel(), host.ravel()):
            if v in tokens:
                assert i == special + tokens.index(v)
            elif v == kw.get("mask_token"):
                assert i == 0
            else:
                assert ("mask_token" in kw) <= i < special
