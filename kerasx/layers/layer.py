"""``kerasx.layers.Layer``: the base class of every layer and model.

Other layer authors rely on this contract:

- ``__init__(self, <args>, **kwargs)`` calls ``super().__init__(**kwargs)`` first;
  create sub-layers and ``kerasx.random.SeedGenerator(seed)`` objects here (tracked
  when assigned as attributes, also inside lists and dicts; seed states appear in
  ``non_trainable_variables`` so ``stateless_call`` / JAX jit carry them).
- ``build(self, input_shape)`` creates weights with ``self.add_weight(shape=,
  initializer=, regularizer=, constraint=, trainable=, dtype=, name=)``; it runs
  once, on the first call, under ``name_scope(self.name)`` (paths ``dense/kernel``)
  and marks the layer built. A ``build`` with several parameters receives
  ``<arg>_shape`` for each tensor argument of ``call``
  (``build(self, query_shape, value_shape)``).
- ``call(self, inputs, training=None, mask=None)``: ``training`` is filled from the
  outermost call when not passed; ``mask`` from the input's mask. Use
  ``kerasx.ops`` only. Stateful updates go through ``variable.assign``.
- ``input_spec = InputSpec(ndim=/min_ndim=/axes=)`` (set in ``__init__``, refined in
  ``build``) is checked on the first call and when a call fails.
- Masks: set ``self.supports_masking = True`` to pass masks through, or override
  ``compute_mask(inputs, mask=None)`` to create/transform them.
- ``compute_output_shape(input_shape)`` (optional) is used for symbolic calls;
  otherwise ``call`` is traced with the backend's ``compute_output_spec``.
- ``get_config()`` returns ``{**super().get_config(), <your args>}``;
  ``from_config`` is ``cls(**config)``.
"""

import functools

import numpy as np

from kerasx import dtypes, tree
from kerasx.backends import B
from kerasx.core.masking import _SIDE_MASKS, keras_mask_of
from kerasx.core import scope as scope_mod
from kerasx.core.scope import autocast_scope
from kerasx.core.keras_tensor import KerasTensor, any_symbolic
from kerasx.core.node import Node
from kerasx.layers import _layer_dtype
from kerasx.layers._layer_build import BuildMixin, _is_default_build, _map_shape_structure  # noqa: F401
from kerasx.layers._layer_props import PropsMixin
from kerasx.layers._layer_tracking import TrackingMixin, bump
from kerasx.core.variable import Variable as _Variable
from kerasx.random.seed_generator import SeedGenerator as _SeedGenerator
from kerasx.layers._layer_utils import signature as _signature
from kerasx.layers._layer_utils import (CallContext, call_info, get_call_context,
                                        set_call_context, to_snake_case, unique_name)
from kerasx.layers.input_spec import assert_input_compatibility

_KERAS2_KWARGS = ("input_shape", "input_dim", "batch_size", "batch_input_shape", "input_length")
_FLOATS = frozenset(dtypes.FLOAT_TYPES)
_DT_NAMES = {}
_is_tensor = B.core.is_tensor
_convert = B.core.convert_to_tensor
_cast = B.core.cast


def _dtname(dt):
    try:
        return _DT_NAMES[dt]
    except (KeyError, TypeError):
        name = dtypes.standardize_dtype(dt)
        try:
            _DT_NAMES[dt] = name
        except TypeError:
            pass
        return name


# Concrete types for which the backend's is_tensor said True (a per-type answer):
# membership is a set lookup instead of an isinstance against the framework's ABCs.
_TENSOR_TYPES = set()


# Read by hot frontend paths (``type(x) in KNOWN_TENSOR_TYPES`` then ``ops.is_tensor(x)``
# only on a miss): a set member is a backend tensor type, never a KerasTensor.
KNOWN_TENSOR_TYPES = _TENSOR_TYPES
dtype_name = _dtname


def _remember_tensor(t):
    if not issubclass(t, KerasTensor):
        _TENSOR_TYPES.add(t)
    return True


def _get_mask(x):
    if isinstance(x, (list, tuple)):
        masks = [keras_mask_of(t) for t in x]
        return None if all(m is None for m in masks) else masks
    return keras_mask_of(x)


def set_mask(outputs, mask):
    """Attaches ``mask`` to output tensors that accept attributes (not jax arrays)."""
    if isinstance(outputs, (list, tuple)):
        masks = mask if isinstance(mask, (list, tuple)) else [mask] * len(outputs)
        for t, m in zip(outputs, masks):
            set_mask(t, m)
        return
    try:
        outputs._keras_mask = mask
    except (AttributeError, TypeError):
        if mask is not None and outputs is not None:
            _SIDE_MASKS[id(outputs)] = (outputs, mask)


def _wrap_build(fn):
    @functools.wraps(fn)
    def build(self, *args, **kwargs):
        if self._in_build:
            return fn(self, *args, **kwargs)
        self._in_build = True
        try:
            with scope_mod.name_scope(self.name):
                fn(self, *args, **kwargs)
        finally:
            self._in_build = False
        try:
            bound = _signature(fn).bind(self, *args, **kwargs).arguments
            bound.pop(next(iter(bound)))
            self._build_shapes_dict = dict(bound)
        except TypeError:
            self._build_shapes_dict = None
        self.built = True
    build._kx_wrapped = True
    return build


def _init_state(obj):
    d = obj.__dict__
    d["_trainable_vars"] = []
    d["_non_trainable_vars"] = []
    d["_losses"] = []
    d["_loss_ids"] = set()
    d["_losses_dirty"] = False
    d["_inbound_nodes"] = []
    d["_in_build"] = False
    d["_call_ready"] = False
    d["_build_shapes_dict"] = None
    d["_kx_init_done"] = False
    d["built"] = False
    d["_trainable"] = True


class Layer(TrackingMixin, PropsMixin, BuildMixin):
    """Base class of layers: lazy build, weights, training/mask propagation, config.

    Args:
        activity_regularizer: applied to the outputs; adds a loss.
        trainable: whether the weights are updated by training.
        dtype: a dtype name or policy (``"float32"``, ``"mixed_float16"``).
        autocast: cast floating inputs to the compute dtype.
        name: unique name; defaults to the class name in snake_case (``dense_1``).

    Example:
        >>> class Scale(kerasx.layers.Layer):
        ...     def build(self, input_shape):
        ...         self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        ...     def call(self, x):
        ...         return x * self.w
    """

    def __new__(cls, *args, **kwargs):
        obj = object.__new__(cls)
        _init_state(obj)
        if cls.get_config is Layer.get_config:
            try:
                bound = _signature(cls.__init__).bind(None, *args, **kwargs).arguments
                bound.pop(next(iter(bound)))
                auto = {}
                for k, v in bound.items():
                    if k == "kwargs" and isinstance(v, dict):
                        auto.update(v)
                    else:
                        auto[k] = v
                obj.__dict__["_auto_config"] = auto
            except TypeError:
                obj.__dict__["_auto_config"] = None
        return obj

    def __setattr__(self, name, value):
        if isinstance(value, _TRACKABLE):
            bump()
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        bump()
        object.__delattr__(self, name)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fn = cls.__dict__.get("build")
        if fn is not None and not getattr(fn, "_kx_wrapped", False):
            cls.build = _wrap_build(fn)

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True,
                 name=None, **kwargs):
        unknown = [k for k in kwargs if k not in _KERAS2_KWARGS]
        if unknown:
            raise TypeError(
                f"{type(self).__name__}.__init__() got unexpected keyword argument(s) "
                f"{', '.join(repr(k) for k in unknown)}. Allowed base arguments: "
                "activity_regularizer, trainable, dtype, autocast, name (and input_shape, "
                "input_dim, batch_size, batch_input_shape, input_length)."
            )
        if name is None:
            name = unique_name(to_snake_case(type(self).__name__))
        elif not isinstance(name, str) or "/" in name or not name:
            raise ValueError(
                f"{type(self).__name__}: name must be a non-empty string without '/', got {name!r}."
            )
        self.name = name
        self._dtype_policy = _layer_dtype.get_policy(dtype)
        self.autocast = bool(autocast)
        self._trainable = bool(trainable)
        self.input_spec = None
        from kerasx import regularizers
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self._batch_input_shape = self._keras2_shape(kwargs)
        self._kx_init_done = True

    # ---- masking ----------------------------------------------------------
    @property
    def supports_masking(self):
        value = self.__dict__.get("_supports_masking")
        if value is None:
            return type(self).compute_mask is not Layer.compute_mask
        return value

    @supports_masking.setter
    def supports_masking(self, value):
        self.__dict__["_supports_masking"] = bool(value)
        self._call_ready = False

    def compute_mask(self, inputs, mask=None):
        """Output mask for ``inputs`` given their ``mask`` (default: pass it through)."""
        return mask

    # ---- weights ------------------------------------------------------------
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none",
                   overwrite_with_gradient=False, name=None):
        """Creates a weight Variable owned by this layer.

        Args:
            shape: tuple of ints (``()`` for a scalar); positional allowed.
            initializer: name, initializer object or callable; default ``glorot_uniform``
                for float dtypes, ``zeros`` otherwise.
            dtype: defaults to the layer's variable dtype.
            trainable: whether optimizers update it.
            regularizer / constraint: names or objects (stored on the variable).
            name: short name; the path is ``"<layer name>/<name>"``.

        Returns:
            a ``kerasx.Variable``.
        """
        if isinstance(shape, str):  # Keras 2 order: add_weight(name, shape, ...)
            name, shape = shape, initializer if isinstance(initializer, (tuple, list)) else None
            if isinstance(initializer, (tuple, list)):
                initializer = None
        from kerasx import constraints, initializers, regularizers
        shape = () if shape is None else tuple(int(d) for d in shape)
        dtype = dtypes.standardize_dtype(dtype or self.variable_dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtype in _FLOATS else "zeros"
        init = initializers.get(initializer)
        if name is None:
            name = f"variable_{len(self._trainable_vars) + len(self._non_trainable_vars)}"
        if self._in_build:
            var = B.core.Variable(init, shape=shape, dtype=dtype, trainable=trainable,
                                  autocast=autocast, aggregation=aggregation, name=name)
        else:
            with scope_mod.name_scope(self.name):
                var = B.core.Variable(init, shape=shape, dtype=dtype, trainable=trainable,
                                      autocast=autocast, aggregation=aggregation, name=name)
        var.regularizer = regularizers.get(regularizer)
        var.constraint = constraints.get(constraint)
        var._overwrite_with_gradient = overwrite_with_gradient
        if trainable:
            self._trainable_vars.append(var)
        else:
            self._non_trainable_vars.append(var)
        bump()
        return var

    add_variable = add_weight

    def build(self, input_shape=None):
        """Creates the layer's weights; the default only marks the layer built."""
        self.built = True

    def call(self, *args, **kwargs):
        raise TypeError(
            f"Layer {type(self).__name__} ({self.name!r}) does not define call(); subclasses "
            "of kerasx.layers.Layer must implement call(self, inputs, ...)."
        )

    # ---- __call__ -------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        if not self._call_ready:
            return self._slow_call(args, kwargs)
        # One backend tensor and nothing else: the common eager call needs no symbolic scan.
        if kwargs or len(args) != 1 or type(args[0]) not in _TENSOR_TYPES:
            if any_symbolic(args, kwargs):
                return self._slow_call(args, kwargs)
        ctx = get_call_context()
        outer = ctx is None
        if outer:
            ctx = CallContext(self)
            set_call_context(ctx)
            if _SIDE_MASKS:
                _SIDE_MASKS.clear()
            if self._losses_dirty:
                self._clear_losses()
        prev_training = ctx.training
        try:
            if "training" in kwargs:
                t = kwargs["training"]
                if t is None:
                    t = prev_training
                if self._has_training and t is not None:
                    kwargs["training"] = t
                else:
                    del kwargs["training"]
                ctx.training = t
            elif self._has_training and prev_training is not None:
                kwargs["training"] = prev_training
            one = None
            if args:
                if len(args) == 1 and type(args[0]) in _TENSOR_TYPES and self._plain_convert:
                    # _convert_inputs inlined for one backend tensor: only the autocast.
                    one = args[0]
                    want = self._autocast_dtype
                    if want is not None:
                        name = _DT_NAMES.get(one.dtype) or _dtname(one.dtype)
                        if name != want and name in _FLOATS:
                            one = _cast(one, want)
                            args = (one,)
                else:
                    args = self._convert_inputs(args)
            mask_mode = self._mask_mode
            if mask_mode or self._has_mask:
                if one is not None and not _SIDE_MASKS:
                    prev_mask = getattr(one, "_keras_mask", None)
                else:
                    prev_mask = _get_mask(args[0]) if args else None
                if self._has_mask and kwargs.get("mask") is None and prev_mask is not None:
                    kwargs["mask"] = prev_mask
            try:
                if self._var_autocast is None:
                    outputs = self.call(*args, **kwargs)
                else:
                    with autocast_scope(self._var_autocast):
                        outputs = self.call(*args, **kwargs)
            except Exception:
                self._diagnose_call(args)
                raise
            if self.activity_regularizer is not None:
                for o in tree.flatten(outputs):
                    if _is_tensor(o):
                        self.add_loss(self.activity_regularizer(o))
            if mask_mode and args and (mask_mode == 2 or prev_mask is not None):
                out_mask = self.compute_mask(args[0], kwargs.get("mask", prev_mask))
                if out_mask is not None:
                    set_mask(outputs, out_mask)
            return outputs
        finally:
            if outer:
                set_call_context(None)
            else:
                ctx.training = prev_training

    def _convert_inputs(self, args):
        out = None
        for i, x in enumerate(args):
            y = self._convert_one(x)
            if y is not x:
                if out is None:
                    out = list(args)
                out[i] = y
        return args if out is None else tuple(out)

    def _convert_one(self, x):
        t = type(x)
        if t in _TENSOR_TYPES or (
                not isinstance(x, np.ndarray) and _is_tensor(x) and _remember_tensor(t)):
            want = self._autocast_dtype
            if want is not None:
                name = _dtname(x.dtype)
                if name != want and name in _FLOATS:
                    return _cast(x, want)
            return x
        if isinstance(x, np.ndarray):
            if x.dtype.kind == "f":
                return _convert(x, dtype=self._np_float_dtype)
            return _convert(x)
        if isinstance(x, (list, tuple)) and x and (isinstance(x[0], np.ndarray) or _is_tensor(x[0])):
            return type(x)(self._convert_one(v) for v in x)
        return x

    def _diagnose_call(self, args):
        if self.input_spec is not None and args:
            assert_input_compatibility(self.input_spec, args[0], self.name)

    def _prepare_fast_path(self):
        info = call_info(self)
        self._has_training = info.has_training or info.var_kwargs
        self._has_mask = info.has_mask
        if self.supports_masking:
            self._mask_mode = 2 if type(self).compute_mask is not Layer.compute_mask else 1
        else:
            self._mask_mode = 0
        compute = self.compute_dtype
        self._np_float_dtype = compute if compute in _FLOATS else None
        self._autocast_dtype = compute if (self.autocast and compute in _FLOATS) else None
        self._var_autocast = self._variable_autocast_dtype()
        cls = type(self)
        self._plain_convert = (cls._convert_one is Layer._convert_one
                               and cls._convert_inputs is Layer._convert_inputs)
        self._call_ready = True

    def _variable_autocast_dtype(self):
        """The compute dtype when it differs from the variables' float dtype (mixed precision)."""
        compute, variable = self.compute_dtype, self.variable_dtype
        if compute in _FLOATS and variable in _FLOATS and compute != variable:
            return compute
        return None

    def _autocast_call(self, *args, **kwargs):
        dtype = self._variable_autocast_dtype()
        if dtype is None:
            return self.call(*args, **kwargs)
        with autocast_scope(dtype):
            return self.call(*args, **kwargs)

    def _slow_call(self, args, kwargs):
        if not self._kx_init_done:
            raise RuntimeError(
                f"Layer {type(self).__name__}: its __init__ did not call super().__init__(); "
                "call it before using the layer."
            )
        symbolic = any_symbolic(args, kwargs)
        first = args[0] if args else self._first_tensor_kwarg(kwargs)
        if self.input_spec is not None and first is not None:
            assert_input_compatibility(self.input_spec, first, self.name)
        if not self.built:
            self._maybe_build(args, kwargs, symbolic)
            if self.input_spec is not None and first is not None:
                assert_input_compatibility(self.input_spec, first, self.name)
        if symbolic:
            return self._symbolic_call(args, kwargs)
        self._prepare_fast_path()
        if not self.__dict__.get("_eager_once"):
            self._eager_once = True
            with scope_mod.name_scope(self.name):
                return self.__call__(*args, **kwargs)
        return self.__call__(*args, **kwargs)

    def _symbolic_call(self, args, kwargs):
        call_kwargs = dict(kwargs)
        if call_info(self).has_mask and kwargs.get("mask") is None and args:
            m = _get_mask(args[0])
            if m is not None:
                call_kwargs["mask"] = m
        with scope_mod.SymbolicScope():
            outputs = self.compute_output_spec(*args, **call_kwargs)
        in_ids = {id(t) for t in tree.flatten((args, kwargs)) if isinstance(t, KerasTensor)}
        outputs = tree.map_structure(
            lambda t: KerasTensor(t.shape, t.dtype, sparse=t.sparse)
            if isinstance(t, KerasTensor) and id(t) in in_ids else t, outputs)
        if self.supports_masking and args:
            prev = _get_mask(args[0])
            if prev is not None or type(self).compute_mask is not Layer.compute_mask:
                out_mask = self.compute_mask(args[0], call_kwargs.get("mask", prev))
                if out_mask is not None:
                    set_mask(outputs, out_mask)
        Node(self, args, kwargs, outputs)
        return outputs

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


_TRACKABLE = (Layer, _Variable, _SeedGenerator, list, tuple, dict)

