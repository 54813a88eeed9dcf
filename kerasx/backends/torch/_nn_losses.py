"""Losses primitives, encodings and normalizations of the torch backend."""

import math

import torch
import torch.nn.functional as F

from kerasx import config
from kerasx.backends.torch._common import (
    convert_to_tensor,
    float_pair,
    floatx,
    to_float,
    to_torch_dtype,
)

_t = convert_to_tensor


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("ops.one_hot: sparse=True is not supported by the torch backend; "
                         "use sparse=False.")
    x = _t(x).long()
    n = int(num_classes)
    valid = (x >= 0) & (x < n)
    out = F.one_hot(torch.where(valid, x, torch.zeros_like(x)), n)
    out = out * valid.unsqueeze(-1)
    out = out.to(floatx() if dtype is None else to_torch_dtype(dtype))
    if axis != -1 and axis != out.ndim - 1:
        out = torch.movedim(out, -1, axis)
    return out


def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("ops.multi_hot: sparse=True is not supported by the torch backend; "
                         "use sparse=False.")
    if num_classes is None:
        raise ValueError("ops.multi_hot: num_classes is required, got None.")
    x = _t(inputs)
    squeeze = x.ndim == 1
    if squeeze:
        x = x.unsqueeze(0)
    hot = one_hot(x, num_classes, axis=-1, dtype="int32")
    out = torch.amax(hot, dim=-2) if hot.shape[-2] else torch.zeros(
        tuple(hot.shape[:-2]) + (int(num_classes),), dtype=torch.int32, device=hot.device)
    if squeeze:
        out = out[0]
    out = out.to(floatx() if dtype is None else to_torch_dtype(dtype))
    if axis != -1 and axis != out.ndim - 1:
        out = torch.movedim(out, -1, axis)
    return out


def _check_same_shape(target, output, op):
    if tuple(target.shape) != tuple(output.shape):
        raise ValueError(f"ops.{op}: target and output must have the same shape, got target "
                         f"{tuple(target.shape)} and output {tuple(output.shape)}.")


def binary_crossentropy(target, output, from_logits=False):
    target, output = float_pair(target, output)
    _check_same_shape(target, output, "binary_crossentropy")
    if from_logits:
        return F.binary_cross_entropy_with_logits(output, target, reduction="none")
    eps = config.epsilon()
    output = torch.clamp(output, eps, 1.0 - eps)
    return -(target * torch.log(output) + (1.0 - target) * torch.log(1.0 - output))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = float_pair(target, output)
    _check_same_shape(target, output, "categorical_crossentropy")
    if from_logits:
        return -torch.sum(target * F.log_softmax(output, dim=axis), dim=axis)
    output = output / torch.sum(output, dim=axis, keepdim=True)
    eps = config.epsilon()
    output = torch.clamp(output, eps, 1.0 - eps)
    return -torch.sum(target * torch.log(output), dim=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target = _t(target)
    output = to_float(output)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    if target.ndim != output.ndim - 1:
        raise ValueError(f"ops.sparse_categorical_crossentropy: target must have the shape of "
                         f"output without the class axis; got target {tuple(target.shape)} and "
                         f"output {tuple(output.shape)}.")
    # Pick each row's log-probability with a gather (no one-hot matrix). Labels outside
    # [0, classes) give a loss of 0, as the one-hot formulation does.
    axis = axis % output.ndim
    t = target if target.dtype == torch.int64 else target.long()
    valid = (t >= 0) & (t < output.shape[axis])
    t = torch.where(valid, t, 0).unsqueeze(axis)
    if from_logits:
        logp = F.log_softmax(output, dim=axis)
    else:
        probs = output / torch.sum(output, dim=axis, keepdim=True)
        eps = config.epsilon()
        logp = torch.log(torch.clamp(probs, eps, 1.0 - eps))
    return -(logp.gather(axis, t).squeeze(axis) * valid)


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    dims = tuple(axes) if isinstance(axes, (list, tuple)) else (axes,)
    mean = torch.mean(work, dim=dims, keepdim=True)
    var = torch.mean(torch.square(work - mean.detach()), dim=dims, keepdim=True)
    if not keepdims:
        mean = mean.squeeze(dims)
        var = var.squeeze(dims)
    return mean.to(x.dtype), var.to(x.dtype)


def _along(v, axis, ndim, dtype):
    v = _t(v).to(dtype)
    if v.ndim == 1 and ndim > 1:
        shape = [1] * ndim
        shape[axis % ndim] = v.shape[0]
        v = v.reshape(shape)
    return v


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=0.001):
    x = to_float(x)
    nd = x.ndim
    mean = _along(mean, axis, nd, x.dtype)
    inv = torch.rsqrt(_along(variance, axis, nd, x.dtype) + epsilon)
    if scale is not None:
        inv = inv * _along(scale, axis, nd, x.dtype)
    out = (x - mean) * inv
    if offset is not None:
        out = out + _along(offset, axis, nd, x.dtype)
    return out


def normalize(x, axis=-1, order=2, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    norm = torch.linalg.vector_norm(x, ord=order, dim=axis, keepdim=True)
    return x / torch.clamp(norm, min=eps)


def psnr(x1, x2, max_val):
    x1, x2 = float_pair(x1, x2)
    if tuple(x1.shape) != tuple(x2.shape):
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape, got {tuple(x1.shape)} "
                         f"and {tuple(x2.shape)}.")
    mse = torch.mean(torch.square(x1 - x2))
    return 20.0 * math.log10(float(max_val)) - 10.0 * torch.log10(mse)


def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    ms = torch.mean(torch.square(work), dim=axis, keepdim=True)
    out = (work * torch.rsqrt(ms + eps)).to(x.dtype)
    if scale is None:
        return out
    return out * _t(scale).to(x.dtype)


def _layer_norm_fused(x, gamma, beta, dims, eps):
    """``F.layer_norm`` when the normalized axes are the trailing ones and the weights have
    their shape (the same formula in one kernel); None otherwise. float32/float64 only: the
    explicit path computes half-precision statistics in float32."""
    if x.dtype not in (torch.float32, torch.float64) or not x.ndim:
        return None
    k = len(dims)
    if sorted(d % x.ndim for d in dims) != list(range(x.ndim - k, x.ndim)):
        return None
    shape = tuple(x.shape[x.ndim - k:])
    w = None if gamma is None else _t(gamma)
    b = None if beta is None else _t(beta)
    for p in (w, b):
        if p is not None and (tuple(p.shape) != shape or p.dtype != x.dtype):
            return None
    return F.layer_norm(x, shape, w, b, eps)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    dims = tuple(axis) if isinstance(axis, (list, tuple)) else (axis,)
    fused = _layer_norm_fused(x, gamma, beta, dims, eps)
    if fused is not None:
        return fused
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    mean = torch.mean(work, dim=dims, keepdim=True)
    var = torch.mean(torch.square(work - mean), dim=dims, keepdim=True)
    out = ((work - mean) * torch.rsqrt(var + eps)).to(x.dtype)
    if gamma is not None:
        out = out * _t(gamma).to(x.dtype)
    if beta is not None:
        out = out + _t(beta).to(x.dtype)
    return out


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = to_float(output)
    work = output.float() if output.dtype in (torch.float16, torch.bfloat16) else output
    log_probs = F.log_softmax(work, dim=-1).transpose(0, 1)  # (T, B, C)
    loss = F.ctc_loss(log_probs, _t(target).long(), _t(output_length).long(),
                      _t(target_length).long(), blank=int(mask_index), reduction="none",
                      zero_infinity=False)
    return loss.to(output.dtype)
