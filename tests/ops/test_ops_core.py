"""Core ops: conversion, cast, control flow, scatter/slice, gradients."""

import numpy as np
import pytest

import kerasx
from kerasx import config, ops
from kerasx.backends import B
from ops_helpers import DTYPES, check, sym, to_np


def test_convert_to_tensor_inference():
    assert ops.dtype(ops.convert_to_tensor(True)) == "bool"
    assert ops.dtype(ops.convert_to_tensor(3)) == "int32"
    assert ops.dtype(ops.convert_to_tensor(3.0)) == config.floatx()
    assert ops.dtype(ops.convert_to_tensor([1, 2])) == "int32"
    assert ops.dtype(ops.convert_to_tensor([1.0, 2])) == config.floatx()
    assert ops.dtype(ops.convert_to_tensor(np.zeros(2, "int16"))) == "int16"
    assert ops.dtype(ops.convert_to_tensor(np.zeros(2), dtype="float16")) == "float16"
    t = ops.convert_to_tensor([[1, 2]])
    assert ops.is_tensor(t) and not ops.is_tensor(np.ones(2)) and not ops.is_tensor(1.0)
    assert ops.convert_to_tensor(t) is not None
    out = ops.convert_to_numpy(t)
    assert isinstance(out, np.ndarray) and out.tolist() == [[1, 2]]


def test_symbolic_conversion_rules():
    s = sym((None, 2))
    assert ops.convert_to_tensor(s) is s
    assert ops.convert_to_tensor(s, dtype="float16").dtype == "float16"
    assert not ops.is_tensor(s)
    with pytest.raises(ValueError, match="convert_to_numpy"):
        ops.convert_to_numpy(s)


def test_variable_inputs():
    v = kerasx.Variable(np.array([1.0, 2.0], "float32"), name="v")
    check(ops.add(v, 1.0), [2.0, 3.0], dtype="float32")
    assert ops.shape(v) == (2,) and ops.dtype(v) == "float32"
    check(ops.convert_to_numpy(v), [1.0, 2.0])


@pytest.mark.parametrize("dtype", [d for d in DTYPES])
def test_cast(dtype):
    x = np.array([0.0, 1.7, -2.2, 3.0], "float32")
    expected = x.astype("float64").astype(dtype) if dtype != "bfloat16" else x
    out = ops.cast(x, dtype)
    assert ops.dtype(out) == dtype
    if dtype == "bfloat16":
        check(ops.cast(out, "float32"), x, rtol=1e-2, atol=1e-2)
    elif dtype.startswith("uint"):
        check(ops.cast(np.array([0.0, 1.7, 3.0], "float32"), dtype), [0, 1, 3])
    else:
        check(out, expected, rtol=1e-3)
    assert ops.cast(sym((None, 3)), dtype).dtype == dtype


def test_saturate_cast():
    x = np.array([-10.0, 100.0, 300.0], "float32")
    check(ops.saturate_cast(x, "uint8"), [0, 100, 255], dtype="uint8")
    check(ops.saturate_cast(np.array([1000, -1000], "int32"), "int8"), [127, -128], dtype="int8")


def test_cond_switch():
    x = ops.convert_to_tensor(np.array([1.0, -2.0], "float32"))
    check(ops.cond(True, lambda: x * 2, lambda: x), [2.0, -4.0])
    check(ops.cond(ops.less(ops.sum(x), 0.0), lambda: -x, lambda: x), [-1.0, 2.0])
    branches = [lambda a: a + 1, lambda a: a * 10, lambda a: a - 1]
    check(ops.switch(1, branches, x), [10.0, -20.0])
    check(ops.switch(7, branches, x), [0.0, -3.0])  # index clamped to the last branch


def test_loops():
    out = ops.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + i), (0, 0))
    assert [int(to_np(v)) for v in out] == [5, 10]
    out = ops.while_loop(lambda i: i < 100, lambda i: (i + 1,), (0,), maximum_iterations=7)
    assert int(to_np(out[0] if isinstance(out, (list, tuple)) else out)) == 7
    check(ops.fori_loop(0, 5, lambda i, s: s + i, 0), 10)
    x = np.arange(1.0, 5.0, dtype="float32")
    check(ops.fori_loop(1, 3, lambda i, v: v * 2.0, ops.convert_to_tensor(x)), x * 4)


def test_scan_map_associative_vectorized():
    xs = np.arange(1.0, 5.0, dtype="float32")
    carry, ys = ops.scan(lambda c, x: (c + x, c * x), 0.0, xs)
    check(carry, 10.0)
    check(ys, [0.0, 2.0, 9.0, 24.0])
    carry, ys = ops.scan(lambda c, x: (c + x, c), 0.0, xs, reverse=True)
    check(carry, 10.0)
    check(ys, [9.0, 7.0, 4.0, 0.0])
    carry, ys = ops.scan(lambda c, _: (c * 2.0, c), 1.0, None, length=3)
    check(ys, [1.0, 2.0, 4.0])
    check(ops.associative_scan(ops.add, xs), np.cumsum(xs))
    m = np.arange(6.0, dtype="float32").reshape(2, 3)
    check(ops.associative_scan(ops.multiply, m + 1, axis=1), np.cumprod(m + 1, axis=1))
    check(ops.associative_scan(ops.add, xs, reverse=True), np.cumsum(xs[::-1])[::-1])
    check(ops.map(lambda r: ops.sum(r * r), m), (m * m).sum(1))
    check(ops.vectorized_map(lambda r: r * 2.0 + 1.0, m), m * 2 + 1)


def test_scatter_slice_family():
    check(ops.scatter(np.array([[0], [2], [0]]), np.array([1.0, 2.0, 3.0], "float32"), (4,)),
          [4.0, 0.0, 2.0, 0.0])
    check(ops.scatter(np.array([[0, 1], [1, 0]]), np.array([5.0, 6.0], "float32"), (2, 2)),
          [[0.0, 5.0], [6.0, 0.0]])
    check(ops.scatter(np.array([[1]]), np.ones((1, 3), "float32"), (2, 3)), [[0, 0, 0], [1, 1, 1]])
    base = np.zeros((3, 2), "float32")
    check(ops.scatter_update(base, np.array([[1], [2]]), np.array([[1.0, 2.0], [3.0, 4.0]], "float32")),
          [[0, 0], [1, 2], [3, 4]])
    check(ops.scatter_update(base, np.array([[0, 1]]), np.array([9.0], "float32")),
          [[0, 9], [0, 0], [0, 0]])
    x = np.arange(12.0, dtype="float32").reshape(3, 4)
    check(ops.slice(x, (1, 1), (2, 2)), x[1:3, 1:3])
    check(ops.slice(x, ops.convert_to_tensor([0, 2]), (3, 2)), x[:, 2:4])
    upd = ops.slice_update(x, (1, 2), np.ones((2, 2), "float32"))
    e = x.copy()
    e[1:3, 2:4] = 1.0
    check(upd, e)
    assert ops.slice(sym((None, 4)), (0, 1), (2, 2)).shape == (2, 2)


def test_unstack():
    x = np.arange(6.0, dtype="float32").reshape(2, 3)
    parts = ops.unstack(x, axis=-1)
    assert len(parts) == 3
    check(parts[1], x[:, 1])
    assert len(ops.unstack(x, num=2)) == 2


def _grad(fn, value):
    v = kerasx.Variable(np.asarray(value, "float32"), name="g")
    _, grads = B.core.compute_gradients(lambda: fn(v.value), [v])
    return to_np(grads[0])


def test_stop_gradient():
    g = _grad(lambda w: ops.sum(w * ops.stop_gradient(w)), [1.0, 2.0])
    np.testing.assert_allclose(g, [1.0, 2.0])


def test_custom_gradient():
    @ops.custom_gradient
    def clipped_identity(x):
        def grad(upstream):
            return ops.clip(upstream, -0.5, 0.5)
        return x, grad

    check(clipped_identity(ops.convert_to_tensor([3.0])), [3.0])
    g = _grad(lambda w: ops.sum(clipped_identity(w) * 4.0), [1.0, 2.0])
    np.testing.assert_allclose(g, [0.5, 0.5])

    @ops.custom_gradient
    def mul(a, b):
        def grad(upstream):
            return upstream * 10.0, upstream * 20.0
        return a * b, grad

    g = _grad(lambda w: ops.sum(mul(w, w)), [1.0])
    np.testing.assert_allclose(g, [30.0])


def test_symbolic_control_flow():
    s = sym((None, 3))
    mapped = ops.map(lambda r: r * 2.0, s)
    assert mapped.shape == (None, 3)
    carry, ys = ops.scan(lambda c, x: (c + x, c), ops.zeros((3,)), sym((5, 3)))
    assert carry.shape == (3,) and ys.shape == (5, 3)


def test_symbolic_call_records_a_replayable_node():
    x = sym((None, 3))
    y = ops.multiply(ops.add(x, 1.0), 2.0)
    node, index = y._keras_history
    assert index == 0 and node.input_tensors[0]._keras_history is not None
    parent = node.input_tensors[0]._keras_history[0]
    assert parent.input_tensors == [x]
    real = np.arange(6.0, dtype="float32").reshape(2, 3)
    first = parent.operation(real, *parent.call_args[1:], **parent.call_kwargs)
    out = node.operation(first, *node.call_args[1:], **node.call_kwargs)
    check(out, (real + 1.0) * 2.0)
