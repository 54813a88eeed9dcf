"""Every activation against a NumPy formula, on the active backend."""

import math

import numpy as np
import pytest

from kerasx import activations, ops

X = np.array([[-7.0, -3.0, -1.5, -1.0, -0.6, -0.2, 0.0],
              [0.2, 0.5, 0.9, 1.0, 2.5, 6.5, 9.0]], dtype="float32")
ERF = np.vectorize(math.erf)


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softplus(x):
    return np.log1p(np.exp(x))


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def np_sparsemax(x):
    out = np.zeros_like(x)
    for i, row in enumerate(x):
        z = np.sort(row)[::-1]
        k = np.arange(1, len(z) + 1)
        support = 1 + k * z > np.cumsum(z)
        kz = k[support][-1]
        tau = (np.cumsum(z)[kz - 1] - 1) / kz
        out[i] = np.maximum(row - tau, 0)
    return out


SELU_A, SELU_S = 1.6732632423543772, 1.0507009873554805
CASES = {
    "relu": lambda x: np.maximum(x, 0),
    "relu6": lambda x: np.clip(x, 0, 6),
    "leaky_relu": lambda x: np.where(x >= 0, x, 0.2 * x),
    "elu": lambda x: np.where(x > 0, x, np.exp(x) - 1),
    "selu": lambda x: SELU_S * np.where(x > 0, x, SELU_A * (np.exp(x) - 1)),
    "gelu": lambda x: 0.5 * x * (1 + ERF(x / np.sqrt(2))),
    "celu": lambda x: np.maximum(x, 0) + np.minimum(0, np.exp(x) - 1),
    "glu": lambda x: x[:, :3] * sigmoid(x[:, 3:6]),
    "silu": lambda x: x * sigmoid(x),
    "swish": lambda x: x * sigmoid(x),
    "mish": lambda x: x * np.tanh(softplus(x)),
    "sigmoid": sigmoid,
    "hard_sigmoid": lambda x: np.clip(x / 6 + 0.5, 0, 1),
    "hard_silu": lambda x: x * np.clip(x / 6 + 0.5, 0, 1),
    "hard_swish": lambda x: x * np.clip(x / 6 + 0.5, 0, 1),
    "softmax": softmax,
    "log_softmax": lambda x: np.log(softmax(x)),
    "softplus": softplus,
    "softsign": lambda x: x / (np.abs(x) + 1),
    "tanh": np.tanh,
    "exponential": np.exp,
    "linear": lambda x: x,
    "hard_tanh": lambda x: np.clip(x, -1, 1),
    "hard_shrink": lambda x: np.where(np.abs(x) > 0.5, x, 0),
    "soft_shrink": lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0)),
    "tanh_shrink": lambda x: x - np.tanh(x),
    "log_sigmoid": lambda x: -softplus(-x),
    "sparse_plus": lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)),
    "sparse_sigmoid": lambda x: np.clip((x + 1) / 2, 0, 1),
    "squareplus": lambda x: (x + np.sqrt(x ** 2 + 4)) / 2,
    "sparsemax": np_sparsemax,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_activation_matches_numpy(name):
    fn = getattr(activations, name)
    x = X[:, :6] if name == "glu" else X
    got = to_np(fn(x))
    np.testing.assert_allclose(got, CASES[name](x.astype("float64")), rtol=2e-5, atol=2e-6)
    # also on a backend tensor
    np.testing.assert_allclose(to_np(fn(ops.convert_to_tensor(x))), got, rtol=1e-6, atol=1e-7)


def test_activation_arguments():
    x = X.astype("float64")
    np.testing.assert_allclose(to_np(activations.leaky_relu(X, negative_slope=0.1)),
                               np.where(x >= 0, x, 0.1 * x), rtol=1e-6)
    np.testing.assert_allclose(to_np(activations.elu(X, alpha=0.5)),
                               np.where(x > 0, x, 0.5 * (np.exp(x) - 1)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(activations.celu(X, alpha=2.0)),
                               np.maximum(x, 0) + np.minimum(0, 2 * (np.exp(x / 2) - 1)),
                               rtol=1e-5, atol=1e-6)
    tanh_gelu = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))
    np.testing.assert_allclose(to_np(activations.gelu(X, approximate=True)), tanh_gelu,
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(activations.softmax(X, axis=0)), softmax(x, axis=0), rtol=1e-5)
    np.testing.assert_allclose(to_np(activations.log_softmax(X, axis=0)),
                               np.log(softmax(x, axis=0)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(activations.glu(X[:, :6].T, axis=0)),
                               x[:, :6].T[:3] * sigmoid(x[:, :6].T[3:]), rtol=1e-5)
    np.testing.assert_allclose(to_np(activations.hard_shrink(X, threshold=1.0)),
                               np.where(np.abs(x) > 1.0, x, 0))
    np.testing.assert_allclose(to_np(activations.soft_shrink(X, threshold=1.0)),
                               np.sign(x) * np.maximum(np.abs(x) - 1.0, 0), atol=1e-6)
    np.testing.assert_allclose(to_np(activations.squareplus(X, b=1)),
                               (x + np.sqrt(x ** 2 + 1)) / 2, rtol=1e-5)
    np.testing.assert_allclose(to_np(activations.threshold(X, 0.5, -3.0)),
                               np.where(x > 0.5, x, -3.0))


def _np_relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    pos = np.where(x > threshold, x, 0.0)
    if max_value is not None:
        pos = np.clip(pos, 0.0, max_value)
    return pos - negative_slope * np.maximum(threshold - x, 0.0)


@pytest.mark.parametrize("kwargs", [
    {}, {"negative_slope": 0.1}, {"max_value": 6.0}, {"max_value": 2.0, "negative_slope": 0.3},
    {"threshold": 1.0}, {"threshold": -0.5}, {"threshold": 0.5, "negative_slope": 0.2},
    {"threshold": 0.5, "max_value": 2.0, "negative_slope": 0.1},
])
def test_relu_options(kwargs):
    got = to_np(activations.relu(X, **kwargs))
    np.testing.assert_allclose(got, _np_relu(X.astype("float64"), **kwargs), rtol=1e-6, atol=1e-7)


def test_relu_documented_pieces_and_errors():
    x = np.array([-2.0, 0.5, 1.5, 3.0], "float32")
    got = to_np(activations.relu(x, negative_slope=0.5, max_value=2.0, threshold=1.0))
    # max_value above it, x between threshold and max_value, negative_slope * (x - threshold) below
    np.testing.assert_allclose(got, [-1.5, -0.25, 1.5, 2.0])
    with pytest.raises(ValueError, match="negative_slope"):
        activations.relu(x, negative_slope=-1.0)
    with pytest.raises(ValueError, match="max_value"):
        activations.relu(x, max_value=-1.0)


def test_activation_dtype_preserved():
    x64 = X.astype("float64")
    for name in ("relu", "gelu", "softmax", "mish", "sigmoid", "hard_silu"):
        assert to_np(getattr(activations, name)(ops.convert_to_tensor(x64))).dtype == np.float64


def test_activations_on_symbolic_tensors():
    from kerasx.core.keras_tensor import KerasTensor

    x = KerasTensor((None, 6), "float32")
    for name in sorted(activations.ALL_OBJECTS_DICT):
        fn = activations.get(name)
        y = fn(x, 0.0, -1.0) if name == "threshold" else fn(x)
        assert tuple(y.shape) == ((None, 3) if name == "glu" else (None, 6)), name
    y = activations.relu(x, negative_slope=0.1, max_value=2.0, threshold=0.5)
    assert tuple(y.shape) == (None, 6)
