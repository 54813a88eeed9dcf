"""``ops.matmul`` / ``ops.add`` with a Variable operand (a layer's kernel and bias in an eager
call) against NumPy: the same-dtype shortcut (the backend reads the variable itself) and
every case that falls back to the general path (mixed dtypes, ints, bools, rank 1, Python
scalars, NumPy inputs, stateless and mixed-precision reads), plus gradients. Runs on every
backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.core.scope import StatelessScope

to_np = ops.convert_to_numpy
RNG = np.random.default_rng(11)
X = RNG.normal(size=(3, 4)).astype("float32")
W = RNG.normal(size=(4, 5)).astype("float32")
B5 = RNG.normal(size=(5,)).astype("float32")


def var(a, dtype=None, trainable=True):
    return kerasx.Variable(a, dtype=dtype or str(np.asarray(a).dtype), trainable=trainable)


def dt(x):
    return kerasx.backend.standardize_dtype(x.dtype)


def close(got, expected, tol=1e-5):
    np.testing.assert_allclose(np.asarray(to_np(got), "float64"),
                               np.asarray(expected, "float64"), rtol=tol, atol=tol)


def test_matmul_tensor_by_variable():
    out = ops.matmul(ops.convert_to_tensor(X), var(W))
    assert dt(out) == "float32"
    close(out, X @ W)


def test_matmul_variable_by_tensor_and_variable_by_variable():
    close(ops.matmul(var(X), ops.convert_to_tensor(W)), X @ W)
    close(ops.matmul(var(X), var(W)), X @ W)


def test_add_tensor_and_variable_both_orders():
    y = ops.convert_to_tensor(X @ W)
    close(ops.add(y, var(B5)), X @ W + B5)
    close(ops.add(var(B5), y), X @ W + B5)
    assert dt(ops.add(y, var(B5))) == "float32"


def test_matmul_mixed_dtypes_promote():
    out = ops.matmul(ops.convert_to_tensor(X), var(W.astype("float64")))
    assert dt(out) == "float64"
    close(out, X.astype("float64") @ W.astype("float64"))


def test_matmul_int_variable_promotes_with_float_input():
    wi = RNG.integers(-3, 4, size=(4, 5)).astype("int32")
    out = ops.matmul(ops.convert_to_tensor(X), var(wi))
    assert dt(out) == "float32"
    close(out, X @ wi.astype("float32"))


def test_matmul_rank1_operands_with_variable():
    v = RNG.normal(size=(4,)).astype("float32")
    close(ops.matmul(ops.convert_to_tensor(v), var(W)), v @ W)
    close(ops.matmul(ops.convert_to_tensor(X), var(v)), X @ v)


def test_add_bool_variables_is_logical_or():
    a = np.array([True, False, False])
    b = np.array([True, True, False])
    out = ops.add(ops.convert_to_tensor(a), var(b, "bool", trainable=False))
    assert dt(out) == "bool"
    np.testing.assert_array_equal(to_np(out), a | b)


def test_add_variable_with_python_scalar_and_numpy():
    close(ops.add(var(B5), 2), B5 + 2)
    assert dt(ops.add(var(B5), 2)) == "float32"
    close(ops.add(var(B5), B5.astype("float64")), B5.astype("float64") * 2)


def test_add_mixed_dtypes_promote():
    out = ops.add(ops.convert_to_tensor(B5.astype("float16")), var(B5))
    assert dt(out) == "float32"
    close(out, B5.astype("float16").astype("float32") + B5, tol=1e-3)


def test_add_shape_mismatch_raises():
    with pytest.raises(ValueError):
        ops.add(ops.convert_to_tensor(np.ones((2, 3), "float32")), var(np.ones((4,), "float32")))


def test_stateless_scope_value_replaces_the_variable():
    w = var(W)
    other = (W * 2).astype("float32")
    with StatelessScope(state_mapping=[(w, ops.convert_to_tensor(other))]):
        close(ops.matmul(ops.convert_to_tensor(X), w), X @ other)
        close(ops.add(ops.convert_to_tensor(X @ W), var(B5)), X @ W + B5)
    close(ops.matmul(ops.convert_to_tensor(X), w), X @ W)


def test_gradients_through_variable_operands():
    w, b = var(W), var(B5)
    x = ops.convert_to_tensor(X)

    def loss():
        return ops.sum(ops.square(ops.add(ops.matmul(x, w), b)))
    value, (gw, gb) = ops.compute_gradients(loss, [w, b])
    z = X @ W + B5
    close(value, np.sum(z ** 2), tol=1e-4)
    close(gw, X.T @ (2 * z), tol=1e-4)
    close(gb, (2 * z).sum(0), tol=1e-4)


def test_dense_eager_call_matches_numpy_and_mixed_precision():
    layer = layers.Dense(5, activation="relu")
    layer.build((None, 4))
    layer.kernel.assign(W)
    layer.bias.assign(B5)
    out = layer(ops.convert_to_tensor(X))
    close(out, np.maximum(X @ W + B5, 0))
    mixed = layers.Dense(5, dtype="mixed_float16")
    mixed.build((None, 4))
    mixed.kernel.assign(W)
    mixed.bias.assign(B5)
    out = mixed(ops.convert_to_tensor(X))
    assert dt(out) == "float16"
    close(out, X @ W + B5, tol=2e-2)
