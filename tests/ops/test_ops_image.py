"""Image ops against simple NumPy references."""

import colorsys

import numpy as np
import pytest

from kerasx import ops
from ops_helpers import check, randn, sym, to_np

IMG = np.random.default_rng(0).random((2, 6, 8, 3)).astype("float32")


def _bilinear_ref(img, out_h, out_w):
    """Half-pixel-centre bilinear resize of (H, W, C) without antialiasing."""
    h, w = img.shape[:2]
    ys = np.clip((np.arange(out_h) + 0.5) * h / out_h - 0.5, 0, h - 1)
    xs = np.clip((np.arange(out_w) + 0.5) * w / out_w - 0.5, 0, w - 1)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    wy, wx = (ys - y0)[:, None, None], (xs - x0)[None, :, None]
    top = img[y0][:, x0] * (1 - wx) + img[y0][:, x1] * wx
    bot = img[y1][:, x0] * (1 - wx) + img[y1][:, x1] * wx
    return top * (1 - wy) + bot * wy


def _nearest_ref(img, out_h, out_w):
    h, w = img.shape[:2]
    ys = np.minimum(np.floor((np.arange(out_h) + 0.5) * h / out_h), h - 1).astype(int)
    xs = np.minimum(np.floor((np.arange(out_w) + 0.5) * w / out_w), w - 1).astype(int)
    return img[ys][:, xs]


@pytest.mark.parametrize("size", [(12, 16), (9, 5), (3, 4)])
def test_resize_bilinear_and_nearest(size):
    out = ops.image.resize(IMG, size)
    assert ops.shape(out) == (2,) + size + (3,)
    check(out[0], _bilinear_ref(IMG[0], *size), rtol=1e-4, atol=1e-5)
    check(ops.image.resize(IMG[1], size, interpolation="nearest"), _nearest_ref(IMG[1], *size))
    cf = ops.image.resize(np.moveaxis(IMG, -1, 1), size, data_format="channels_first")
    check(np.moveaxis(to_np(cf), 1, -1), to_np(out), rtol=1e-5, atol=1e-6)
    assert ops.image.resize(sym((None, 6, 8, 3)), size).shape == (None,) + size + (3,)


def test_resize_other_modes():
    ones = np.ones((1, 6, 8, 2), "float32")
    for interpolation in ("bicubic", "lanczos3", "lanczos5"):
        out = ops.image.resize(ones, (3, 4), interpolation=interpolation)
        check(out, np.ones((1, 3, 4, 2)), rtol=1e-4, atol=1e-4)
    check(ops.image.resize(IMG, (3, 4), antialias=True), _antialias_ref(IMG, 3, 4), rtol=1e-4, atol=1e-5)


def _triangle_weights(n_in, n_out):
    """Antialiased bilinear downsampling: a triangle filter stretched by the scale factor."""
    scale = n_in / n_out
    w = np.zeros((n_out, n_in))
    for i in range(n_out):
        centre = (i + 0.5) * scale - 0.5
        w[i] = np.maximum(0.0, 1.0 - np.abs(np.arange(n_in) - centre) / scale)
        w[i] /= w[i].sum()
    return w


def _antialias_ref(img, out_h, out_w):
    wh, ww = _triangle_weights(img.shape[1], out_h), _triangle_weights(img.shape[2], out_w)
    return np.einsum("ih,nhwc,jw->nijc", wh, img.astype("float64"), ww)


def test_resize_area():
    try:
        down = ops.image.resize(IMG, (3, 4), interpolation="area")
    except ValueError as e:  # "area" exists only where the framework has it
        assert "ops.resize" in str(e) and "interpolation" in str(e)
        pytest.skip(f"area interpolation unsupported on this backend: {e}")
    check(down, IMG.reshape(2, 3, 2, 4, 2, 3).mean(axis=(2, 4)), rtol=1e-4, atol=1e-5)


def test_resize_crop_and_pad_to_aspect_ratio():
    img = np.arange(4 * 8, dtype="float32").reshape(1, 4, 8, 1)
    out = ops.image.resize(img, (4, 4), crop_to_aspect_ratio=True, interpolation="nearest")
    check(out, img[:, :, 2:6])
    out = ops.image.resize(img, (8, 8), pad_to_aspect_ratio=True, fill_value=-1.0,
                           interpolation="nearest")
    expected = np.full((1, 8, 8, 1), -1.0, "float32")
    expected[:, 2:6] = img
    check(out, expected)


def test_color_conversions():
    gray = ops.image.rgb_to_grayscale(IMG)
    check(gray, (IMG @ np.array([0.2989, 0.5870, 0.1140]))[..., None], rtol=1e-3, atol=1e-3)
    assert ops.image.rgb_to_grayscale(np.moveaxis(IMG, -1, 1), data_format="channels_first").shape[1] == 1
    hsv = to_np(ops.image.rgb_to_hsv(IMG[0]))
    expected = np.array([colorsys.rgb_to_hsv(*px) for px in IMG[0].reshape(-1, 3)]).reshape(IMG[0].shape)
    np.testing.assert_allclose(hsv, expected, rtol=1e-4, atol=1e-4)
    check(ops.image.hsv_to_rgb(hsv), IMG[0], rtol=1e-4, atol=1e-4)


def test_affine_transform():
    img = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    identity = np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32")
    check(ops.image.affine_transform(img, identity), img)
    shift = np.array([1, 0, -1, 0, 1, 0, 0, 0], "float32")  # output x samples input x - 1
    out = ops.image.affine_transform(img, shift, interpolation="nearest", fill_value=-5)
    expected = np.concatenate([np.full((1, 4, 1, 1), -5.0), img[:, :, :3]], axis=2)
    check(out, expected)
    out = ops.image.affine_transform(img, shift, interpolation="nearest", fill_mode="nearest")
    expected = np.concatenate([img[:, :, :1], img[:, :, :3]], axis=2)
    check(out, expected)
    half = np.array([1, 0, 0.5, 0, 1, 0, 0, 0], "float32")
    out = ops.image.affine_transform(img, half, interpolation="bilinear", fill_mode="nearest")
    check(out[0, :, :3, 0], (img[0, :, :3, 0] + img[0, :, 1:, 0]) / 2)


def test_map_coordinates():
    x = np.arange(12, dtype="float32").reshape(3, 4)
    coords = np.array([[0.0, 1.4, 2.0, -1.0], [0.0, 2.6, 3.0, 0.0]], "float32")
    out = ops.image.map_coordinates(x, coords, order=1, fill_mode="constant", fill_value=-1.0)
    check(out, [0.0, 4 * 1.4 + 2.6, 11.0, -1.0], rtol=1e-5)  # x is linear: 4 * row + col
    out = ops.image.map_coordinates(x, coords, order=0, fill_mode="nearest")
    check(out, [0.0, x[1, 3], 11.0, 0.0])


def test_extract_patches():
    img = np.arange(2 * 4 * 4 * 1, dtype="float32").reshape(2, 4, 4, 1)
    out = ops.image.extract_patches(img, 2)
    assert ops.shape(out) == (2, 2, 2, 4)
    check(out[0, 0, 1], img[0, 0:2, 2:4, 0].ravel())
    out = ops.image.extract_patches(img, (3, 3), strides=1, padding="same")
    assert ops.shape(out) == (2, 4, 4, 9)
    check(out[1, 1, 1], img[1, 0:3, 0:3, 0].ravel())
