"""The fused dense projection (``fused_dense()``: torch ``F.linear``) used by ``Dense`` and the
attention layers, and the row-lookup path of ``ops.take`` used by ``Embedding``: each
checked against NumPy and against the general path (``matmul`` + ``add``, sub-layer calls,
an integer table) on every backend."""

import numpy as np
import pytest

from kerasx import layers, ops
from kerasx.layers.attention import _attention_utils as U
from kerasx.layers.core import dense as dense_mod

to_np = ops.convert_to_numpy
rng = np.random.default_rng(11)


def _rand(*shape, dtype="float32"):
    return rng.standard_normal(shape).astype(dtype)


@pytest.fixture
def general_path(monkeypatch):
    """Makes ``fused_dense()`` return None: every layer takes the general path."""
    def use_general():
        monkeypatch.setattr(dense_mod.B.nn, "dense", None, raising=False)
    return use_general


# ---- the backend op ------------------------------------------------------------------

@pytest.mark.parametrize("x_shape,w_shape,b_shape,n", [
    ((5, 4), (4, 3), (3,), 1),
    ((2, 5, 4), (4, 3), (3,), 1),
    ((2, 3, 5, 4), (4, 6), None, 1),
    ((2, 5, 4), (4, 3, 2), (3, 2), 1),      # attention q/k/v projection
    ((2, 5, 3, 2), (3, 2, 4), (4,), 2),     # attention output projection
    ((2, 5, 4), (4, 3, 2), (1, 2), 1),      # bias broadcast over heads: general path
    ((2, 5, 4), (4, 3, 2), None, 1),
    ((2, 0, 4), (4, 3), (3,), 1),           # empty batch
    ((4,), (4, 3), (3,), 1),
])
def test_fused_dense_matches_numpy(x_shape, w_shape, b_shape, n):
    fused = dense_mod.fused_dense()
    if fused is None:
        pytest.skip("this backend has no fused dense op (Dense uses matmul + add)")
    x, w = _rand(*x_shape), _rand(*w_shape)
    b = None if b_shape is None else _rand(*b_shape)
    want = np.tensordot(x, w, n) + (0 if b is None else b)
    got = fused(ops.convert_to_tensor(x), ops.convert_to_tensor(w),
                None if b is None else ops.convert_to_tensor(b), n)
    assert tuple(ops.shape(got)) == want.shape
    np.testing.assert_allclose(to_np(got), want, rtol=1e-5, atol=1e-5)


def test_fused_dense_promotes_mixed_dtypes():
    fused = dense_mod.fused_dense()
    if fused is None:
        pytest.skip("this backend has no fused dense op (Dense uses matmul + add)")
    x, w, b = _rand(3, 4, dtype="float64"), _rand(4, 2), _rand(2)
    got = fused(ops.convert_to_tensor(x), ops.convert_to_tensor(w), ops.convert_to_tensor(b))
    assert ops.dtype(got) == "float64"
    np.testing.assert_allclose(to_np(got), x @ w.astype("float64") + b, rtol=1e-6)
    xi = np.arange(8, dtype="int32").reshape(2, 4)
    got = fused(ops.convert_to_tensor(xi), ops.convert_to_tensor(w), None)
    assert ops.dtype(got) == "float32"
    np.testing.assert_allclose(to_np(got), xi @ w, rtol=1e-5)


# ---- Dense ---------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 5), (2, 3, 5), (2, 2, 3, 5)])
@pytest.mark.parametrize("use_bias,activation", [(True, None), (True, "relu"),
                                                 (False, "tanh")])
def test_dense_fused_and_general_match_numpy(shape, use_bias, activation, general_path):
    layer = layers.Dense(3, use_bias=use_bias, activation=activation,
                         bias_initializer="random_normal")
    x = _rand(*shape)
    fused = to_np(layer(x))
    w = to_np(layer.kernel)
    want = x @ w + (to_np(layer.bias) if use_bias else 0)
    want = {None: want, "relu": np.maximum(want, 0), "tanh": np.tanh(want)}[activation]
    np.testing.assert_allclose(fused, want, rtol=1e-5, atol=1e-5)
    general_path()
    np.testing.assert_allclose(to_np(layer(x)), fused, rtol=1e-6, atol=1e-6)


def test_dense_gradients_equal_on_both_paths(general_path):
    layer = layers.Dense(4, activation="relu", bias_initializer="random_normal")
    x = _rand(3, 2, 5)
    layer(x)
    weights = [layer.kernel, layer.bias]

    def grads():
        _, g = ops.compute_gradients(lambda: ops.sum(layer(x) ** 2), weights)
        return [to_np(t) for t in g]

    fused = grads()
    general_path()
    general = grads()
    y = x @ to_np(layer.kernel) + to_np(layer.bias)
    dy = 2 * np.maximum(y, 0) * (y > 0)
    np.testing.assert_allclose(fused[0], np.einsum("abi,abj->ij", x, dy), rtol=1e-4)
    np.testing.assert_allclose(fused[1], dy.sum((0, 1)), rtol=1e-4)
    for f, g in zip(fused, general):
        np.testing.assert_allclose(f, g, rtol=1e-5, atol=1e-6)


def test_dense_mixed_precision_output_dtype():
    layer = layers.Dense(3, dtype="mixed_float16")
    out = layer(_rand(2, 4))
    assert ops.dtype(out) == "float16"
    assert layer.kernel.dtype == "float32"


# ---- attention projections -------------------------------------------------------------

def _attention_both(layer, *args, **kwargs):
    """Output through the fused projections, then through the sub-layer calls."""
    fused = layer(*args, **kwargs)
    layer._plain_projections = False
    general = layer(*args, **kwargs)
    layer._plain_projections = True
    return fused, general


@pytest.mark.parametrize("kwargs", [
    dict(),
    dict(use_causal_mask=True),
    dict(return_attention_scores=True),
])
def test_mha_projections_match_sublayer_path(kwargs):
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, bias_initializer="random_normal")
    q, v = _rand(2, 4, 5), _rand(2, 6, 5)
    if kwargs.get("use_causal_mask"):
        v = _rand(2, 4, 5)
    fused, general = _attention_both(mha, q, v, **kwargs)
    if kwargs.get("return_attention_scores"):
        np.testing.assert_allclose(to_np(fused[1]), to_np(general[1]), rtol=1e-5, atol=1e-6)
        fused, general = fused[0], general[0]
    np.testing.assert_allclose(to_np(fused), to_np(general), rtol=1e-5, atol=1e-5)
    # and the projections themselves are the einsum + bias of the sub-layers' weights
    qd = mha.query_dense
    want_q = np.einsum("btd,dnh->btnh", q, to_np(qd.kernel)) + to_np(qd.bias)
    qt = ops.convert_to_tensor(q)
    for fused in (U.direct_projection(mha, qt), None):
        np.testing.assert_allclose(to_np(U.project(fused, qd, qt, 1)), want_q, rtol=1e-5,
                                   atol=1e-5)
    assert U.direct_projection(mha, q) is None  # a NumPy array: the sub-layer converts it


def test_mha_without_bias_matches_numpy():
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=2, use_bias=False)
    q = _rand(2, 3, 4)
    fused, general = _attention_both(mha, q, q)
    wq, wk, wv, wo = (to_np(d.kernel) for d in (mha.query_dense, mha.key_dense,
                                                 mha.value_dense, mha.output_dense))
    qp, kp, vp = (np.einsum("btd,dnh->btnh", q, w) for w in (wq, wk, wv))
    s = np.einsum("btnh,bsnh->bnts", qp, kp) / np.sqrt(2.0)
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    want = np.einsum("btnh,nhd->btd", np.einsum("bnts,bsnh->btnh", p, vp), wo)
    np.testing.assert_allclose(to_np(fused), want, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(general), want, rtol=1e-4, atol=1e-5)


def test_mha_rank4_and_output_shape_projections():
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=2, attention_axes=(1, 2),
                                    output_shape=(3, 2), bias_initializer="random_normal")
    q = _rand(1, 3, 2, 4)
    fused, general = _attention_both(mha, q, q)
    assert tuple(ops.shape(fused)) == (1, 3, 2, 3, 2)
    np.testing.assert_allclose(to_np(fused), to_np(general), rtol=1e-5, atol=1e-5)


def test_gqa_projections_match_sublayer_path():
    gqa = layers.GroupedQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2,
                                       bias_initializer="random_normal")
    q, v = _rand(2, 5, 6), _rand(2, 3, 6)
    fused, general = _attention_both(gqa, q, v)
    np.testing.assert_allclose(to_np(fused), to_np(general), rtol=1e-5, atol=1e-5)
    out, scores = gqa(q, v, return_attention_scores=True)
    np.testing.assert_allclose(to_np(out), to_np(fused), rtol=1e-5, atol=1e-5)
    assert tuple(ops.shape(scores)) == (2, 4, 5, 3)


def test_attention_gate_and_mixed_precision_take_sublayer_path():
    gated = layers.MultiHeadAttention(num_heads=2, key_dim=3, use_gate=True)
    q = _rand(2, 4, 6)
    fused, general = _attention_both(gated, q, q)
    np.testing.assert_allclose(to_np(fused), to_np(general), rtol=1e-5, atol=1e-5)
    mixed = layers.MultiHeadAttention(num_heads=2, key_dim=3,
                                      dtype="mixed_float16")
    out = mixed(q, q)
    assert mixed._plain_projections is False
    assert ops.dtype(out) == "float16"


def test_mha_numpy_inputs_given_by_keyword_are_converted():
    mha = layers.MultiHeadAttention(num_heads=1, key_dim=2)
    q = _rand(1, 3, 4)
    ref = to_np(mha(q, q))
    out = mha(query=q, value=q.astype("float64"), key=q.astype("float64"))
    assert ops.dtype(out) == "float32"
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-5, atol=1e-5)


# ---- Embedding / take row lookups -------------------------------------------------------

@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8", "float32"])
def test_embedding_lookup_matches_numpy(dtype):
    emb = layers.Embedding(7, 3)
    ids = np.array([[0, 6, 2], [3, 3, 1]]).astype(dtype)
    out = emb(ids)
    np.testing.assert_array_equal(to_np(out), to_np(emb.embeddings)[ids.astype("int64")])


def test_embedding_gradient_accumulates_repeated_ids():
    emb = layers.Embedding(5, 2)
    ids = np.array([[1, 1, 4]], "int32")
    emb(ids)
    _, (g,) = ops.compute_gradients(lambda: ops.sum(emb(ids)), [emb.embeddings])
    want = np.zeros((5, 2), "float32")
    want[1], want[4] = 2.0, 1.0
    np.testing.assert_array_equal(to_np(g), want)


def _outcome(fn):
    try:
        return "ok", to_np(fn())
    except ValueError:
        return "error", None


@pytest.mark.parametrize("ids", [[[1, -1, -5]], [[0, 9]], [[-9]]])
def test_take_rows_invalid_ids_behave_like_general_path(ids):
    """Negative and out-of-range ids on a float table (the row-lookup path) give what an
    integer table (the general path) gives: the same rows, or the same error."""
    table = np.arange(10, dtype="float32").reshape(5, 2)
    ids_np = np.array(ids, "int32")
    ids = ops.convert_to_tensor(ids_np)
    kind_f, got = _outcome(lambda: ops.take(ops.convert_to_tensor(table), ids, axis=0))
    kind_i, want = _outcome(lambda: ops.take(ops.convert_to_tensor(table.astype("int32")),
                                             ids, axis=0))
    assert kind_f == kind_i
    if kind_f == "ok":
        np.testing.assert_array_equal(got, want.astype("float32"))
    if ids_np.min() >= -5 and ids_np.max() < 5:  # valid NumPy indices: wrapped, never an error
        assert kind_f == "ok"
        np.testing.assert_array_equal(got, table[ids_np])
