"""Fused optimizer updates for the torch backend (optional: the frontend falls back to ops).

The generic optimizers write each update with out-of-place ops and an assign per
variable. Here the same Adam math runs as in-place multi-tensor (``torch._foreach_*``)
kernels, as ``torch.optim.Adam`` does, which removes most of the per-step overhead.
"""

import torch

from kerasx.core import scope as scope_mod


def adam_update(variables, grads, momentums, velocities, alpha, beta_1, beta_2, epsilon):
    """Applies one Adam step in place; returns False (nothing done) when it cannot.

    ``m = lerp(m, g, 1 - beta_1)``, ``v = v * beta_2 + g * g * (1 - beta_2)``,
    ``w -= alpha * m / (sqrt(v) + epsilon)`` with ``alpha`` the bias-corrected rate.
    """
    if scope_mod.in_stateless_scope() or torch.compiler.is_compiling():
        return False
    params = [v._value for v in variables]
    ms = [m._value for m in momentums]
    vs = [v._value for v in velocities]
    gs = [g if g.dtype == p.dtype else g.to(p.dtype) for g, p in zip(grads, params)]
    if any(p.dtype not in (torch.float32, torch.float64, torch.float16, torch.bfloat16) for p in params):
        return False
    with torch.no_grad():
        torch._foreach_lerp_(ms, gs, 1.0 - beta_1)
        torch._foreach_mul_(vs, beta_2)
        torch._foreach_addcmul_(vs, gs, gs, 1.0 - beta_2)
        denom = torch._foreach_sqrt(vs)
        torch._foreach_add_(denom, epsilon)
        steps = torch._foreach_div(ms, denom)
        torch._foreach_mul_(steps, alpha)
        torch._foreach_sub_(params, steps)
    return True
