"""Random group of the torch backend: every call seeds its own torch.Generator."""

import math

import numpy as np
import torch

from kerasx.backends.torch import _common
from kerasx.backends.torch._common import convert_to_tensor, floatx, to_torch_dtype


def draw_seed(seed):
    # imported lazily: kerasx.random imports the ops, which need this backend loaded
    from kerasx.random.seed_generator import draw_seed as _draw

    return _draw(seed)


def _seed_int(seed, salt=0):
    s = draw_seed(seed)
    if isinstance(s, torch.Tensor):
        vals = s.tolist()
    elif hasattr(s, "_direct_assign"):
        vals = _common.convert_to_numpy(s).tolist()
    else:
        vals = np.asarray(s).tolist()
    a, b = int(vals[0]), int(vals[1])
    return ((a * 0x9E3779B1 + b) * 2654435761 + salt * 97) % (2 ** 63 - 1)


def _generator(seed, salt=0):
    g = torch.Generator(device=_common.DEFAULT_DEVICE)
    g.manual_seed(_seed_int(seed, salt))
    return g


def _shape(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def _float_dtype(dtype, op):
    dt = floatx() if dtype is None else to_torch_dtype(dtype)
    if not dt.is_floating_point:
        raise ValueError(f"ops.random.{op}: dtype must be a float dtype, got {dtype!r}.")
    return dt


def _work(dt):
    return torch.float32 if dt in (torch.float16, torch.bfloat16) else dt


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dt = _float_dtype(dtype, "normal")
    g = _generator(seed)
    x = torch.randn(_shape(shape), generator=g, dtype=_work(dt), device=_common.DEFAULT_DEVICE)
    return (x * stddev + mean).to(dt)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dt = _float_dtype(dtype, "uniform")
    g = _generator(seed)
    x = torch.rand(_shape(shape), generator=g, dtype=_work(dt), device=_common.DEFAULT_DEVICE)
    return (x * (maxval - minval) + minval).to(dt)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dt = _float_dtype(dtype, "truncated_normal")
    g = _generator(seed)
    # inverse-CDF sampling of a standard normal restricted to [-2, 2]
    lo = 0.5 * (1.0 + math.erf(-2.0 / math.sqrt(2.0)))
    hi = 1.0 - lo
    u = torch.rand(_shape(shape), generator=g, dtype=torch.float64, device=_common.DEFAULT_DEVICE)
    z = math.sqrt(2.0) * torch.erfinv(2.0 * (lo + u * (hi - lo)) - 1.0)
    z = torch.clamp(z, -2.0, 2.0)
    return (z * stddev + mean).to(dt)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    dt = to_torch_dtype(dtype)
    g = _generator(seed)
    x = torch.randint(int(minval), int(maxval), _shape(shape), generator=g, dtype=torch.int64,
                      device=_common.DEFAULT_DEVICE)
    return x.to(dt)


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = _common.to_float(logits)
    if logits.ndim != 2:
        raise ValueError(f"ops.random.categorical: logits must be 2-D (batch, classes), got shape "
                         f"{tuple(logits.shape)}.")
    g = _generator(seed)
    probs = torch.softmax(logits.to(torch.float64), dim=-1)
    out = torch.multinomial(probs, int(num_samples), replacement=True, generator=g)
    return out.to(to_torch_dtype(dtype))


def dropout(inputs, rate, noise_shape=None, seed=None):
    x = convert_to_tensor(inputs)
    rate = float(rate)
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"ops.random.dropout: rate must be in [0, 1), got {rate}.")
    if noise_shape is None:
        shape = tuple(x.shape)
    else:
        shape = tuple(x.shape[i] if d is None else int(d) for i, d in enumerate(noise_shape))
    g = _generator(seed)
    keep = torch.rand(shape, generator=g, device=x.device) >= rate
    x = _common.to_float(x)
    return torch.where(keep, x / (1.0 - rate), torch.zeros((), dtype=x.dtype, device=x.device))


def shuffle(x, axis=0, seed=None):
    x = convert_to_tensor(x)
    g = _generator(seed)
    perm = torch.randperm(x.shape[axis], generator=g, device=x.device)
    return torch.index_select(x, axis, perm)


def _gamma(shape, alpha, dt, seed, salt=0):
    alpha = convert_to_tensor(alpha).to(torch.float64)
    alpha = torch.broadcast_to(alpha, _shape(shape))
    devices = [] if _common.DEFAULT_DEVICE.type == "cpu" else [_common.DEFAULT_DEVICE]
    # torch's gamma sampler reads the global RNG only (2.x): fork it so callers are unaffected.
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(_seed_int(seed, salt))
        out = torch.distributions.Gamma(alpha, torch.ones_like(alpha)).sample()
    return out.to(dt)


def gamma(shape, alpha, dtype=None, seed=None):
    return _gamma(shape, alpha, _float_dtype(dtype, "gamma"), seed)


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dt = _float_dtype(dtype, "binomial")
    shp = _shape(shape)
    counts = torch.broadcast_to(convert_to_tensor(counts).to(torch.float64), shp)
    probs = torch.broadcast_to(convert_to_tensor(probabilities).to(torch.float64), shp)
    g = _generator(seed)
    return torch.binomial(counts.contiguous(), probs.contiguous(), generator=g).to(dt)


def beta(shape, alpha, beta, dtype=None, seed=None):
    dt = _float_dtype(dtype, "beta")
    seed_tensor = draw_seed(seed)
    a = _gamma(shape, alpha, torch.float64, seed_tensor, salt=1)
    b = _gamma(shape, beta, torch.float64, seed_tensor, salt=2)
    return (a / (a + b)).to(dt)


def set_framework_seed(seed):
    """Seeds torch's global RNG too (called by kerasx.utils.set_random_seed)."""
    torch.manual_seed(int(seed))
