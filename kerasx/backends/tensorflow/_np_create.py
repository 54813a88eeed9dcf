"""TensorFlow backend: array creation."""

import numpy as np
import tensorflow as tf

from kerasx import dtypes
from kerasx.backends.tensorflow._common import convert, tf_dtype


def _shape_arg(shape):
    if isinstance(shape, int):
        return [shape]
    if tf.is_tensor(shape):
        return shape
    return [int(s) if not tf.is_tensor(s) else s for s in shape]


def zeros(shape, dtype=None):
    return tf.zeros(_shape_arg(shape), tf_dtype(dtype))


def ones(shape, dtype=None):
    return tf.ones(_shape_arg(shape), tf_dtype(dtype))


def empty(shape, dtype=None):
    return tf.zeros(_shape_arg(shape), tf_dtype(dtype))


def full(shape, fill_value, dtype=None):
    dt = tf_dtype(dtype)
    fill = tf.cast(convert(fill_value), dt)
    return tf.broadcast_to(fill, _shape_arg(shape))


def _like_dtype(x, dtype):
    return x.dtype if dtype is None else tf_dtype(dtype)


def zeros_like(x, dtype=None):
    x = convert(x)
    return tf.zeros(tf.shape(x), _like_dtype(x, dtype))


def ones_like(x, dtype=None):
    x = convert(x)
    return tf.ones(tf.shape(x), _like_dtype(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = convert(x)
    dt = _like_dtype(x, dtype)
    return tf.broadcast_to(tf.cast(convert(fill_value), dt), tf.shape(x))


def eye(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    dt = tf_dtype(dtype)
    if k == 0:
        return tf.eye(N, M, dtype=dt)
    r = tf.range(N)[:, None]
    c = tf.range(M)[None, :]
    return tf.cast(tf.equal(c - r, k), dt)


def identity(n, dtype=None):
    return tf.eye(n, dtype=tf_dtype(dtype))


def tri(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    r = tf.range(N)[:, None]
    c = tf.range(M)[None, :]
    return tf.cast(c - r <= k, tf_dtype(dtype))


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if dtype is None:
        vals = [start, stop, step]
        if all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in vals):
            dtype = "int32"
        else:
            dts = [v if isinstance(v, (int, float)) else convert(v).dtype.name for v in vals]
            dtype = dtypes.result_type(*dts)
            if not dtypes.is_float(dtype):
                dtype = "int32" if all(isinstance(v, int) for v in vals) else dtype
    dt = tf_dtype(dtype)
    if dt.is_integer:
        return tf.range(start, stop, step, dtype=dt)
    comp = tf.float64 if dt != tf.float64 and not tf.is_tensor(start) else dt
    return tf.cast(tf.range(tf.cast(start, comp), tf.cast(stop, comp), tf.cast(step, comp)), dt)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    dt = tf_dtype(dtype)
    comp = tf.float64 if not dt.is_floating or dt.size < 8 else dt
    start_t = tf.cast(convert(start), comp)
    stop_t = tf.cast(convert(stop), comp)
    div = (num - 1) if endpoint else num
    step = (stop_t - start_t) / div if div > 0 else tf.zeros_like(start_t) + float("nan")
    idx = tf.range(num, dtype=comp)
    extra = len(start_t.shape) if len(start_t.shape) > len(stop_t.shape) else len(stop_t.shape)
    idx = tf.reshape(idx, [num] + [1] * extra)
    res = start_t + idx * (step if div > 0 else tf.zeros_like(start_t))
    if endpoint and num > 1:
        res = tf.concat([res[:-1], tf.expand_dims(tf.broadcast_to(stop_t, tf.shape(res)[1:]), 0)],
                        0)
    if axis != 0:
        res = _moveaxis0(res, axis)
    res = tf.cast(res, dt) if not dt.is_integer else tf.cast(tf.floor(res), dt)
    if retstep:
        return res, tf.cast(step, dt)
    return res


def _moveaxis0(x, axis):
    nd = len(x.shape)
    axis = axis % nd
    perm = list(range(1, nd))
    perm.insert(axis, 0)
    return tf.transpose(x, perm)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    dt = tf_dtype(dtype)
    exps = linspace(start, stop, num=num, endpoint=endpoint, dtype="float64", axis=axis)
    return tf.cast(tf.pow(tf.cast(base, tf.float64), exps), dt)


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"ops.meshgrid: indexing must be 'xy' or 'ij', got {indexing!r}.")
    return tf.meshgrid(*[convert(t) for t in x], indexing=indexing)


def array(x, dtype=None):
    return convert(x, dtype)


def copy(x):
    return tf.identity(convert(x))
