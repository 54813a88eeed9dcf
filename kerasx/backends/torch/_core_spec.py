"""Symbolic shape inference and gradients for the torch backend."""

import torch

from kerasx import tree
from kerasx.backends.torch import _common
from kerasx.core import scope as scope_mod
from kerasx.core.keras_tensor import KerasTensor

# Stand-in sizes for unknown (None) dims: two runs, dims that differ are unknown.
_META_SIZES = (83, 89)
_CPU_SIZES = (5, 7)


def _has_none(flat):
    return any(isinstance(e, KerasTensor) and None in e.shape for e in flat)


def _placeholders(args, kwargs, device, size):
    def make(e):
        if isinstance(e, KerasTensor):
            shp = tuple(size if d is None else d for d in e.shape)
            dt = _common.to_torch_dtype(e.dtype)
            if device == "meta":
                return torch.empty(shp, dtype=dt, device="meta")
            # ones, not zeros: data-dependent shapes (nonzero) then vary with the stand-in size
            return torch.ones(shp, dtype=dt, device=_common.DEFAULT_DEVICE)
        if device == "meta":
            # Variables and real tensors passed directly become meta tensors too (no compute);
            # ops whose output shape depends on their values fail on meta and fall back.
            if hasattr(e, "_direct_assign"):
                return torch.empty(e.shape, dtype=_common.to_torch_dtype(e.dtype), device="meta")
            if isinstance(e, torch.Tensor) and e.ndim > 0:
                return e.to("meta")
        return e

    return tree.map_structure(make, (args, kwargs))


def _run(fn, args, kwargs, device, size):
    a, k = _placeholders(args, kwargs, device, size)
    return fn(*a, **k)


def _to_spec(out1, out2):
    flat1 = tree.flatten(out1)
    flat2 = tree.flatten(out2) if out2 is not None else flat1
    specs = []
    for a, b in zip(flat1, flat2):
        if isinstance(a, torch.Tensor):
            shp = tuple(da if da == db else None for da, db in zip(a.shape, b.shape))
            if len(a.shape) != len(b.shape):
                shp = tuple(None for _ in a.shape)
            specs.append(KerasTensor(tuple(int(d) if d is not None else None for d in shp),
                                     dtype=_common.DTYPE_NAMES[a.dtype]))
        else:
            specs.append(a)
    return tree.pack_sequence_as(out1, specs)


def compute_output_spec(fn, *args, **kwargs):
    unknown = _has_none(tree.flatten((args, kwargs)))
    with scope_mod.SymbolicScope(), torch.no_grad():
        try:
            out1 = _run(fn, args, kwargs, "meta", _META_SIZES[0])
            out2 = _run(fn, args, kwargs, "meta", _META_SIZES[1]) if unknown else None
            if any(isinstance(t, torch.Tensor) and t.device.type != "meta"
                   for t in tree.flatten(out1)):
                raise RuntimeError("non-meta output")
        except Exception:
            # Ops without a meta kernel, .item() calls, or Variables (real tensors) mixed in.
            out1 = _run(fn, args, kwargs, "cpu", _CPU_SIZES[0])
            out2 = _run(fn, args, kwargs, "cpu", _CPU_SIZES[1]) if unknown else None
    return _to_spec(out1, out2)


def _is_diff(t):
    return t.is_floating_point() or t.is_complex()


def compute_gradients(fn, variables, has_aux=False):
    variables = list(variables)
    outer = scope_mod.get_stateless_scope()
    restore = []
    inner = None
    if outer is None:
        targets = []
        for v in variables:
            t = v._value
            if _is_diff(t) and not t.requires_grad:
                t.requires_grad_(True)
                restore.append(t)
            targets.append(t)
    else:
        # Values come from the active StatelessScope: differentiate fresh leaves of them.
        targets = []
        mapping = [(var, val) for var, val in outer.state_mapping.values()]
        for v in variables:
            t = _common.convert_to_tensor(v.value)
            if _is_diff(t):
                t = t.detach().requires_grad_(True)
            targets.append(t)
        mapping += list(zip(variables, targets))
        inner = scope_mod.StatelessScope(mapping, collect_losses=outer.collect_losses,
                                         initialize_variables=outer.initialize_variables)
    try:
        with torch.enable_grad():
            if inner is not None:
                with inner:
                    result = fn()
            else:
                result = fn()
        value = result[0] if has_aux else result
        value = _common.convert_to_tensor(value)
        diff = [t for t in targets if _is_diff(t) and t.requires_grad]
        if diff and value.requires_grad:
            # a non-scalar value is differentiated as its sum
            grads = torch.autograd.grad(
                value, diff, grad_outputs=None if value.ndim == 0 else torch.ones_like(value),
                allow_unused=True)
        else:
            grads = [None] * len(diff)
    finally:
        for t in restore:
            t.requires_grad_(False)
    it = iter(grads)
    out = []
    for t in targets:
        g = next(it) if (_is_diff(t) and t.requires_grad) else None
        out.append(torch.zeros_like(t) if g is None else g)
    if inner is not None:
        target_ids = {id(t) for t in targets}
        for key, (var, val) in inner.state_mapping.items():
            if outer.state_mapping.get(key, (None, None))[1] is not val and id(val) not in target_ids:
                outer.add_update(var, val)
        outer.losses.extend(inner.losses)
    if has_aux:
        return (value.detach(), result[1]), out
    return value.detach(), out
