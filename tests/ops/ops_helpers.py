"""Helpers for the op tests (imported as ``ops_helpers``; tests/ops has no __init__.py)."""

import numpy as np

from kerasx import ops
from kerasx.core.keras_tensor import KerasTensor

FLOATS = ("float16", "bfloat16", "float32", "float64")
INTS = ("int8", "int16", "int32", "int64", "uint8")
DTYPES = ("bool",) + INTS + FLOATS


def to_np(x):
    """Backend tensor (or nested tuple/list of them) -> NumPy."""
    if isinstance(x, (tuple, list)):
        return type(x)(to_np(v) for v in x)
    return np.asarray(ops.convert_to_numpy(x))


def check(actual, expected, dtype=None, rtol=1e-5, atol=1e-6):
    """Asserts values (and shape), and the kerasx dtype when ``dtype`` is given."""
    if dtype is not None:
        assert ops.dtype(actual) == dtype, f"dtype {ops.dtype(actual)} != expected {dtype}"
    got = to_np(actual)
    expected = np.asarray(expected)
    assert got.shape == expected.shape, f"shape {got.shape} != expected {expected.shape}"
    if expected.dtype == bool or got.dtype == bool:
        np.testing.assert_array_equal(got.astype(bool), expected.astype(bool))
    else:
        np.testing.assert_allclose(got.astype(np.float64), expected.astype(np.float64),
                                   rtol=rtol, atol=atol)


def sym(shape, dtype="float32"):
    """A symbolic KerasTensor."""
    return KerasTensor(shape, dtype=dtype)


def rng(seed=0):
    return np.random.default_rng(seed)


def randn(*shape, seed=0, dtype="float32"):
    return rng(seed).standard_normal(shape).astype(dtype)
