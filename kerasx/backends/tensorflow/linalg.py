"""TensorFlow backend: linear algebra."""

import numpy as np
import tensorflow as tf

from kerasx.backends.tensorflow._common import promote, to_float


def _check_square(a, op):
    if len(a.shape) < 2 or (a.shape[-1] is not None and a.shape[-1] != a.shape[-2]):
        raise ValueError(f"ops.{op}: expected a square matrix (..., M, M), got shape "
                         f"{tuple(a.shape)}.")


def cholesky(x, upper=False):
    x = to_float(x)
    _check_square(x, "cholesky")
    r = tf.linalg.cholesky(x)
    return tf.linalg.adjoint(r) if upper else r


def det(a):
    a = to_float(a)
    _check_square(a, "det")
    return tf.linalg.det(a)


def eig(a):
    a = to_float(a)
    _check_square(a, "eig")
    w, v = tf.linalg.eig(a)
    return w, v


def eigh(a):
    a = to_float(a)
    _check_square(a, "eigh")
    w, v = tf.linalg.eigh(a)
    return w, v


def inv(a):
    a = to_float(a)
    _check_square(a, "inv")
    return tf.linalg.inv(a)


def lu_factor(a):
    a = to_float(a)
    _check_square(a, "lu_factor")
    lu, perm = tf.linalg.lu(a)
    # tf returns the final row permutation; SciPy returns the sequence of row swaps.
    n = a.shape[-1]
    batch = tf.shape(perm)[:-1]
    flat = tf.reshape(perm, [-1, n])
    current = tf.broadcast_to(tf.range(n, dtype=perm.dtype), tf.shape(flat))
    pos = current
    pivots = []
    for i in range(n):
        want = flat[:, i]
        j = tf.gather(pos, want, batch_dims=1)
        pivots.append(j)
        row_i = current[:, i]
        # swap the rows at positions i and j, then record both rows' new positions
        cols = tf.range(n, dtype=perm.dtype)[None, :]
        current = tf.where(cols == i, want[:, None],
                           tf.where(cols == j[:, None], row_i[:, None], current))
        pos = tf.tensor_scatter_nd_update(
            pos, tf.stack([tf.range(tf.shape(pos)[0]), row_i], -1), j)
        pos = tf.tensor_scatter_nd_update(
            pos, tf.stack([tf.range(tf.shape(pos)[0]), want], -1), tf.fill(tf.shape(j), i))
    piv = tf.stack(pivots, -1) if n else tf.zeros_like(flat)
    return lu, tf.cast(tf.reshape(piv, tf.concat([batch, [n]], 0)), tf.int32)


def _vector_norm(x, ord, axis, keepdims):
    ax = list(axis)
    ab = tf.abs(x)
    if ord is None or ord == 2:
        return tf.sqrt(tf.reduce_sum(ab * ab, axis=ax, keepdims=keepdims))
    if ord == float("inf"):
        return tf.reduce_max(ab, axis=ax, keepdims=keepdims)
    if ord == float("-inf"):
        return tf.reduce_min(ab, axis=ax, keepdims=keepdims)
    if ord == 0:
        return tf.cast(tf.math.count_nonzero(x, axis=ax, keepdims=keepdims), x.dtype)
    if ord == 1:
        return tf.reduce_sum(ab, axis=ax, keepdims=keepdims)
    if isinstance(ord, str):
        raise ValueError(f"ops.norm: ord={ord!r} is only valid for matrix norms (2 axes).")
    p = tf.cast(ord, x.dtype)
    return tf.pow(tf.reduce_sum(tf.pow(ab, p), axis=ax, keepdims=keepdims), 1.0 / p)


def _matrix_norm(x, ord, axis, keepdims):
    nd = len(x.shape)
    a0, a1 = axis[0] % nd, axis[1] % nd
    if ord is None or ord == "fro":
        r = tf.sqrt(tf.reduce_sum(tf.square(tf.abs(x)), axis=[a0, a1], keepdims=keepdims))
        return r
    if ord in (1, -1, float("inf"), float("-inf")):
        sum_axis, red_axis = (a0, a1) if ord in (1, -1) else (a1, a0)
        s = tf.reduce_sum(tf.abs(x), axis=sum_axis, keepdims=True)
        red = tf.reduce_max if ord in (1, float("inf")) else tf.reduce_min
        r = red(s, axis=red_axis, keepdims=True)
        return r if keepdims else tf.squeeze(r, [a0, a1])
    if ord in ("nuc", 2, -2):
        rest = [i for i in range(nd) if i not in (a0, a1)]
        xt = tf.transpose(x, rest + [a0, a1])
        s = tf.linalg.svd(xt, compute_uv=False)
        if ord == "nuc":
            r = tf.reduce_sum(s, -1)
        elif ord == 2:
            r = tf.reduce_max(s, -1)
        else:
            r = tf.reduce_min(s, -1)
        if keepdims:
            for a in sorted((a0, a1)):
                r = tf.expand_dims(r, a)
        return r
    raise ValueError(f"ops.norm: invalid ord={ord!r} for a matrix norm; expected None, 'fro', "
                     "'nuc', 1, -1, 2, -2, inf or -inf.")


def norm(x, ord=None, axis=None, keepdims=False):
    x = to_float(x)
    nd = len(x.shape)
    if axis is None:
        if ord is None:
            r = tf.sqrt(tf.reduce_sum(tf.square(tf.abs(x))))
            return tf.reshape(r, [1] * nd) if keepdims else r
        axis = tuple(range(nd))
    if isinstance(axis, int):
        axis = (axis,)
    axis = tuple(axis)
    if len(axis) == 1:
        return _vector_norm(x, ord, axis, keepdims)
    if len(axis) == 2:
        return _matrix_norm(x, ord, axis, keepdims)
    raise ValueError(f"ops.norm: axis must be None, an int or a pair of ints, got {axis!r}.")


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"ops.qr: mode must be 'reduced' or 'complete', got {mode!r}.")
    q, r = tf.linalg.qr(to_float(x), full_matrices=(mode == "complete"))
    return q, r


def _solve_args(a, b):
    a, b, dt = promote(a, b)
    if not dt.is_floating:
        a, b = to_float(a), to_float(b)
    vec = len(b.shape) == len(a.shape) - 1
    if vec:
        b = b[..., None]
    return a, b, vec


def solve(a, b):
    a, b, vec = _solve_args(a, b)
    r = tf.linalg.solve(a, b)
    return r[..., 0] if vec else r


def solve_triangular(a, b, lower=False):
    a, b, vec = _solve_args(a, b)
    r = tf.linalg.triangular_solve(a, b, lower=lower)
    return r[..., 0] if vec else r


def svd(x, full_matrices=True, compute_uv=True):
    x = to_float(x)
    if not compute_uv:
        return tf.linalg.svd(x, full_matrices=full_matrices, compute_uv=False)
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices)
    return u, s, tf.linalg.adjoint(v)


def lstsq(a, b, rcond=None):
    a, b, vec = _solve_args(a, b)
    m, n = a.shape[-2], a.shape[-1]
    s, u, v = tf.linalg.svd(a, full_matrices=False)
    if rcond is None:
        rcond = np.finfo(a.dtype.as_numpy_dtype).eps * max(m, n)
    cutoff = tf.cast(rcond, a.dtype) * tf.reduce_max(s, axis=-1, keepdims=True)
    s_inv = tf.where(s > cutoff, 1.0 / tf.where(s > cutoff, s, tf.ones_like(s)), tf.zeros_like(s))
    x = tf.matmul(v, s_inv[..., None] * tf.matmul(u, b, adjoint_a=True))
    return x[..., 0] if vec else x


from kerasx.backends.tensorflow._common import wrap_errors  # noqa: E402

wrap_errors(globals(), "linalg")
