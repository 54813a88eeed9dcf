"""Attention and AdditiveAttention against NumPy references, on the active backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(7)


def _rand(*shape):
    return rng.standard_normal(shape).astype("float32")


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _luong_ref(q, v, k=None, scale=1.0, mode="dot", concat_w=1.0, additive_scale=None,
               q_mask=None, v_mask=None, causal=False):
    k = v if k is None else k
    B, T, _ = q.shape
    S = v.shape[1]
    scores = np.zeros((B, T, S), "float64")
    for b in range(B):
        for i in range(T):
            for j in range(S):
                if mode == "dot":
                    scores[b, i, j] = scale * np.dot(q[b, i], k[b, j])
                elif mode == "concat":
                    scores[b, i, j] = concat_w * np.tanh(scale * (q[b, i] + k[b, j])).sum()
                else:  # additive
                    scores[b, i, j] = (additive_scale * np.tanh(q[b, i] + k[b, j])).sum()
    keep = np.ones((B, T, S), bool)
    if v_mask is not None:
        keep &= v_mask[:, None, :]
    if causal:
        keep &= np.tril(np.ones((T, S), bool))[None]
    scores = np.where(keep, scores, scores - 1e9)
    w = _softmax(scores)
    out = w @ v
    if q_mask is not None:
        out = out * q_mask[:, :, None]
    return out, w


Q, V, K = _rand(2, 3, 4), _rand(2, 5, 4), _rand(2, 5, 4)
QM = np.array([[True, True, False], [True, True, True]])
VM = np.array([[True, True, True, False, False], [True, False, True, True, True]])


@pytest.mark.parametrize("mode,use_scale", [("dot", False), ("dot", True), ("concat", False),
                                            ("concat", True)])
def test_attention_matches_numpy(mode, use_scale):
    layer = layers.Attention(use_scale=use_scale, score_mode=mode)
    layer([Q, V])
    names = [w.name for w in layer.weights]
    assert names == (["scale"] if use_scale else []) + (["concat_score_weight"]
                                                        if mode == "concat" else [])
    if use_scale:
        layer.scale.assign(np.array(0.7, "float32"))
    if mode == "concat":
        layer.concat_score_weight.assign(np.array(1.3, "float32"))
    kw = dict(scale=0.7 if use_scale else 1.0, mode=mode, concat_w=1.3)
    out, w = layer([Q, V, K], return_attention_scores=True)
    ref, ref_w = _luong_ref(Q, V, K, **kw)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(w), ref_w, rtol=1e-4, atol=1e-5)
    out = layer([Q, V, K], mask=[QM, VM], use_causal_mask=True)
    ref, _ = _luong_ref(Q, V, K, q_mask=QM, v_mask=VM, causal=True, **kw)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-5)
    if use_scale or mode == "concat":
        _, grads = ops.compute_gradients(
            lambda: ops.sum(ops.multiply(layer([Q, V, K]), Q[:, :, :1])),
            layer.trainable_variables)
        for v, g in zip(layer.trainable_variables, grads):
            assert abs(float(to_np(g))) > 0, v.path


def test_additive_attention_matches_numpy():
    layer = layers.AdditiveAttention()
    layer([Q, V])
    assert [(w.name, tuple(w.shape)) for w in layer.weights] == [("scale", (4,))]
    s = to_np(layer.scale)
    out, w = layer([Q, V, K], mask=[QM, VM], return_attention_scores=True)
    ref, ref_w = _luong_ref(Q, V, K, mode="additive", additive_scale=s, q_mask=QM, v_mask=VM)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(w), ref_w, rtol=1e-4, atol=1e-5)
    assert np.all(to_np(w)[VM[:, None, :].repeat(3, 1) == 0] < 1e-6)
    plain = layers.AdditiveAttention(use_scale=False)
    ref, _ = _luong_ref(Q, V, mode="additive", additive_scale=np.ones(4))
    np.testing.assert_allclose(to_np(plain([Q, V])), ref, rtol=1e-4, atol=1e-5)
    assert plain.weights == []
    _, (g,) = ops.compute_gradients(lambda: ops.sum(ops.square(layer([Q, V]))), [layer.scale])
    assert np.abs(to_np(g)).sum() > 0


def test_attention_dropout_only_in_training():
    layer = layers.Attention(dropout=0.5, seed=1)
    ref, _ = _luong_ref(Q, V)
    np.testing.assert_allclose(to_np(layer([Q, V])), ref, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(layer([Q, V], training=False)), ref, rtol=1e-4, atol=1e-5)
    out, w = layer([Q, V], training=True, return_attention_scores=True)
    out, w = to_np(out), to_np(w)
    assert not np.allclose(out, ref, atol=1e-3)
    # the returned weights are the ones used: dropped entries are 0, kept ones scaled by 2
    np.testing.assert_allclose(out, w @ V, rtol=1e-4, atol=1e-5)
    probs = _luong_ref(Q, V)[1]
    assert (w == 0).any()
    np.testing.assert_allclose(w[w != 0], 2 * probs[w != 0], rtol=1e-4)


def test_attention_symbolic_shapes_mask_and_config():
    q, v = kerasx.Input((3, 4)), kerasx.Input((5, 6))
    for cls in (layers.Attention, layers.AdditiveAttention):
        layer = cls(dropout=0.1)
        out = layer([q, kerasx.Input((5, 4))])
        assert tuple(out.shape) == (None, 3, 4)
        eager = layer([Q, V])
        assert tuple(eager.shape) == (2, 3, 4)
        o, s = cls()([q, v, kerasx.Input((5, 4))], return_attention_scores=True)
        assert tuple(o.shape) == (None, 3, 6) and tuple(s.shape) == (None, 3, 5)
        clone = cls.from_config(layer.get_config())
        assert clone.get_config() == layer.get_config()
    layer = layers.Attention(use_scale=True, score_mode="concat", dropout=0.2, seed=3)
    cfg = layer.get_config()
    assert cfg["score_mode"] == "concat" and cfg["use_scale"] and cfg["dropout"] == 0.2
    add = layers.AdditiveAttention(use_scale=True)
    add([Q, V])
    clone = layers.AdditiveAttention.from_config(add.get_config())
    clone([Q, V])
    clone.set_weights(add.get_weights())
    np.testing.assert_allclose(to_np(clone([Q, V])), to_np(add([Q, V])), rtol=1e-6)
    m = layers.Attention().compute_mask([Q, V], [QM, VM])
    np.testing.assert_array_equal(to_np(m), QM)
    assert layers.Attention().compute_mask([Q, V], None) is None
    de = layers.deserialize(kerasx.layers.serialize(layers.AdditiveAttention(dropout=0.3)))
    assert isinstance(de, layers.AdditiveAttention) and de.dropout == 0.3


def test_attention_mask_from_embedding_in_functional_model():
    ids_q = np.array([[1, 2, 0], [3, 1, 2]])
    ids_v = np.array([[4, 1, 2, 0, 0], [1, 0, 3, 2, 1]])
    iq, iv = kerasx.Input((3,), dtype="int32"), kerasx.Input((5,), dtype="int32")
    emb = layers.Embedding(6, 4, mask_zero=True)
    out = layers.Attention()([emb(iq), emb(iv)])
    model = kerasx.Model([iq, iv], out)
    table = to_np(emb.embeddings)
    ref, _ = _luong_ref(table[ids_q], table[ids_v], q_mask=ids_q != 0, v_mask=ids_v != 0)
    np.testing.assert_allclose(to_np(model([ids_q, ids_v])), ref, rtol=1e-4, atol=1e-5)


def test_attention_bad_arguments():
    with pytest.raises(ValueError, match="score_mode"):
        layers.Attention(score_mode="add")
    with pytest.raises(ValueError, match="dropout"):
        layers.Attention(dropout=1.5)
    with pytest.raises(ValueError, match="list"):
        layers.Attention()(Q)
    with pytest.raises(ValueError, match="list"):
        layers.Attention()([Q, V, K, K])
    with pytest.raises(ValueError, match="mask"):
        layers.Attention()([Q, V], mask=QM)
    with pytest.raises(ValueError, match="same last dimension"):
        layers.AdditiveAttention()([Q, _rand(2, 5, 3)])
    with pytest.raises(ValueError, match="same length"):
        layers.Attention()([Q, V, _rand(2, 4, 4)])
