"""Softmax layer masks: NumPy broadcasting (trailing axes), as Keras 3 does."""

import numpy as np
import pytest

from kerasx import layers, ops

rng = np.random.default_rng(3)


def _np_masked_softmax(x, mask, axis=-1):
    mask = np.broadcast_to(mask, x.shape)
    z = np.where(mask, x, -1e9)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return np.where(mask, e / e.sum(axis=axis, keepdims=True), 0.0)


def test_lower_rank_mask_aligns_with_trailing_axes():
    x = rng.normal(size=(2, 3, 4, 5)).astype("float32")
    mask = rng.random((4, 5)) > 0.4  # matches the last two axes
    mask[:, 0] = True
    out = ops.convert_to_numpy(layers.Softmax()(x, mask=mask))
    np.testing.assert_allclose(out, _np_masked_softmax(x, mask), rtol=1e-5, atol=1e-6)
    # A per-key mask (B, 1, 1, T) for attention scores (B, heads, T, T).
    key_mask = rng.random((2, 1, 1, 5)) > 0.3
    key_mask[..., 0] = True
    out = ops.convert_to_numpy(layers.Softmax()(x, mask=key_mask))
    np.testing.assert_allclose(out, _np_masked_softmax(x, key_mask), rtol=1e-5, atol=1e-6)
    assert np.all(out[np.broadcast_to(~key_mask, x.shape)] == 0)


def test_batch_time_mask_on_square_scores_uses_trailing_alignment():
    # (batch, T) mask with (batch, T, T) inputs and batch == T: NumPy aligns the mask with
    # the last two axes (mask[b2, k] masks [b, b2, k]), not with (batch, query).
    x = rng.normal(size=(3, 3, 3)).astype("float32")
    mask = np.array([[1, 1, 0], [1, 0, 0], [1, 1, 1]], dtype=bool)
    out = ops.convert_to_numpy(layers.Softmax()(x, mask=mask))
    want = _np_masked_softmax(x, mask[None])
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-6)
    leading = _np_masked_softmax(x, mask[:, :, None])
    assert np.abs(want - leading).max() > 1e-3


def test_mask_not_broadcastable_raises_clear_error():
    x = np.zeros((2, 4, 4), "float32")
    with pytest.raises(ValueError, match=r"Softmax.*mask\.shape=\(2, 3\)"):
        layers.Softmax()(x, mask=np.ones((2, 3), bool))
    with pytest.raises(ValueError, match="no more dimensions"):
        layers.Softmax()(np.zeros((4,), "float32"), mask=np.ones((1, 4), bool))


def test_float_mask_keeps_values_above_half_and_multi_axis():
    x = rng.normal(size=(2, 3)).astype("float32")
    fmask = np.array([[0.7, 0.2, 1.0], [1.0, 1.0, 0.0]], "float32")
    out = ops.convert_to_numpy(layers.Softmax()(x, mask=fmask))
    np.testing.assert_allclose(out, _np_masked_softmax(x, fmask > 0.5), rtol=1e-5, atol=1e-6)
    x3 = rng.normal(size=(2, 3, 4)).astype("float32")
    m3 = rng.random((3, 4)) > 0.3
    m3[0, 0] = True
    out = ops.convert_to_numpy(layers.Softmax(axis=[1, 2])(x3, mask=m3))
    z = np.where(m3, x3, -1e9)
    e = np.exp(z - z.max(axis=(1, 2), keepdims=True))
    want = np.where(m3, e / e.sum(axis=(1, 2), keepdims=True), 0.0)
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-6)


def test_fully_masked_axis_gives_zeros():
    x = rng.normal(size=(2, 4)).astype("float32")
    mask = np.array([[False] * 4, [True, False, True, False]])
    out = ops.convert_to_numpy(layers.Softmax()(x, mask=mask))
    np.testing.assert_array_equal(out[0], np.zeros(4, "float32"))
    np.testing.assert_allclose(out[1], _np_masked_softmax(x[1:], mask[1:])[0], rtol=1e-5)


def test_padding_mask_that_only_fits_leading_axes():
    # Embedding(mask_zero=True) -> Softmax: the (batch, T) mask cannot broadcast to
    # (batch, T, features) with NumPy rules (Keras raises); kerasx aligns it with (batch, T).
    x = rng.normal(size=(2, 4, 3)).astype("float32")
    mask = np.array([[1, 1, 0, 0], [1, 0, 0, 0]], bool)
    out = ops.convert_to_numpy(layers.Softmax()(x, mask=mask))
    np.testing.assert_allclose(out, _np_masked_softmax(x, mask[:, :, None]), rtol=1e-5,
                               atol=1e-6)
    np.testing.assert_allclose(out.sum(-1), mask.astype("float32"), rtol=1e-5)
