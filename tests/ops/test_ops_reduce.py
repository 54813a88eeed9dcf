"""Reductions, statistics, sorting and searching against NumPy."""

import numpy as np
import pytest

from kerasx import config, ops
from ops_helpers import check, randn, sym, to_np

X = randn(2, 3, 4, seed=1)
AXES = [(None, False), (-1, False), (0, True), ((0, 2), False), ((-1, -2), True)]

REDUCTIONS = [
    ("sum", np.sum), ("mean", np.mean), ("max", np.max), ("min", np.min), ("amax", np.amax),
    ("amin", np.amin), ("prod", np.prod), ("std", np.std), ("var", np.var),
    ("all", None), ("any", None), ("median", np.median),
]


@pytest.mark.parametrize("axis,keepdims", AXES, ids=str)
@pytest.mark.parametrize("name,ref", REDUCTIONS, ids=[r[0] for r in REDUCTIONS])
def test_reduction(name, ref, axis, keepdims):
    x = X > 0 if name in ("all", "any") else X
    ref = getattr(np, name) if ref is None else ref
    out = getattr(ops, name)(x, axis=axis, keepdims=keepdims)
    expected = ref(x, axis=axis, keepdims=keepdims)
    check(out, expected, rtol=2e-5, atol=1e-5)
    s = getattr(ops, name)(sym((None, 3, 4), "bool" if name in ("all", "any") else "float32"),
                           axis=axis, keepdims=keepdims)
    # a dim is unknown in the output exactly when it comes from the unknown input dim
    other = ref(np.concatenate([x, x, x])[:5], axis=axis, keepdims=keepdims)
    exp_shape = [a if a == b else None for a, b in zip(np.shape(expected), np.shape(other))]
    assert s.shape == tuple(exp_shape)


@pytest.mark.parametrize("dtype,expected", [
    ("bool", "int32"), ("int8", "int32"), ("int16", "int32"), ("uint8", "uint32"),
    ("int32", "int32"), ("int64", "int64"), ("float16", "float16"), ("float32", "float32"),
    ("float64", "float64")])
@pytest.mark.parametrize("name", ["sum", "prod", "cumsum", "cumprod"])
def test_accumulation_dtypes(name, dtype, expected):
    x = np.array([[1, 0, 1], [1, 1, 0]]).astype(dtype)
    out = getattr(ops, name)(x, axis=1)
    assert ops.dtype(out) == expected
    check(out, getattr(np, name)(x.astype("int64"), axis=1))


@pytest.mark.parametrize("name", ["mean", "std", "var", "median"])
def test_int_statistics_give_floatx(name):
    x = np.array([[1, 2, 3], [4, 6, 8]], "int32")
    out = getattr(ops, name)(x, axis=-1)
    assert ops.dtype(out) == config.floatx()
    check(out, getattr(np, name)(x.astype("float64"), axis=-1), rtol=1e-5)


def test_empty_reductions():
    e = np.zeros((0, 3), "float32")
    check(ops.sum(e), 0.0)
    check(ops.sum(e, axis=0), np.zeros(3))
    check(ops.prod(e, axis=0), np.ones(3))
    check(ops.any(e > 0), False)
    check(ops.all(e > 0), True)
    check(ops.max(e, axis=0, initial=-1.0), np.full(3, -1.0))


def test_max_min_initial():
    x = np.array([[1.0, 5.0], [3.0, 2.0]], "float32")
    check(ops.max(x, axis=0, initial=4.0), [4.0, 5.0])
    check(ops.min(x, axis=1, initial=1.5), [1.0, 1.5])


@pytest.mark.parametrize("name", ["argmax", "argmin"])
@pytest.mark.parametrize("axis,keepdims", [(None, False), (-1, True), (1, False)])
def test_argmax_argmin(name, axis, keepdims):
    out = getattr(ops, name)(X, axis=axis, keepdims=keepdims)
    assert ops.dtype(out) == "int32"
    check(out, getattr(np, name)(X, axis=axis, keepdims=keepdims))
    assert getattr(ops, name)(sym((None, 3, 4)), axis=-1).shape == (None, 3)


@pytest.mark.parametrize("axis", [None, 0, -1])
def test_cumsum_cumprod(axis):
    x = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], "float32")
    check(ops.cumsum(x, axis=axis), np.cumsum(x, axis=axis))
    check(ops.cumprod(x, axis=axis), np.cumprod(x, axis=axis))
    check(ops.cumsum(x, axis=0, dtype="float64"), np.cumsum(x, axis=0), dtype="float64")
    assert ops.cumsum(sym((None, 3)), axis=1).shape == (None, 3)


def test_count_nonzero_average_quantile():
    x = np.array([[0, 1, 2], [0, 0, 3]], "int32")
    check(ops.count_nonzero(x), 3)
    check(ops.count_nonzero(x, axis=1), [2, 1])
    w = np.array([1.0, 2.0, 3.0], "float32")
    xf = x.astype("float32")
    check(ops.average(xf, axis=1, weights=w), np.average(xf, axis=1, weights=w))
    check(ops.average(xf), np.average(xf))
    q = np.array([0.1, 0.4, 0.9])  # no index ties (tie rounding differs across libraries)
    for method in ("linear", "lower", "higher", "midpoint", "nearest"):
        check(ops.quantile(X, q, axis=-1, method=method),
              np.quantile(X, q, axis=-1, method=method), rtol=1e-5, atol=1e-5)
    check(ops.quantile(X, 0.3), np.quantile(X, 0.3), rtol=1e-5)
    check(ops.quantile(X, 0.5, axis=1, keepdims=True), np.quantile(X, 0.5, axis=1, keepdims=True))


@pytest.mark.parametrize("axis", [-1, 0, None])
def test_sort_argsort(axis):
    x = np.array([[3.0, 1.0, 2.0], [0.0, -1.0, 5.0]], "float32")
    check(ops.sort(x, axis=axis), np.sort(x, axis=axis))
    out = ops.argsort(x, axis=axis)
    assert ops.dtype(out) == "int32"
    check(out, np.argsort(x, axis=axis, kind="stable"))


def test_argsort_stable_and_int():
    x = np.array([2, 1, 2, 1, 0], "int32")
    check(ops.argsort(x), np.argsort(x, kind="stable"))
    check(ops.sort(x), np.sort(x), dtype="int32")


def test_argpartition():
    x = np.array([[3.0, 4.0, 2.0, 1.0, 9.0]], "float32")
    idx = to_np(ops.argpartition(x, 2, axis=-1))
    part = np.take_along_axis(x, idx, axis=-1)[0]
    assert part[2] == 3.0 and (part[:2] <= 3.0).all() and (part[3:] >= 3.0).all()
    assert sorted(idx[0].tolist()) == [0, 1, 2, 3, 4]


def test_searchsorted_digitize():
    seq = np.array([1.0, 3.0, 5.0, 7.0], "float32")
    v = np.array([0.0, 3.0, 6.0, 9.0], "float32")
    for side in ("left", "right"):
        out = ops.searchsorted(seq, v, side=side)
        assert ops.dtype(out) == "int32"
        check(out, np.searchsorted(seq, v, side=side))
    out = ops.digitize(v, seq)
    assert ops.dtype(out) == "int32"
    check(out, np.digitize(v, seq))


def test_bincount_histogram():
    x = np.array([0, 1, 1, 3, 1], "int32")
    out = ops.bincount(x)
    assert ops.dtype(out) == "int32"
    check(out, np.bincount(x))
    check(ops.bincount(x, minlength=7), np.bincount(x, minlength=7))
    w = np.array([0.5, 1.0, 2.0, 1.0, 1.0], "float32")
    check(ops.bincount(x, weights=w), np.bincount(x, weights=w))
    s = ops.bincount(sym((None,), "int32"))
    assert s.shape == (None,) and s.dtype == "int32"
    data = np.array([0.1, 0.4, 0.45, 0.9, 1.0], "float32")
    counts, edges = ops.histogram(data, bins=3)
    ec, ee = np.histogram(data, bins=3)
    check(counts, ec)
    check(edges, ee, rtol=1e-5)
    counts, _ = ops.histogram(data, bins=2, range=(0.0, 2.0))
    check(counts, np.histogram(data, bins=2, range=(0.0, 2.0))[0])


def test_nonzero_concrete_and_symbolic():
    x = np.array([[0, 2], [3, 0]], "int32")
    out = ops.nonzero(x)
    assert len(out) == 2
    for got, exp in zip(out, np.nonzero(x)):
        check(got, exp)
        assert ops.dtype(got) == "int32"
    with pytest.raises(ValueError, match="ops.nonzero"):
        ops.nonzero(sym((None, 2)))
    with pytest.raises(ValueError, match="ops.where"):
        ops.where(sym((None, 2), "bool"))
