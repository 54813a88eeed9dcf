"""Creation, shape manipulation and indexing ops against NumPy."""

import numpy as np
import pytest

from kerasx import config, ops
from ops_helpers import check, sym, to_np

X = np.arange(24, dtype="float32").reshape(2, 3, 4)


def test_creation_defaults():
    for fn in (ops.zeros, ops.ones, ops.empty):
        out = fn((2, 3))
        assert ops.dtype(out) == config.floatx() and ops.shape(out) == (2, 3)
    check(ops.zeros((2,), dtype="int32"), [0, 0], dtype="int32")
    check(ops.ones((0, 2)), np.ones((0, 2)))
    check(ops.full((2, 2), 7), np.full((2, 2), 7.0), dtype=config.floatx())
    check(ops.full((2,), 3, dtype="int8"), [3, 3], dtype="int8")
    check(ops.eye(3, 4, k=1), np.eye(3, 4, k=1), dtype=config.floatx())
    check(ops.eye(2, dtype="int32"), np.eye(2), dtype="int32")
    check(ops.identity(3), np.identity(3), dtype=config.floatx())
    check(ops.tri(3, 4, k=-1), np.tri(3, 4, k=-1), dtype=config.floatx())
    i = np.array([[1, 2], [3, 4]], "int16")
    check(ops.zeros_like(i), np.zeros_like(i), dtype="int16")
    check(ops.ones_like(i, dtype="float32"), np.ones((2, 2)), dtype="float32")
    check(ops.full_like(i, 5), np.full_like(i, 5), dtype="int16")


def test_array_convert_and_arange():
    check(ops.array([[1, 2], [3, 4]]), [[1, 2], [3, 4]], dtype="int32")
    check(ops.array([1.5, 2.0]), [1.5, 2.0], dtype=config.floatx())
    check(ops.array([1, 2], dtype="float64"), [1.0, 2.0], dtype="float64")
    check(ops.arange(5), np.arange(5), dtype="int32")
    check(ops.arange(1, 7, 2), [1, 3, 5], dtype="int32")
    check(ops.arange(0.0, 1.0, 0.25), np.arange(0.0, 1.0, 0.25), dtype=config.floatx())
    check(ops.arange(3, dtype="float64"), [0.0, 1.0, 2.0], dtype="float64")
    check(ops.arange(5, 1, -2), [5, 3])


def test_linspace_logspace_meshgrid_vander():
    check(ops.linspace(0.0, 1.0, 5), np.linspace(0.0, 1.0, 5), dtype=config.floatx())
    check(ops.linspace(0.0, 1.0, 4, endpoint=False), np.linspace(0.0, 1.0, 4, endpoint=False))
    vals, step = ops.linspace(0.0, 2.0, 5, retstep=True)
    check(vals, np.linspace(0.0, 2.0, 5))
    assert abs(float(to_np(step)) - 0.5) < 1e-6
    check(ops.linspace([0.0, 1.0], [1.0, 3.0], 3, axis=1),
          np.linspace([0.0, 1.0], [1.0, 3.0], 3, axis=1))
    check(ops.logspace(0.0, 2.0, 3), np.logspace(0.0, 2.0, 3), rtol=1e-5)
    check(ops.logspace(0.0, 3.0, 4, base=2), np.logspace(0.0, 3.0, 4, base=2), rtol=1e-5)
    a, b = np.array([1, 2, 3]), np.array([4, 5])
    for indexing in ("xy", "ij"):
        got = ops.meshgrid(a, b, indexing=indexing)
        for g, e in zip(got, np.meshgrid(a, b, indexing=indexing)):
            check(g, e)
    check(ops.vander(np.array([2, 3, 5])), np.vander(np.array([2, 3, 5])))
    check(ops.vander(np.array([2.0, 3.0]), 3, increasing=True),
          np.vander(np.array([2.0, 3.0]), 3, increasing=True))


def test_diag_family():
    v = np.array([1.0, 2.0, 3.0], "float32")
    m = np.arange(12, dtype="float32").reshape(3, 4)
    for k in (0, 1, -1):
        check(ops.diag(v, k=k), np.diag(v, k=k))
        check(ops.diag(m, k=k), np.diag(m, k=k))
        check(ops.diagflat(v.reshape(1, 3), k=k), np.diagflat(v.reshape(1, 3), k=k))
        check(ops.tril(m, k=k), np.tril(m, k=k))
        check(ops.triu(m, k=k), np.triu(m, k=k))
    check(ops.diagonal(X, offset=1, axis1=1, axis2=2), np.diagonal(X, offset=1, axis1=1, axis2=2))
    check(ops.diagonal(X, axis1=-1, axis2=0), np.diagonal(X, axis1=-1, axis2=0))
    check(ops.tril(X), np.tril(X))


SHAPE_CASES = [
    ("reshape", lambda f: f(X, (4, -1)), lambda: X.reshape(4, -1)),
    ("ravel", lambda f: f(X), lambda: X.ravel()),
    ("transpose", lambda f: f(X), lambda: X.T),
    ("transpose_axes", lambda f: f(X, (1, 0, 2)), lambda: X.transpose(1, 0, 2)),
    ("swapaxes", lambda f: f(X, 0, -1), lambda: np.swapaxes(X, 0, -1)),
    ("moveaxis", lambda f: f(X, 0, -1), lambda: np.moveaxis(X, 0, -1)),
    ("moveaxis_multi", lambda f: f(X, (0, 1), (-1, 0)), lambda: np.moveaxis(X, (0, 1), (-1, 0))),
    ("expand_dims", lambda f: f(X, -1), lambda: np.expand_dims(X, -1)),
    ("expand_dims_tuple", lambda f: f(X, (0, 2)), lambda: np.expand_dims(X, (0, 2))),
    ("squeeze", lambda f: f(X.reshape(1, 2, 1, 12)), lambda: X.reshape(1, 2, 1, 12).squeeze()),
    ("squeeze_axis", lambda f: f(X.reshape(1, 2, 1, 12), -2),
     lambda: X.reshape(1, 2, 1, 12).squeeze(-2)),
    ("broadcast_to", lambda f: f(X[0, 0], (3, 4)), lambda: np.broadcast_to(X[0, 0], (3, 4))),
    ("flip", lambda f: f(X), lambda: np.flip(X)),
    ("flip_axis", lambda f: f(X, -1), lambda: np.flip(X, -1)),
    ("flip_tuple", lambda f: f(X, (0, 2)), lambda: np.flip(X, (0, 2))),
    ("roll", lambda f: f(X, 2), lambda: np.roll(X, 2)),
    ("roll_axis", lambda f: f(X, -1, axis=1), lambda: np.roll(X, -1, axis=1)),
    ("roll_multi", lambda f: f(X, (1, 2), axis=(0, 2)), lambda: np.roll(X, (1, 2), axis=(0, 2))),
    ("rot90", lambda f: f(X[0]), lambda: np.rot90(X[0])),
    ("rot90_k", lambda f: f(X, k=3, axes=(1, 2)), lambda: np.rot90(X, k=3, axes=(1, 2))),
    ("tile", lambda f: f(X[0], (2, 1)), lambda: np.tile(X[0], (2, 1))),
    ("tile_int", lambda f: f(X[0, 0], 3), lambda: np.tile(X[0, 0], 3)),
    ("repeat", lambda f: f(X[0], 2), lambda: np.repeat(X[0], 2)),
    ("repeat_axis", lambda f: f(X[0], 2, axis=-1), lambda: np.repeat(X[0], 2, axis=-1)),
    ("repeat_list", lambda f: f(X[0], [1, 0, 2], axis=0), lambda: np.repeat(X[0], [1, 0, 2], axis=0)),
    ("diff", lambda f: f(X), lambda: np.diff(X)),
    ("diff_n", lambda f: f(X, n=2, axis=1), lambda: np.diff(X, n=2, axis=1)),
]


@pytest.mark.parametrize("name,call,ref", SHAPE_CASES, ids=[c[0] for c in SHAPE_CASES])
def test_shape_op(name, call, ref):
    # ids are "<op>" or "<op>_<variant>"
    fn = next(getattr(ops, n) for n in (name, name.rsplit("_", 1)[0]) if hasattr(ops, n))
    check(call(fn), ref(), dtype="float32")


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric"])
def test_pad(mode):
    x = np.arange(6, dtype="float32").reshape(2, 3)
    pw = ((1, 2), (2, 1))
    check(ops.pad(x, pw, mode=mode), np.pad(x, pw, mode=mode))
    if mode == "constant":
        check(ops.pad(x, pw, constant_values=-1), np.pad(x, pw, constant_values=-1))
        check(ops.pad(x, 1), np.pad(x, 1))
        assert ops.pad(sym((None, 3)), ((0, 0), (1, 1))).shape == (None, 5)


def test_join_and_split():
    a, b = X[:, :1], X[:, 1:]
    check(ops.concatenate([a, b], axis=1), X)
    check(ops.concatenate([a, b], axis=-2), X)
    check(ops.concatenate([X, X], axis=None), np.concatenate([X, X], axis=None))
    check(ops.append(X, X), np.append(X, X))
    check(ops.append(X, X, axis=-1), np.append(X, X, axis=-1))
    check(ops.stack([X, X], axis=-1), np.stack([X, X], axis=-1))
    check(ops.hstack([X, X]), np.hstack([X, X]))
    check(ops.vstack([X[0], X[1]]), np.vstack([X[0], X[1]]))
    check(ops.hstack([np.array([1, 2]), np.array([3])]), [1, 2, 3])
    for got, exp in zip(ops.split(X, 2, axis=-1), np.split(X, 2, axis=-1)):
        check(got, exp)
    pieces = ops.split(X, [1, 3], axis=2)
    assert len(pieces) == 3
    for got, exp in zip(pieces, np.split(X, [1, 3], axis=2)):
        check(got, exp)
    parts = ops.unstack(X, axis=1)
    assert len(parts) == 3
    check(parts[2], X[:, 2])
    assert ops.concatenate([sym((None, 3)), sym((None, 2))], axis=-1).shape == (None, 5)
    assert ops.stack([sym((None, 3)), sym((None, 3))], axis=1).shape == (None, 2, 3)
    assert [p.shape for p in ops.split(sym((None, 6)), 3, axis=1)] == [(None, 2)] * 3


def test_shape_ops_symbolic():
    s = sym((None, 3, 4))
    assert ops.reshape(s, (-1, 12)).shape == (None, 12)
    assert ops.transpose(s, (2, 0, 1)).shape == (4, None, 3)
    assert ops.expand_dims(s, -1).shape == (None, 3, 4, 1)
    assert ops.squeeze(sym((None, 1, 4)), 1).shape == (None, 4)
    assert ops.tile(sym((None, 2)), (1, 3)).shape == (None, 6)
    assert ops.flip(s, 1).shape == (None, 3, 4)
    assert ops.moveaxis(s, 0, -1).shape == (3, 4, None)
    assert ops.broadcast_to(sym((1, 4)), (5, 4)).shape == (5, 4)
    assert ops.shape(s) == (None, 3, 4) and ops.ndim(s) == 3 and ops.dtype(s) == "float32"
    assert ops.size(sym((2, 3))) == 6
    assert ops.ravel(sym((2, 3))).shape == (6,)


def test_shape_ndim_size_dtype_concrete():
    x = ops.ones((2, 3), dtype="int8")
    assert ops.shape(x) == (2, 3) and isinstance(ops.shape(x), tuple)
    assert int(ops.ndim(x)) == 2
    assert int(ops.size(x)) == 6
    assert ops.dtype(x) == "int8"
    assert ops.shape(np.zeros((4, 0))) == (4, 0)


INDEX_KEYS = [
    1, -1, slice(1, None), (slice(None), 0), (Ellipsis, -1), (None, 0), (0, slice(None, None, -1)),
    (slice(None), slice(0, 3, 2), None), np.array([1, 0, 1]), (slice(None), np.array([2, 0])),
    np.array([True, False]), (np.array([0, 1]), np.array([2, 1])),
]


@pytest.mark.parametrize("key", INDEX_KEYS, ids=[str(i) for i in range(len(INDEX_KEYS))])
def test_get_item(key):
    check(ops.get_item(X, key), X[key])


def test_get_item_symbolic():
    s = sym((None, 3, 4))
    assert ops.get_item(s, (slice(None), 0)).shape == (None, 4)
    assert s[:, 1:, None].shape == (None, 2, 1, 4)
    assert s[..., -1].shape == (None, 3)


def test_take_and_take_along_axis():
    idx = np.array([[0, 2], [1, -1]])
    check(ops.take(X, idx), np.take(X, idx))
    check(ops.take(X, np.array([2, 0]), axis=-1), np.take(X, [2, 0], axis=-1))
    check(ops.take(X, idx, axis=1), np.take(X, idx, axis=1))
    order = np.argsort(-X, axis=-1)
    check(ops.take_along_axis(X, order, axis=-1), np.take_along_axis(X, order, axis=-1))
    check(ops.take_along_axis(X, order[:, :, :1], axis=2), np.take_along_axis(X, order[:, :, :1], axis=2))
    flat = np.array([5, 0, 23])
    check(ops.take_along_axis(X, flat, axis=None), np.take_along_axis(X, flat, axis=None))
    assert ops.take(sym((None, 5)), np.array([0, 1, 2]), axis=1).shape == (None, 3)


def test_where_select_unravel():
    cond = X > 10
    check(ops.where(cond, X, -X), np.where(cond, X, -X), dtype="float32")
    check(ops.where(cond, 1, 0), np.where(cond, 1, 0), dtype="int32")
    check(ops.where(cond, X, 0), np.where(cond, X, 0), dtype="float32")
    for got, exp in zip(ops.where(np.array([0, 3, 0, 1])), np.where(np.array([0, 3, 0, 1]))):
        check(got, exp)
    assert ops.where(sym((None, 3), "bool"), sym((None, 3)), 0.0).shape == (None, 3)
    x = np.arange(6, dtype="float32")
    condlist = [x < 2, x > 3]
    choices = [x, x ** 2]
    check(ops.select(condlist, choices, default=-1.0), np.select(condlist, choices, default=-1.0))
    for got, exp in zip(ops.unravel_index(np.array([5, 7, 0]), (2, 4)),
                        np.unravel_index([5, 7, 0], (2, 4))):
        check(got, exp)


def test_empty_array_shape_ops():
    e = np.zeros((0, 3), "float32")
    check(ops.reshape(e, (3, 0)), e.reshape(3, 0))
    check(ops.concatenate([e, np.ones((2, 3), "float32")]), np.concatenate([e, np.ones((2, 3))]))
    check(ops.transpose(e), e.T)
    check(ops.tile(e, (2, 1)), np.tile(e, (2, 1)))
