"""Shape manipulation, indexing and joining ops with NumPy names."""

import jax
import jax.numpy as jnp
import numpy as np

from kerasx.backends.jax._common import ARRAY_T, convert_to_tensor, promote

# A cached jit of reshape for concrete arrays: it dispatches from C++ (~5 us), where an
# eager jnp.reshape binds lax.reshape from Python (~20 us on jax 0.10).
_reshape_jit = jax.jit(jnp.reshape, static_argnums=1)


def reshape(x, newshape):
    x = convert_to_tensor(x)
    if isinstance(newshape, int):
        newshape = (newshape,)
    elif type(newshape) is not tuple or not all(type(d) is int for d in newshape):
        newshape = tuple(-1 if d is None else int(d) for d in newshape)
    if type(x) is ARRAY_T:
        return _reshape_jit(x, newshape)
    return jnp.reshape(x, newshape)


def ravel(x):
    return jnp.ravel(convert_to_tensor(x))


def transpose(x, axes=None):
    return jnp.transpose(convert_to_tensor(x), axes)


def swapaxes(x, axis1, axis2):
    return jnp.swapaxes(convert_to_tensor(x), axis1, axis2)


def moveaxis(x, source, destination):
    return jnp.moveaxis(convert_to_tensor(x), source, destination)


def expand_dims(x, axis):
    return jnp.expand_dims(convert_to_tensor(x), axis)


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is not None:
        axes = axis if isinstance(axis, (list, tuple)) else (axis,)
        for a in axes:
            if x.shape[a] != 1:
                raise ValueError(
                    f"ops.squeeze: axis {a} has size {x.shape[a]}, expected size 1 "
                    f"(input shape {tuple(x.shape)}).")
        return jnp.squeeze(x, axis=tuple(axes))
    return jnp.squeeze(x)


def broadcast_to(x, shape):
    return jnp.broadcast_to(convert_to_tensor(x), tuple(shape))


def flip(x, axis=None):
    return jnp.flip(convert_to_tensor(x), axis=axis)


def roll(x, shift, axis=None):
    return jnp.roll(convert_to_tensor(x), shift, axis=axis)


def rot90(array, k=1, axes=(0, 1)):
    return jnp.rot90(convert_to_tensor(array), k=k, axes=tuple(axes))


def tile(x, repeats):
    return jnp.tile(convert_to_tensor(x), repeats)


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    if not isinstance(repeats, int):
        repeats = np.asarray(repeats) if not isinstance(repeats, jax.Array) else repeats
        total = int(np.sum(np.asarray(repeats))) if axis is not None or np.ndim(repeats) else None
        return jnp.repeat(x, repeats, axis=axis, total_repeat_length=total)
    return jnp.repeat(x, repeats, axis=axis)


def _join_args(xs):
    return promote(*xs)[0]


def concatenate(xs, axis=0):
    return jnp.concatenate(_join_args(xs), axis=axis)


def stack(x, axis=0):
    return jnp.stack(_join_args(x), axis=axis)


def hstack(xs):
    return jnp.hstack(_join_args(xs))


def vstack(xs):
    return jnp.vstack(_join_args(xs))


def append(x1, x2, axis=None):
    a, b = _join_args([x1, x2])
    return jnp.append(a, b, axis=axis)


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    if isinstance(indices_or_sections, int):
        n = x.shape[axis]
        if n % indices_or_sections:
            raise ValueError(
                f"ops.split: indices_or_sections={indices_or_sections} does not divide "
                f"dimension {axis} of size {n}.")
    return list(jnp.split(x, indices_or_sections, axis=axis))


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    pw = np.asarray(pad_width, dtype=np.int64)
    if pw.ndim == 0:
        pw = np.full((x.ndim, 2), int(pw))
    elif pw.shape == (2,) or pw.shape == (1, 2):
        pw = np.broadcast_to(pw.reshape(1, 2), (x.ndim, 2))
    pw = [tuple(int(v) for v in row) for row in pw]
    if mode == "constant":
        cv = 0 if constant_values is None else constant_values
        return jnp.pad(x, pw, mode="constant", constant_values=convert_to_tensor(cv, x.dtype))
    if constant_values is not None:
        raise ValueError(
            f"ops.pad: constant_values is only used with mode='constant', got mode={mode!r}.")
    return jnp.pad(x, pw, mode=mode)


def _norm_key(k):
    if isinstance(k, tuple):
        return tuple(_norm_key(e) for e in k)
    if isinstance(k, list):
        return convert_to_tensor(k)
    if isinstance(k, np.ndarray):
        return jnp.asarray(k)
    if hasattr(k, "__jax_array__") and not isinstance(k, jax.Array):
        return k.__jax_array__()
    return k


def get_item(x, key):
    return convert_to_tensor(x)[_norm_key(key)]


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = convert_to_tensor(indices)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    n = x.shape[axis]
    if indices.dtype != jnp.bool_:
        indices = jnp.where(indices < 0, indices + n, indices)
    return jnp.take(x, indices, axis=axis, mode="clip")


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = convert_to_tensor(indices)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    n = x.shape[axis]
    indices = jnp.where(indices < 0, indices + n, indices)
    return jnp.take_along_axis(x, indices, axis=axis, mode="clip")


def diag(x, k=0):
    return jnp.diag(convert_to_tensor(x), k=k)


def diagflat(x, k=0):
    return jnp.diagflat(convert_to_tensor(x), k=k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    return jnp.diagonal(convert_to_tensor(x), offset=offset, axis1=axis1, axis2=axis2)


def tril(x, k=0):
    return jnp.tril(convert_to_tensor(x), k=k)


def triu(x, k=0):
    return jnp.triu(convert_to_tensor(x), k=k)


def diff(a, n=1, axis=-1):
    return jnp.diff(convert_to_tensor(a), n=n, axis=axis)


def meshgrid(*x, indexing="xy"):
    return jnp.meshgrid(*promote(*x)[0], indexing=indexing)


def unravel_index(indices, shape):
    idx = convert_to_tensor(indices)
    return tuple(i.astype(idx.dtype) for i in jnp.unravel_index(idx, tuple(shape)))


def ndim(x):
    return convert_to_tensor(x).ndim


def size(x):
    return convert_to_tensor(x).size
