"""Keras masks leaving a Functional / Sequential model used as a layer of another model."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

DATA = np.array([[1, 2, 0, 0, 0], [3, 4, 5, 0, 0], [6, 7, 8, 9, 1]], dtype="int32")
MASK = DATA != 0


def _np(x):
    return ops.convert_to_numpy(x)


def _masked_mean(seq, mask):
    w = mask.astype("float32")[..., None]
    return (seq * w).sum(1) / np.maximum(w.sum(1), 1e-7)


def _inner_functional():
    inp = kerasx.Input((5,), dtype="int32")
    x = layers.Embedding(10, 4, mask_zero=True)(inp)
    x = layers.LSTM(3, return_sequences=True)(x)
    return inp, x, kerasx.Model(inp, x)


def test_inner_output_mask_reaches_outer_graph_symbolically():
    _, _, inner = _inner_functional()
    o_in = kerasx.Input((5,), dtype="int32")
    y = inner(o_in)
    assert y._keras_mask is not None
    assert tuple(y._keras_mask.shape) == (None, 5)
    assert y._keras_mask.dtype == "bool"


def test_outer_pooling_uses_inner_mask_eager_and_predict():
    inp, seq, inner = _inner_functional()
    o_in = kerasx.Input((5,), dtype="int32")
    outer = kerasx.Model(o_in, layers.GlobalAveragePooling1D()(inner(o_in)))
    flat = kerasx.Model(inp, layers.GlobalAveragePooling1D()(seq))
    seq_np = _np(inner(DATA))
    want = _masked_mean(seq_np, MASK)
    unmasked = seq_np.mean(1)
    assert np.abs(want - unmasked).max() > 1e-4  # the mask matters for this data
    np.testing.assert_allclose(_np(outer(DATA)), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(outer.predict(DATA, verbose=0), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(flat(DATA)), want, rtol=1e-5, atol=1e-6)


def test_outer_lstm_and_mha_consume_inner_mask():
    emb_in = kerasx.Input((5,), dtype="int32")
    emb = layers.Embedding(10, 4, mask_zero=True)
    inner = kerasx.Model(emb_in, emb(emb_in))
    lstm = layers.LSTM(2)
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=2)
    o_in = kerasx.Input((5,), dtype="int32")
    e = inner(o_in)
    outer = kerasx.Model(o_in, [lstm(e), mha(e, e)])
    f_in = kerasx.Input((5,), dtype="int32")
    fe = emb(f_in)
    flat = kerasx.Model(f_in, [lstm(fe), mha(fe, fe)])
    got, want = outer.predict(DATA, verbose=0), flat.predict(DATA, verbose=0)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-6)
    eager = outer(DATA)
    np.testing.assert_allclose(_np(eager[0]), want[0], rtol=1e-5, atol=1e-6)
    # The mask changes the result: the same layers without any mask differ.
    plain = layers.LSTM(2)
    plain_in = kerasx.Input((5, 4))
    plain_model = kerasx.Model(plain_in, plain(plain_in))
    plain_model.set_weights(lstm.get_weights())
    assert np.abs(_np(plain_model(_np(emb(DATA)))) - want[0]).max() > 1e-4


def test_mask_passes_through_inner_model_from_outer_embedding():
    d_in = kerasx.Input((5, 4))
    dense_model = kerasx.Model(d_in, layers.Dense(4)(d_in))
    o_in = kerasx.Input((5,), dtype="int32")
    emb = layers.Embedding(10, 4, mask_zero=True)
    h = dense_model(emb(o_in))
    assert h._keras_mask is not None
    outer = kerasx.Model(o_in, layers.GlobalAveragePooling1D()(h))
    want = _masked_mean(_np(dense_model(_np(emb(DATA)))), MASK)
    np.testing.assert_allclose(outer.predict(DATA, verbose=0), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(outer(DATA)), want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("with_input", [True, False])
def test_sequential_in_sequential(with_input):
    emb = layers.Embedding(10, 4, mask_zero=True)
    inner = kerasx.Sequential(([kerasx.Input((5,), dtype="int32")] if with_input else []) + [emb])
    lstm = layers.LSTM(2)
    outer = kerasx.Sequential(
        ([kerasx.Input((5,), dtype="int32")] if with_input else []) + [inner, lstm])
    got = _np(outer(DATA))  # built by this eager call when there is no Input
    ref_in = kerasx.Input((5,), dtype="int32")
    flat = kerasx.Model(ref_in, lstm(emb(ref_in)))
    want = flat.predict(DATA, verbose=0)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(outer.predict(DATA, verbose=0), want, rtol=1e-5, atol=1e-6)
    # Last-step state of a masked LSTM equals the state at the last unpadded step.
    single = _np(flat(DATA[:1, :2]))
    np.testing.assert_allclose(got[:1], single, rtol=1e-5, atol=1e-6)


def test_compute_mask_of_models():
    inp, seq, inner = _inner_functional()
    m = inner.compute_mask(DATA)
    np.testing.assert_array_equal(_np(m), MASK)
    seq_model = kerasx.Sequential([kerasx.Input((5,), dtype="int32"),
                                   layers.Embedding(10, 2, mask_zero=True)])
    np.testing.assert_array_equal(_np(seq_model.compute_mask(DATA)), MASK)
    # Models without masks report none, with no cost to their outputs.
    d_in = kerasx.Input((3,))
    plain = kerasx.Model(d_in, layers.Dense(2)(d_in))
    x = np.ones((2, 3), "float32")
    out = plain(x)
    assert plain.compute_mask(x) is None
    np.testing.assert_allclose(_np(out), _np(plain(x)))


def test_multi_output_inner_model_masks():
    inp = kerasx.Input((5,), dtype="int32")
    e = layers.Embedding(10, 4, mask_zero=True)(inp)
    d = layers.Dense(3)(e)
    inner = kerasx.Model(inp, [e, d])
    o_in = kerasx.Input((5,), dtype="int32")
    a, b = inner(o_in)
    assert a._keras_mask is not None and b._keras_mask is not None
    outer = kerasx.Model(o_in, layers.GlobalAveragePooling1D()(b))
    want = _masked_mean(_np(inner(DATA)[1]), MASK)
    np.testing.assert_allclose(outer.predict(DATA, verbose=0), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(outer(DATA)), want, rtol=1e-5, atol=1e-6)


class _Counting(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.calls = 0
        self.supports_masking = True

    def call(self, x):
        self.calls += 1
        return x * 2.0


@pytest.mark.parametrize("masked", [False, True])
def test_nested_models_run_once_per_call(masked):
    # Reading a nested model's output mask must never run the nested model a second time.
    counter = _Counting()
    d_in = kerasx.Input((5, 4))
    inner = kerasx.Model(d_in, counter(d_in))
    seq_counter = _Counting()
    inner_seq = kerasx.Sequential([kerasx.Input((5, 4)), seq_counter])
    o_in = kerasx.Input((5,), dtype="int32")
    e = layers.Embedding(10, 4, mask_zero=masked)(o_in)
    outer = kerasx.Model(o_in, layers.GlobalAveragePooling1D()(inner_seq(inner(e))))
    outer_seq = kerasx.Sequential([kerasx.Input((5, 4)), inner, inner_seq])
    counter.calls = seq_counter.calls = 0
    outer(DATA)
    assert (counter.calls, seq_counter.calls) == (1, 1)
    outer_seq(np.ones((2, 5, 4), "float32"))
    assert (counter.calls, seq_counter.calls) == (2, 2)
    x = np.ones((2, 5, 4), "float32")
    inner(x)
    assert counter.calls == 3
    got = outer(DATA)
    assert tuple(got.shape) == (3, 4)


def test_nested_model_dropping_an_incoming_mask_runs_once():
    counter = _Counting()
    d_in = kerasx.Input((5, 4))
    pooled = kerasx.Model(d_in, layers.GlobalAveragePooling1D()(counter(d_in)))
    o_in = kerasx.Input((5,), dtype="int32")
    emb = layers.Embedding(10, 4, mask_zero=True)
    out = pooled(emb(o_in))
    assert out._keras_mask is None
    outer = kerasx.Model(o_in, out)
    counter.calls = 0
    got = _np(outer(DATA))
    assert counter.calls == 1
    # The incoming padding mask is honoured inside the nested model.
    np.testing.assert_allclose(got, _masked_mean(2.0 * _np(emb(DATA)), MASK), rtol=1e-5,
                               atol=1e-6)


def test_unmasked_calls_never_ask_for_model_masks():
    d_in = kerasx.Input((3,))
    plain = kerasx.Model(d_in, layers.Dense(2)(layers.Dense(4)(d_in)))
    seq = kerasx.Sequential([kerasx.Input((3,)), layers.Dense(2)])
    asked = []
    for model in (plain, seq):
        original = model.compute_mask
        model.compute_mask = lambda *a, _o=original, **k: asked.append(1) or _o(*a, **k)
    x = np.ones((2, 3), "float32")
    for _ in range(2):
        plain(x)
        seq(x)
    assert asked == []
    # A model that makes its own mask reports it after each call (from the run's memo).
    _, _, inner = _inner_functional()
    out = inner(DATA)
    np.testing.assert_array_equal(_np(inner.compute_mask(DATA)), MASK)
    assert tuple(out.shape) == (3, 5, 3)
