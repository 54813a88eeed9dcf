"""Shape manipulation ops (NumPy names) for the torch backend."""

import functools

import numpy as np
import torch
import torch.nn.functional as F

from kerasx.backends.torch._common import (
    _join_torch,
    canon_axis,
    convert_to_tensor,
    pair,
)

_t = convert_to_tensor


def _ints(shape):
    if isinstance(shape, torch.Tensor):
        return tuple(int(d) for d in shape.tolist())
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(d) for d in shape)


def reshape(x, newshape):
    return torch.reshape(_t(x), _ints(newshape))


def transpose(x, axes=None):
    x = _t(x)
    if axes is None:
        return x.permute(tuple(range(x.ndim - 1, -1, -1)))
    return x.permute(tuple(int(a) for a in axes))


def expand_dims(x, axis):
    x = _t(x)
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    out_ndim = x.ndim + len(axes)
    axes = sorted(canon_axis(tuple(axes), out_ndim))
    for a in axes:
        x = x.unsqueeze(a)
    return x


def squeeze(x, axis=None):
    x = _t(x)
    if axis is None:
        return x.squeeze()
    axes = canon_axis(axis if isinstance(axis, (list, tuple)) else (axis,), x.ndim)
    for a in axes:
        if x.shape[a] != 1:
            raise ValueError(f"ops.squeeze: cannot squeeze axis {a} of x with shape "
                             f"{tuple(x.shape)}: its size is {x.shape[a]}, expected 1.")
    return x.squeeze(axes) if axes else x


def _promote_all(xs):
    xs = [_t(x) for x in xs]
    if not xs:
        raise ValueError("ops.concatenate: xs must hold at least one tensor, got an empty list.")
    dt = functools.reduce(_join_torch, [x.dtype for x in xs])
    return [x if x.dtype == dt else x.to(dt) for x in xs]


def concatenate(xs, axis=0):
    xs = _promote_all(xs)
    if axis is None:
        return torch.cat([x.reshape(-1) for x in xs])
    return torch.cat(xs, dim=int(axis))


def stack(x, axis=0):
    return torch.stack(_promote_all(x), dim=int(axis))


def hstack(xs):
    xs = _promote_all(xs)
    return torch.hstack(xs)


def vstack(xs):
    xs = _promote_all(xs)
    return torch.vstack(xs)


def append(x1, x2, axis=None):
    x1, x2 = pair(x1, x2)
    if axis is None:
        return torch.cat([x1.reshape(-1), x2.reshape(-1)])
    return torch.cat([x1, x2], dim=int(axis))


def split(x, indices_or_sections, axis=0):
    x = _t(x)
    axis = int(axis)
    if isinstance(indices_or_sections, (int, np.integer)):
        n = int(indices_or_sections)
        if n <= 0 or x.shape[axis] % n != 0:
            raise ValueError(f"ops.split: x's axis {axis} has size {x.shape[axis]}, which cannot be "
                             f"split into {n} equal sections.")
        return list(torch.tensor_split(x, n, dim=axis))
    return list(torch.tensor_split(x, [int(i) for i in indices_or_sections], dim=axis))


def moveaxis(x, source, destination):
    return torch.movedim(_t(x), source, destination)


def swapaxes(x, axis1, axis2):
    return torch.swapaxes(_t(x), int(axis1), int(axis2))


def flip(x, axis=None):
    x = _t(x)
    if axis is None:
        axis = tuple(range(x.ndim))
    elif not isinstance(axis, (list, tuple)):
        axis = (int(axis),)
    return torch.flip(x, tuple(axis))


def roll(x, shift, axis=None):
    x = _t(x)
    if axis is None:
        return torch.roll(x.reshape(-1), shift).reshape(x.shape)
    if isinstance(axis, (list, tuple)) and isinstance(shift, int):
        shift = (shift,) * len(axis)
    return torch.roll(x, shift, dims=axis)


def tile(x, repeats):
    x = _t(x)
    reps = _ints(repeats)
    if len(reps) < x.ndim:
        reps = (1,) * (x.ndim - len(reps)) + reps
    return torch.tile(x, reps)


def repeat(x, repeats, axis=None):
    x = _t(x)
    if isinstance(repeats, (list, tuple, np.ndarray)) or isinstance(repeats, torch.Tensor):
        repeats = _t(repeats).long().to(x.device)
        if repeats.ndim == 1 and repeats.numel() == 1:
            repeats = int(repeats[0])
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    return torch.repeat_interleave(x, repeats, dim=int(axis))


def broadcast_to(x, shape):
    return torch.broadcast_to(_t(x), _ints(shape))


def ravel(x):
    return _t(x).reshape(-1)


def size(x):
    return int(_t(x).numel())


def ndim(x):
    return _t(x).ndim


def _pad_index(n, before, after, mode):
    """Source index per output position along one axis for non-constant modes."""
    idx = np.arange(-before, n + after)
    if mode == "edge":
        return np.clip(idx, 0, n - 1)
    if mode == "wrap":
        return idx % n
    if mode == "reflect":
        if n == 1:
            return np.zeros_like(idx)
        period = 2 * (n - 1)
        m = idx % period
        return np.where(m < n, m, period - m)
    if mode == "symmetric":
        period = 2 * n
        m = idx % period
        return np.where(m < n, m, period - 1 - m)
    raise ValueError(f"ops.pad: mode must be one of constant, edge, reflect, symmetric, wrap; "
                     f"got {mode!r}.")


def pad(x, pad_width, mode="constant", constant_values=None):
    x = _t(x)
    pw = np.asarray(pad_width, dtype=np.int64)
    if pw.ndim == 0:
        pw = np.full((x.ndim, 2), int(pw))
    elif pw.ndim == 1:
        pw = np.tile(pw.reshape(1, -1), (x.ndim, 1)) if pw.shape[0] == 2 else pw.reshape(-1, 1)
    if pw.shape[0] == 1 and x.ndim > 1:
        pw = np.tile(pw, (x.ndim, 1))
    if pw.shape != (x.ndim, 2):
        raise ValueError(f"ops.pad: pad_width must give (before, after) for each of the "
                         f"{x.ndim} axes of x; got {pad_width!r}.")
    if (pw < 0).any():
        raise ValueError(f"ops.pad: pad_width must be non-negative, got {pad_width!r}.")
    if mode == "constant":
        flat = []
        for b, a in reversed(pw.tolist()):
            flat += [b, a]
        value = 0 if constant_values is None else constant_values
        if x.dtype == torch.bool:
            return F.pad(x.to(torch.uint8), flat, value=int(value)).to(torch.bool)
        return F.pad(x, flat, mode="constant", value=value)
    if constant_values is not None:
        raise ValueError(f"ops.pad: constant_values can only be used with mode='constant', "
                         f"got mode={mode!r}.")
    for axis, (b, a) in enumerate(pw.tolist()):
        if b or a:
            idx = torch.as_tensor(_pad_index(x.shape[axis], b, a, mode), device=x.device)
            x = torch.index_select(x, axis, idx)
    return x


def rot90(array, k=1, axes=(0, 1)):
    return torch.rot90(_t(array), int(k), tuple(axes))


def diag(x, k=0):
    return torch.diag(_t(x), int(k))


def diagflat(x, k=0):
    return torch.diagflat(_t(x), int(k))


def diagonal(x, offset=0, axis1=0, axis2=1):
    return torch.diagonal(_t(x), offset=int(offset), dim1=int(axis1), dim2=int(axis2))


def tril(x, k=0):
    x = _t(x)
    if x.dtype == torch.bool:
        return torch.tril(x.to(torch.uint8), int(k)).to(torch.bool)
    return torch.tril(x, int(k))


def triu(x, k=0):
    x = _t(x)
    if x.dtype == torch.bool:
        return torch.triu(x.to(torch.uint8), int(k)).to(torch.bool)
    return torch.triu(x, int(k))


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"ops.meshgrid: indexing must be 'xy' or 'ij', got {indexing!r}.")
    xs = [_t(e) for e in x]
    return list(torch.meshgrid(*xs, indexing=indexing))
