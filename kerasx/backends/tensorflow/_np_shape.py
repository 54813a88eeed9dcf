"""TensorFlow backend: shape manipulation."""

import numpy as np
import tensorflow as tf

from kerasx.backends.tensorflow._common import convert, promote, promote_many


def reshape(x, newshape):
    if isinstance(newshape, int):
        newshape = [newshape]
    return tf.reshape(convert(x), newshape)


def transpose(x, axes=None):
    return tf.transpose(convert(x), perm=None if axes is None else list(axes))


def expand_dims(x, axis):
    x = convert(x)
    if isinstance(axis, int):
        return tf.expand_dims(x, axis)
    out_nd = len(x.shape) + len(axis)
    for a in sorted(a % out_nd for a in axis):
        x = tf.expand_dims(x, a)
    return x


def squeeze(x, axis=None):
    x = convert(x)
    if axis is None:
        return tf.squeeze(x)
    if isinstance(axis, int):
        axis = [axis]
    nd = len(x.shape)
    for a in axis:
        d = x.shape[a % nd] if nd else None
        if d is not None and d != 1:
            raise ValueError(
                f"ops.squeeze: axis={a} has size {d}; only axes of size 1 can be squeezed "
                f"(x has shape {tuple(x.shape)}).")
    return tf.squeeze(x, axis=list(axis))


def concatenate(xs, axis=0):
    ts, _ = promote_many(list(xs))
    if axis is None:
        return tf.concat([tf.reshape(t, [-1]) for t in ts], 0)
    return tf.concat(ts, axis=axis)


def stack(x, axis=0):
    ts, _ = promote_many(list(x))
    return tf.stack(ts, axis=axis)


def hstack(xs):
    ts, _ = promote_many(list(xs))
    ts = [tf.reshape(t, [-1]) if len(t.shape) == 0 else t for t in ts]
    return tf.concat(ts, axis=0 if len(ts[0].shape) == 1 else 1)


def vstack(xs):
    ts, _ = promote_many(list(xs))
    ts = [tf.reshape(t, [1, -1]) if len(t.shape) < 2 else t for t in ts]
    return tf.concat(ts, axis=0)


def append(x1, x2, axis=None):
    x1, x2, _ = promote(x1, x2)
    if axis is None:
        return tf.concat([tf.reshape(x1, [-1]), tf.reshape(x2, [-1])], 0)
    return tf.concat([x1, x2], axis=axis)


def split(x, indices_or_sections, axis=0):
    x = convert(x)
    n = x.shape[axis]
    if isinstance(indices_or_sections, int):
        if n is not None and n % indices_or_sections:
            raise ValueError(
                f"ops.split: indices_or_sections={indices_or_sections} does not divide the size "
                f"{n} of axis {axis}; give split points (a list) instead.")
        return tf.split(x, indices_or_sections, axis=axis)
    idx = [int(i) for i in indices_or_sections]
    edges = [0] + idx + [n]
    sizes = [max(b - a, 0) for a, b in zip(edges[:-1], edges[1:])]
    return tf.split(x, sizes, axis=axis)


def moveaxis(x, source, destination):
    x = convert(x)
    nd = len(x.shape)
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    src = [s % nd for s in src]
    dst = [d % nd for d in dst]
    order = [i for i in range(nd) if i not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return tf.transpose(x, order)


def swapaxes(x, axis1, axis2):
    x = convert(x)
    nd = len(x.shape)
    perm = list(range(nd))
    a, b = axis1 % nd, axis2 % nd
    perm[a], perm[b] = perm[b], perm[a]
    return tf.transpose(x, perm)


def flip(x, axis=None):
    x = convert(x)
    if axis is None:
        axis = list(range(len(x.shape)))
    elif isinstance(axis, int):
        axis = [axis]
    return tf.reverse(x, list(axis))


def roll(x, shift, axis=None):
    x = convert(x)
    if axis is None:
        flat = tf.reshape(x, [-1])
        return tf.reshape(tf.roll(flat, shift, 0), tf.shape(x))
    return tf.roll(x, shift, axis)


def tile(x, repeats):
    x = convert(x)
    reps = [repeats] if isinstance(repeats, int) else list(repeats)
    nd = len(x.shape)
    if len(reps) < nd:
        reps = [1] * (nd - len(reps)) + reps
    elif len(reps) > nd:
        x = tf.reshape(x, [1] * (len(reps) - nd) + x.shape.as_list())
    return tf.tile(x, reps)


def repeat(x, repeats, axis=None):
    x = convert(x)
    if axis is None:
        x = tf.reshape(x, [-1])
        axis = 0
    return tf.repeat(x, repeats, axis=axis)


def broadcast_to(x, shape):
    return tf.broadcast_to(convert(x), list(shape) if not tf.is_tensor(shape) else shape)


def ravel(x):
    return tf.reshape(convert(x), [-1])


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert(x)
    nd = len(x.shape)
    pw = np.asarray(pad_width, dtype=np.int64)
    if pw.size == 1:
        pw = np.full((nd, 2), int(pw.reshape(-1)[0]))
    elif pw.ndim == 1:
        pw = np.tile(pw.reshape(1, 2), (nd, 1))
    elif pw.shape[0] == 1:
        pw = np.tile(pw, (nd, 1))
    if mode not in ("constant", "edge", "reflect", "symmetric", "wrap"):
        raise ValueError("ops.pad: mode must be 'constant', 'edge', 'reflect', 'symmetric' or "
                         f"'wrap', got {mode!r}.")
    if mode != "constant":
        if constant_values is not None:
            raise ValueError("ops.pad: constant_values is only allowed with mode='constant', "
                             f"got mode={mode!r}.")
        for axis, (before, after) in enumerate(pw.tolist()):
            if before or after:
                x = tf.gather(x, _pad_index(x.shape[axis], before, after, mode), axis=axis)
        return x
    cv = 0 if constant_values is None else constant_values
    return tf.pad(x, pw.tolist(), constant_values=tf.cast(cv, x.dtype))


def _pad_index(n, before, after, mode):
    """Source index for every padded position along one axis (NumPy's pad modes)."""
    i = np.arange(-before, n + after)
    if mode == "edge":
        i = np.clip(i, 0, n - 1)
    elif mode == "wrap":
        i = np.mod(i, n)
    elif mode == "symmetric":
        i = np.mod(i, 2 * n)
        i = np.where(i >= n, 2 * n - 1 - i, i)
    elif n == 1:
        i = np.zeros_like(i)
    else:  # reflect
        period = 2 * (n - 1)
        i = np.mod(i, period)
        i = np.where(i >= n, period - i, i)
    return i


def rot90(array, k=1, axes=(0, 1)):
    x = convert(array)
    nd = len(x.shape)
    a0, a1 = axes[0] % nd, axes[1] % nd
    if a0 == a1:
        raise ValueError(f"ops.rot90: axes must be two different axes, got {axes!r}.")
    k = k % 4
    if k == 0:
        return x
    if k == 2:
        return tf.reverse(x, [a0, a1])
    perm = list(range(nd))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return tf.transpose(tf.reverse(x, [a1]), perm)
    return tf.reverse(tf.transpose(x, perm), [a1])


def size(x):
    return tf.size(convert(x), out_type=tf.int32)


def ndim(x):
    return len(convert(x).shape)


def unravel_index(indices, shape):
    idx = convert(indices)
    dims = [int(d) for d in shape]
    out = []
    for d in reversed(dims):
        out.append(idx % d)
        idx = idx // d
    return tuple(reversed(out))
