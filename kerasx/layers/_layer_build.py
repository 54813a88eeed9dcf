"""Layer mixin: building (shapes of the call's arguments), symbolic shape inference,
and ``stateless_call``."""

import numpy as np

from kerasx import tree
from kerasx.backends import B
from kerasx.core import scope as scope_mod
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers._layer_utils import call_info, map_shapes, signature


class BuildMixin:
    """Build-on-first-call, ``compute_output_spec``/``compute_output_shape``, ``stateless_call``."""

    def _first_tensor_kwarg(self, kwargs):
        for k, v in kwargs.items():
            if k not in ("training", "mask") and (hasattr(v, "shape") or isinstance(v, (list, dict))):
                return v
        return None

    def _tensor_arguments(self, args, kwargs):
        """``{param_name: value}`` of the tensor-like arguments of ``call``."""
        try:
            bound = signature(self.call).bind(*args, **kwargs).arguments
        except TypeError:
            bound = {f"arg{i}": a for i, a in enumerate(args)}
        out = {}
        info = call_info(self)
        for k, v in bound.items():
            if k in ("training", "mask"):
                continue
            if any(p.name == k and p.kind == p.VAR_KEYWORD for p in info.params):
                for kk, vv in v.items():
                    if _tensorish(vv):
                        out[kk] = vv
                continue
            if any(p.name == k and p.kind == p.VAR_POSITIONAL for p in info.params):
                if v and _tensorish(v[0]):
                    out[k] = v[0] if len(v) == 1 else list(v)
                continue
            if _tensorish(v):
                out[k] = v
        return out

    def _maybe_build(self, args, kwargs, symbolic):
        tensors = self._tensor_arguments(args, kwargs)
        shapes = {f"{k}_shape": map_shapes(v) for k, v in tensors.items()}
        if _is_default_build(self):
            if symbolic and self._has_unbuilt_sublayers():
                self._build_by_run(args, kwargs)
            self._build_shapes_dict = shapes or None
            self.built = True
            return
        params = [p for p in signature(self.build).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if len(params) <= 1 or not shapes:
            first = next(iter(shapes.values()), None)
            if params:
                self.build(first)
            else:
                self.build()
            return
        given = {}
        for p in params:
            if p.name in shapes:
                given[p.name] = shapes[p.name]
            elif p.default is p.empty and not given and shapes:
                given[p.name] = next(iter(shapes.values()))
        self.build(**given)

    def _has_unbuilt_sublayers(self):
        return any(not layer.built for layer in self._flatten_layers(include_self=False))

    def _build_by_run(self, args, kwargs):
        """Builds sub-layers by running ``call`` once on zeros shaped like the symbolic inputs."""
        def concrete(x):
            if isinstance(x, KerasTensor):
                shape = tuple((1 if i == 0 else 8) if d is None else d for i, d in enumerate(x.shape))
                return B.numpy.zeros(shape, dtype=x.dtype)
            return x
        c_args, c_kwargs = tree.map_structure(concrete, (list(args), kwargs))
        c_kwargs = {k: v for k, v in c_kwargs.items() if k != "mask"}
        self.built = True
        with scope_mod.SymbolicScope():
            self._prepare_fast_path()
            if self._in_build:
                self.__call__(*c_args, **c_kwargs)
            else:
                with scope_mod.name_scope(self.name):
                    self.__call__(*c_args, **c_kwargs)

    def compute_output_spec(self, *args, **kwargs):
        """Output KerasTensor(s) for symbolic inputs: ``compute_output_shape`` or a trace."""
        if type(self).compute_output_shape is not BuildMixin.compute_output_shape:
            tensors = self._tensor_arguments(args, kwargs)
            shapes = [map_shapes(v) for v in tensors.values()]
            params = [p for p in signature(self.compute_output_shape).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            if len(params) > 1 and len(shapes) > 1:
                out_shape = self.compute_output_shape(*shapes[:len(params)])
            else:
                out_shape = self.compute_output_shape(shapes[0] if shapes else None)
            return _shapes_to_tensors(out_shape, self.compute_dtype)
        if not self.built:
            self._maybe_build(args, kwargs, symbolic=True)
        return B.core.compute_output_spec(self._autocast_call, *args, **kwargs)

    def compute_output_shape(self, *args, **kwargs):
        """Output shape(s) for the given input shape(s), found by tracing ``call``."""
        def to_kt(s):
            return KerasTensor(s, dtype=self.compute_dtype)
        args = [_map_shape_structure(to_kt, a) for a in args]
        kwargs = {k: _map_shape_structure(to_kt, v) for k, v in kwargs.items()}
        if not self.built:
            self._maybe_build(args, kwargs, symbolic=True)
        with scope_mod.SymbolicScope():
            out = B.core.compute_output_spec(self._autocast_call, *args, **kwargs)
        return tree.map_structure(lambda t: t.shape if isinstance(t, KerasTensor) else t, out)

    # ---- stateless -------------------------------------------------------------
    def stateless_call(self, trainable_variables, non_trainable_variables, *args,
                       return_losses=False, **kwargs):
        """Calls the layer with the given variable values, without mutating any Variable.

        Args:
            trainable_variables: values aligned with ``self.trainable_variables``.
            non_trainable_variables: values aligned with ``self.non_trainable_variables``.
            *args, **kwargs: the call's arguments.
            return_losses: also return the losses added during the call.

        Returns:
            ``(outputs, new_non_trainable_values)`` or, with ``return_losses``,
            ``(outputs, new_non_trainable_values, losses)``.
        """
        tv = self.trainable_variables
        ntv = self.non_trainable_variables
        if len(trainable_variables) != len(tv) or len(non_trainable_variables) != len(ntv):
            raise ValueError(
                f"Layer {self.name!r}: stateless_call expected {len(tv)} trainable and {len(ntv)} "
                f"non-trainable values, got {len(trainable_variables)} and "
                f"{len(non_trainable_variables)}."
            )
        from kerasx.core.variable import Variable as _Var
        trainable_variables = [v.value if isinstance(v, _Var) else v for v in trainable_variables]
        non_trainable_variables = [v.value if isinstance(v, _Var) else v
                                   for v in non_trainable_variables]
        mapping = list(zip(tv, trainable_variables)) + list(zip(ntv, non_trainable_variables))
        with scope_mod.StatelessScope(state_mapping=mapping, collect_losses=return_losses) as scope:
            outputs = self(*args, **kwargs)
            losses = self.losses if return_losses else None
        new_ntv = []
        for v, old in zip(ntv, non_trainable_variables):
            new = scope.get_current_value(v)
            new_ntv.append(old if new is None else new)
        if return_losses:
            return outputs, new_ntv, losses
        return outputs, new_ntv


def _is_default_build(layer):
    fn = type(layer).build
    return fn.__qualname__ == "Layer.build" or getattr(fn, "_kx_default_build", False)


def _tensorish(v):
    if isinstance(v, (list, tuple)):
        return bool(v) and all(_tensorish(x) or x is None for x in v) and any(
            _tensorish(x) for x in v)
    if isinstance(v, dict):
        return bool(v) and all(_tensorish(x) for x in v.values())
    return hasattr(v, "shape") and hasattr(v, "dtype")


def _map_shape_structure(fn, s):
    if s is None:
        return None
    if isinstance(s, dict):
        return {k: _map_shape_structure(fn, v) for k, v in s.items()}
    if isinstance(s, (list, tuple)) and all(d is None or isinstance(d, (int, np.integer)) for d in s):
        return fn(tuple(s))
    if isinstance(s, (list, tuple)):
        return [_map_shape_structure(fn, v) for v in s]
    return fn(tuple(s))


def _shapes_to_tensors(out_shape, dtype):
    if isinstance(out_shape, dict):
        return {k: _shapes_to_tensors(v, dtype) for k, v in out_shape.items()}
    if isinstance(out_shape, (list, tuple)) and out_shape and all(
            d is None or isinstance(d, (int, np.integer)) for d in out_shape):
        return KerasTensor(tuple(out_shape), dtype=dtype)
    if isinstance(out_shape, (list, tuple)) and len(out_shape) == 0:
        return KerasTensor((), dtype=dtype)
    if isinstance(out_shape, (list, tuple)):
        return [_shapes_to_tensors(s, dtype) for s in out_shape]
    raise ValueError(f"compute_output_shape returned {out_shape!r}; expected a shape tuple.")
