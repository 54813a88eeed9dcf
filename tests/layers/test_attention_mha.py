"""MultiHeadAttention and GroupedQueryAttention against NumPy references."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(11)


def _rand(*shape):
    return rng.standard_normal(shape).astype("float32")


def _softmax(x, axes):
    x = x - x.max(axis=axes, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axes, keepdims=True)


def MHA(*args, **kwargs):
    """MultiHeadAttention with cheap initial weights (tests assign their own values)."""
    kwargs.setdefault("kernel_initializer", "zeros")
    return layers.MultiHeadAttention(*args, **kwargs)


def GQA(*args, **kwargs):
    kwargs.setdefault("kernel_initializer", "zeros")
    return layers.GroupedQueryAttention(*args, **kwargs)


def _randomize(layer):
    for w in layer.weights:
        w.assign(_rand(*w.shape) * 0.5)
    return [to_np(w) for w in layer.weights]


def _mha_ref(ws, query, value, key=None, mask=None, key_dim=None, gate=None):
    """Rank-3 multi-head attention in NumPy: loops over batch, head and query position."""
    key = value if key is None else key
    wq, bq, wk, bk, wv, bv, wo, bo = ws
    q = np.einsum("btd,dnh->btnh", query, wq) + bq
    k = np.einsum("bsd,dnh->bsnh", key, wk) + bk
    v = np.einsum("bsd,dnh->bsnh", value, wv) + bv
    B, T, N, _ = q.shape
    S = k.shape[1]
    o = np.zeros((B, T, N, v.shape[-1]))
    probs = np.zeros((B, N, T, S))
    for b in range(B):
        for n in range(N):
            for i in range(T):
                s = np.array([np.dot(q[b, i, n], k[b, j, n]) for j in range(S)]) / np.sqrt(key_dim)
                keep = np.ones(S, bool) if mask is None else mask[b, i]
                s = np.where(keep, s, -1e9)
                p = np.exp(s - s.max())
                p = p / p.sum() * keep
                probs[b, n, i] = p
                o[b, i, n] = p @ v[b, :, n]
    if gate is not None:
        o = o * gate
    return np.einsum("btnh,nhd->btd", o, wo) + bo, probs


X, Y = _rand(2, 4, 6), _rand(2, 5, 3)


def _check_grads(variables, grads):
    """Every weight gets a gradient, except the key bias: adding the same number to all
    the scores of a query leaves the softmax unchanged, so its gradient is exactly zero."""
    sizes = {v.path: np.abs(to_np(g)).max() for v, g in zip(variables, grads)}
    top = max(sizes.values())
    for path, size in sizes.items():
        if path.endswith("key/bias"):
            assert size < 1e-4 * top, path
        else:
            assert size > 1e-4 * top, path


def test_mha_weights_follow_keras_layout():
    mha = MHA(num_heads=2, key_dim=3, value_dim=4, output_shape=7)
    out = mha(X, Y)
    assert tuple(out.shape) == (2, 4, 7)
    assert [(w.path, tuple(w.shape)) for w in mha.weights] == [
        (f"{mha.name}/query/kernel", (6, 2, 3)), (f"{mha.name}/query/bias", (2, 3)),
        (f"{mha.name}/key/kernel", (3, 2, 3)), (f"{mha.name}/key/bias", (2, 3)),
        (f"{mha.name}/value/kernel", (3, 2, 4)), (f"{mha.name}/value/bias", (2, 4)),
        (f"{mha.name}/attention_output/kernel", (2, 4, 7)),
        (f"{mha.name}/attention_output/bias", (7,))]
    assert mha.query_dense.name == "query" and mha.output_dense.name == "attention_output"
    assert len(MHA(2, 3, use_bias=False)(X, X).shape) == 3


def test_mha_cross_attention_with_masks_matches_numpy():
    mha = MHA(num_heads=2, key_dim=3, value_dim=4)
    K = _rand(2, 5, 2)
    mha(X, Y, K)
    ws = _randomize(mha)
    out, scores = mha(X, Y, K, return_attention_scores=True)
    ref, probs = _mha_ref(ws, X, Y, K, key_dim=3)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(scores), probs, rtol=1e-4, atol=1e-5)
    qm = np.array([[1, 1, 1, 0], [1, 1, 1, 1]], bool)
    vm = np.array([[1, 1, 0, 1, 0], [1, 1, 1, 1, 1]], bool)
    am = rng.random((2, 4, 5)) > 0.3
    out, scores = mha(X, Y, K, query_mask=qm, value_mask=vm, attention_mask=am,
                      return_attention_scores=True)
    full = qm[:, :, None] & vm[:, None, :] & am
    ref, probs = _mha_ref(ws, X, Y, K, mask=full, key_dim=3)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(scores), probs, rtol=1e-4, atol=1e-5)


def test_mha_causal_and_sliding_window():
    mha = MHA(num_heads=3, key_dim=2)
    mha(X, X)
    ws = _randomize(mha)
    tri = np.tril(np.ones((4, 4), bool))[None].repeat(2, 0)
    ref, _ = _mha_ref(ws, X, X, mask=tri, key_dim=2)
    np.testing.assert_allclose(to_np(mha(X, X, use_causal_mask=True)), ref, rtol=1e-4, atol=1e-4)
    am = np.ones((2, 4, 4), bool)
    am[0, :, 0] = False
    ref, _ = _mha_ref(ws, X, X, mask=tri & am, key_dim=2)
    np.testing.assert_allclose(to_np(mha(X, X, attention_mask=am, use_causal_mask=True)), ref,
                               rtol=1e-4, atol=1e-4)
    win = MHA(num_heads=3, key_dim=2, sliding_window=2)
    win(X, X)
    win.set_weights(ws)
    idx = np.arange(4)
    band = (np.abs(idx[:, None] - idx[None]) <= 1)[None].repeat(2, 0)
    ref, _ = _mha_ref(ws, X, X, mask=band & tri, key_dim=2)
    np.testing.assert_allclose(to_np(win(X, X, use_causal_mask=True)), ref, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("axes", [(1, 2), (2,)])
def test_mha_attention_axes_on_image_input(axes):
    img = _rand(2, 3, 4, 5)
    mha = MHA(num_heads=2, key_dim=3, attention_axes=axes)
    mha(img, img)
    wq, bq, wk, bk, wv, bv, wo, bo = _randomize(mha)
    q = np.einsum("bxyd,dnh->bxynh", img, wq) + bq
    k = np.einsum("bxyd,dnh->bxynh", img, wk) + bk
    v = np.einsum("bxyd,dnh->bxynh", img, wv) + bv
    if axes == (1, 2):
        s = np.einsum("bxynh,buvnh->bnxyuv", q, k) / np.sqrt(3)
        p = _softmax(s, (4, 5))
        o = np.einsum("bnxyuv,buvnh->bxynh", p, v)
    else:
        s = np.einsum("bxynh,bxvnh->bxnyv", q, k) / np.sqrt(3)
        p = _softmax(s, (4,))
        o = np.einsum("bxnyv,bxvnh->bxynh", p, v)
    ref = np.einsum("bxynh,nhd->bxyd", o, wo) + bo
    out, scores = mha(img, img, return_attention_scores=True)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(scores), p, rtol=1e-4, atol=1e-5)
    sym_out, sym_scores = MHA(2, 3, attention_axes=axes)(
        kerasx.Input((3, 4, 5)), kerasx.Input((3, 4, 5)), return_attention_scores=True)
    assert tuple(sym_out.shape) == (None, 3, 4, 5)
    assert tuple(sym_scores.shape) == (None,) + p.shape[1:]


def test_mha_dropout_inactive_at_inference_and_gradients_reach_every_weight():
    mha = MHA(num_heads=2, key_dim=3, dropout=0.5, seed=2)
    mha(X, Y)
    ws = _randomize(mha)
    ref, _ = _mha_ref(ws, X, Y, key_dim=3)
    np.testing.assert_allclose(to_np(mha(X, Y)), ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(mha(X, Y, training=False)), ref, rtol=1e-4, atol=1e-4)
    assert not np.allclose(to_np(mha(X, Y, training=True)), ref, atol=1e-3)
    w = _rand(2, 4, 6)
    _, grads = ops.compute_gradients(lambda: ops.sum(ops.multiply(mha(X, Y), w)),
                                     mha.trainable_variables)
    assert len(grads) == 8
    _check_grads(mha.trainable_variables, grads)


def test_mha_use_gate_matches_numpy():
    mha = MHA(num_heads=2, key_dim=3, use_gate=True)
    mha(X, X)
    assert [w.path.split("/", 1)[1] for w in mha.weights][4:6] == ["gate/kernel", "gate/bias"]
    ws = _randomize(mha)
    gate = 1 / (1 + np.exp(-(np.einsum("btd,dnh->btnh", X, ws[4]) + ws[5])))
    ref, _ = _mha_ref(ws[:4] + ws[6:], X, X, key_dim=3, gate=gate)
    np.testing.assert_allclose(to_np(mha(X, X)), ref, rtol=1e-4, atol=1e-4)


def test_mha_symbolic_config_roundtrip_and_keras_mask():
    q, v = kerasx.Input((4, 6)), kerasx.Input((5, 3))
    out, scores = MHA(2, 3)(q, v, return_attention_scores=True)
    assert tuple(out.shape) == (None, 4, 6) and tuple(scores.shape) == (None, 2, 4, 5)
    assert tuple(MHA(2, 3, output_shape=(2, 4))(q, v).shape) == (
        None, 4, 2, 4)
    mha = MHA(2, 3, value_dim=5, dropout=0.1, attention_axes=1,
                                    kernel_initializer="ones")
    mha(X, Y)
    cfg = mha.get_config()
    assert cfg["attention_axes"] == [1] and cfg["value_dim"] == 5
    clone = layers.MultiHeadAttention.from_config(cfg)
    clone(X, Y)
    clone.set_weights(mha.get_weights())
    np.testing.assert_allclose(to_np(clone(X, Y)), to_np(mha(X, Y)), rtol=1e-6)
    de = layers.deserialize(layers.serialize(mha))
    assert isinstance(de, layers.MultiHeadAttention) and de.get_config() == cfg
    # a mask set by Embedding(mask_zero=True) is used when the tensor carries it
    ids = np.array([[1, 2, 0, 0], [3, 1, 2, 4]])
    emb = layers.Embedding(6, 6, mask_zero=True)
    x = emb(ids)
    m = MHA(2, 3)
    m(x, x, query_mask=ids != 0, value_mask=ids != 0)
    ws = _randomize(m)
    keep = (ids != 0)[:, :, None] & (ids != 0)[:, None, :]
    ref, _ = _mha_ref(ws, to_np(x), to_np(x), mask=keep, key_dim=3)
    np.testing.assert_allclose(to_np(m(x, x, query_mask=ids != 0, value_mask=ids != 0)), ref,
                               rtol=1e-4, atol=1e-4)
    if getattr(x, "_keras_mask", None) is not None:  # tensors that accept attributes
        np.testing.assert_allclose(to_np(m(x, x)), ref, rtol=1e-4, atol=1e-4)


def test_mha_bad_arguments():
    with pytest.raises(ValueError, match="num_heads"):
        MHA(num_heads=0, key_dim=2)
    with pytest.raises(ValueError, match="key_dim"):
        MHA(num_heads=2, key_dim=-1)
    with pytest.raises(ValueError, match="dropout"):
        MHA(2, 2, dropout=2.0)
    with pytest.raises(ValueError, match="attention_axes"):
        MHA(2, 2, attention_axes="x")
    with pytest.raises(ValueError, match="attention_axes"):
        MHA(2, 2, attention_axes=(2,))(X, X)
    with pytest.raises(ValueError, match="key"):
        MHA(2, 2)(X, Y, _rand(2, 4, 3))
    with pytest.raises(ValueError, match="flash_attention"):
        MHA(2, 2, dropout=0.1, flash_attention=True)
    flash = MHA(2, 2, flash_attention=True)
    flash(X, X)
    ref, _ = _mha_ref(_randomize(flash), X, X, key_dim=2)
    np.testing.assert_allclose(to_np(flash(X, X)), ref, rtol=1e-4, atol=1e-4)
    with pytest.raises(ValueError, match="return_attention_scores"):
        flash(X, X, return_attention_scores=True)
    with pytest.raises(ValueError, match="sliding_window"):
        MHA(2, 2, sliding_window=0)
    with pytest.raises(ValueError, match="output_shape"):
        MHA(2, 2, output_shape=(3, -1))


def _gqa_ref(ws, query, value, heads, kv_heads, head_dim, mask=None):
    wq, bq, wk, bk, wv, bv, wo, bo = ws
    q = np.einsum("btd,dnh->btnh", query, wq) + bq
    k = np.repeat(np.einsum("bsd,dnh->bsnh", value, wk) + bk, heads // kv_heads, axis=2)
    v = np.repeat(np.einsum("bsd,dnh->bsnh", value, wv) + bv, heads // kv_heads, axis=2)
    s = np.einsum("btnh,bsnh->bnts", q, k) / np.sqrt(head_dim)
    if mask is not None:
        s = np.where(mask[:, None], s, -1e9)
    p = _softmax(s, (-1,))
    if mask is not None:
        p = p * mask[:, None]
    o = np.einsum("bnts,bsnh->btnh", p, v)
    return np.einsum("btnh,nhd->btd", o, wo) + bo, p


def test_grouped_query_attention_matches_numpy():
    V6 = _rand(2, 5, 6)
    gqa = layers.GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2,
                                     kernel_initializer="zeros")
    assert isinstance(gqa, layers.GroupedQueryAttention)
    gqa(X, V6)
    assert [(w.path.split("/", 1)[1], tuple(w.shape)) for w in gqa.weights] == [
        ("query/kernel", (6, 4, 3)), ("query/bias", (4, 3)), ("key/kernel", (6, 2, 3)),
        ("key/bias", (2, 3)), ("value/kernel", (6, 2, 3)), ("value/bias", (2, 3)),
        ("attention_output/kernel", (4, 3, 6)), ("attention_output/bias", (6,))]
    ws = _randomize(gqa)
    out, scores = gqa(X, V6, return_attention_scores=True)
    ref, p = _gqa_ref(ws, X, V6, 4, 2, 3)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(to_np(scores), p, rtol=1e-4, atol=1e-5)
    vm = np.array([[1, 1, 0, 1, 0], [1, 1, 1, 1, 1]], bool)
    tri = np.tril(np.ones((4, 5), bool))[None]
    ref, _ = _gqa_ref(ws, X, V6, 4, 2, 3, mask=vm[:, None, :] & tri)
    np.testing.assert_allclose(to_np(gqa(X, V6, value_mask=vm, use_causal_mask=True)), ref,
                               rtol=1e-4, atol=1e-4)
    _, grads = ops.compute_gradients(
        lambda: ops.sum(ops.multiply(gqa(X, V6), _rand(2, 4, 6))), gqa.trainable_variables)
    _check_grads(gqa.trainable_variables, grads)
    ser = layers.serialize(gqa)
    assert ser["class_name"] == "GroupedQueryAttention"
    assert layers.deserialize(ser).get_config() == gqa.get_config()
    clone = layers.GroupedQueryAttention.from_config(gqa.get_config())
    clone(X, V6)
    clone.set_weights(gqa.get_weights())
    np.testing.assert_allclose(to_np(clone(X, V6)), to_np(gqa(X, V6)), rtol=1e-6)
    o, s = GQA(2, 4, 1, dropout=0.2)(
        kerasx.Input((4, 6)), kerasx.Input((5, 6)), return_attention_scores=True)
    assert tuple(o.shape) == (None, 4, 6) and tuple(s.shape) == (None, 4, 4, 5)
    mqa = GQA(2, 4, 1, dropout=0.5, seed=1)
    mqa(X, V6)
    ws = _randomize(mqa)
    np.testing.assert_allclose(to_np(mqa(X, V6)), _gqa_ref(ws, X, V6, 4, 1, 2)[0], rtol=1e-4,
                               atol=1e-4)
    with pytest.raises(ValueError, match="divisible"):
        GQA(2, 4, 3)
    with pytest.raises(ValueError, match="last dimension"):
        GQA(2, 4, 2)(X, Y)


def test_mha_receives_embedding_mask_in_functional_model():
    ids = np.array([[1, 2, 0, 0], [3, 1, 2, 4]])
    inp = kerasx.Input((4,), dtype="int32")
    emb = layers.Embedding(6, 6, mask_zero=True)
    x = emb(inp)
    mha = MHA(2, 3)
    out = mha(x, x)
    model = kerasx.Model(inp, out)
    ws = _randomize(mha)
    table = to_np(emb.embeddings)
    keep = (ids != 0)[:, :, None] & (ids != 0)[:, None, :]
    ref, _ = _mha_ref(ws, table[ids], table[ids], mask=keep, key_dim=3)
    np.testing.assert_allclose(to_np(model(ids)), ref, rtol=1e-4, atol=1e-4)
    unmasked, _ = _mha_ref(ws, table[ids], table[ids], key_dim=3)
    assert not np.allclose(ref, unmasked, atol=1e-3)
