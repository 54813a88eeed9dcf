"""Linear-algebra group of the torch backend (NumPy/SciPy semantics)."""

import functools

import torch

from kerasx.backends.torch._common import convert_to_tensor, float_pair, to_float

_LOW = (torch.float16, torch.bfloat16)


def _back_inputs(fn):
    """torch.linalg has no float16/bfloat16 kernels (2.x): compute in float32, cast back."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        first = convert_to_tensor(args[0])
        if first.dtype not in _LOW:
            return fn(first, *args[1:], **kwargs)
        low = first.dtype
        args = [convert_to_tensor(a).float() if i == 0 or hasattr(a, "shape") else a
                for i, a in enumerate(args)]
        out = fn(*args, **kwargs)
        if isinstance(out, tuple):
            return tuple(o.to(low) if o.is_floating_point() else o for o in out)
        return out.to(low) if out.is_floating_point() else out
    return wrapper


@_back_inputs
def cholesky(x, upper=False):
    return torch.linalg.cholesky(to_float(x), upper=bool(upper))


@_back_inputs
def det(a):
    return torch.linalg.det(to_float(a))


@_back_inputs
def eig(a):
    return tuple(torch.linalg.eig(to_float(a)))


@_back_inputs
def eigh(a):
    return tuple(torch.linalg.eigh(to_float(a)))


@_back_inputs
def inv(a):
    return torch.linalg.inv(to_float(a))


@_back_inputs
def lu_factor(a):
    lu, pivots = torch.linalg.lu_factor(to_float(a))
    return lu, (pivots - 1).to(torch.int32)  # torch pivots are 1-based (LAPACK)


@_back_inputs
def norm(x, ord=None, axis=None, keepdims=False):
    x = to_float(x)
    if isinstance(axis, (list, tuple)):
        axis = tuple(int(a) for a in axis)
        if len(axis) == 1:
            axis = axis[0]
    if axis is None:
        if ord is None:
            return torch.linalg.vector_norm(x, dim=None, keepdim=keepdims)
        if x.ndim == 1:
            return torch.linalg.vector_norm(x, ord=ord, keepdim=keepdims)
        if x.ndim == 2:
            return torch.linalg.matrix_norm(x, ord=ord, keepdim=keepdims)
        raise ValueError(f"ops.norm: with ord={ord!r} and axis=None, x must be 1-D or 2-D; got "
                         f"shape {tuple(x.shape)}. Pass axis explicitly.")
    if isinstance(axis, tuple):
        if len(axis) != 2:
            raise ValueError(f"ops.norm: axis must be an int or a pair of ints, got {axis!r}.")
        return torch.linalg.matrix_norm(x, ord="fro" if ord is None else ord, dim=axis,
                                        keepdim=keepdims)
    if isinstance(ord, str):
        raise ValueError(f"ops.norm: ord={ord!r} is a matrix norm; it needs axis as a pair of ints, "
                         f"got axis={axis!r}.")
    return torch.linalg.vector_norm(x, ord=2 if ord is None else ord, dim=axis, keepdim=keepdims)


@_back_inputs
def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"ops.qr: mode must be 'reduced' or 'complete', got {mode!r}.")
    return tuple(torch.linalg.qr(to_float(x), mode=mode))


@_back_inputs
def solve(a, b):
    a, b = float_pair(a, b)
    return torch.linalg.solve(a, b)


@_back_inputs
def solve_triangular(a, b, lower=False):
    a, b = float_pair(a, b)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b.unsqueeze(-1)
    out = torch.linalg.solve_triangular(a, b, upper=not lower)
    return out.squeeze(-1) if vector else out


@_back_inputs
def svd(x, full_matrices=True, compute_uv=True):
    x = to_float(x)
    if not compute_uv:
        return torch.linalg.svdvals(x)
    return tuple(torch.linalg.svd(x, full_matrices=bool(full_matrices)))


@_back_inputs
def lstsq(a, b, rcond=None):
    a, b = float_pair(a, b)
    vector = b.ndim == 1
    if vector:
        b = b.unsqueeze(-1)
    # gelsd handles rank-deficient systems like NumPy (the CPU default gelsy differs there)
    driver = "gelsd" if a.device.type == "cpu" else None
    out = torch.linalg.lstsq(a, b, rcond=rcond, driver=driver).solution
    return out.squeeze(-1) if vector else out
