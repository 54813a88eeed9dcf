"""The fused backend kernels (B.rnn.lstm / B.rnn.gru) against the generic loop."""

import numpy as np
import pytest

from kerasx import layers, ops
from tests.layers._rnn_fused_helpers import fused_loop_pair, spy_fused_kernel

to_np = ops.convert_to_numpy
rng = np.random.default_rng(2)
X = rng.standard_normal((4, 7, 6)).astype("float32")


CASES = [("LSTM", {}), ("LSTM", {"go_backwards": True}), ("LSTM", {"use_bias": False}),
         ("GRU", {}), ("GRU", {"go_backwards": True}), ("GRU", {"use_bias": False})]


@pytest.mark.parametrize("cls,kw", CASES)
def test_fused_equals_generic_loop(cls, kw, monkeypatch):
    fused, loop = fused_loop_pair(cls, X, rng, **kw)
    calls = spy_fused_kernel(monkeypatch, cls.lower())
    n = 2 if cls == "LSTM" else 1
    # Large initial states: a kernel that clipped the cell state would differ here.
    init = [4 * rng.standard_normal((4, 5)).astype("float32") for _ in range(n)]
    for args in ({}, {"initial_state": init}):
        ya, yb = fused(X, **args), loop(X, **args)
        for a, b in zip(ya, yb):
            np.testing.assert_allclose(to_np(a), to_np(b), rtol=1e-5, atol=1e-6)
    if calls is not None:
        assert len(calls) == 2  # the loop layer (use_cudnn=False) never calls it
    def loss(layer):
        return lambda: ops.sum(ops.square(layer(X)[0]))
    _, ga = ops.compute_gradients(loss(fused), fused.trainable_variables)
    _, gb = ops.compute_gradients(loss(loop), loop.trainable_variables)
    for a, b in zip(ga, gb):
        assert np.abs(to_np(a)).max() > 0
        np.testing.assert_allclose(to_np(a), to_np(b), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_fused_with_input_dropout_matches_loop(cls):
    fused, loop = fused_loop_pair(cls, X, rng, dropout=0.4, seed=11)
    ya = fused(X, training=True)
    yb = loop(X, training=True)
    np.testing.assert_allclose(to_np(ya[0]), to_np(yb[0]), rtol=1e-5, atol=1e-6)
    assert np.abs(to_np(ya[0]) - to_np(fused(X)[0])).max() > 1e-3


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_unmatched_semantics_use_the_loop(cls, monkeypatch):
    calls = spy_fused_kernel(monkeypatch, cls.lower())
    if calls is None:
        pytest.skip("this backend has no fused kernel for " + cls)
    # (masks are covered in test_rnn_masked_fused.py)
    getattr(layers, cls)(3, activation="relu")(X)
    getattr(layers, cls)(3, recurrent_dropout=0.2, seed=1)(X, training=True)
    getattr(layers, cls)(3, unroll=True)(X)
    assert calls == []
    getattr(layers, cls)(3, recurrent_dropout=0.2, seed=1)(X)  # inference: no dropout
    assert len(calls) == 1


def test_lstm_in_compiled_predict_and_fit():
    from kerasx.models import Sequential
    model = Sequential([layers.Input((7, 6)), layers.LSTM(5), layers.Dense(1)])
    eager = to_np(model(X))
    np.testing.assert_allclose(model.predict(X, verbose=0), eager, rtol=1e-5, atol=1e-6)
    model.compile(optimizer="sgd", loss="mse")
    before = [to_np(v.value).copy() for v in model.trainable_variables]
    model.fit(X, np.ones((4, 1), "float32"), epochs=1, batch_size=4, verbose=0)
    after = [to_np(v.value) for v in model.trainable_variables]
    assert all(np.abs(a - b).max() > 0 for a, b in zip(after, before))
