"""Indexing, searching and sorting ops (NumPy names) for the torch backend."""

import numpy as np
import torch

from kerasx.backends.torch._common import (
    convert_to_tensor,
    is_float_dtype,
    pair,
    result_dtype,
    to_float,
)

_t = convert_to_tensor


def _key_part(k, device):
    if k is None or k is Ellipsis or isinstance(k, (slice, bool, int)):
        return k
    if isinstance(k, np.integer):
        return int(k)
    if hasattr(k, "_direct_assign"):
        k = k.value
    if isinstance(k, (list, np.ndarray, torch.Tensor)):
        k = _t(k)
        if k.dtype != torch.bool:
            k = k.long()
        return k.to(device)
    return k


def _dims_used(k):
    if k is None:
        return 0
    if isinstance(k, torch.Tensor) and k.dtype == torch.bool:
        return k.ndim
    return 1


def _negative_steps(x, key):
    """torch slicing has no negative steps (2.x): flip those dims and rewrite the slices."""
    used = sum(_dims_used(k) for k in key if k is not Ellipsis)
    dim = 0
    new_key = []
    for k in key:
        if k is Ellipsis:
            dim += x.ndim - used
        elif isinstance(k, slice) and k.step is not None and k.step < 0:
            n = x.shape[dim]
            r = range(*k.indices(n))
            x = torch.flip(x, (dim,))
            k = slice(0, 0) if len(r) == 0 else slice(n - 1 - r[0], n - r[-1], -k.step)
            dim += 1
        else:
            dim += _dims_used(k)
        new_key.append(k)
    return x, tuple(new_key)


def get_item(x, key):
    x = _t(x)
    if isinstance(key, tuple):
        key = tuple(_key_part(k, x.device) for k in key)
    else:
        key = (_key_part(key, x.device),)
    if any(isinstance(k, slice) and k.step is not None and k.step < 0 for k in key):
        x, key = _negative_steps(x, key)
    return x[key]


def _wrap(idx, n):
    idx = idx.long()
    return torch.where(idx < 0, idx + n, idx)


def take(x, indices, axis=None):
    x = _t(x)
    indices = _t(indices).to(x.device)
    if axis is None:
        flat = x.reshape(-1)
        return flat[_wrap(indices, flat.shape[0])]
    axis = int(axis) % x.ndim
    idx = _wrap(indices, x.shape[axis])
    out = torch.index_select(x, axis, idx.reshape(-1))
    return out.reshape(tuple(x.shape[:axis]) + tuple(idx.shape) + tuple(x.shape[axis + 1:]))


def take_along_axis(x, indices, axis=None):
    x = _t(x)
    indices = _t(indices).to(x.device)
    if axis is None:
        x = x.reshape(-1)
        indices = indices.reshape(-1)
        axis = 0
    axis = int(axis) % x.ndim
    idx = _wrap(indices, x.shape[axis])
    # broadcast all dims except `axis` (NumPy semantics)
    shape_x = list(x.shape)
    shape_i = list(idx.shape)
    bshape = [max(a, b) if a != b and min(a, b) == 1 else a
              for a, b in zip(shape_x, shape_i)]
    xs = bshape.copy()
    xs[axis] = shape_x[axis]
    ish = bshape.copy()
    ish[axis] = shape_i[axis]
    return torch.gather(x.expand(xs), axis, idx.expand(ish))


def where(condition, x1=None, x2=None):
    condition = _t(condition)
    if x1 is None and x2 is None:
        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError("ops.where: give both x1 and x2, or neither.")
    x1, x2 = pair(x1, x2)
    return torch.where(condition.to(torch.bool), x1, x2)


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(f"ops.select: condlist has {len(condlist)} entries but choicelist has "
                         f"{len(choicelist)}; expected equal lengths.")
    dt = result_dtype(*choicelist, default)
    out = _t(default, dtype=dt)
    for cond, choice in reversed(list(zip(condlist, choicelist))):
        out = torch.where(_t(cond).to(torch.bool), _t(choice, dtype=dt), out)
    shape = torch.broadcast_shapes(*[_t(c).shape for c in condlist],
                                   *[_t(c).shape for c in choicelist])
    return torch.broadcast_to(out, shape)


def nonzero(x):
    x = _t(x)
    return tuple(i.to(torch.int32) for i in torch.nonzero(x, as_tuple=True))


def sort(x, axis=-1):
    x = _t(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.dtype == torch.bool:
        return torch.sort(x.to(torch.uint8), dim=int(axis), stable=True).values.to(torch.bool)
    return torch.sort(x, dim=int(axis), stable=True).values


def argsort(x, axis=-1):
    x = _t(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    return torch.argsort(x, dim=int(axis), stable=True).to(torch.int32)


def argpartition(x, kth, axis=-1):
    # A full stable argsort is a valid partition (elements before kth are <= it).
    return argsort(x, axis=axis)


def searchsorted(sorted_sequence, values, side="left"):
    if side not in ("left", "right"):
        raise ValueError(f"ops.searchsorted: side must be 'left' or 'right', got {side!r}.")
    a, v = pair(sorted_sequence, values)
    if a.ndim != 1:
        raise ValueError(f"ops.searchsorted: sorted_sequence must be 1-D, got shape "
                         f"{tuple(a.shape)}.")
    return torch.searchsorted(a, v, right=(side == "right")).to(torch.int32)


def digitize(x, bins):
    x, bins = pair(x, bins)
    if x.dtype == torch.bool:
        x, bins = x.to(torch.int32), bins.to(torch.int32)
    return torch.bucketize(x, bins, right=True).to(torch.int32)


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise ValueError("ops.bincount: sparse=True is not supported by the torch backend.")
    x = _t(x)
    if weights is not None:
        w = _t(weights)
        out_dt = w.dtype
        if not is_float_dtype(w.dtype):
            w = w.to(torch.float64)
    if x.ndim == 2:
        length = builtins_max(int(x.max()) + 1 if x.numel() else 0, int(minlength))
        rows = []
        for i in range(x.shape[0]):
            wi = None if weights is None else w[i]
            rows.append(torch.bincount(x[i].long(), weights=wi, minlength=length))
        out = torch.stack(rows)
    else:
        out = torch.bincount(x.long(), weights=None if weights is None else w,
                             minlength=int(minlength))
    return out.to(torch.int32) if weights is None else out.to(out_dt)


def builtins_max(a, b):
    return a if a > b else b


def unravel_index(indices, shape):
    indices = _t(indices)
    out_dt = indices.dtype
    indices = indices.long()
    out = []
    for d in reversed([int(s) for s in shape]):
        out.append((indices % d).to(out_dt))
        indices = torch.div(indices, d, rounding_mode="floor")
    return tuple(reversed(out))


def histogram(x, bins=10, range=None):
    x = to_float(x)
    if x.ndim != 1:
        raise ValueError(f"ops.histogram: x must be 1-D, got shape {tuple(x.shape)}.")
    if range is None:
        lo, hi = (float(x.min()), float(x.max())) if x.numel() else (0.0, 1.0)
    else:
        lo, hi = float(range[0]), float(range[1])
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    work = x.double()
    edges = torch.linspace(lo, hi, int(bins) + 1, dtype=torch.float64, device=x.device)
    inside = (work >= lo) & (work <= hi)
    idx = torch.clamp(torch.bucketize(work, edges, right=True) - 1, 0, int(bins) - 1)
    counts = torch.bincount(idx[inside], minlength=int(bins))
    return counts.to(torch.int32), edges.to(x.dtype)
