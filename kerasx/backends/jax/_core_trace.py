"""compute_output_spec (via jax.eval_shape) and compute_gradients (via jax.value_and_grad)."""

import jax
import jax.numpy as jnp

from kerasx import tree
from kerasx.core import scope as scope_mod
from kerasx.core.keras_tensor import KerasTensor
from kerasx.backends.jax._common import jdt, std_dtype

# Stand-in sizes for unknown (None) dims; output dims that differ between the two runs are None.
_STAND_INS = (96, 120)


def _is_leaf(x):
    return isinstance(x, KerasTensor)


def _placeholders(args, kwargs, size):
    def conv(x):
        if isinstance(x, KerasTensor):
            shp = tuple(size if d is None else d for d in x.shape)
            return jax.ShapeDtypeStruct(shp, jdt(x.dtype))
        return x
    return tree.map_structure(conv, (args, kwargs))


def _run(fn, args, kwargs, size):
    (p_args, p_kwargs) = _placeholders(args, kwargs, size)
    flat = tree.flatten((p_args, p_kwargs))
    spec_pos = [i for i, x in enumerate(flat) if isinstance(x, jax.ShapeDtypeStruct)]
    holder = {}

    def pure(*specs):
        full = list(flat)
        for i, s in zip(spec_pos, specs):
            full[i] = s
        a, k = tree.pack_sequence_as((p_args, p_kwargs), full)
        outer = scope_mod.get_stateless_scope()
        mapping = list(outer.state_mapping.values()) if outer is not None else []
        # Assignments made while inferring shapes are discarded.
        with scope_mod.StatelessScope(mapping), scope_mod.SymbolicScope():
            out = fn(*a, **k)
        leaves = tree.flatten(out)
        arr_pos = [i for i, x in enumerate(leaves) if isinstance(x, jax.Array)]
        holder["out"] = out
        holder["leaves"] = leaves
        holder["arr_pos"] = arr_pos
        return [leaves[i] for i in arr_pos]

    shapes = jax.eval_shape(pure, *[flat[i] for i in spec_pos])
    return holder, shapes


def compute_output_spec(fn, *args, **kwargs):
    """Runs ``fn`` abstractly on KerasTensor inputs; returns KerasTensors for tensor outputs."""
    has_none = any(
        isinstance(x, KerasTensor) and any(d is None for d in x.shape)
        for x in tree.flatten((args, kwargs))
    )
    holder, shapes = _run(fn, args, kwargs, _STAND_INS[0])
    if has_none:
        _, shapes2 = _run(fn, args, kwargs, _STAND_INS[1])
    else:
        shapes2 = shapes
    leaves = list(holder["leaves"])
    for pos, s1, s2 in zip(holder["arr_pos"], shapes, shapes2):
        if len(s1.shape) != len(s2.shape):
            shp = tuple(None for _ in s1.shape)
        else:
            shp = tuple(a if a == b else None for a, b in zip(s1.shape, s2.shape))
        leaves[pos] = KerasTensor(shp, dtype=std_dtype(s1.dtype))
    out = holder["out"]
    if not holder["arr_pos"]:
        return out
    return tree.pack_sequence_as(out, leaves)


class _RecordingScope(scope_mod.StatelessScope):
    """A StatelessScope that remembers which variables were assigned inside it."""

    def __init__(self, base_mapping):
        super().__init__()
        self.state_mapping = dict(base_mapping)
        self.assigned = []
        self._assigned_ids = set()

    def add_update(self, variable, value):
        if id(variable) not in self._assigned_ids:
            self._assigned_ids.add(id(variable))
            self.assigned.append(variable)
        super().add_update(variable, value)


def compute_gradients(fn, variables, has_aux=False):
    """Value and gradients of ``fn()`` w.r.t. ``variables``.

    Returns ``(value, grads)`` or ``((value, aux), grads)`` with ``has_aux``; grads
    are aligned with ``variables``. Works inside jax.jit and inside an outer
    StatelessScope (whose mapping the inner scope starts from); assignments to
    other variables made by ``fn`` are carried out of the transform and recorded
    into the outer scope, or assigned when there is none.
    """
    variables = list(variables)
    outer = scope_mod.get_stateless_scope()
    base = dict(outer.state_mapping) if outer is not None else {}
    values = [v.value for v in variables]
    diff_idx = [i for i, v in enumerate(values) if jnp.issubdtype(v.dtype, jnp.inexact)]
    record = {}

    def pure(diff_vals):
        scope = _RecordingScope(base)
        vals = list(values)
        for i, dv in zip(diff_idx, diff_vals):
            vals[i] = dv
        for var, val in zip(variables, vals):
            scope.state_mapping[id(var)] = (var, val)
        with scope:
            out = fn()
        if has_aux:
            value, aux = out
        else:
            value, aux = out, None
        record["vars"] = list(scope.assigned)
        updates = [scope.get_current_value(v) for v in scope.assigned]
        return value, (aux, updates)

    (value, (aux, updates)), diff_grads = jax.value_and_grad(pure, has_aux=True)(
        [values[i] for i in diff_idx])
    grads = [jnp.zeros_like(v) for v in values]
    for i, g in zip(diff_idx, diff_grads):
        grads[i] = g
    for var, new in zip(record.get("vars", []), updates):
        if outer is not None:
            outer.add_update(var, new)
        else:
            var.assign(new)
    if has_aux:
        return (value, aux), grads
    return value, grads
