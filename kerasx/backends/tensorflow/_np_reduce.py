"""TensorFlow backend: reductions, cumulative ops, statistics."""

import tensorflow as tf

from kerasx import dtypes
from kerasx.backends.tensorflow._common import (
    TO_TF, axes, convert, dname, promote, to_float)

# sum/prod accumulate narrow types in a wider one (as Keras does).
_ACC = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "uint32", "uint16": "uint32"}
# TF CPU kernels lack some unsigned reductions; compute in a signed type and cast back.
_COMPUTE = {"uint32": tf.int64, "uint64": tf.int64, "uint8": tf.int32, "uint16": tf.int32,
            "int8": tf.int32, "int16": tf.int32}


def _acc_cast(x, dtype):
    if dtype is not None:
        out = dtypes.standardize_dtype(dtype)
    else:
        out = _ACC.get(dname(x), dname(x))
    comp = _COMPUTE.get(out, TO_TF[out]) if out != "bool" else tf.int32
    return tf.cast(x, comp), TO_TF[out]


def sum(x, axis=None, keepdims=False):
    x = convert(x)
    x, out = _acc_cast(x, None)
    r = tf.reduce_sum(x, axis=axes(axis), keepdims=keepdims)
    return r if r.dtype == out else tf.cast(r, out)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert(x)
    x, out = _acc_cast(x, dtype)
    r = tf.reduce_prod(x, axis=axes(axis), keepdims=keepdims)
    return r if r.dtype == out else tf.cast(r, out)


def mean(x, axis=None, keepdims=False):
    x = convert(x)
    if x.dtype.is_floating and x.dtype.size < 4:
        # accumulate half precision in float32
        return tf.cast(tf.reduce_mean(tf.cast(x, tf.float32), axis=axes(axis), keepdims=keepdims),
                       x.dtype)
    return tf.reduce_mean(to_float(x), axis=axes(axis), keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    x = to_float(x)
    comp = tf.float32 if x.dtype.size < 4 else x.dtype
    r = tf.math.reduce_variance(tf.cast(x, comp), axis=axes(axis), keepdims=keepdims)
    return tf.cast(r, x.dtype)


def std(x, axis=None, keepdims=False):
    return tf.sqrt(var(x, axis=axis, keepdims=keepdims))


def _ext(x, axis, keepdims, initial, fn, combine):
    x = convert(x)
    if x.dtype == tf.bool:
        r = (tf.reduce_any if fn is tf.reduce_max else tf.reduce_all)(x, axis=axes(axis),
                                                                       keepdims=keepdims)
    elif x.dtype in (tf.int8, tf.int16, tf.uint16):
        r = tf.cast(fn(tf.cast(x, tf.int32), axis=axes(axis), keepdims=keepdims), x.dtype)
    else:
        r = fn(x, axis=axes(axis), keepdims=keepdims)
    if initial is not None:
        r = combine(r, tf.cast(initial, r.dtype))
    return r


def max(x, axis=None, keepdims=False, initial=None):
    return _ext(x, axis, keepdims, initial, tf.reduce_max, tf.maximum)


def min(x, axis=None, keepdims=False, initial=None):
    return _ext(x, axis, keepdims, initial, tf.reduce_min, tf.minimum)


def amax(x, axis=None, keepdims=False):
    return max(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return min(x, axis=axis, keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    return tf.reduce_all(convert(x, "bool"), axis=axes(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    return tf.reduce_any(convert(x, "bool"), axis=axes(axis), keepdims=keepdims)


def _arg(x, axis, keepdims, fn):
    x = convert(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int32)
    if axis is None:
        r = fn(tf.reshape(x, [-1]), axis=0, output_type=tf.int32)
        if keepdims:
            r = tf.reshape(r, [1] * len(x.shape))
        return r
    r = fn(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(r, axis) if keepdims else r


def argmax(x, axis=None, keepdims=False):
    return _arg(x, axis, keepdims, tf.argmax)


def argmin(x, axis=None, keepdims=False):
    return _arg(x, axis, keepdims, tf.argmin)


def _cum(x, axis, dtype, fn):
    x = convert(x)
    x, out = _acc_cast(x, dtype)
    if axis is None:
        x = tf.reshape(x, [-1])
        axis = 0
    r = fn(x, axis=axis)
    return r if r.dtype == out else tf.cast(r, out)


def cumsum(x, axis=None, dtype=None):
    return _cum(x, axis, dtype, tf.cumsum)


def cumprod(x, axis=None, dtype=None):
    return _cum(x, axis, dtype, tf.math.cumprod)


def count_nonzero(x, axis=None):
    return tf.math.count_nonzero(convert(x), axis=axes(axis), dtype=tf.int32)


def average(x, axis=None, weights=None):
    x = convert(x)
    if weights is None:
        return mean(x, axis=axis)
    weights = convert(weights)
    x, weights, dt = promote(x, weights)
    if not dt.is_floating:
        x, weights = to_float(x), to_float(weights)
    if axis is not None and len(weights.shape) == 1 and len(x.shape) > 1:
        ax = axis % len(x.shape)
        shp = [1] * len(x.shape)
        shp[ax] = -1
        weights = tf.reshape(weights, shp)
    ax = axes(axis)
    return tf.reduce_sum(x * weights, axis=ax) / tf.reduce_sum(
        tf.broadcast_to(weights, tf.shape(x)), axis=ax)


def _move_to_end(x, axis):
    """Moves ``axis`` (None/int/tuple) to one flattened trailing axis."""
    nd = len(x.shape)
    if axis is None:
        return tf.reshape(x, [-1]), list(range(nd)), nd
    ax = [axis] if isinstance(axis, int) else list(axis)
    ax = sorted(a % nd for a in ax)
    keep = [i for i in range(nd) if i not in ax]
    y = tf.transpose(x, keep + ax)
    shp = tf.shape(y)
    y = tf.reshape(y, tf.concat([shp[:len(keep)], [-1]], 0))
    return y, ax, nd


def quantile(x, q, axis=None, method="linear", keepdims=False):
    if method not in ("linear", "lower", "higher", "midpoint", "nearest"):
        raise ValueError(
            "ops.quantile: method must be one of 'linear', 'lower', 'higher', 'midpoint', "
            f"'nearest'; got {method!r}.")
    x = to_float(x)
    q = tf.cast(convert(q), x.dtype if x.dtype.size >= 4 else tf.float32)
    y, ax, nd = _move_to_end(x, axis)
    comp = tf.float32 if x.dtype.size < 4 else x.dtype
    y = tf.sort(tf.cast(y, comp), axis=-1)
    n = tf.shape(y)[-1]
    pos = tf.cast(q, comp) * tf.cast(n - 1, comp)
    lo = tf.floor(pos)
    hi = tf.math.ceil(pos)
    if method == "lower":
        pos_idx = (lo, lo)
    elif method == "higher":
        pos_idx = (hi, hi)
    elif method == "nearest":
        r = tf.round(pos)
        pos_idx = (r, r)
    else:
        pos_idx = (lo, hi)
    i0 = tf.cast(pos_idx[0], tf.int32)
    i1 = tf.cast(pos_idx[1], tf.int32)
    qshape = q.shape
    qflat = tf.reshape(i0, [-1])
    v0 = tf.gather(y, qflat, axis=-1)
    v1 = tf.gather(y, tf.reshape(i1, [-1]), axis=-1)
    if method == "linear":
        frac = tf.reshape(pos - lo, [-1])
        val = v0 + (v1 - v0) * frac
    elif method == "midpoint":
        val = (v0 + v1) / 2
    else:
        val = v0
    # NaN anywhere in the reduced slice gives NaN, as in NumPy.
    has_nan = tf.reduce_any(tf.math.is_nan(y), axis=-1, keepdims=True)
    val = tf.where(has_nan, tf.constant(float("nan"), comp), val)
    # val: (kept..., nq) -> (nq..., kept...)
    kept_rank = len(val.shape) - 1
    val = tf.transpose(val, [kept_rank] + list(range(kept_rank)))
    val = tf.reshape(val, tf.concat([tf.constant(qshape.as_list(), tf.int32), tf.shape(val)[1:]], 0))
    if keepdims:
        qr = len(qshape)
        for a in ax:
            val = tf.expand_dims(val, qr + a)
    return tf.cast(val, x.dtype)


def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)
