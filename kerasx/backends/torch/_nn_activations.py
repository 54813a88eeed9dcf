"""Activation functions of the torch backend."""

import torch
import torch.nn.functional as F

from kerasx.backends.torch._common import convert_to_tensor, to_float


def relu(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return x.clone()
    return torch.relu(x)  # keeps integer dtypes, like the other backends


def relu6(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return x.clone()
    return torch.clamp(x, 0, 6)


def sigmoid(x):
    return torch.sigmoid(to_float(x))


def sparse_sigmoid(x):
    x = to_float(x)
    return torch.clamp((x + 1.0) * 0.5, 0.0, 1.0)


def softplus(x):
    return F.softplus(to_float(x))


def softsign(x):
    return F.softsign(to_float(x))


def silu(x):
    return F.silu(to_float(x))


def log_sigmoid(x):
    return F.logsigmoid(to_float(x))


def leaky_relu(x, negative_slope=0.2):
    return F.leaky_relu(to_float(x), negative_slope=negative_slope)


def hard_sigmoid(x):
    return F.relu6(to_float(x) + 3.0) / 6.0


def hard_silu(x):
    x = to_float(x)
    return x * (F.relu6(x + 3.0) / 6.0)


def elu(x, alpha=1.0):
    return F.elu(to_float(x), alpha=alpha)


def selu(x):
    return F.selu(to_float(x))


def gelu(x, approximate=True):
    return F.gelu(to_float(x), approximate="tanh" if approximate else "none")


def celu(x, alpha=1.0):
    return F.celu(to_float(x), alpha=alpha)


def glu(x, axis=-1):
    x = to_float(x)
    if x.shape[axis] % 2:
        raise ValueError(f"ops.glu: the size of axis {axis} must be even, got {x.shape[axis]} "
                         f"(x has shape {tuple(x.shape)}).")
    return F.glu(x, dim=axis)


def hard_tanh(x):
    return F.hardtanh(to_float(x))


def hard_shrink(x, threshold=0.5):
    return F.hardshrink(to_float(x), lambd=threshold)


def soft_shrink(x, threshold=0.5):
    return F.softshrink(to_float(x), lambd=threshold)


def tanh_shrink(x):
    return F.tanhshrink(to_float(x))


def squareplus(x, b=4):
    x = to_float(x)
    return (x + torch.sqrt(x * x + b)) * 0.5


def sparse_plus(x):
    x = to_float(x)
    return torch.where(x <= -1.0, torch.zeros_like(x),
                       torch.where(x >= 1.0, x, (x + 1.0) ** 2 * 0.25))


def threshold(x, threshold, default_value):
    x = to_float(x)
    return torch.where(x > threshold, x, torch.as_tensor(default_value, dtype=x.dtype,
                                                         device=x.device))


def sparsemax(x, axis=-1):
    x = to_float(x)
    z = torch.movedim(x, axis, -1)
    zs = torch.sort(z, dim=-1, descending=True).values
    k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype, device=z.device)
    cums = torch.cumsum(zs, dim=-1)
    support = (1 + k * zs) > cums
    k_z = torch.sum(support.to(z.dtype), dim=-1, keepdim=True)
    tau = (torch.gather(cums, -1, k_z.long() - 1) - 1) / k_z
    out = torch.clamp(z - tau, min=0)
    return torch.movedim(out, -1, axis)


def _tuple_axis(x, axis):
    if isinstance(axis, (list, tuple)):
        return tuple(a % x.ndim for a in axis)
    return None


def softmax(x, axis=-1):
    x = to_float(x)
    axes = _tuple_axis(x, axis)
    if axes is None:
        return F.softmax(x, dim=axis)
    m = torch.amax(x, dim=axes, keepdim=True).detach()
    e = torch.exp(x - m)
    return e / torch.sum(e, dim=axes, keepdim=True)


def log_softmax(x, axis=-1):
    x = to_float(x)
    axes = _tuple_axis(x, axis)
    if axes is None:
        return F.log_softmax(x, dim=axis)
    return x - torch.logsumexp(x, dim=axes, keepdim=True)

