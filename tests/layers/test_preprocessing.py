"""Numeric preprocessing layers: Normalization, Rescaling, Resizing, CenterCrop,
Discretization, CategoryEncoding; a model with a preprocessing layer inside; configs."""

import numpy as np
import pytest

import kerasx
from kerasx import config, layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(5)


# ---- Normalization -----------------------------------------------------------
@pytest.mark.parametrize("axis", [-1, None, (1, 2), 1])
def test_normalization_adapt_matches_numpy(axis):
    data = rng.normal(3.0, 2.0, size=(20, 3, 4)).astype("float32")
    layer = layers.Normalization(axis=axis)
    layer.adapt(data)
    keep = () if axis is None else tuple(a % 3 for a in np.atleast_1d(axis))
    reduce = tuple(d for d in range(3) if d not in keep)
    mean = data.astype("float64").mean(axis=reduce, keepdims=True)
    std = data.astype("float64").std(axis=reduce, keepdims=True)
    x = rng.normal(size=(5, 3, 4)).astype("float32")
    np.testing.assert_allclose(to_np(layer(x)), (x - mean) / std, rtol=1e-4, atol=1e-4)
    assert [w.name for w in layer.weights] == ["mean", "variance", "count"]
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 3
    assert int(to_np(layer.count.value)) == data.size // int(np.prod(
        [data.shape[a] for a in keep]))
    inv = layers.Normalization(axis=axis, invert=True)
    inv.adapt(data)
    np.testing.assert_allclose(to_np(inv(layer(x))), x, rtol=1e-4, atol=1e-4)


def test_normalization_adapt_from_batches_equals_whole_array():
    data = rng.normal(size=(30, 4)).astype("float32")
    whole, batched = layers.Normalization(), layers.Normalization()
    whole.adapt(data)
    batched.adapt(data[i:i + 7] for i in range(0, 30, 7))
    np.testing.assert_allclose(to_np(batched.adapt_mean.value), data.mean(0), rtol=1e-5,
                               atol=1e-6)
    np.testing.assert_allclose(to_np(batched.adapt_variance.value), data.var(0), rtol=1e-4)
    assert int(to_np(batched.count.value)) == 30
    np.testing.assert_allclose(to_np(whole(data)), to_np(batched(data)), rtol=1e-4, atol=1e-5)


def test_normalization_given_statistics_and_errors():
    layer = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 0.0])
    x = np.array([[3.0, 2.0]], "float32")
    out = to_np(layer(x))
    np.testing.assert_allclose(out, [[1.0, 0.0]], atol=1e-6)
    assert layer.weights == []
    inv = layers.Normalization(mean=[1.0, 2.0], variance=[4.0, 1.0], invert=True)
    np.testing.assert_allclose(to_np(inv(x)), [[7.0, 4.0]], rtol=1e-6)
    with pytest.raises(ValueError, match="mean and variance"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="adapt"):
        layer.adapt(x)
    with pytest.raises(ValueError, match="axis"):
        layers.Normalization(axis="x")


def test_normalization_in_model_trains_with_fit_and_round_trips():
    x = rng.normal(10.0, 5.0, size=(64, 3)).astype("float32")
    y = (x[:, :1] - 10.0) / 5.0
    norm = layers.Normalization()
    norm.adapt(x)
    inputs = kerasx.Input((3,))
    outputs = layers.Dense(1)(norm(inputs))
    model = kerasx.Model(inputs, outputs)
    assert tuple(outputs.shape) == (None, 1)
    model.compile(optimizer="adam", loss="mse")
    hist = model.fit(x, y, epochs=4, batch_size=16, verbose=0).history["loss"]
    assert hist[-1] < hist[0]
    # adapted statistics are untouched by training
    np.testing.assert_allclose(to_np(norm.adapt_mean.value), x.mean(0), rtol=1e-4)
    clone = layers.Normalization.from_config(norm.get_config())
    clone.build((None, 3))
    clone.set_weights(norm.get_weights())
    np.testing.assert_allclose(to_np(clone(x)), to_np(norm(x)), rtol=1e-6)


# ---- Rescaling / Resizing / CenterCrop -----------------------------------------
def test_rescaling():
    x = rng.uniform(0, 255, size=(2, 3, 3, 1)).astype("float32")
    layer = layers.Rescaling(1.0 / 127.5, offset=-1)
    np.testing.assert_allclose(to_np(layer(x)), x / 127.5 - 1, rtol=1e-6, atol=1e-6)
    clone = layers.Rescaling.from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone(x)), to_np(layer(x)))
    out = layer(np.arange(4, dtype="uint8").reshape(1, 4))
    assert str(to_np(out).dtype) == "float32"
    with pytest.raises(ValueError, match="scale"):
        layers.Rescaling("big")


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
@pytest.mark.parametrize("interp,crop", [("bilinear", False), ("nearest", False),
                                         ("bilinear", True)])
def test_resizing_matches_ops_image_resize(fmt, interp, crop):
    shape = (2, 6, 8, 3) if fmt == "channels_last" else (2, 3, 6, 8)
    x = rng.normal(size=shape).astype("float32")
    layer = layers.Resizing(4, 5, interpolation=interp, crop_to_aspect_ratio=crop,
                            data_format=fmt)
    ref = ops.image.resize(x, (4, 5), interpolation=interp, crop_to_aspect_ratio=crop,
                           data_format=fmt)
    out = layer(x)
    np.testing.assert_allclose(to_np(out), to_np(ref), rtol=1e-6, atol=1e-6)
    sym = layer(kerasx.Input(shape[1:]))
    assert tuple(sym.shape) == (None,) + tuple(out.shape[1:])
    clone = layers.Resizing.from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone(x)), to_np(out))


def test_resizing_nearest_integer_upscale_numpy():
    x = rng.normal(size=(1, 2, 2, 1)).astype("float32")
    out = to_np(layers.Resizing(4, 4, interpolation="nearest")(x))
    np.testing.assert_allclose(out, x.repeat(2, axis=1).repeat(2, axis=2))


def test_resizing_errors():
    with pytest.raises(ValueError, match="interpolation"):
        layers.Resizing(2, 2, interpolation="cubic-ish")
    with pytest.raises(ValueError, match="height"):
        layers.Resizing(-2, 2)
    with pytest.raises(ValueError, match="data_format"):
        layers.Resizing(2, 2, data_format="channels_middle")
    with pytest.raises(ValueError, match="rank"):
        layers.Resizing(2, 2)(np.zeros((4, 4), "float32"))


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_center_crop(fmt):
    shape = (2, 7, 6, 3) if fmt == "channels_last" else (2, 3, 7, 6)
    x = rng.normal(size=shape).astype("float32")
    out = to_np(layers.CenterCrop(3, 4, data_format=fmt)(x))
    ref = x[:, 2:5, 1:5, :] if fmt == "channels_last" else x[:, :, 2:5, 1:5]
    np.testing.assert_allclose(out, ref)
    # a smaller input is resized up instead
    small = layers.CenterCrop(10, 10, data_format=fmt)(x)
    assert to_np(small).shape == ((2, 10, 10, 3) if fmt == "channels_last" else (2, 3, 10, 10))


# ---- Discretization -----------------------------------------------------------
def test_discretization_boundaries_and_adapt():
    x = rng.normal(size=(4, 6)).astype("float32")
    bounds = [-0.5, 0.0, 0.7]
    layer = layers.Discretization(bin_boundaries=bounds)
    np.testing.assert_array_equal(to_np(layer(x)), np.digitize(x, bounds))
    data = rng.normal(size=(200,)).astype("float32")
    ad = layers.Discretization(num_bins=5)
    ad.adapt(data)
    np.testing.assert_allclose(ad.bin_boundaries, np.quantile(data, [0.2, 0.4, 0.6, 0.8]),
                               rtol=1e-5)
    counts = np.bincount(to_np(ad(data)).astype(int), minlength=5)
    assert counts.min() >= 39 and counts.max() <= 41
    hot = layers.Discretization(bin_boundaries=bounds, output_mode="one_hot")
    np.testing.assert_array_equal(to_np(hot(x[:, 0])), np.eye(4)[np.digitize(x[:, 0], bounds)])
    clone = layers.Discretization.from_config(ad.get_config())
    np.testing.assert_array_equal(to_np(clone(data)), to_np(ad(data)))
    with pytest.raises(ValueError, match="adapt"):
        layers.Discretization(num_bins=3)(x)
    with pytest.raises(ValueError, match="output_mode"):
        layers.Discretization(bin_boundaries=bounds, output_mode="ragged")


# ---- CategoryEncoding -------------------------------------------------------------
def test_category_encoding_modes():
    x = np.array([[0, 1, 1, 3], [2, 2, 2, 0]])
    n = 5
    hot = np.eye(n)[x]
    enc = layers.CategoryEncoding(n, output_mode="multi_hot")
    np.testing.assert_array_equal(to_np(enc(x)), hot.max(axis=1))
    np.testing.assert_array_equal(
        to_np(layers.CategoryEncoding(n, output_mode="count")(x)), hot.sum(axis=1))
    w = rng.uniform(size=x.shape).astype("float32")
    np.testing.assert_allclose(
        to_np(layers.CategoryEncoding(n, output_mode="count")(x, count_weights=w)),
        (hot * w[..., None]).sum(axis=1), rtol=1e-6)
    one = layers.CategoryEncoding(n, output_mode="one_hot")
    np.testing.assert_array_equal(to_np(one(x[:, :1])), np.eye(n)[x[:, 0]])
    np.testing.assert_array_equal(to_np(one(x[0])), np.eye(n)[x[0]])
    sym = enc(kerasx.Input((4,), dtype="int32"))
    assert tuple(sym.shape) == (None, n)
    clone = layers.CategoryEncoding.from_config(enc.get_config())
    np.testing.assert_array_equal(to_np(clone(x)), to_np(enc(x)))
    with pytest.raises(ValueError, match="num_tokens"):
        layers.CategoryEncoding(0)
    with pytest.raises(ValueError, match="output_mode"):
        layers.CategoryEncoding(3, output_mode="tf_idf")


def test_serialize_deserialize_finds_preprocessing_layers():
    layer = layers.Rescaling(0.5, offset=1.0, name="scale_me")
    again = layers.deserialize(layers.serialize(layer))
    assert isinstance(again, layers.Rescaling) and again.offset == 1.0
    x = np.ones((1, 2), "float32")
    np.testing.assert_allclose(to_np(again(x)), [[1.5, 1.5]])


def test_tf_data_map_on_tensorflow_backend():
    if config.backend() != "tensorflow":
        pytest.skip("Dataset.map with a kerasx layer runs only on the tensorflow backend")
    import tensorflow as tf
    x = rng.uniform(0, 255, size=(6, 4, 4, 3)).astype("float32")
    scale = layers.Rescaling(1.0 / 255)
    crop = layers.CenterCrop(2, 2)
    ds = tf.data.Dataset.from_tensor_slices(x).batch(3).map(lambda b: crop(scale(b)))
    out = np.concatenate(list(ds.as_numpy_iterator()))
    np.testing.assert_allclose(out, x[:, 1:3, 1:3] / 255, rtol=1e-6)
    norm = layers.Normalization(axis=None)
    norm.adapt(tf.data.Dataset.from_tensor_slices(x).batch(2))
    np.testing.assert_allclose(to_np(norm.adapt_mean.value), x.mean(), rtol=1e-4)


def test_model_with_preprocessing_saves_and_loads(tmp_path):
    x = rng.uniform(0, 5, size=(8, 3)).astype("float32")
    norm = layers.Normalization()
    norm.adapt(x)
    inp = kerasx.Input((3,))
    model = kerasx.Model(inp, layers.Dense(2)(layers.Rescaling(2.0)(norm(inp))))
    path = str(tmp_path / "pre.keras")
    model.save(path)
    again = kerasx.models.load_model(path)
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6, atol=1e-6)
    ids = kerasx.Input((2,), dtype="int32")
    lookup_model = kerasx.Model(ids, layers.CategoryEncoding(3, output_mode="count")(
        layers.IntegerLookup(vocabulary=[4, 9])(ids)))
    lookup_model.save(path)
    loaded = kerasx.models.load_model(path)
    np.testing.assert_array_equal(loaded.predict(np.array([[4, 9], [9, 7]], "int32"), verbose=0),
                                  [[0, 1, 1], [1, 0, 1]])
