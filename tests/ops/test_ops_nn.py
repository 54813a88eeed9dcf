"""Activations, losses, normalization and attention against NumPy formulas."""

import itertools
import math

import numpy as np
import pytest

from kerasx import config, ops
from ops_helpers import check, randn, sym, to_np

X = np.array([[-3.0, -1.0, -0.4, 0.0], [0.3, 1.0, 2.5, 7.0]], "float32")


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


_ERF = np.vectorize(math.erf)
ACTIVATIONS = [
    ("relu", lambda x: np.maximum(x, 0)),
    ("relu6", lambda x: np.clip(x, 0, 6)),
    ("sigmoid", _sigmoid),
    ("sparse_sigmoid", lambda x: np.clip((x + 1) / 2, 0, 1)),
    ("softplus", lambda x: np.log1p(np.exp(x))),
    ("softsign", lambda x: x / (1 + np.abs(x))),
    ("silu", lambda x: x * _sigmoid(x)),
    ("swish", lambda x: x * _sigmoid(x)),
    ("log_sigmoid", lambda x: np.log(_sigmoid(x))),
    ("leaky_relu", lambda x: np.where(x > 0, x, 0.2 * x)),
    ("hard_sigmoid", lambda x: np.clip(x + 3, 0, 6) / 6),
    ("hard_silu", lambda x: x * np.clip(x + 3, 0, 6) / 6),
    ("hard_swish", lambda x: x * np.clip(x + 3, 0, 6) / 6),
    ("elu", lambda x: np.where(x > 0, x, np.expm1(x))),
    ("selu", lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))),
    ("gelu", lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))),
    ("celu", lambda x: np.maximum(x, 0) + np.minimum(0, np.expm1(x))),
    ("hard_tanh", lambda x: np.clip(x, -1, 1)),
    ("hard_shrink", lambda x: np.where(np.abs(x) > 0.5, x, 0)),
    ("soft_shrink", lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0))),
    ("tanh_shrink", lambda x: x - np.tanh(x)),
    ("squareplus", lambda x: (x + np.sqrt(x ** 2 + 4)) / 2),
    ("sparse_plus", lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))),
    ("softmax", _softmax),
    ("log_softmax", lambda x: np.log(_softmax(x))),
]


@pytest.mark.parametrize("name,fn", ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation(name, fn):
    check(getattr(ops, name)(X), fn(X.astype("float64")), dtype="float32", rtol=1e-5, atol=1e-6)
    s = getattr(ops, name)(sym((None, 4)))
    assert s.shape == (None, 4) and s.dtype == "float32"


def test_activation_arguments():
    x64 = X.astype("float64")
    check(ops.leaky_relu(X, negative_slope=0.1), np.where(X > 0, X, 0.1 * X))
    check(ops.elu(X, alpha=0.5), np.where(X > 0, X, 0.5 * np.expm1(x64)), rtol=1e-5)
    check(ops.celu(X, alpha=2.0), np.maximum(X, 0) + np.minimum(0, 2 * np.expm1(x64 / 2)), rtol=1e-5)
    check(ops.gelu(X, approximate=False), 0.5 * x64 * (1 + _ERF(x64 / np.sqrt(2))), rtol=1e-5, atol=1e-6)
    check(ops.hard_shrink(X, threshold=1.0), np.where(np.abs(X) > 1.0, X, 0))
    check(ops.soft_shrink(X, threshold=1.0), np.sign(X) * np.maximum(np.abs(X) - 1.0, 0))
    check(ops.squareplus(X, b=1), (x64 + np.sqrt(x64 ** 2 + 1)) / 2, rtol=1e-5)
    check(ops.threshold(X, 0.5, -9.0), np.where(X > 0.5, X, -9.0))
    check(ops.softmax(X, axis=0), _softmax(x64, axis=0), rtol=1e-5)
    check(ops.log_softmax(X, axis=0), np.log(_softmax(x64, axis=0)), rtol=1e-5, atol=1e-6)
    check(ops.glu(X), X[:, :2] * _sigmoid(x64[:, 2:]), rtol=1e-5)
    check(ops.glu(X, axis=0), X[:1] * _sigmoid(x64[1:]), rtol=1e-5)
    assert ops.glu(sym((None, 6))).shape == (None, 3)
    check(ops.relu(np.array([-2, 3], "int32")), [0, 3])


def test_sparsemax():
    x = np.array([[0.0, 2.0, 1.0], [1.0, 1.1, 0.9]], "float32")
    out = to_np(ops.sparsemax(x))
    np.testing.assert_allclose(out.sum(-1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(out[0], [0.0, 1.0, 0.0], atol=1e-6)
    # second row: tau = (3.0 - 1) / 3 -> values x - tau
    np.testing.assert_allclose(out[1], np.array([1.0, 1.1, 0.9]) - 2.0 / 3, rtol=1e-5)


def test_one_hot_multi_hot():
    labels = np.array([0, 2, -1, 5], "int32")
    check(ops.one_hot(labels, 3), np.eye(3)[[0, 2]].tolist() + [[0, 0, 0], [0, 0, 0]],
          dtype=config.floatx())
    check(ops.one_hot(np.array([[1], [0]]), 2, axis=0), np.moveaxis(np.eye(2)[[[1], [0]]], -1, 0))
    check(ops.one_hot(labels[:2], 3, dtype="int32"), np.eye(3)[[0, 2]], dtype="int32")
    assert ops.one_hot(sym((None, 4), "int32"), 7).shape == (None, 4, 7)
    check(ops.multi_hot(np.array([[0, 2], [1, 1]]), 4), [[1, 0, 1, 0], [0, 1, 0, 0]],
          dtype=config.floatx())
    check(ops.multi_hot(np.array([3, 0]), 4), [1, 0, 0, 1])


def test_crossentropies():
    eps = config.epsilon()
    logits = randn(3, 4, seed=1)
    probs = _softmax(logits.astype("float64"))
    t_idx = np.array([1, 0, 3])
    t = np.eye(4)[t_idx].astype("float32")
    cce = -np.sum(t * np.log(probs), axis=-1)
    check(ops.categorical_crossentropy(t, logits, from_logits=True), cce, rtol=1e-5)
    check(ops.categorical_crossentropy(t, probs.astype("float32")), cce, rtol=1e-5)
    unnorm = (probs * 3).astype("float32")  # renormalized along the class axis
    check(ops.categorical_crossentropy(t, unnorm), cce, rtol=1e-5)
    check(ops.categorical_crossentropy(t.T, logits.T, from_logits=True, axis=0), cce, rtol=1e-5)
    check(ops.sparse_categorical_crossentropy(t_idx, logits, from_logits=True), cce, rtol=1e-5)
    check(ops.sparse_categorical_crossentropy(t_idx, probs.astype("float32")), cce, rtol=1e-5)
    hard = np.array([[1.0, 0.0, 0.0, 0.0]], "float32")
    check(ops.categorical_crossentropy(np.array([[0, 1.0, 0, 0]], "float32"), hard), [-np.log(eps)],
          rtol=1e-3)
    y = np.array([[1.0, 0.0], [0.0, 1.0]], "float32")
    z = np.array([[0.5, -2.0], [3.0, 0.1]], "float32")
    p = _sigmoid(z.astype("float64"))
    bce = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    check(ops.binary_crossentropy(y, z, from_logits=True), bce, rtol=1e-5)
    check(ops.binary_crossentropy(y, p.astype("float32")), bce, rtol=1e-4)
    check(ops.binary_crossentropy(np.array([1.0], "float32"), np.array([0.0], "float32")),
          [-np.log(eps)], rtol=1e-3)
    assert ops.categorical_crossentropy(sym((None, 4)), sym((None, 4))).shape == (None,)
    assert ops.binary_crossentropy(sym((None, 4)), sym((None, 4))).shape == (None, 4)


def _ctc_reference(target, probs):
    """-log P(target) by summing every alignment (tiny T and C only); blank = 0."""
    T, C = probs.shape
    total = 0.0
    for path in itertools.product(range(C), repeat=T):
        collapsed = [c for i, c in enumerate(path) if c != 0 and (i == 0 or c != path[i - 1])]
        if collapsed == list(target):
            total += np.prod([probs[t, c] for t, c in enumerate(path)])
    return -np.log(total)


def test_ctc_loss():
    logits = randn(2, 4, 3, seed=3)
    probs = _softmax(logits.astype("float64"))
    target = np.array([[1, 2], [2, 0]], "int32")
    target_length = np.array([2, 1], "int32")
    output_length = np.array([4, 3], "int32")
    out = ops.ctc_loss(target, logits, target_length, output_length, mask_index=0)
    expected = [_ctc_reference([1, 2], probs[0]), _ctc_reference([2], probs[1, :3])]
    check(out, expected, rtol=1e-4, atol=1e-4)


def test_moments_and_batch_normalization():
    x = randn(4, 3, 5, seed=2)
    for axes, keepdims in (([0], False), ([0, 2], True), ([-1], False)):
        mean, var = ops.moments(x, axes, keepdims=keepdims)
        check(mean, x.mean(axis=tuple(axes), keepdims=keepdims), rtol=1e-5, atol=1e-6)
        check(var, x.var(axis=tuple(axes), keepdims=keepdims), rtol=1e-5, atol=1e-6)
    m, v = ops.moments(sym((None, 3, 5)), [0, 2])
    assert m.shape == (3,) and v.shape == (3,)
    mean, var = x.mean((0, 2)), x.var((0, 2))
    gamma, beta = np.array([1.0, 2.0, 0.5], "float32"), np.array([0.0, -1.0, 3.0], "float32")
    bshape = (1, 3, 1)
    expected = (x - mean.reshape(bshape)) / np.sqrt(var.reshape(bshape) + 1e-3) * gamma.reshape(bshape) \
        + beta.reshape(bshape)
    check(ops.batch_normalization(x, mean, var, axis=1, offset=beta, scale=gamma), expected,
          rtol=1e-4, atol=1e-5)
    xl = np.moveaxis(x, 1, -1)
    check(ops.batch_normalization(xl, mean, var, axis=-1, epsilon=0.1),
          (xl - mean) / np.sqrt(var + 0.1), rtol=1e-4, atol=1e-5)


def test_normalizations_and_psnr():
    x = randn(3, 4, seed=4)
    x64 = x.astype("float64")
    check(ops.normalize(x), x64 / np.linalg.norm(x64, axis=-1, keepdims=True), rtol=1e-5)
    check(ops.normalize(x, axis=0, order=1), x64 / np.abs(x64).sum(0, keepdims=True), rtol=1e-5)
    check(ops.normalize(np.zeros((1, 2), "float32")), np.zeros((1, 2)))
    rms = x64 / np.sqrt((x64 ** 2).mean(-1, keepdims=True) + 1e-6)
    check(ops.rms_normalization(x, scale=2.0, epsilon=1e-6), 2 * rms, rtol=1e-4)
    g, b = np.array([1.0, 2.0, 3.0, 4.0], "float32"), np.array([0.5, 0.0, -0.5, 1.0], "float32")
    ln = (x64 - x64.mean(-1, keepdims=True)) / np.sqrt(x64.var(-1, keepdims=True) + 1e-5)
    check(ops.layer_normalization(x, g, b, epsilon=1e-5), ln * g + b, rtol=1e-4, atol=1e-5)
    check(ops.layer_normalization(x, epsilon=1e-5), ln, rtol=1e-4, atol=1e-5)
    a, c = np.full((2, 4), 0.5, "float32"), np.full((2, 4), 0.25, "float32")
    check(ops.psnr(a, c, 1.0), 20 * np.log10(1.0) - 10 * np.log10(0.0625), rtol=1e-5)


def _attention_ref(q, k, v, bias=None, mask=None, scale=None, is_causal=False):
    B, T, N, H = q.shape
    S, K = k.shape[1], k.shape[2]
    k = np.repeat(k, N // K, axis=2)
    v = np.repeat(v, N // K, axis=2)
    scale = 1 / np.sqrt(H) if scale is None else scale
    logits = np.einsum("btnh,bsnh->bnts", q, k) * scale
    if bias is not None:
        logits = logits + bias
    allowed = np.ones((B, N, T, S), bool)
    if mask is not None:
        allowed &= np.broadcast_to(mask, allowed.shape)
    if is_causal:
        allowed &= np.tril(np.ones((T, S), bool))
    logits = np.where(allowed, logits, -1e30)
    return np.einsum("bnts,bsnh->btnh", _softmax(logits), v)


@pytest.mark.parametrize("kv_heads,use_bias,use_mask,is_causal,scale", [
    (2, False, False, False, None), (2, True, False, False, 0.5), (1, False, True, False, None),
    (2, False, False, True, None), (2, True, True, True, None)])
def test_dot_product_attention(kv_heads, use_bias, use_mask, is_causal, scale):
    q = randn(2, 4, 2, 3, seed=1)
    k, v = randn(2, 4, kv_heads, 3, seed=2), randn(2, 4, kv_heads, 3, seed=3)
    bias = randn(1, 2, 4, 4, seed=4) if use_bias else None
    mask = (np.random.default_rng(5).random((2, 1, 4, 4)) > 0.3) | np.eye(4, dtype=bool) if use_mask else None
    out = ops.dot_product_attention(q, k, v, bias=bias, mask=mask, scale=scale, is_causal=is_causal)
    check(out, _attention_ref(q.astype("float64"), k, v, bias, mask, scale, is_causal),
          dtype="float32", rtol=1e-4, atol=1e-5)
    s = ops.dot_product_attention(sym((None, 4, 2, 3)), sym((None, 4, kv_heads, 3)),
                                  sym((None, 4, kv_heads, 3)), is_causal=is_causal)
    assert s.shape == (None, 4, 2, 3)
