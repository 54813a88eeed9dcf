"""The promotion table (kerasx.dtypes.result_type) and that real op results follow it."""

import itertools

import numpy as np
import pytest

from kerasx import config, dtypes, ops

TABLE = [
    ("int32", "float32", "float32"), ("int8", "uint8", "int16"), ("uint8", "int16", "int16"),
    ("uint8", "uint16", "uint16"), ("uint32", "int32", "int64"), ("int64", "float16", "float16"),
    ("bool", "int8", "int8"), ("bool", "bool", "bool"), ("bool", "float16", "float16"),
    ("float16", "bfloat16", "float32"), ("float16", "float32", "float32"),
    ("bfloat16", "float64", "float64"), ("int16", "int32", "int32"), ("uint64", "int64", "float32"),
    ("float32", "complex64", "complex64"), ("float64", "complex64", "complex128"),
]


@pytest.mark.parametrize("a,b,expected", TABLE)
def test_promotion_table(a, b, expected):
    assert dtypes.result_type(a, b) == expected
    assert dtypes.result_type(b, a) == expected


@pytest.mark.parametrize("dtype,scalar,expected", [
    ("float16", 2.0, "float16"), ("int32", 2.0, "float32"), ("int32", 2, "int32"),
    ("int8", 2, "int8"), ("uint8", 3, "uint8"), ("bool", 2, "int32"), ("bool", 1.5, "float32"),
    ("bool", True, "bool"), ("bfloat16", 1, "bfloat16"), ("float64", 1.0, "float64")])
def test_weak_python_scalars(dtype, scalar, expected):
    assert dtypes.result_type(dtype, scalar) == expected


def test_result_type_misc():
    assert dtypes.result_type() == config.floatx()
    assert dtypes.result_type(1.0) == config.floatx()
    assert dtypes.result_type(1) == "int32"
    assert dtypes.result_type("int8", "int16", "uint8") == "int16"
    config.set_floatx("float64")
    assert dtypes.result_type("int32", 2.0) == "float64"
    assert dtypes.result_type(np.dtype("float16"), float) == "float16"
    with pytest.raises(ValueError):
        dtypes.standardize_dtype("float8_bogus")


def test_standardize_dtype():
    assert dtypes.standardize_dtype(np.float32) == "float32"
    assert dtypes.standardize_dtype(np.dtype("int64")) == "int64"
    assert dtypes.standardize_dtype(None) == config.floatx()
    assert dtypes.standardize_dtype(int) == "int32" and dtypes.standardize_dtype(bool) == "bool"
    assert dtypes.standardize_dtype(ops.dtype(ops.ones((1,), dtype="bfloat16"))) == "bfloat16"


GRID = ("bool", "uint8", "int8", "int16", "int32", "int64", "bfloat16", "float16", "float32",
        "float64")
PAIRS = list(itertools.combinations_with_replacement(GRID, 2))


@pytest.mark.parametrize("a,b", PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_add_and_multiply_follow_result_type(a, b):
    x, y = ops.ones((2,), dtype=a), ops.ones((2,), dtype=b)
    expected = dtypes.result_type(a, b)
    assert ops.dtype(ops.add(x, y)) == expected
    assert ops.dtype(ops.multiply(y, x)) == expected


@pytest.mark.parametrize("a", GRID)
@pytest.mark.parametrize("scalar", [2, 2.0, True], ids=["int", "float", "bool"])
def test_ops_with_python_scalars(a, scalar):
    x = ops.ones((2,), dtype=a)
    expected = dtypes.result_type(a, scalar)
    assert ops.dtype(ops.add(x, scalar)) == expected
    assert ops.dtype(ops.multiply(scalar, x)) == expected


@pytest.mark.parametrize("a", GRID)
def test_float_math_and_comparisons(a):
    x = ops.ones((2,), dtype=a)
    float_expected = config.floatx() if a == "bool" or a.startswith(("int", "uint")) else a
    assert ops.dtype(ops.exp(x)) == float_expected
    assert ops.dtype(ops.mean(x)) == float_expected
    assert ops.dtype(ops.true_divide(x, x)) == float_expected
    assert ops.dtype(ops.equal(x, x)) == "bool"
    assert ops.dtype(ops.argmax(x)) == "int32"


@pytest.mark.parametrize("a,b", [("int32", "float32"), ("int8", "uint8"), ("float16", "float32")])
def test_symbolic_results_follow_result_type(a, b):
    from kerasx.core.keras_tensor import KerasTensor
    out = ops.add(KerasTensor((None, 2), dtype=a), KerasTensor((2,), dtype=b))
    assert out.dtype == dtypes.result_type(a, b)
