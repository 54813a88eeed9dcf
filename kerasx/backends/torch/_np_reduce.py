"""Reductions and scans (NumPy names) for the torch backend."""

import torch

from kerasx.backends.torch._common import (
    canon_axis,
    convert_to_tensor,
    floatx,
    is_float_dtype,
    pair,
    to_float,
    to_torch_dtype,
)

_t = convert_to_tensor

# sum/prod/cumsum/cumprod accumulate small ints in a wider type (as NumPy/JAX do).
_ACC = {
    torch.bool: torch.int32,
    torch.int8: torch.int32,
    torch.int16: torch.int32,
    torch.uint8: torch.uint32,
    torch.uint16: torch.uint32,
}


_MEAN_DIRECT = (torch.float32, torch.float64)


def _dims(axis, ndim):
    axis = canon_axis(axis, ndim)
    if isinstance(axis, tuple):
        return axis
    return axis if axis is None else (axis,)


def _acc_reduce(fn, x, axis, keepdims, dtype):
    x = _t(x)
    out_dt = to_torch_dtype(dtype) if dtype is not None else _ACC.get(x.dtype, x.dtype)
    # torch lacks most kernels for uint16/32/64 (2.x): accumulate in int64, cast back.
    work_dt = torch.int64 if out_dt in (torch.uint16, torch.uint32, torch.uint64) else out_dt
    dims = _dims(axis, x.ndim)
    if dims == ():
        return x.to(out_dt)
    if x.dtype in (torch.uint16, torch.uint32, torch.uint64):
        x = x.to(torch.int64)
    if dims is None:
        out = fn(x.reshape(-1), 0, dtype=work_dt)
        if keepdims:
            out = out.reshape((1,) * x.ndim)
    elif len(dims) == 1:
        out = fn(x, dims[0], keepdim=keepdims, dtype=work_dt)
    else:
        if fn is torch.sum:
            out = torch.sum(x, dim=dims, keepdim=keepdims, dtype=work_dt)
        else:
            out = x.to(work_dt)
            for d in sorted(dims, reverse=True):
                out = fn(out, d, keepdim=keepdims)
    return out.to(out_dt) if out.dtype != out_dt else out


def sum(x, axis=None, keepdims=False):
    return _acc_reduce(torch.sum, x, axis, keepdims, None)


def prod(x, axis=None, keepdims=False, dtype=None):
    return _acc_reduce(torch.prod, x, axis, keepdims, dtype)


def mean(x, axis=None, keepdims=False):
    if type(x) is torch.Tensor and x.dtype in _MEAN_DIRECT and type(axis) is tuple and (
            len(axis) == 1 and type(axis[0]) is int and -x.ndim <= axis[0] < x.ndim):
        # One valid axis of a float32/float64 tensor (global pooling): torch.mean as below.
        return torch.mean(x, dim=axis, keepdim=keepdims)
    x = to_float(x)
    dims = _dims(axis, x.ndim)
    if dims == ():
        return x
    if x.dtype in (torch.float16, torch.bfloat16):
        return torch.mean(x.float(), dim=dims, keepdim=keepdims).to(x.dtype)
    return torch.mean(x, dim=dims, keepdim=keepdims)


def var(x, axis=None, keepdims=False):
    x = to_float(x)
    dims = _dims(axis, x.ndim)
    if dims == ():
        return torch.zeros_like(x)
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    return torch.var(work, dim=dims, correction=0, keepdim=keepdims).to(x.dtype)


def std(x, axis=None, keepdims=False):
    return torch.sqrt(var(x, axis, keepdims))


def _minmax(fn, x, axis, keepdims, initial, combine):
    x = _t(x)
    dims = _dims(axis, x.ndim)
    if dims == ():
        out = x
    elif x.dtype == torch.bool:
        out = fn(x.to(torch.uint8), dim=dims, keepdim=keepdims).to(torch.bool)
    elif x.numel() == 0 and initial is not None:
        red = range(x.ndim) if dims is None else dims
        shape = [1 if i in red else n for i, n in enumerate(x.shape)] if keepdims else \
            [n for i, n in enumerate(x.shape) if i not in red]
        return torch.full(shape, initial, dtype=x.dtype, device=x.device)
    else:
        out = fn(x, dim=dims, keepdim=keepdims) if dims is not None else \
            fn(x.reshape(-1), dim=0, keepdim=False)
        if dims is None and keepdims:
            out = out.reshape((1,) * x.ndim)
    if initial is not None:
        out = combine(out, torch.tensor(initial, dtype=out.dtype, device=out.device))
    return out


def max(x, axis=None, keepdims=False, initial=None):
    return _minmax(torch.amax, x, axis, keepdims, initial, torch.maximum)


def min(x, axis=None, keepdims=False, initial=None):
    return _minmax(torch.amin, x, axis, keepdims, initial, torch.minimum)


def amax(x, axis=None, keepdims=False):
    return _minmax(torch.amax, x, axis, keepdims, None, None)


def amin(x, axis=None, keepdims=False):
    return _minmax(torch.amin, x, axis, keepdims, None, None)


def all(x, axis=None, keepdims=False):
    x = _t(x)
    dims = _dims(axis, x.ndim)
    if dims == ():
        return x.to(torch.bool)
    if dims is None:
        out = torch.all(x)
        return out.reshape((1,) * x.ndim) if keepdims else out
    return torch.all(x, dim=dims, keepdim=keepdims)


def any(x, axis=None, keepdims=False):
    x = _t(x)
    dims = _dims(axis, x.ndim)
    if dims == ():
        return x.to(torch.bool)
    if dims is None:
        out = torch.any(x)
        return out.reshape((1,) * x.ndim) if keepdims else out
    return torch.any(x, dim=dims, keepdim=keepdims)


def _arg(fn, x, axis, keepdims):
    x = _t(x)
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    if axis is None:
        out = fn(x.reshape(-1)).to(torch.int32)
        return out.reshape((1,) * x.ndim) if keepdims else out
    return fn(x, dim=int(axis), keepdim=keepdims).to(torch.int32)


def argmax(x, axis=None, keepdims=False):
    return _arg(torch.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg(torch.argmin, x, axis, keepdims)


def count_nonzero(x, axis=None):
    x = _t(x)
    dims = _dims(axis, x.ndim)
    if dims == ():
        return (x != 0).to(torch.int32)
    return torch.count_nonzero(x, dim=dims).to(torch.int32)


def _cum(fn, x, axis, dtype):
    x = _t(x)
    out_dt = to_torch_dtype(dtype) if dtype is not None else _ACC.get(x.dtype, x.dtype)
    work_dt = torch.int64 if out_dt in (torch.uint16, torch.uint32, torch.uint64) else out_dt
    if x.dtype in (torch.uint16, torch.uint32, torch.uint64):
        x = x.to(torch.int64)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    return fn(x, dim=int(axis), dtype=work_dt).to(out_dt)


def cumsum(x, axis=None, dtype=None):
    return _cum(torch.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cum(torch.cumprod, x, axis, dtype)


def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    x = to_float(x)
    if method not in ("linear", "lower", "higher", "midpoint", "nearest"):
        raise ValueError(f"ops.quantile: method must be one of linear, lower, higher, midpoint, "
                         f"nearest; got {method!r}.")
    qt = _t(q, dtype=x.dtype)
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    qt = qt.to(work.dtype)
    dims = _dims(axis, x.ndim)
    if dims is None:
        out = torch.quantile(work.reshape(-1), qt, dim=0, keepdim=False, interpolation=method)
        if keepdims:
            out = out.reshape(tuple(out.shape[:qt.ndim]) + (1,) * x.ndim)
        return out.to(x.dtype)
    # move the reduced axes to the end and flatten them
    rest = [d for d in range(x.ndim) if d not in dims]
    moved = work.permute(rest + list(dims)).reshape([work.shape[d] for d in rest] + [-1])
    out = torch.quantile(moved, qt, dim=-1, keepdim=False, interpolation=method)
    if keepdims:
        shape = list(out.shape[:qt.ndim]) + [1 if d in dims else x.shape[d] for d in range(x.ndim)]
        out = out.reshape(shape)
    return out.to(x.dtype)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    x, w = pair(x, weights)
    if not is_float_dtype(x.dtype):
        x, w = x.to(floatx()), w.to(floatx())
    if axis is None:
        return torch.sum(x * w) / torch.sum(w)
    axis = int(axis) % x.ndim
    if w.ndim == 1 and x.ndim > 1:
        shape = [1] * x.ndim
        shape[axis] = w.shape[0]
        w = w.reshape(shape)
    return torch.sum(x * w, dim=axis) / torch.sum(w * torch.ones_like(x), dim=axis)


def trace(x, offset=0, axis1=0, axis2=1):
    x = _t(x)
    out_dt = _ACC.get(x.dtype, x.dtype)
    d = torch.diagonal(x, offset=offset, dim1=axis1, dim2=axis2)
    return torch.sum(d.to(out_dt) if out_dt not in (torch.uint32,) else d.to(torch.int64),
                     dim=-1).to(out_dt)
