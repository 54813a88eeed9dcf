"""Products, differences and other multi-operand ops (NumPy names) for the torch backend."""

import functools

import torch
import torch.nn.functional as F

from kerasx.backends.torch._common import (
    _join_torch,
    convert_to_tensor,
    floatx,
    is_float_dtype,
    pair,
    to_float,
)

_t = convert_to_tensor


def _mm_pair(x1, x2):
    x1, x2 = pair(x1, x2)
    if x1.dtype == torch.bool:
        return x1.to(torch.int32), x2.to(torch.int32), torch.bool
    return x1, x2, None


def _back(out, dt):
    return out if dt is None else out.to(dt)


def matmul(x1, x2):
    a, b, dt = _mm_pair(x1, x2)
    return _back(torch.matmul(a, b), dt)


def dot(x1, x2):
    a, b, dt = _mm_pair(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        return _back(a * b, dt)
    if b.ndim == 1 or a.ndim <= 2 and b.ndim <= 2:
        return _back(torch.matmul(a, b), dt)
    # NumPy dot: sum over the last axis of a and the second-to-last of b
    return _back(torch.tensordot(a, b, dims=([a.ndim - 1], [b.ndim - 2])), dt)


def inner(x1, x2):
    a, b, dt = _mm_pair(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        return _back(a * b, dt)
    return _back(torch.inner(a, b), dt)


def outer(x1, x2):
    a, b = pair(x1, x2)
    return a.reshape(-1, 1) * b.reshape(1, -1)


def vdot(x1, x2):
    a, b, dt = _mm_pair(x1, x2)
    a, b = a.reshape(-1), b.reshape(-1)
    if a.is_complex():
        a = a.conj()
    return _back(torch.sum(a * b), dt)


def tensordot(x1, x2, axes=2):
    a, b, dt = _mm_pair(x1, x2)
    if isinstance(axes, (list, tuple)):
        axes = tuple(list(ax) if isinstance(ax, (list, tuple)) else [ax] for ax in axes)
    return _back(torch.tensordot(a, b, dims=axes), dt)


def einsum(subscripts, *operands, **kwargs):
    ops = [_t(o) for o in operands]
    dt = functools.reduce(_join_torch, [o.dtype for o in ops])
    if dt == torch.bool:
        out = torch.einsum(subscripts, *[o.to(torch.int32) for o in ops])
        return out.to(torch.bool)
    return torch.einsum(subscripts, *[o.to(dt) for o in ops])


def kron(x1, x2):
    a, b = pair(x1, x2)
    return torch.kron(a, b)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    a, b = pair(x1, x2)
    if axis is not None:
        axisa = axisb = axisc = axis
    a = torch.movedim(a, axisa, -1)
    b = torch.movedim(b, axisb, -1)
    if a.shape[-1] == 2:
        a = F.pad(a, (0, 1))
    if b.shape[-1] == 2:
        b = F.pad(b, (0, 1))
    if a.shape[-1] != 3 or b.shape[-1] != 3:
        raise ValueError(f"ops.cross: the vector axes must have size 2 or 3, got "
                         f"{tuple(x1.shape)} and {tuple(x2.shape)}.")
    a, b = torch.broadcast_tensors(a, b)
    out = torch.linalg.cross(a, b, dim=-1)
    if _t(x1).shape[axisa] == 2 and _t(x2).shape[axisb] == 2:
        return out[..., 2]
    return torch.movedim(out, -1, axisc)


def correlate(x1, x2, mode="valid"):
    a, b = pair(x1, x2)
    if not is_float_dtype(a.dtype):
        a, b = a.to(floatx()), b.to(floatx())
    if mode not in ("valid", "same", "full"):
        raise ValueError(f"ops.correlate: mode must be valid, same or full; got {mode!r}.")
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"ops.correlate: x1 and x2 must be 1-D, got shapes {tuple(a.shape)} "
                         f"and {tuple(b.shape)}.")
    n, m = a.shape[0], b.shape[0]
    swapped = m > n
    if swapped:
        a, b = b, a
        n, m = m, n
    if mode == "valid":
        left = right = 0
    elif mode == "full":
        left = right = m - 1
    else:
        left = m // 2
        right = m - 1 - left
    ap = F.pad(a, (left, right)).reshape(1, 1, -1)
    out = F.conv1d(ap, b.conj().reshape(1, 1, -1)).reshape(-1)
    if swapped:
        out = out.flip(0)
        if a.is_complex():
            out = out.conj()
    return out


def corrcoef(x):
    x = to_float(x)
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    return torch.corrcoef(work).to(x.dtype)


def diff(a, n=1, axis=-1):
    a = _t(a)
    if a.dtype == torch.bool:
        out = a
        for _ in range(int(n)):
            out = torch.logical_xor(out.narrow(axis, 1, out.shape[axis] - 1),
                                    out.narrow(axis, 0, out.shape[axis] - 1))
        return out
    return torch.diff(a, n=int(n), dim=int(axis))


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = to_float(y)
    if x is None:
        return torch.trapezoid(y, dx=dx, dim=int(axis))
    y, x = pair(y, x)
    return torch.trapezoid(y, x, dim=int(axis))


def slogdet(x):
    x = to_float(x)
    if x.dtype in (torch.float16, torch.bfloat16):  # no low-precision linalg kernels (2.x)
        sign, logabs = torch.linalg.slogdet(x.float())
        return sign.to(x.dtype), logabs.to(x.dtype)
    sign, logabs = torch.linalg.slogdet(x)
    return sign, logabs
