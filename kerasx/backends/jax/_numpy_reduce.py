"""Reductions, sorting, searching and statistics with NumPy names."""

import jax.numpy as jnp

from kerasx import config
from kerasx import dtypes
from kerasx.backends.jax._common import (
    binary, convert_to_tensor, jdt, standardize_axis, std_dtype, sum_dtype, to_float,
)


def _ax(axis):
    return standardize_axis(axis)


def sum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    dt = sum_dtype(std_dtype(x.dtype))
    return jnp.sum(x, axis=_ax(axis), keepdims=keepdims, dtype=dt)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    dt = jdt(dtype) if dtype is not None else sum_dtype(std_dtype(x.dtype))
    return jnp.prod(x, axis=_ax(axis), keepdims=keepdims, dtype=dt)


def _cum(fn, x, axis, dtype):
    x = convert_to_tensor(x)
    dt = jdt(dtype) if dtype is not None else sum_dtype(std_dtype(x.dtype))
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    return fn(x, axis=int(axis), dtype=dt)


def cumsum(x, axis=None, dtype=None):
    return _cum(jnp.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cum(jnp.cumprod, x, axis, dtype)


def mean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    dt = std_dtype(x.dtype)
    if not dtypes.is_float(dt) and not dtypes.is_complex(dt):
        dt = config.floatx()
    if dt in ("float16", "bfloat16"):
        return jnp.mean(x, axis=_ax(axis), keepdims=keepdims, dtype=jnp.float32).astype(dt)
    return jnp.mean(x, axis=_ax(axis), keepdims=keepdims, dtype=dt)


def var(x, axis=None, keepdims=False):
    x = to_float(x)
    dt = x.dtype
    acc = jnp.float32 if dt in (jnp.float16, jnp.bfloat16) else dt
    return jnp.var(x.astype(acc), axis=_ax(axis), keepdims=keepdims).astype(dt)


def std(x, axis=None, keepdims=False):
    x = to_float(x)
    dt = x.dtype
    acc = jnp.float32 if dt in (jnp.float16, jnp.bfloat16) else dt
    return jnp.std(x.astype(acc), axis=_ax(axis), keepdims=keepdims).astype(dt)


def average(x, axis=None, weights=None):
    x = convert_to_tensor(x)
    if weights is None:
        return mean(x, axis=axis)
    w = convert_to_tensor(weights)
    dt = dtypes.result_type(std_dtype(x.dtype), std_dtype(w.dtype))
    if not dtypes.is_float(dt):
        dt = config.floatx()
    return jnp.average(x.astype(dt), axis=_ax(axis), weights=w.astype(dt))


def _maxmin(fn, x, axis, keepdims, initial):
    x = convert_to_tensor(x)
    if initial is not None:
        return fn(x, axis=_ax(axis), keepdims=keepdims,
                  initial=convert_to_tensor(initial, x.dtype) if x.dtype != jnp.bool_ else initial)
    return fn(x, axis=_ax(axis), keepdims=keepdims)


def max(x, axis=None, keepdims=False, initial=None):
    return _maxmin(jnp.max, x, axis, keepdims, initial)


def min(x, axis=None, keepdims=False, initial=None):
    return _maxmin(jnp.min, x, axis, keepdims, initial)


def amax(x, axis=None, keepdims=False):
    return jnp.max(convert_to_tensor(x), axis=_ax(axis), keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return jnp.min(convert_to_tensor(x), axis=_ax(axis), keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    return jnp.all(convert_to_tensor(x), axis=_ax(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    return jnp.any(convert_to_tensor(x), axis=_ax(axis), keepdims=keepdims)


def count_nonzero(x, axis=None):
    return jnp.count_nonzero(convert_to_tensor(x), axis=_ax(axis)).astype(jnp.int32)


def argmax(x, axis=None, keepdims=False):
    return jnp.argmax(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype(jnp.int32)


def argmin(x, axis=None, keepdims=False):
    return jnp.argmin(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype(jnp.int32)


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return jnp.argsort(x, axis=axis, stable=True).astype(jnp.int32)


def sort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return jnp.sort(x, axis=axis)


def argpartition(x, kth, axis=-1):
    x = convert_to_tensor(x)
    return jnp.argpartition(x, kth, axis=axis).astype(jnp.int32)


def median(x, axis=None, keepdims=False):
    x = to_float(x)
    return jnp.median(x, axis=_ax(axis), keepdims=keepdims)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    x = to_float(x)
    q = convert_to_tensor(q, x.dtype)
    return jnp.quantile(x, q, axis=_ax(axis), method=method, keepdims=keepdims).astype(x.dtype)


def nonzero(x):
    return tuple(i.astype(jnp.int32) for i in jnp.nonzero(convert_to_tensor(x)))


def searchsorted(sorted_sequence, values, side="left"):
    s = convert_to_tensor(sorted_sequence)
    v = convert_to_tensor(values)
    if s.ndim != 1:
        raise ValueError(
            f"ops.searchsorted: sorted_sequence must be 1-D, got shape {tuple(s.shape)}.")
    s, v, _ = binary(s, v)
    return jnp.searchsorted(s, v, side=side).astype(jnp.int32)


def digitize(x, bins):
    x = convert_to_tensor(x)
    bins = convert_to_tensor(bins)
    x, bins, _ = binary(x, bins)
    return jnp.digitize(x, bins).astype(jnp.int32)


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError("ops.bincount: sparse=True is not supported on the JAX backend; "
                         "use sparse=False.")
    x = convert_to_tensor(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"ops.bincount: x must be 1-D or 2-D, got shape {tuple(x.shape)}.")
    length = builtin_max(int(minlength), int(jnp.max(x)) + 1 if x.size else 0)
    if weights is None:
        dt = jnp.int32
        w = jnp.ones(x.shape, dt)
    else:
        w = convert_to_tensor(weights)
        dt = w.dtype if w.dtype != jnp.bool_ else jnp.int32
        w = w.astype(dt)
    if x.ndim == 1:
        return jnp.zeros((length,), dt).at[x].add(w)
    rows = jnp.arange(x.shape[0])[:, None]
    return jnp.zeros((x.shape[0], length), dt).at[rows, x].add(w)


import builtins as _builtins  # noqa: E402

builtin_max = _builtins.max


def histogram(x, bins=10, range=None):
    x = convert_to_tensor(x)
    if x.ndim != 1:
        raise ValueError(f"ops.histogram: x must be 1-D, got shape {tuple(x.shape)}.")
    counts, edges = jnp.histogram(x, bins=bins, range=range)
    return counts.astype(jnp.int32), edges.astype(to_float(x).dtype)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = to_float(y)
    if x is not None:
        x = convert_to_tensor(x, y.dtype)
    return jnp.trapezoid(y, x=x, dx=dx, axis=axis)


def corrcoef(x):
    x = to_float(x)
    return jnp.corrcoef(x).astype(x.dtype)


def correlate(x1, x2, mode="valid"):
    a, b, dt = binary(x1, x2)
    if not dtypes.is_float(dt):
        a, b = a.astype(config.floatx()), b.astype(config.floatx())
    return jnp.correlate(a, b, mode=mode)
