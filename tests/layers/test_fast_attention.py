"""The fused attention paths (ops.dot_product_attention, matmul projections) against the
general einsum + masked-softmax path and NumPy, on every backend."""

import numpy as np
import pytest

from kerasx import layers, ops
from kerasx.layers.attention import _attention_utils as U
from kerasx.layers.core import einsum_dense as ed

to_np = ops.convert_to_numpy
rng = np.random.default_rng(5)


def _rand(*shape):
    return rng.standard_normal(shape).astype("float32")


def _softmax_ref(s, keep):
    s = np.where(keep, s, -1e9)
    p = np.exp(s - s.max(-1, keepdims=True))
    return p / p.sum(-1, keepdims=True) * keep


def _mha_ref(ws, query, value, mask, key_dim):
    """NumPy multi-head attention over axis 1; ``mask`` is (B, T, S) bool or None."""
    wq, bq, wk, bk, wv, bv, wo, bo = ws
    q = np.einsum("btd,dnh->btnh", query, wq) + bq
    k = np.einsum("bsd,dnh->bsnh", value, wk) + bk
    v = np.einsum("bsd,dnh->bsnh", value, wv) + bv
    s = np.einsum("btnh,bsnh->bnts", q, k) / np.sqrt(key_dim)
    keep = np.ones(s.shape, bool) if mask is None else np.broadcast_to(mask[:, None], s.shape)
    p = _softmax_ref(s, keep)
    return np.einsum("btnh,nhd->btd", np.einsum("bnts,bsnh->btnh", p, v), wo) + bo


def _mha(**kwargs):
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, **kwargs)
    return mha


def _set_general(layer, general):
    """Switches a layer (and its projections) between the fused and the general path."""
    layer._fused = not general
    for name in ("_query_dense", "_key_dense", "_value_dense", "_output_dense"):
        dense = getattr(layer, name)
        if not hasattr(dense, "_plan_saved"):
            dense._plan_saved = dense._matmul
        dense._matmul = None if general else dense._plan_saved


def _both(layer, *args, **kwargs):
    _set_general(layer, True)
    general = to_np(layer(*args, **kwargs))
    _set_general(layer, False)
    fused = to_np(layer(*args, **kwargs))
    return general, fused


def _count_fused(monkeypatch):
    calls = []
    real = U.fused_attention

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(U, "fused_attention", spy)
    return calls


X, Y = _rand(2, 4, 6), _rand(2, 5, 6)


def _masks():
    qm = np.array([[1, 1, 1, 0], [1, 0, 1, 1]], bool)
    vm = np.array([[1, 1, 0, 1, 1], [1, 1, 1, 1, 0]], bool)
    am = rng.random((2, 4, 5)) > 0.3
    am[1, 2] = False  # a query with every key masked: zero attention output
    return qm, vm, am


@pytest.mark.parametrize("case", ["none", "query_value", "attention", "causal", "causal_and_mask",
                                  "sliding"])
def test_mha_fused_matches_general_and_numpy(case):
    qm, vm, am = _masks()
    value = X if case in ("causal", "causal_and_mask", "sliding") else Y
    S = value.shape[1]
    tri = np.tril(np.ones((4, S), bool))[None]
    kwargs, mask = {}, None
    if case == "query_value":
        kwargs, mask = dict(query_mask=qm, value_mask=vm), qm[:, :, None] & vm[:, None, :]
    elif case == "attention":
        kwargs, mask = dict(attention_mask=am), am
    elif case == "causal":
        kwargs, mask = dict(use_causal_mask=True), np.broadcast_to(tri, (2, 4, S))
    elif case == "causal_and_mask":
        vm4 = np.array([[1, 0, 1, 1], [0, 1, 1, 1]], bool)
        kwargs, mask = dict(value_mask=vm4, use_causal_mask=True), vm4[:, None, :] & tri
    mha = _mha(sliding_window=2) if case == "sliding" else _mha()
    mha(X, value)
    for w in mha.weights:
        w.assign(_rand(*w.shape) * 0.5)
    ws = [to_np(w) for w in mha.weights]
    if case == "sliding":
        idx = np.arange(4)
        mask = np.broadcast_to((np.abs(idx[:, None] - idx[None]) <= 1)[None], (2, 4, 4))
    general, fused = _both(mha, X, value, **kwargs)
    ref = _mha_ref(ws, X, value, mask, 3)
    np.testing.assert_allclose(general, ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(fused, ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(fused, general, rtol=1e-5, atol=1e-5)


def test_mha_fully_masked_query_gives_output_bias_only():
    mha = _mha()
    mha(X, Y)
    for w in mha.weights:
        w.assign(_rand(*w.shape))
    am = np.ones((2, 4, 5), bool)
    am[0, 1] = False
    general, fused = _both(mha, X, Y, attention_mask=am)
    bias = to_np(mha.output_dense.bias)
    np.testing.assert_allclose(fused[0, 1], bias, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(general[0, 1], bias, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(fused, general, rtol=1e-5, atol=1e-5)


def test_mha_routes_only_supported_cases_to_fused_path(monkeypatch):
    calls = _count_fused(monkeypatch)
    plain = _mha()
    plain(X, Y)
    assert len(calls) == 1
    plain(X, Y, return_attention_scores=True)  # the scores need the explicit softmax
    assert len(calls) == 1
    drop = _mha(dropout=0.3, seed=1)
    drop(X, Y, training=False)  # attention dropout keeps the general path
    assert len(calls) == 1 and not drop._fused
    image = layers.MultiHeadAttention(num_heads=2, key_dim=2, attention_axes=(1, 2))
    x4 = _rand(2, 3, 3, 4)
    image(x4, x4)
    assert len(calls) == 1 and not image._fused
    gqa = layers.GroupedQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2)
    gqa(X, Y)
    assert len(calls) == 2


def test_mha_fused_gradients_reach_every_weight():
    mha = _mha(use_gate=True)
    mha(X, Y)
    for w in mha.weights:
        w.assign(_rand(*w.shape) * 0.5)
    _, _, am = _masks()
    w = _rand(2, 4, 6)
    grads = {}
    for general in (True, False):
        _set_general(mha, general)
        _, g = ops.compute_gradients(
            lambda: ops.sum(ops.multiply(mha(X, Y, attention_mask=am), w)),
            mha.trainable_variables)
        grads[general] = [to_np(x) for x in g]
    assert len(grads[False]) == 10
    for v, gf, gg in zip(mha.trainable_variables, grads[False], grads[True]):
        np.testing.assert_allclose(gf, gg, rtol=1e-4, atol=1e-5, err_msg=v.path)
        if not v.path.endswith("key/bias"):  # softmax is shift-invariant: zero gradient
            assert np.abs(gf).max() > 1e-6, v.path


@pytest.mark.parametrize("causal", [False, True])
def test_gqa_fused_matches_general(causal):
    gqa = layers.GroupedQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2)
    value = X if causal else Y
    gqa(X, value)
    for w in gqa.weights:
        w.assign(_rand(*w.shape) * 0.5)
    vm = np.array([[1, 1, 0, 1], [1, 1, 1, 0]], bool) if causal else _masks()[1]
    out = {}
    for fused in (True, False):
        gqa._fused = fused
        out[fused] = (to_np(gqa(X, value, use_causal_mask=causal)),
                      to_np(gqa(X, value, value_mask=vm, use_causal_mask=causal)))
    for a, b in zip(out[True], out[False]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


def test_dot_product_attention_masks_bias_and_grouped_heads_match_numpy():
    q, k, v = _rand(2, 3, 4, 5), _rand(2, 6, 2, 5), _rand(2, 6, 2, 5)
    bias = _rand(2, 1, 3, 6)
    mask = rng.random((2, 1, 3, 6)) > 0.4
    mask[0, 0, 1] = False  # every key masked: uniform weights
    out = to_np(ops.dot_product_attention(q, k, v, bias=bias, mask=mask, scale=0.3,
                                          is_causal=True))
    kk, vv = np.repeat(k, 2, axis=2), np.repeat(v, 2, axis=2)
    s = np.einsum("btnh,bsnh->bnts", q, kk) * 0.3 + bias
    keep = np.broadcast_to(mask, s.shape) & np.tril(np.ones((3, 6), bool))
    s = np.where(keep, s, -1e30)
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    ref = np.einsum("bnts,bsnh->btnh", p, vv)
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(out[0, 1], vv[0].mean(0), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("equation,kshape,plan", [
    ("abc,cde->abde", (6, 2, 3), (1, (2, 3))),
    ("abcd,cde->abe", (2, 3, 6), (2, (6,))),
    ("...b,bc->...c", (6, 4), (1, (4,))),
    ("ab,bc->ac", (6, 4), (1, (4,))),
    ("ab,cb->ac", (4, 6), None),
    ("abc,cd->abcd", (6, 4), None),
    ("abc,bcd->ad", (4, 6, 3), (2, (3,))),
    ("ab...,bc->ac...", (6, 4), None),
])
def test_einsum_dense_matmul_plan(equation, kshape, plan):
    assert ed._matmul_plan(equation, kshape) == plan


@pytest.mark.parametrize("equation,in_shape,out_shape,bias_axes", [
    ("abc,cde->abde", (2, 4, 6), (None, 2, 3), "de"),
    ("abcd,cde->abe", (2, 4, 2, 3), (None, 5), "e"),
    ("...b,bc->...c", (2, 3, 4, 6), 5, "c"),
    ("abc,bcd->ad", (3, 4, 6), 7, None),
    ("abc,cd->abd", (2, 4, 6), (None, 3), None),
])
def test_einsum_dense_matmul_path_matches_einsum(equation, in_shape, out_shape, bias_axes):
    layer = layers.EinsumDense(equation, output_shape=out_shape, bias_axes=bias_axes,
                               bias_initializer="random_normal")
    x = _rand(*in_shape)
    fast = to_np(layer(x))
    assert layer._matmul is not None
    kernel = to_np(layer.kernel)
    ref = np.einsum(equation, x, kernel)
    if layer.bias is not None:
        ref = ref + to_np(layer.bias)
    np.testing.assert_allclose(fast, ref, rtol=1e-5, atol=1e-5)
    layer._matmul = None
    np.testing.assert_allclose(to_np(layer(x)), fast, rtol=1e-5, atol=1e-5)
