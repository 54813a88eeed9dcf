"""SpectralNormalization: Keras 3 weight layout (names, shapes, order, .weights.h5) and the
power-iteration result against NumPy.

The layout facts below were read from Keras 3.15.1 (``SpectralNormalization(Dense(4))`` on
(None, 3) inputs, and ``SpectralNormalization(Conv2D(5, 3))`` on (None, 8, 8, 2)):
weights are ``[<wrapped>/kernel, vector_u, <wrapped>/bias]``; the ``.weights.h5`` group of
the wrapper holds ``vars/0`` = kernel and ``vars/1`` = vector_u, and its ``layer/vars``
group the wrapped layer's kernel and bias.
"""

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

CASES = [
    ("dense", lambda: layers.Dense(4, name="dense"), (3,),
     [("spectral_normalization/dense/kernel", "kernel", (3, 4), True),
      ("spectral_normalization/vector_u", "vector_u", (1, 4), False),
      ("spectral_normalization/dense/bias", "bias", (4,), True)]),
    ("conv", lambda: layers.Conv2D(5, 3, name="conv2d"), (8, 8, 2),
     [("spectral_normalization/conv2d/kernel", "kernel", (3, 3, 2, 5), True),
      ("spectral_normalization/vector_u", "vector_u", (1, 5), False),
      ("spectral_normalization/conv2d/bias", "bias", (5,), True)]),
]


def _model(make_inner, shape):
    sn = layers.SpectralNormalization(make_inner(), power_iterations=1,
                                      name="spectral_normalization")
    inp = kerasx.Input(shape)
    return kerasx.Model(inp, sn(inp)), sn


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_weights_match_keras_layout(case):
    _, make_inner, shape, expected = case
    model, sn = _model(make_inner, shape)
    got = [(w.path, w.name, tuple(w.shape), bool(w.trainable)) for w in sn.weights]
    assert got == expected
    assert [w.path for w in model.weights] == [e[0] for e in expected]
    assert [w.path for w in sn.trainable_weights] == [expected[0][0], expected[2][0]]
    assert [w.path for w in sn.non_trainable_weights] == [expected[1][0]]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_keras_weights_h5_layout_loads_and_saves(case, tmp_path):
    _, make_inner, shape, expected = case
    model, sn = _model(make_inner, shape)
    rng = np.random.default_rng(0)
    kernel = rng.normal(size=expected[0][2]).astype("float32")
    u = rng.normal(size=expected[1][2]).astype("float32")
    bias = rng.normal(size=expected[2][2]).astype("float32")
    path = tmp_path / "keras_layout.weights.h5"
    with h5py.File(path, "w") as f:  # the groups Keras 3.15.1 writes for this model
        f.create_group("layers/input_layer/vars").attrs["name"] = "input_layer"
        g = f.create_group("layers/spectral_normalization/vars")
        g.attrs["name"] = "spectral_normalization"
        g["0"], g["1"] = kernel, u
        g = f.create_group("layers/spectral_normalization/layer/vars")
        g.attrs["name"] = expected[0][0].split("/")[1]
        g["0"], g["1"] = kernel, bias
        f.create_group("vars").attrs["name"] = model.name
    model.load_weights(str(path))
    np.testing.assert_array_equal(ops.convert_to_numpy(sn.layer.kernel), kernel)
    np.testing.assert_array_equal(ops.convert_to_numpy(sn.vector_u), u)
    np.testing.assert_array_equal(ops.convert_to_numpy(sn.layer.bias), bias)
    out = tmp_path / "kx.weights.h5"
    model.save_weights(str(out))
    with h5py.File(out, "r") as f:
        own = f["layers/spectral_normalization/vars"]
        assert sorted(own) == ["0", "1"]
        np.testing.assert_array_equal(own["0"][...], kernel)
        np.testing.assert_array_equal(own["1"][...], u)
        inner = f["layers/spectral_normalization/layer/vars"]
        np.testing.assert_array_equal(inner["0"][...], kernel)
        np.testing.assert_array_equal(inner["1"][...], bias)


def _np_power_iteration(kernel, u, iterations):
    w = kernel.reshape(-1, kernel.shape[-1])
    for _ in range(iterations):
        v = u @ w.T
        v = v / np.linalg.norm(v)
        u = v @ w
        u = u / np.linalg.norm(u)
    sigma = (v @ w @ u.T).item()
    return u, kernel / sigma


@pytest.mark.parametrize("iterations", [1, 3])
def test_power_iteration_matches_numpy(iterations):
    x = np.random.default_rng(1).normal(size=(2, 6, 6, 2)).astype("float32")
    sn = layers.SpectralNormalization(layers.Conv2D(3, 3), power_iterations=iterations)
    sn.build((None, 6, 6, 2))
    kernel = ops.convert_to_numpy(sn.layer.kernel).copy()
    u0 = ops.convert_to_numpy(sn.vector_u).copy()
    want_u, want_kernel = _np_power_iteration(kernel.astype("float64"), u0.astype("float64"),
                                              iterations)
    out = ops.convert_to_numpy(sn(x, training=True))
    np.testing.assert_allclose(ops.convert_to_numpy(sn.vector_u), want_u, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(ops.convert_to_numpy(sn.layer.kernel), want_kernel, rtol=1e-4,
                               atol=1e-6)
    # The normalized kernel has spectral norm ~1 after enough iterations; the output is the
    # wrapped conv with that kernel, and inference reuses it unchanged.
    infer = ops.convert_to_numpy(sn(x, training=False))
    np.testing.assert_allclose(out, infer, rtol=1e-5, atol=1e-6)
    assert not np.allclose(want_kernel, kernel)
