"""Array creation ops (NumPy names) for the torch backend."""

import numpy as np
import torch

from kerasx.backends.torch import _common
from kerasx.backends.torch._common import convert_to_tensor, floatx, to_torch_dtype

_t = convert_to_tensor


def _dt(dtype):
    return floatx() if dtype is None else to_torch_dtype(dtype)


def _shape(shape):
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    if isinstance(shape, torch.Tensor):
        return tuple(int(d) for d in shape.tolist())
    return tuple(int(d) for d in shape)


def zeros(shape, dtype=None):
    return torch.zeros(_shape(shape), dtype=_dt(dtype), device=_common.DEFAULT_DEVICE)


def ones(shape, dtype=None):
    return torch.ones(_shape(shape), dtype=_dt(dtype), device=_common.DEFAULT_DEVICE)


def empty(shape, dtype=None):
    return torch.empty(_shape(shape), dtype=_dt(dtype), device=_common.DEFAULT_DEVICE)


def full(shape, fill_value, dtype=None):
    dt = _dt(dtype)
    if isinstance(fill_value, (bool, int, float)):
        return torch.full(_shape(shape), fill_value, dtype=dt, device=_common.DEFAULT_DEVICE)
    return torch.broadcast_to(_t(fill_value, dtype=dt), _shape(shape)).clone()


def _like_dt(x, dtype):
    return x.dtype if dtype is None else to_torch_dtype(dtype)


def zeros_like(x, dtype=None):
    x = _t(x)
    return torch.zeros_like(x, dtype=_like_dt(x, dtype))


def ones_like(x, dtype=None):
    x = _t(x)
    return torch.ones_like(x, dtype=_like_dt(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = _t(x)
    dt = _like_dt(x, dtype)
    if isinstance(fill_value, (bool, int, float)):
        return torch.full_like(x, fill_value, dtype=dt)
    return torch.broadcast_to(_t(fill_value, dtype=dt), x.shape).clone()


def eye(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    N, M, k = int(N), int(M), int(k)
    dt = _dt(dtype)
    if k == 0:
        return torch.eye(N, M, dtype=dt, device=_common.DEFAULT_DEVICE)
    rows = torch.arange(N, device=_common.DEFAULT_DEVICE).unsqueeze(1)
    cols = torch.arange(M, device=_common.DEFAULT_DEVICE).unsqueeze(0)
    return (cols - rows == k).to(dt)


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    rows = torch.arange(int(N), device=_common.DEFAULT_DEVICE).unsqueeze(1)
    cols = torch.arange(int(M), device=_common.DEFAULT_DEVICE).unsqueeze(0)
    return (cols <= rows + int(k)).to(_dt(dtype))


def _scalar(v):
    if isinstance(v, torch.Tensor):
        return v.item()
    if isinstance(v, np.generic):
        return v.item()
    return v


def arange(start, stop=None, step=1, dtype=None):
    start, stop, step = _scalar(start), _scalar(stop), _scalar(step)
    if stop is None:
        start, stop = 0, start
    if dtype is None:
        all_int = all(isinstance(v, (int, np.integer)) for v in (start, stop, step))
        dt = torch.int32 if all_int else floatx()
    else:
        dt = to_torch_dtype(dtype)
    if step == 0:
        raise ValueError("ops.arange: step must not be 0.")
    if dt in (torch.float16, torch.bfloat16):
        return torch.arange(start, stop, step, dtype=torch.float32,
                            device=_common.DEFAULT_DEVICE).to(dt)
    return torch.arange(start, stop, step, dtype=dt, device=_common.DEFAULT_DEVICE)


def array(x, dtype=None):
    return _t(x, dtype=dtype)


def copy(x):
    return _t(x).clone()


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    num = int(num)
    if num < 0:
        raise ValueError(f"ops.linspace: num must be non-negative, got {num}.")
    dt = _dt(dtype) if dtype is not None else floatx()
    start_t = _t(start, dtype=torch.float64)
    stop_t = _t(stop, dtype=torch.float64)
    div = (num - 1) if endpoint else num
    step = (stop_t - start_t) / div if div > 0 else torch.full_like(stop_t - start_t, float("nan"))
    steps = torch.arange(num, dtype=torch.float64, device=start_t.device)
    shape = (num,) + (1,) * start_t.ndim
    out = start_t.unsqueeze(0) + steps.reshape(shape) * (step.unsqueeze(0) if div > 0 else 0)
    if endpoint and num > 1:
        out[-1] = stop_t
    if axis != 0:
        out = torch.movedim(out, 0, int(axis))
    if not dt.is_floating_point:
        out = torch.floor(out)
    out = out.to(dt)
    if retstep:
        return out, step.to(dt if dt.is_floating_point else floatx())
    return out


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    exps = linspace(start, stop, num=num, endpoint=endpoint, dtype="float64", axis=axis)
    out = torch.pow(torch.as_tensor(float(base), dtype=torch.float64), exps)
    return out.to(_dt(dtype))


def vander(x, N=None, increasing=False):
    x = _t(x)
    if x.ndim != 1:
        raise ValueError(f"ops.vander: x must be 1-D, got shape {tuple(x.shape)}.")
    N = x.shape[0] if N is None else int(N)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    powers = torch.arange(N, device=x.device)
    if not increasing:
        powers = powers.flip(0)
    return torch.pow(x.unsqueeze(1), powers.unsqueeze(0).to(x.dtype))
