"""TensorFlow backend: products and other multi-operand NumPy ops."""

import tensorflow as tf

from kerasx import config
from kerasx.backends.tensorflow._common import (TO_TF, convert, promote, promote_many,
                                                raw_operand, to_float)

# TF CPU matmul has no kernels for narrow ints or bool; compute wider and cast back.
_MM_COMPUTE = {tf.bool: tf.int32, tf.int8: tf.int32, tf.int16: tf.int32, tf.uint8: tf.int32,
               tf.uint16: tf.int32, tf.uint32: tf.int64, tf.uint64: tf.int64}


def _mm_args(x1, x2):
    x1, x2, dt = promote(x1, x2)
    comp = _MM_COMPUTE.get(dt)
    if comp is not None:
        x1, x2 = tf.cast(x1, comp), tf.cast(x2, comp)
    return x1, x2, dt


def _back(r, dt):
    if dt == tf.bool:
        return r > 0
    return r if r.dtype == dt else tf.cast(r, dt)


_FAST_MM = frozenset(id(d) for d in (tf.float32, tf.float16, tf.bfloat16, tf.float64))


def matmul(x1, x2):
    a, b = raw_operand(x1), raw_operand(x2)
    if a is not None and b is not None:
        dt = a.dtype
        if dt is b.dtype and id(dt) in _FAST_MM and a.shape.rank == 2 and b.shape.rank == 2:
            # The common float 2-D case (a layer's input times its kernel) goes straight to
            # the kernel: no promotion, no reshapes, and a variable operand is read by the op.
            return tf.raw_ops.MatMul(a=a, b=b)
    x1, x2, dt = _mm_args(x1, x2)
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == 0 or r2 == 0:
        raise ValueError(
            f"ops.matmul: inputs must have at least 1 dimension, got shapes {tuple(x1.shape)} "
            f"and {tuple(x2.shape)}; use ops.multiply for scalars.")
    if r1 == 1:
        x1 = x1[None, :]
    if r2 == 1:
        x2 = x2[:, None]
    r = tf.linalg.matmul(x1, x2)
    if r2 == 1:
        r = r[..., 0]
    if r1 == 1:
        r = r[..., 0, :] if r2 != 1 else r[..., 0]
    return _back(r, dt)


def dot(x1, x2):
    x1, x2, dt = _mm_args(x1, x2)
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == 0 or r2 == 0:
        return _back(x1 * x2, dt)
    if r2 == 1:
        return _back(tf.tensordot(x1, x2, [[r1 - 1], [0]]), dt)
    return _back(tf.tensordot(x1, x2, [[r1 - 1], [r2 - 2]]), dt)


def tensordot(x1, x2, axes=2):
    x1, x2, dt = _mm_args(x1, x2)
    if not isinstance(axes, int):
        axes = [list(a) if isinstance(a, (list, tuple)) else [a] for a in axes]
    return _back(tf.tensordot(x1, x2, axes), dt)


def inner(x1, x2):
    x1, x2, dt = _mm_args(x1, x2)
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == 0 or r2 == 0:
        return _back(x1 * x2, dt)
    return _back(tf.tensordot(x1, x2, [[r1 - 1], [r2 - 1]]), dt)


def outer(x1, x2):
    x1, x2, dt = promote(x1, x2)
    a = tf.reshape(x1, [-1, 1])
    b = tf.reshape(x2, [1, -1])
    return tf.logical_and(a, b) if dt == tf.bool else a * b


def vdot(x1, x2):
    x1, x2, dt = _mm_args(x1, x2)
    a = tf.reshape(x1, [-1])
    if a.dtype.is_complex:
        a = tf.math.conj(a)
    return _back(tf.reduce_sum(a * tf.reshape(x2, [-1])), dt)


def einsum(subscripts, *operands, **kwargs):
    ts, dt = promote_many(list(operands))
    comp = _MM_COMPUTE.get(dt)
    if comp is not None:
        ts = [tf.cast(t, comp) for t in ts]
    return _back(tf.einsum(subscripts, *ts), dt)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    x1, x2, dt = promote(x1, x2)
    if axis is not None:
        axisa = axisb = axisc = axis
    a = tf.experimental.numpy.moveaxis(x1, axisa, -1)
    b = tf.experimental.numpy.moveaxis(x2, axisb, -1)
    if a.shape[-1] not in (2, 3) or b.shape[-1] not in (2, 3):
        raise ValueError(
            f"ops.cross: the vector axes must have size 2 or 3, got {a.shape[-1]} and "
            f"{b.shape[-1]}.")
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    if a.shape[-1] == 2:
        a = tf.concat([a, tf.zeros_like(a[..., :1])], -1)
    if b.shape[-1] == 2:
        b = tf.concat([b, tf.zeros_like(b[..., :1])], -1)
    a0, a1, a2 = a[..., 0], a[..., 1], a[..., 2]
    b0, b1, b2 = b[..., 0], b[..., 1], b[..., 2]
    c = tf.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    return tf.experimental.numpy.moveaxis(c, -1, axisc)


def kron(x1, x2):
    x1, x2, dt = promote(x1, x2)
    nd = max(len(x1.shape), len(x2.shape))
    a = tf.reshape(x1, [1] * (nd - len(x1.shape)) + x1.shape.as_list())
    b = tf.reshape(x2, [1] * (nd - len(x2.shape)) + x2.shape.as_list())
    ea = tf.reshape(a, sum([[d, 1] for d in a.shape.as_list()], []))
    eb = tf.reshape(b, sum([[1, d] for d in b.shape.as_list()], []))
    out = ea * eb if dt != tf.bool else tf.logical_and(ea, eb)
    return tf.reshape(out, [da * db for da, db in zip(a.shape.as_list(), b.shape.as_list())])


def slogdet(x):
    x = to_float(x)
    comp = tf.float32 if x.dtype.size < 4 else x.dtype
    sign, logdet = tf.linalg.slogdet(tf.cast(x, comp))
    return tf.cast(sign, x.dtype), tf.cast(logdet, x.dtype)


def vander(x, N=None, increasing=False):
    x = convert(x)
    n = x.shape[0] if N is None else N
    p = tf.range(n, dtype=x.dtype if x.dtype != tf.bool else tf.int32)
    if not increasing:
        p = tf.reverse(p, [0])
    base = tf.cast(x, p.dtype)
    return tf.pow(base[:, None], p[None, :])


def correlate(x1, x2, mode="valid"):
    if mode not in ("valid", "same", "full"):
        raise ValueError(f"ops.correlate: mode must be 'valid', 'same' or 'full', got {mode!r}.")
    x1, x2, dt = promote(x1, x2)
    if not dt.is_floating:
        f = TO_TF[config.floatx()] if dt.size < 8 else tf.float64
        x1, x2 = tf.cast(x1, f), tf.cast(x2, f)
    n, m = x1.shape[0], x2.shape[0]
    if m > n:
        # numpy swaps and reverses so the longer signal slides.
        return tf.reverse(correlate(x2, x1, mode), [0])
    if mode == "full":
        pad = (m - 1, m - 1)
    elif mode == "same":
        pad = (m // 2, m - 1 - m // 2)
    else:
        pad = (0, 0)
    a = tf.pad(x1, [pad])[None, :, None]
    k = x2[:, None, None]
    return tf.nn.conv1d(a, k, stride=1, padding="VALID")[0, :, 0]


def corrcoef(x):
    x = to_float(x)
    if len(x.shape) == 1:
        x = x[None, :]
    xm = x - tf.reduce_mean(x, axis=1, keepdims=True)
    cov = tf.matmul(xm, xm, transpose_b=True)
    d = tf.sqrt(tf.linalg.diag_part(cov))
    c = cov / (d[:, None] * d[None, :])
    c = tf.clip_by_value(c, -1.0, 1.0)
    return c[0, 0] if c.shape[0] == 1 else c


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = to_float(y)
    nd = len(y.shape)
    axis = axis % nd
    sl1 = [slice(None)] * nd
    sl2 = [slice(None)] * nd
    sl1[axis] = slice(1, None)
    sl2[axis] = slice(None, -1)
    if x is None:
        d = tf.cast(dx, y.dtype)
    else:
        x = tf.cast(convert(x), y.dtype)
        if len(x.shape) == 1:
            d = x[1:] - x[:-1]
            shp = [1] * nd
            shp[axis] = -1
            d = tf.reshape(d, shp)
        else:
            d = x[tuple(sl1)] - x[tuple(sl2)]
    return tf.reduce_sum(d * (y[tuple(sl1)] + y[tuple(sl2)]) / 2.0, axis=axis)


def diff(a, n=1, axis=-1):
    a = convert(a)
    nd = len(a.shape)
    axis = axis % nd
    sl1 = [slice(None)] * nd
    sl2 = [slice(None)] * nd
    sl1[axis] = slice(1, None)
    sl2[axis] = slice(None, -1)
    for _ in range(n):
        if a.dtype == tf.bool:
            a = tf.not_equal(a[tuple(sl1)], a[tuple(sl2)])
        else:
            a = a[tuple(sl1)] - a[tuple(sl2)]
    return a
