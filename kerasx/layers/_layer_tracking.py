"""Layer mixin: sub-layers, weights and variables, losses, get/set_weights.

Sub-layers, Variables and SeedGenerators are found by scanning the layer's
attributes (including lists, tuples and dicts), so assignment order is
tracking order and containers mutated later (``self.blocks.append(...)``) are
seen without wrappers.
"""

import numpy as np

from kerasx.core import scope as scope_mod
from kerasx.core.variable import Variable as _Variable
from kerasx.random.seed_generator import SeedGenerator

# Internal attributes never scanned for sub-layers.
_SKIP = frozenset((
    "_inbound_nodes", "_explicit_layers", "_functional", "_trainable_vars", "_non_trainable_vars",
    "_losses", "_loss_ids", "_auto_config", "_build_shapes_dict", "input_spec", "_dtype_policy",
    "_nodes_by_depth", "_operations", "_program", "_inputs_struct", "_outputs_struct",
    "_input_layers", "_output_layers", "_layers_list", "optimizer", "_compile_state",
    "_kx_cache_layers", "_kx_cache_weights", "_kx_cache_variables",
))

# Bumped whenever tracked state may have changed (attribute set to a layer/variable/container,
# a weight created, a Sequential edited); cached listings are valid for one version.
_VERSION = [0]
_LAYER_CLS = []


def bump():
    """Invalidates the cached layer/weight listings of every layer."""
    _VERSION[0] += 1


def _layer_cls():
    if not _LAYER_CLS:
        from kerasx.layers.layer import Layer
        _LAYER_CLS.append(Layer)
    return _LAYER_CLS[0]


def _scan(value, layers, variables, seeds, depth=0):
    if isinstance(value, _LAYER_CLS[0] if _LAYER_CLS else _layer_cls()):
        layers.append(value)
    elif isinstance(value, _Variable):
        variables.append(value)
    elif isinstance(value, SeedGenerator):
        seeds.append(value)
    elif depth < 4 and isinstance(value, (list, tuple)):
        for v in value:
            _scan(v, layers, variables, seeds, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for v in value.values():
            _scan(v, layers, variables, seeds, depth + 1)


def _dedupe(items, exclude=None):
    seen = set() if exclude is None else {id(exclude)}
    out = []
    for x in items:
        if id(x) not in seen:
            seen.add(id(x))
            out.append(x)
    return out


class TrackingMixin:
    """Weights, variables, sub-layers and losses of a Layer."""

    def _scan_attributes(self):
        layers, variables, seeds = [], [], []
        for k, v in self.__dict__.items():
            if k in _SKIP:
                continue
            _scan(v, layers, variables, seeds)
        return layers, variables, seeds

    def _cached(self, key):
        c = self.__dict__.get(key)
        if c is not None and c[0] == _VERSION[0]:
            return c[1]
        return None

    @property
    def _layers(self):
        """Direct sub-layers, in tracking order."""
        c = self._cached("_kx_cache_layers")
        if c is not None:
            return list(c)
        layers = list(self.__dict__.get("_explicit_layers") or ())
        scanned, _, _ = self._scan_attributes()
        out = _dedupe(layers + scanned, exclude=self)
        self.__dict__["_kx_cache_layers"] = (_VERSION[0], out)
        return list(out)

    def _flatten_layers(self, include_self=True, recursive=True):
        seen = set()
        out = []
        stack = [self] if include_self else list(reversed(self._layers))
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            if recursive or (layer is self):
                stack.extend(reversed(layer._layers))
        return out

    def _own_variables(self):
        _, attr_vars, seeds = self._scan_attributes()
        own = _dedupe(self._trainable_vars + self._non_trainable_vars + attr_vars)
        return own, seeds

    @property
    def weights(self):
        """All weights (own, then sub-layers'), deduplicated; seed states excluded."""
        c = self._cached("_kx_cache_weights")
        if c is not None:
            return list(c)
        own, _ = self._own_variables()
        out = list(own)
        for layer in self._layers:
            out.extend(layer.weights)
        out = _dedupe(out)
        self.__dict__["_kx_cache_weights"] = (_VERSION[0], out)
        return list(out)

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return [v for v in self.weights if v.trainable]

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

    @property
    def variables(self):
        """All state: weights plus seed-generator states, deduplicated."""
        c = self._cached("_kx_cache_variables")
        if c is not None:
            return list(c)
        own, seeds = self._own_variables()
        out = list(own) + [s.state for s in seeds]
        for layer in self._layers:
            out.extend(layer.variables)
        out = _dedupe(out)
        self.__dict__["_kx_cache_variables"] = (_VERSION[0], out)
        return list(out)

    @property
    def trainable_variables(self):
        if not self.trainable:
            return []
        return [v for v in self.variables if v.trainable]

    @property
    def non_trainable_variables(self):
        if not self.trainable:
            return self.variables
        return [v for v in self.variables if not v.trainable]

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        value = bool(value)
        self._trainable = value
        for v in self._trainable_vars:
            v.trainable = value
        for layer in self._layers:
            layer.trainable = value

    def get_weights(self):
        """Returns the weights as a list of NumPy arrays (order of ``weights``)."""
        return [np.asarray(v.numpy()) for v in self.weights]

    def set_weights(self, weights):
        """Sets the weights from NumPy arrays, in the order of ``layer.weights``.

        Raises:
            ValueError: wrong number of arrays, or an array of the wrong shape.
        """
        params = self.weights
        weights = list(weights)
        if len(params) != len(weights):
            raise ValueError(
                f"Layer {self.name!r}: set_weights expected a list of {len(params)} array(s) "
                f"(the layer's weights: {[v.path for v in params]}), but received "
                f"{len(weights)} array(s)."
            )
        arrays = []
        for i, (v, w) in enumerate(zip(params, weights)):
            shape = tuple(np.shape(w)) if not hasattr(w, "shape") else tuple(w.shape)
            if shape != tuple(v.shape):
                raise ValueError(
                    f"Layer {self.name!r}: set_weights array {i} (for weight {v.path!r}) has "
                    f"shape {shape}, but the weight expects shape {tuple(v.shape)}."
                )
            arrays.append(w)
        for v, w in zip(params, arrays):
            v.assign(w)

    def count_params(self):
        """Number of scalars in the layer's weights.

        Raises:
            ValueError: if the layer is not built yet.
        """
        if not self.built:
            raise ValueError(
                f"You called count_params() on layer {self.name!r}, but the layer isn't built. "
                "Build it first by calling it on data or with layer.build(input_shape)."
            )
        return int(sum(int(np.prod(v.shape)) for v in self.weights))

    # ---- losses ----------------------------------------------------------
    def add_loss(self, loss):
        """Adds a scalar loss tensor (or a list of them) computed in ``call``.

        Inside ``stateless_call(..., return_losses=True)`` the losses are collected in
        the stateless scope; while a model is being built symbolically they are ignored.
        """
        from kerasx import tree
        from kerasx.core.keras_tensor import KerasTensor
        losses = tree.flatten(loss)
        if scope_mod.in_symbolic_scope() or any(isinstance(x, KerasTensor) for x in losses):
            return
        scope = scope_mod.get_stateless_scope()
        if scope is not None:
            if scope.collect_losses:
                for x in losses:
                    scope.add_loss(x)
                    self._loss_ids.add(id(x))
            return
        self._losses.extend(losses)
        from kerasx.layers._layer_utils import get_call_context
        ctx = get_call_context()
        entry = ctx.entry if ctx is not None else self
        entry._losses_dirty = True
        self._losses_dirty = True

    def _own_losses(self):
        scope = scope_mod.get_stateless_scope()
        if scope is not None and scope.collect_losses:
            return [x for x in scope.losses if id(x) in self._loss_ids]
        return list(self._losses)

    def _clear_losses(self):
        for layer in self._flatten_layers():
            if layer._losses:
                layer._losses.clear()
            layer._loss_ids.clear()
            layer._losses_dirty = False

    @property
    def losses(self):
        """Losses added with ``add_loss`` in the last call, plus weight-regularization losses."""
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._own_losses())
        for v in self.trainable_weights:
            reg = getattr(v, "regularizer", None)
            if reg is not None:
                out.append(reg(v.value))
        return out
