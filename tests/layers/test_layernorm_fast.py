"""LayerNormalization's fused path (one ops.layer_normalization call) against the general
moments path and NumPy, on every backend."""

import numpy as np
import pytest

from kerasx import layers, ops
from kerasx.layers.normalization import layer_normalization as ln_module

to_np = ops.convert_to_numpy
rng = np.random.default_rng(9)


def _rand(*shape):
    return rng.standard_normal(shape).astype("float32")


def _ln_ref(x, axes, gamma, beta, eps):
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    out = (x - mean) / np.sqrt(var + eps)
    shape = [x.shape[i] if i in axes else 1 for i in range(x.ndim)]
    if gamma is not None:
        out = out * gamma.reshape(shape)
    if beta is not None:
        out = out + beta.reshape(shape)
    return out


def _both(layer, x):
    layer._fused, fused_flag = False, layer._fused
    general = to_np(layer(x))
    layer._fused = fused_flag
    return general, to_np(layer(x))


@pytest.mark.parametrize("axis,fused", [(-1, True), ([1, 2], True), ([-2, -1], True),
                                        ([2, 1], False), (1, False), ([0, 2], False)])
@pytest.mark.parametrize("center,scale", [(True, True), (False, True), (True, False)])
def test_layernorm_fused_matches_general_and_numpy(axis, fused, center, scale):
    x = _rand(3, 4, 5) * 3 + 1
    layer = layers.LayerNormalization(axis=axis, epsilon=1e-2, center=center, scale=scale,
                                      beta_initializer="random_normal",
                                      gamma_initializer="random_normal")
    layer.build(x.shape)
    assert layer._fused is fused
    axes = sorted(a % 3 for a in (axis if isinstance(axis, list) else [axis]))
    gamma = to_np(layer.gamma) if scale else None
    beta = to_np(layer.beta) if center else None
    if isinstance(axis, list) and axis != sorted(axis, key=lambda a: a % 3):  # weights in axis order
        gamma = None if gamma is None else gamma.T
        beta = None if beta is None else beta.T
    general, out = _both(layer, x)
    ref = _ln_ref(x, tuple(axes), gamma, beta, 1e-2)
    np.testing.assert_allclose(general, ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)


def test_layernorm_fused_path_is_used_and_rms_scaling_is_not(monkeypatch):
    calls = []
    real = ln_module.ops.layer_normalization

    def spy(*args, **kwargs):
        calls.append(kwargs.get("axis"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ln_module.ops, "layer_normalization", spy)
    x = _rand(2, 3, 4)
    layers.LayerNormalization()(x)
    assert calls == [[2]]
    rms = layers.LayerNormalization(rms_scaling=True)
    out = to_np(rms(x))
    assert len(calls) == 1 and not rms._fused
    ref = x / np.sqrt((x ** 2).mean(-1, keepdims=True) + 1e-3)
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)


def test_layernorm_fused_mixed_precision_keeps_dtype_rules():
    x = _rand(2, 3, 8) * 4
    layer = layers.LayerNormalization(dtype="mixed_float16", gamma_initializer="random_normal",
                                      beta_initializer="random_normal")
    out = layer(ops.cast(x, "float16"))
    assert ops.dtype(out) == "float16"
    assert ops.dtype(layer.gamma) == "float32"
    x16 = x.astype("float16").astype("float32")
    ref = _ln_ref(x16, (2,), to_np(layer.gamma), to_np(layer.beta), 1e-3)
    np.testing.assert_allclose(to_np(out).astype("float32"), ref, rtol=1e-2, atol=1e-2)
    layer._fused = False
    general = to_np(layer(ops.cast(x, "float16"))).astype("float32")
    np.testing.assert_allclose(to_np(out).astype("float32"), general, rtol=1e-3, atol=1e-3)


def test_layernorm_fused_gradients_match_general():
    x = _rand(2, 3, 6)
    w = _rand(2, 3, 6)
    layer = layers.LayerNormalization(gamma_initializer="random_normal",
                                      beta_initializer="random_normal")
    layer.build(x.shape)
    grads = {}
    for fused in (True, False):
        layer._fused = fused
        _, g = ops.compute_gradients(lambda: ops.sum(ops.multiply(layer(x), w)),
                                     layer.trainable_variables)
        grads[fused] = [to_np(v) for v in g]
    for a, b in zip(grads[True], grads[False]):
        assert np.abs(a).max() > 1e-3
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
    # d/dbeta of sum(out * w) is w summed over the normalized-out axes
    np.testing.assert_allclose(grads[True][1], w.sum(axis=(0, 1)), rtol=1e-4, atol=1e-5)


def test_ops_layer_normalization_trailing_axes_matches_numpy():
    x = _rand(2, 3, 4)
    gamma, beta = _rand(3, 4), _rand(3, 4)
    out = to_np(ops.layer_normalization(x, gamma, beta, axis=[1, 2], epsilon=1e-5))
    np.testing.assert_allclose(out, _ln_ref(x, (1, 2), gamma, beta, 1e-5), rtol=1e-4,
                               atol=1e-4)
    x64 = x.astype("float64")
    g64 = _rand(4).astype("float64")
    out64 = ops.layer_normalization(x64, g64, None, axis=-1, epsilon=1e-5)
    assert ops.dtype(out64) == "float64"
    np.testing.assert_allclose(to_np(out64), _ln_ref(x64, (2,), g64, None, 1e-5), rtol=1e-10,
                               atol=1e-10)
