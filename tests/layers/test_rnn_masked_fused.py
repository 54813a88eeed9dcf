"""Fused LSTM/GRU kernels with masks, default states, cached weights and compiled steps,
against the generic masked loop (``use_cudnn=False``) and NumPy."""

import copy

import numpy as np
import pytest

from kerasx import config, layers, ops
from kerasx.models import Sequential
from tests.layers._rnn_fused_helpers import fused_loop_pair, spy_fused_kernel

to_np = ops.convert_to_numpy
rng = np.random.default_rng(5)
X = rng.standard_normal((4, 7, 6)).astype("float32")
RIGHT = np.array([[1] * 7, [1] * 5 + [0] * 2, [1] * 1 + [0] * 6, [1] * 3 + [0] * 4], bool)
HOLES = np.array([[1] * 7, [1, 0, 1, 1, 0, 1, 1], [0, 0] + [1] * 5, [1] * 3 + [0] * 4], bool)


def _check(fused, loop, **call):
    ya, yb = fused(X, **call), loop(X, **call)
    for a, b in zip(ya, yb):
        np.testing.assert_allclose(to_np(a), to_np(b), rtol=1e-5, atol=1e-6)

    def loss(layer):
        # every output is used: the sequence (incl. masked steps), the last output, states
        return lambda: sum(ops.sum(ops.square(t)) * (i + 1) for i, t in enumerate(layer(X, **call)))
    _, ga = ops.compute_gradients(loss(fused), fused.trainable_variables)
    _, gb = ops.compute_gradients(loss(loop), loop.trainable_variables)
    for a, b in zip(ga, gb):
        assert np.abs(to_np(a)).max() > 0
        np.testing.assert_allclose(to_np(a), to_np(b), rtol=1e-4, atol=1e-5)
    return ya


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
@pytest.mark.parametrize("mask", ["right", "holes"])
@pytest.mark.parametrize("kw", [{}, {"go_backwards": True}, {"zero_output_for_mask": True}])
def test_masked_fused_equals_masked_loop(cls, mask, kw, monkeypatch):
    fused, loop = fused_loop_pair(cls, X, rng, **kw)
    m = ops.convert_to_tensor(RIGHT if mask == "right" else HOLES)
    used = spy_fused_kernel(monkeypatch, cls.lower())
    ya = _check(fused, loop, mask=m)
    if used is not None and mask == "right":  # a right-padded mask runs fused everywhere
        assert used and all(used)
    seq = to_np(ya[0])
    if not kw:  # Keras: a masked step repeats the previous output
        np.testing.assert_array_equal(seq[1, 5], seq[1, 4]) if mask == "right" else None
        np.testing.assert_array_equal(seq[2, 6], seq[2, 1]) if mask == "right" else None
    if kw.get("zero_output_for_mask"):
        assert np.all(seq[~(RIGHT if mask == "right" else HOLES)] == 0)


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_masked_fused_with_initial_state(cls):
    fused, loop = fused_loop_pair(cls, X, rng)
    n = 2 if cls == "LSTM" else 1
    init = [2 * rng.standard_normal((4, 5)).astype("float32") for _ in range(n)]
    m = HOLES.copy()
    m[2, :] = False  # a fully masked row keeps its initial state and outputs it
    ya = _check(fused, loop, mask=ops.convert_to_tensor(m), initial_state=init)
    np.testing.assert_allclose(to_np(ya[1])[2], init[0][2], rtol=1e-6)
    np.testing.assert_allclose(to_np(ya[0])[2, 3], init[0][2], rtol=1e-6)


def test_masked_lstm_matches_numpy():
    layer = layers.LSTM(3, return_sequences=True)
    x = X[:, :, :2]
    layer(x)
    k, r, b = (to_np(w) for w in layer.get_weights())
    sig = lambda z: 1 / (1 + np.exp(-z))
    h = c = np.zeros((4, 3))
    want = []
    for t in range(7):
        z = x[:, t] @ k + h @ r + b
        i, f, g, o = np.split(z, 4, axis=-1)
        c2 = sig(f) * c + sig(i) * np.tanh(g)
        h2 = sig(o) * np.tanh(c2)
        m = RIGHT[:, t:t + 1]
        h, c = np.where(m, h2, h), np.where(m, c2, c)
        want.append(h)
    got = to_np(layer(x, mask=ops.convert_to_tensor(RIGHT)))
    np.testing.assert_allclose(got, np.stack(want, 1), rtol=1e-5, atol=1e-6)


def test_weight_changes_reach_the_fused_kernel():
    fused, loop = fused_loop_pair("LSTM", X, rng)
    first = to_np(fused(X)[0])
    for a, b in zip(fused.trainable_weights, loop.trainable_weights):
        value = rng.standard_normal(a.shape).astype("float32") * 0.3
        a.assign(value)
        b.assign(value)
    second = to_np(fused(X)[0])
    assert np.abs(second - first).max() > 1e-3
    np.testing.assert_allclose(second, to_np(loop(X)[0]), rtol=1e-5, atol=1e-6)
    fused.set_weights([w * 0.5 for w in fused.get_weights()])
    loop.set_weights([w * 0.5 for w in loop.get_weights()])
    np.testing.assert_allclose(to_np(fused(X)[0]), to_np(loop(X)[0]), rtol=1e-5, atol=1e-6)
    twin = copy.deepcopy(fused)  # a deep copy gets its own (empty) kernel cache
    np.testing.assert_allclose(to_np(twin(X)[0]), to_np(loop(X)[0]), rtol=1e-5, atol=1e-6)


def test_inference_then_training_gets_gradients():
    model = Sequential([layers.Input((7, 6)), layers.LSTM(4), layers.Dense(1)])
    model.predict(X, verbose=0)  # weights prepared without gradients first
    model.compile(optimizer="sgd", loss="mse")
    before = [to_np(v.value).copy() for v in model.trainable_variables]
    model.fit(X, np.ones((4, 1), "float32"), epochs=1, batch_size=4, verbose=0)
    after = [to_np(v.value) for v in model.trainable_variables]
    assert all(np.abs(a - b).max() > 0 for a, b in zip(after, before))


@pytest.mark.parametrize("jit_compile", [False, True])
@pytest.mark.parametrize("masked", [False, True])
def test_compiled_fit_equals_generic_loop(jit_compile, masked):
    if jit_compile and config.backend() == "torch":
        pytest.skip("torch.compile of the generic loop takes minutes; the fused kernel is "
                    "not used under torch.compile")
    ids = rng.integers(1, 9, size=(8, 7))
    ids[1, 4:] = 0
    ids[3, 2:] = 0
    y = rng.standard_normal((8, 1)).astype("float32")
    results = []
    for use_cudnn in ("auto", False):
        model = Sequential([layers.Input((7,), dtype="int32"),
                            layers.Embedding(10, 6, mask_zero=masked),
                            layers.LSTM(5, use_cudnn=use_cudnn), layers.Dense(1)])
        model.set_weights([np.asarray(w) for w in _WEIGHTS(model)])
        model.compile(optimizer="adam", loss="mse", jit_compile=jit_compile)
        hist = model.fit(ids, y, epochs=2, batch_size=4, shuffle=False, verbose=0)
        results.append((hist.history["loss"], model.predict(ids, verbose=0)))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-4)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-4, atol=1e-5)


def _WEIGHTS(model):
    r = np.random.default_rng(9)
    return [r.standard_normal(w.shape).astype("float32") * 0.3 for w in model.get_weights()]
