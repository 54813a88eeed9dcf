"""TensorFlow backend: indexing, selection, sorting, searching."""

import numpy as np
import tensorflow as tf

from kerasx import config
from kerasx.backends.tensorflow._common import TO_TF, convert, promote, promote_many

_BASIC = (int, slice, type(None), type(Ellipsis))


def _is_array_key(k):
    return (tf.is_tensor(k) or isinstance(k, (np.ndarray, list))) and not isinstance(k, bool)


def _wrap(idx, n):
    idx = tf.cast(idx, tf.int64)
    return tf.where(idx < 0, idx + tf.cast(n, tf.int64), idx)


def get_item(x, key):
    x = convert(x)
    if isinstance(key, _BASIC) or (isinstance(key, tuple) and all(
            isinstance(k, _BASIC) or isinstance(k, np.integer) for k in key)):
        if isinstance(key, tuple):
            key = tuple(int(k) if isinstance(k, np.integer) else k for k in key)
        return x[key]
    if isinstance(key, np.integer):
        return x[int(key)]
    if not isinstance(key, tuple):
        key = (key,)
    key = tuple(convert(k) if _is_array_key(k) else k for k in key)
    arrays = [i for i, k in enumerate(key) if tf.is_tensor(k)]
    if len(arrays) == 1 and key[arrays[0]].dtype == tf.bool:
        pos = arrays[0]
        if all(isinstance(k, slice) and k == slice(None) for k in key[:pos]) and \
                all(k is Ellipsis or k == slice(None) for k in key[pos + 1:]):
            return tf.boolean_mask(x, key[pos], axis=pos)
    # Expand Ellipsis to full slices so array positions are absolute axes.
    if any(k is Ellipsis for k in key):
        i = [j for j, k in enumerate(key) if k is Ellipsis][0]
        n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
        key = key[:i] + (slice(None),) * (len(x.shape) - n_real) + key[i + 1:]
    if any(k is None for k in key):
        raise ValueError(
            "ops.get_item: combining None (newaxis) with array indices is not supported; "
            "index first, then use ops.expand_dims.")
    arrays = [i for i, k in enumerate(key) if tf.is_tensor(k)]
    for i in arrays:
        if key[i].dtype == tf.bool:
            raise ValueError(
                "ops.get_item: a boolean array index must be the only array index; "
                f"got key {key!r}.")
    # With array indices present, NumPy treats plain ints as (scalar) array indices too.
    key = tuple(tf.constant(int(k), tf.int64) if isinstance(k, (int, np.integer)) else k
                for k in key)
    arrays = [i for i, k in enumerate(key) if tf.is_tensor(k)]
    # Basic-index the non-array axes first (ints/slices), keeping array axes whole.
    pre = tuple(slice(None) if tf.is_tensor(k) else k for k in key)
    y = x[pre]
    new_pos = []
    axis = 0
    for k in key:
        if tf.is_tensor(k):
            new_pos.append(axis)
            axis += 1
        elif isinstance(k, slice):
            axis += 1
    idxs = [key[i] for i in arrays]
    if len(idxs) == 1:
        a = new_pos[0]
        return tf.gather(y, _wrap(idxs[0], tf.shape(y)[a]), axis=a)
    contiguous = new_pos == list(range(new_pos[0], new_pos[0] + len(new_pos)))
    idxs = [_wrap(ix, tf.shape(y)[a]) for ix, a in zip(idxs, new_pos)]
    idxs = tf.broadcast_tensors(*idxs) if hasattr(tf, "broadcast_tensors") else _bcast(idxs)
    rest = [i for i in range(len(y.shape)) if i not in new_pos]
    yt = tf.transpose(y, new_pos + rest)
    g = tf.gather_nd(yt, tf.stack(idxs, axis=-1))
    if contiguous and new_pos[0] > 0:
        bd = len(idxs[0].shape)
        nd = len(g.shape)
        lead = list(range(bd, bd + new_pos[0]))
        perm = lead + list(range(bd)) + list(range(bd + new_pos[0], nd))
        g = tf.transpose(g, perm)
    return g


def _bcast(ts):
    shape = tf.shape(ts[0])
    for t in ts[1:]:
        shape = tf.broadcast_dynamic_shape(shape, tf.shape(t))
    return [tf.broadcast_to(t, shape) for t in ts]


def take(x, indices, axis=None):
    x = convert(x)
    indices = convert(indices)
    if axis is None:
        x = tf.reshape(x, [-1])
        axis = 0
    return tf.gather(x, _wrap(indices, tf.shape(x, out_type=tf.int64)[axis]), axis=axis)


def take_along_axis(x, indices, axis=None):
    x = convert(x)
    indices = convert(indices)
    if axis is None:
        x = tf.reshape(x, [-1])
        indices = tf.reshape(indices, [-1])
        axis = 0
    nd = len(x.shape)
    axis = axis % nd
    perm = [i for i in range(nd) if i != axis] + [axis]
    xt = tf.transpose(x, perm)
    it = tf.transpose(indices, perm)
    lead = tf.broadcast_dynamic_shape(tf.shape(xt)[:-1], tf.shape(it)[:-1])
    xt = tf.broadcast_to(xt, tf.concat([lead, tf.shape(xt)[-1:]], 0))
    it = tf.broadcast_to(it, tf.concat([lead, tf.shape(it)[-1:]], 0))
    it = _wrap(it, tf.shape(xt, out_type=tf.int64)[-1])
    g = tf.gather(xt, it, batch_dims=nd - 1)
    inv = np.argsort(perm).tolist()
    return tf.transpose(g, inv)


def where(condition, x1=None, x2=None):
    condition = convert(condition, "bool")
    if x1 is None and x2 is None:
        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError("ops.where: give both x1 and x2, or neither.")
    x1, x2, _ = promote(x1, x2)
    return tf.where(condition, x1, x2)


def nonzero(x):
    x = convert(x)
    mask = x if x.dtype == tf.bool else tf.not_equal(x, tf.zeros_like(x))
    idx = tf.cast(tf.where(mask), tf.int32)
    return tuple(idx[:, i] for i in range(len(x.shape)))


def select(condlist, choicelist, default=0):
    choices, dt = promote_many(list(choicelist) + [default])
    out = choices[-1]
    for c, v in reversed(list(zip(condlist, choices[:-1]))):
        out = tf.where(convert(c, "bool"), v, out)
    return out


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = convert(x)
    nd = len(x.shape)
    a1, a2 = axis1 % nd, axis2 % nd
    rest = [i for i in range(nd) if i not in (a1, a2)]
    xt = tf.transpose(x, rest + [a1, a2])
    n1, n2 = xt.shape[-2], xt.shape[-1]
    length = max(0, min(n1, n2 - offset) if offset >= 0 else min(n1 + offset, n2))
    if length == 0:
        return tf.zeros(tf.concat([tf.shape(xt)[:-2], [0]], 0), x.dtype)
    return tf.linalg.diag_part(xt, k=offset)


def diag(x, k=0):
    x = convert(x)
    if len(x.shape) == 1:
        n = x.shape[0] + abs(k)
        return tf.linalg.diag(x, k=k, num_rows=n, num_cols=n)
    if len(x.shape) == 2:
        return diagonal(x, offset=k)
    raise ValueError(f"ops.diag: x must be 1-D or 2-D, got shape {tuple(x.shape)}.")


def diagflat(x, k=0):
    return diag(tf.reshape(convert(x), [-1]), k=k)


def _tri_mask(x, k, lower):
    x = convert(x)
    n, m = tf.shape(x)[-2], tf.shape(x)[-1]
    r = tf.range(n)[:, None]
    c = tf.range(m)[None, :]
    mask = (c - r <= k) if lower else (c - r >= k)
    return tf.where(mask, x, tf.zeros_like(x))


def tril(x, k=0):
    return _tri_mask(x, k, True)


def triu(x, k=0):
    return _tri_mask(x, k, False)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert(x)
    d = diagonal(x, offset=offset, axis1=axis1, axis2=axis2)
    acc = {tf.bool: tf.int32, tf.int8: tf.int32, tf.int16: tf.int32, tf.uint8: tf.uint32,
           tf.uint16: tf.uint32}.get(x.dtype, x.dtype)
    comp = tf.int64 if acc.is_unsigned else acc
    return tf.cast(tf.reduce_sum(tf.cast(d, comp), axis=-1), acc)


def sort(x, axis=-1):
    x = convert(x)
    if x.dtype == tf.bool:
        return tf.cast(tf.sort(tf.cast(x, tf.int32), axis=axis), tf.bool)
    if x.dtype in (tf.int8, tf.int16, tf.uint16, tf.uint32):
        return tf.cast(tf.sort(tf.cast(x, tf.int64), axis=axis), x.dtype)
    if axis is None:
        return tf.sort(tf.reshape(x, [-1]))
    return tf.sort(x, axis=axis)


def argsort(x, axis=-1):
    x = convert(x)
    if axis is None:
        x = tf.reshape(x, [-1])
        axis = 0
    if x.dtype == tf.bool or x.dtype.size < 4 or x.dtype.is_unsigned:
        x = tf.cast(x, tf.int64 if x.dtype.is_integer else tf.int32)
    if len(x.shape) == 0:
        return tf.constant(0, tf.int32)
    return tf.argsort(x, axis=axis, stable=True)


def argpartition(x, kth, axis=-1):
    # A full stable argsort is a valid partition (every element left of kth is <= it).
    return argsort(x, axis=axis)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"ops.searchsorted: side must be 'left' or 'right', got {side!r}.")
    a, v, _ = promote(sorted_sequence, values)
    if len(a.shape) != 1:
        raise ValueError(
            f"ops.searchsorted: sorted_sequence must be 1-D, got shape {tuple(a.shape)}.")
    vflat = tf.reshape(v, [1, -1])
    r = tf.searchsorted(a[None, :], vflat, side=side, out_type=tf.int32)
    return tf.reshape(r, tf.shape(v))


def digitize(x, bins):
    x, bins, _ = promote(x, bins)
    r = tf.searchsorted(bins[None, :], tf.reshape(x, [1, -1]), side="right", out_type=tf.int32)
    return tf.reshape(r, tf.shape(x))


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError("ops.bincount: sparse=True is not supported on tensorflow; use sparse=False.")
    x = convert(x)
    if weights is None:
        out_dtype = tf.int32
        w = None
    else:
        w = convert(weights)
        out_dtype = w.dtype
        if w.dtype in (tf.int8, tf.int16, tf.uint8, tf.uint16, tf.bool):
            w = tf.cast(w, tf.int32)
    axis = -1 if len(x.shape) == 2 else None
    r = tf.math.bincount(tf.cast(x, tf.int32), weights=w, minlength=minlength,
                         dtype=out_dtype if w is None else w.dtype, axis=axis)
    return tf.cast(r, out_dtype)


def histogram(x, bins=10, range=None):
    x = convert(x)
    xf = tf.cast(x, tf.float32 if x.dtype.size < 8 else tf.float64)
    if range is None:
        lo, hi = tf.reduce_min(xf), tf.reduce_max(xf)
    else:
        lo, hi = tf.cast(range[0], xf.dtype), tf.cast(range[1], xf.dtype)
    # NumPy widens an empty range to (lo - 0.5, hi + 0.5).
    same = tf.equal(lo, hi)
    lo, hi = tf.where(same, lo - 0.5, lo), tf.where(same, hi + 0.5, hi)
    edges = tf.linspace(lo, hi, bins + 1)
    inside = (xf >= lo) & (xf <= hi)
    vals = tf.boolean_mask(xf, inside)
    idx = tf.searchsorted(edges[None, :], tf.reshape(vals, [1, -1]), side="right")[0] - 1
    idx = tf.clip_by_value(idx, 0, bins - 1)
    counts = tf.math.bincount(tf.cast(idx, tf.int32), minlength=bins, maxlength=bins)
    return counts, tf.cast(edges, TO_TF[config.floatx()] if not x.dtype.is_floating else x.dtype)


