"""Repeated eager calls of the fused LSTM/GRU (a backend may cache its prepared weights per
layer) against the generic loop (``use_cudnn=False``) and NumPy: the cached weights follow
loading from a file, optimizer steps and repeated gradient computations. Runs on every
backend (where a backend has no fused kernel both layers run the loop)."""

import numpy as np
import pytest

from kerasx import layers, ops, optimizers
from kerasx.models import Sequential
from tests.layers._rnn_fused_helpers import fused_loop_pair

to_np = ops.convert_to_numpy
rng = np.random.default_rng(21)
X = rng.standard_normal((3, 6, 4)).astype("float32")


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def numpy_lstm(x, kernel, recurrent, bias):
    """Keras's LSTM (gates i, f, c, o; tanh / sigmoid) from zero states: (sequence, h, c)."""
    u = recurrent.shape[0]
    h = np.zeros((x.shape[0], u))
    c = np.zeros((x.shape[0], u))
    seq = []
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent + bias
        i, f, g, o = (z[:, k * u:(k + 1) * u] for k in range(4))
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        seq.append(h)
    return np.stack(seq, 1), h, c


def _close(a, b, tol=1e-5):
    np.testing.assert_allclose(np.asarray(to_np(a), "float64"), np.asarray(to_np(b), "float64"),
                               rtol=tol, atol=tol)


def test_repeated_calls_match_numpy():
    fused, _ = fused_loop_pair("LSTM", X, rng)
    want = numpy_lstm(X, *[to_np(w.value) for w in fused.trainable_weights])
    for _ in range(3):
        got = fused(X)
        for g, w in zip(got, want):
            _close(g, w)


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_loading_weights_after_a_call_reaches_the_kernel(cls, tmp_path):
    fused, loop = fused_loop_pair(cls, X, rng)
    model = Sequential([layers.Input(X.shape[1:]), fused])
    saved = fused.get_weights()
    loop.set_weights([w * 0.3 for w in saved])
    fused.set_weights([w * 0.3 for w in saved])
    path = str(tmp_path / "rnn.weights.h5")
    model.save_weights(path)
    fused.set_weights(saved)
    before = to_np(fused(X)[0])
    assert np.abs(before - to_np(loop(X)[0])).max() > 1e-3
    # a file load may give a weight new storage rather than write into the old one
    model.load_weights(path)
    _close(fused(X)[0], loop(X)[0])
    model.set_weights(saved)
    _close(fused(X)[0], before)


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_optimizer_steps_reach_the_kernel(cls):
    fused, loop = fused_loop_pair(cls, X, rng)
    opt_f, opt_l = optimizers.SGD(0.5), optimizers.SGD(0.5)
    for _ in range(2):
        grads = []
        for layer in (fused, loop):
            _, g = ops.compute_gradients(lambda: ops.sum(ops.square(layer(X)[0])),
                                         layer.trainable_variables)
            grads.append(g)
        opt_f.apply_gradients(zip(grads[0], fused.trainable_variables))
        opt_l.apply_gradients(zip(grads[1], loop.trainable_variables))
        for a, b in zip(fused(X), loop(X)):
            _close(a, b, 1e-4)


def test_gradients_of_two_calls_sum():
    fused, loop = fused_loop_pair("LSTM", X, rng)
    x2 = (X[::-1] * 0.5).copy()
    for layer in (fused, loop):
        layer(X)  # an earlier call (weights may be cached by now)

    def loss(layer):
        return lambda: ops.sum(ops.square(layer(X)[0])) + ops.sum(layer(x2)[1])
    _, gf = ops.compute_gradients(loss(fused), fused.trainable_variables)
    _, gl = ops.compute_gradients(loss(loop), loop.trainable_variables)
    for a, b in zip(gf, gl):
        assert np.abs(to_np(a)).max() > 0
        _close(a, b, 1e-4)
