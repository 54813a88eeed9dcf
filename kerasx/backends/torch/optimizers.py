"""Fused optimizer updates for the torch backend (optional: the frontend falls back to ops).

The generic optimizers write each update with out-of-place ops and an assign per
variable. Here the same Adam math runs as in-place multi-tensor (``torch._foreach_*``)
kernels, as ``torch.optim.Adam`` does, which removes most of the per-step overhead.
On CPU, float32/float64 variables take one pass of torch's fused Adam kernel
(``torch._fused_adam_``) instead: no temporary arrays, one read and write of each
state. Its epsilon sits after the bias correction of ``sqrt(v)``; passing
``epsilon / sqrt(1 - beta_2**t)`` makes it Keras's formula exactly (only the
rounding order differs).
"""

import numpy as np
import torch

from kerasx.core import scope as scope_mod

_FLOATS = (torch.float32, torch.float64, torch.float16, torch.bfloat16)
_NP = {torch.float32: np.float32, torch.float64: np.float64}
_FUSED = getattr(torch, "_fused_adam_", None)


def _bias_corrected_rate(learning_rate, count, beta_1, beta_2, dtype):
    """``lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)`` with ``t = count + 1``.

    For CPU tensors (and float32/float64 variables) it is computed on the host in
    the variables' precision, as ``torch.optim`` does with its step count; otherwise
    with tensor ops on the device (no host synchronisation).
    """
    npdt = _NP.get(dtype)
    if npdt is not None and learning_rate.device.type == "cpu" and count.device.type == "cpu":
        t = npdt(count.item() + 1)
        lr = npdt(learning_rate.item())
        one = npdt(1)
        return float(lr * np.sqrt(one - npdt(beta_2) ** t) / (one - npdt(beta_1) ** t))
    t = (count + 1).to(dtype)
    lr = learning_rate.to(dtype)
    return lr * torch.sqrt(1 - torch.pow(beta_2, t)) / (1 - torch.pow(beta_1, t))


def adam_update(variables, grads, momentums, velocities, learning_rate, count, beta_1, beta_2,
                epsilon):
    """Applies one Adam step in place; returns False (nothing done) when it cannot.

    ``m = lerp(m, g, 1 - beta_1)``, ``v = v * beta_2 + g * g * (1 - beta_2)``,
    ``w -= alpha * m / (sqrt(v) + epsilon)`` with ``alpha`` the bias-corrected rate
    for update number ``count + 1``. All variables share one floating dtype.
    """
    if scope_mod.in_stateless_scope() or torch.compiler.is_compiling():
        return False
    params = [v._value for v in variables]
    dtype = params[0].dtype
    if dtype not in _FLOATS or not isinstance(learning_rate, torch.Tensor) \
            or not isinstance(count, torch.Tensor):
        return False
    ms = [m._value for m in momentums]
    vs = [v._value for v in velocities]
    gs = [g if g.dtype == dtype else g.to(dtype) for g in grads]
    if _FUSED is not None and dtype in _NP and learning_rate.device.type == "cpu" \
            and count.device.type == "cpu" and _all_cpu(params, gs):
        _fused_step(params, gs, ms, vs, learning_rate, count, beta_1, beta_2, epsilon)
        return True
    with torch.no_grad():
        alpha = _bias_corrected_rate(learning_rate, count, beta_1, beta_2, dtype)
        torch._foreach_lerp_(ms, gs, 1.0 - beta_1)
        torch._foreach_mul_(vs, beta_2)
        torch._foreach_addcmul_(vs, gs, gs, 1.0 - beta_2)
        denom = torch._foreach_sqrt(vs)
        torch._foreach_add_(denom, epsilon)
        # w - (m * alpha) / denom: the generic path's rounding, in one fused kernel
        torch._foreach_addcdiv_(params, torch._foreach_mul(ms, alpha), denom, -1.0)
    return True


def _all_cpu(params, grads):
    for p, g in zip(params, grads):
        if p.device.type != "cpu" or g.device.type != "cpu" or not g.is_contiguous():
            return False
    return True


def _fused_step(params, grads, ms, vs, learning_rate, count, beta_1, beta_2, epsilon):
    t = float(count.item()) + 1.0
    bias_2 = 1.0 - float(beta_2) ** t
    # the kernel reads the update number from one step tensor per variable
    step = torch.tensor(t, dtype=torch.float32)
    with torch.no_grad():
        _FUSED(params, grads, ms, vs, [], [step] * len(params), lr=float(learning_rate.item()),
               beta1=float(beta_1), beta2=float(beta_2), weight_decay=0.0,
               eps=float(epsilon) / np.sqrt(bias_2), amsgrad=False, maximize=False)
