"""Random augmentation layers: identity at inference, shape-preserving and seeded at
training, and outputs checked against NumPy."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(3)

AUGMENTERS = [
    lambda **k: layers.RandomFlip(**k),
    lambda **k: layers.RandomRotation(0.2, **k),
    lambda **k: layers.RandomZoom(0.3, 0.2, **k),
    lambda **k: layers.RandomTranslation(0.2, 0.3, **k),
    lambda **k: layers.RandomContrast(0.5, **k),
    lambda **k: layers.RandomBrightness(0.3, **k),
]


def _images(shape=(4, 6, 6, 3)):
    return rng.uniform(60, 200, size=shape).astype("float32")


@pytest.mark.parametrize("make", AUGMENTERS)
def test_identity_at_inference_shape_and_seed(make):
    x = _images()
    layer = make(seed=7)
    np.testing.assert_array_equal(to_np(layer(x, training=False)), x)
    a = to_np(layer(x, training=True))
    assert a.shape == x.shape and not np.allclose(a, x)
    b = to_np(make(seed=7)(x, training=True))
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-4)
    clone = type(layer).from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone(x, training=True)), a, rtol=1e-6, atol=1e-4)
    unbatched = to_np(layer(x[0], training=True))
    assert unbatched.shape == x[0].shape
    sym = layer(kerasx.Input((6, 6, 3)))
    assert tuple(sym.shape) == (None, 6, 6, 3)


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
@pytest.mark.parametrize("mode,axes", [("horizontal", ("w",)), ("vertical", ("h",)),
                                       ("horizontal_and_vertical", ("h", "w"))])
def test_random_flip_flips(fmt, mode, axes):
    x = _images((16, 3, 5, 2))
    if fmt == "channels_first":
        x = np.moveaxis(x, -1, 1)
    h_ax, w_ax = (1, 2) if fmt == "channels_last" else (2, 3)
    out = to_np(layers.RandomFlip(mode, seed=4, data_format=fmt)(x, training=True))
    flipped = 0
    for i in range(16):
        options = [x[i]]
        if "w" in axes:
            options.append(np.flip(x[i], w_ax - 1))
        if "h" in axes:
            options.append(np.flip(x[i], h_ax - 1))
        if len(axes) == 2:
            options.append(np.flip(np.flip(x[i], h_ax - 1), w_ax - 1))
        match = [j for j, o in enumerate(options) if np.array_equal(out[i], o)]
        assert match, f"sample {i} is neither the input nor a flip of it"
        flipped += match[0] != 0
    assert 0 < flipped < 16


def test_random_rotation_quarter_turn_matches_rot90():
    x = _images((2, 5, 5, 1))
    layer = layers.RandomRotation((0.25, 0.25), interpolation="nearest", seed=1)
    out = to_np(layer(x, training=True))
    np.testing.assert_allclose(out, np.rot90(x, k=1, axes=(1, 2)), rtol=1e-6)
    half = layers.RandomRotation((0.5, 0.5), interpolation="nearest", seed=1,
                                 data_format="channels_first")
    xc = np.moveaxis(x, -1, 1)
    np.testing.assert_allclose(to_np(half(xc, training=True)), np.rot90(xc, 2, axes=(2, 3)),
                               rtol=1e-6)


def test_random_translation_integer_shift_matches_numpy():
    x = _images((2, 4, 5, 1))
    layer = layers.RandomTranslation((0.25, 0.25), (-0.2, -0.2), fill_mode="constant",
                                     interpolation="nearest", seed=2)
    out = to_np(layer(x, training=True))
    ref = np.zeros_like(x)
    ref[:, 1:, :4] = x[:, :3, 1:]  # down by 1 row, left by 1 column
    np.testing.assert_allclose(out, ref, rtol=1e-6)


def test_random_zoom_out_fills_border_and_no_zoom_is_identity():
    x = _images((1, 9, 9, 1))
    same = layers.RandomZoom((0.0, 0.0), interpolation="nearest", seed=1)
    np.testing.assert_allclose(to_np(same(x, training=True)), x, rtol=1e-6)
    out = to_np(layers.RandomZoom((1.0, 1.0), fill_mode="constant", interpolation="nearest",
                                  seed=1)(x, training=True))
    # zoom factor 2 (zoom out): output (i, j) samples the input at (2i - 4, 2j - 4)
    ref = np.zeros_like(x)
    ref[0, 2:7, 2:7] = x[0, ::2, ::2]
    np.testing.assert_allclose(out, ref, rtol=1e-6)


def test_random_contrast_and_brightness_structure():
    x = _images((6, 4, 4, 3))
    y = to_np(layers.RandomContrast(0.5, seed=3)(x, training=True))
    mean = x.mean(axis=(1, 2), keepdims=True)
    c = (y - mean) / (x - mean)
    per_image = c.reshape(6, -1)
    np.testing.assert_allclose(per_image, per_image[:, :1].repeat(per_image.shape[1], 1),
                               rtol=1e-3)
    assert np.all((per_image >= 0.5 - 1e-4) & (per_image <= 1.5 + 1e-4))
    z = to_np(layers.RandomBrightness(0.1, seed=3)(x, training=True))
    d = (z - x).reshape(6, -1)
    np.testing.assert_allclose(d, d[:, :1].repeat(d.shape[1], 1), atol=1e-3)
    assert np.all(np.abs(d) <= 25.5 + 1e-3) and np.ptp(d[:, 0]) > 0
    clipped = to_np(layers.RandomBrightness((1.0, 1.0), seed=1)(x, training=True))
    np.testing.assert_array_equal(clipped, np.full_like(x, 255.0))


def test_random_crop_window_and_inference():
    x = _images((3, 7, 6, 2))
    layer = layers.RandomCrop(4, 3, seed=5)
    out = to_np(layer(x, training=True))
    assert out.shape == (3, 4, 3, 2)
    windows = [(t, l) for t in range(4) for l in range(4)
               if np.array_equal(out, x[:, t:t + 4, l:l + 3])]
    assert windows
    same = layers.RandomCrop(7, 6, seed=5)
    np.testing.assert_array_equal(to_np(same(x, training=False)), x)
    inf = to_np(layer(x, training=False))
    ref = ops.image.resize(x, (4, 3), crop_to_aspect_ratio=True)
    np.testing.assert_allclose(inf, to_np(ref), rtol=1e-5)
    assert tuple(layer(kerasx.Input((7, 6, 2))).shape) == (None, 4, 3, 2)


def test_augmentation_errors():
    with pytest.raises(ValueError, match="mode"):
        layers.RandomFlip("diagonal")
    with pytest.raises(ValueError, match="factor"):
        layers.RandomRotation("much")
    with pytest.raises(ValueError, match="fill_mode"):
        layers.RandomZoom(0.1, fill_mode="smear")
    with pytest.raises(ValueError, match="interpolation"):
        layers.RandomTranslation(0.1, 0.1, interpolation="bicubic")
    with pytest.raises(ValueError, match="factor"):
        layers.RandomContrast(1.5)
    with pytest.raises(ValueError, match="value_range"):
        layers.RandomBrightness(0.1, value_range=(1, 0))
    with pytest.raises(ValueError, match="rank"):
        layers.RandomFlip()(np.zeros((2, 3), "float32"))


def test_augmentation_inside_model_is_identity_in_predict_and_trains():
    x = _images((8, 6, 6, 3)) / 255.0
    y = x.mean(axis=(1, 2, 3))[:, None]
    inp = kerasx.Input((6, 6, 3))
    h = layers.RandomFlip(seed=1)(inp)
    h = layers.RandomRotation(0.1, seed=2)(h)
    out = layers.Dense(1)(layers.Flatten()(h))
    model = kerasx.Model(inp, out)
    dense = model.layers[-1]
    pred = model.predict(x, verbose=0)
    ref = x.reshape(8, -1) @ to_np(dense.kernel.value) + to_np(dense.bias.value)
    np.testing.assert_allclose(pred, ref, rtol=1e-4, atol=1e-5)
    model.compile(optimizer="sgd", loss="mse")
    hist = model.fit(x, y, epochs=2, batch_size=4, verbose=0).history["loss"]
    assert np.all(np.isfinite(hist))


def test_tf_data_map_with_augmentation_on_tensorflow_backend():
    if kerasx.config.backend() != "tensorflow":
        pytest.skip("Dataset.map with a kerasx layer runs only on the tensorflow backend")
    import tensorflow as tf
    x = _images((6, 5, 5, 3))
    flip = layers.RandomFlip("horizontal", seed=3)
    crop = layers.RandomCrop(3, 3, seed=1)
    ds = tf.data.Dataset.from_tensor_slices(x).batch(4).map(
        lambda b: crop(flip(b, training=True), training=True))
    batches = list(ds.as_numpy_iterator())
    assert [b.shape for b in batches] == [(4, 3, 3, 3), (2, 3, 3, 3)]
    lookup = layers.StringLookup(vocabulary=["a"])
    strings = tf.data.Dataset.from_tensor_slices(np.array(["a", "b"])).batch(2)
    with pytest.raises(ValueError, match="host"):
        strings.map(lookup)
