"""``Lambda``: wraps an arbitrary function of tensors as a layer."""

import base64
import inspect
import marshal
import sys
import types

from kerasx import tree
from kerasx.layers.layer import Layer

_UNSAFE_MSG = (
    "Lambda layer {name!r}: the config holds a Python lambda ({what}) stored as bytecode. "
    "Loading it would run arbitrary code, which is disallowed in safe mode. If you trust the "
    "source of this model, pass safe_mode=False to the loading function (e.g. "
    "kerasx.models.model_from_json(..., safe_mode=False) or Lambda.from_config(config, "
    "safe_mode=False))."
)


def _is_lambda(fn):
    return isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>"


def _dump(fn):
    code = base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii")
    closure = None if fn.__closure__ is None else [c.cell_contents for c in fn.__closure__]
    return {"class_name": "__lambda__",
            "config": {"code": code, "defaults": list(fn.__defaults__) if fn.__defaults__ else None,
                       "closure": closure}}


def _load(cfg, globs):
    code = marshal.loads(base64.b64decode(cfg["code"].encode("ascii")))
    closure = cfg.get("closure")
    if closure is not None:
        closure = tuple(types.CellType(v) for v in closure)
    defaults = cfg.get("defaults")
    return types.FunctionType(code, globs, code.co_name,
                              tuple(defaults) if defaults else None, closure)


def _serialize_fn(fn):
    if fn is None:
        return None
    if _is_lambda(fn):
        return _dump(fn)
    from kerasx.saving.serialization_lib import serialize_keras_object
    return serialize_keras_object(fn)


def _globals():
    import numpy as np

    import kerasx
    from kerasx import ops
    return {"kerasx": kerasx, "keras": kerasx, "ops": ops, "np": np, "numpy": np,
            "__builtins__": __builtins__}


def _deserialize_fn(value, what, name, safe_mode, custom_objects=None):
    if value is None or not isinstance(value, dict):
        return value
    if value.get("class_name") == "__lambda__":
        if safe_mode:
            raise ValueError(_UNSAFE_MSG.format(name=name, what=what))
        globs = _globals()
        globs.update(custom_objects or {})
        return _load(value["config"], globs)
    if value.get("class_name") == "function":
        from kerasx.saving import object_registration as reg
        from kerasx.saving.serialization_lib import deserialize_keras_object
        fname = value["config"]
        fn = reg.get_registered_object(fname, custom_objects)
        if fn is None:
            mod = sys.modules.get(value.get("module") or "")
            fn = getattr(mod, fname, None) if mod is not None else None
        if fn is not None:
            return fn
        return deserialize_keras_object(value, custom_objects)
    return value


class Lambda(Layer):
    """Wraps ``function(inputs, **arguments)`` as a layer (for stateless expressions).

    Args:
        function: the function; it may accept ``mask`` and ``training``.
        output_shape: shape without the batch axis, or a function of the input shape;
            None infers it by tracing ``function``.
        mask: a mask to return, or a function ``(inputs, mask) -> mask``.
        arguments: extra keyword arguments for ``function``.

    Lambdas are saved as bytecode, which only loads with ``safe_mode=False``; named
    functions are saved by name (register them with ``register_keras_serializable``).

    Example:
        >>> Lambda(lambda x: x * 2)(np.ones((1, 2)))  # [[2., 2.]]
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(
                f"Lambda {self.name!r}: function must be callable, got {type(function).__name__}."
            )
        self.function = function
        self.arguments = dict(arguments or {})
        self.mask = mask
        self._output_shape = output_shape
        self.supports_masking = mask is not None
        try:
            params = inspect.signature(function).parameters
        except (TypeError, ValueError):
            params = {}
        self._fn_mask = "mask" in params
        self._fn_training = "training" in params

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_mask:
            kwargs["mask"] = mask
        if self._fn_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_spec(self, *args, **kwargs):
        if self._output_shape is None:
            return super().compute_output_spec(*args, **kwargs)
        from kerasx.core.keras_tensor import KerasTensor
        inputs = args[0]
        in_shape = tree.map_structure(lambda t: t.shape, inputs)
        if callable(self._output_shape):
            out = self._output_shape(in_shape)
        else:
            first = tree.flatten(inputs)[0]
            out = (first.shape[0],) + tuple(self._output_shape)
        dtype = tree.flatten(inputs)[0].dtype
        return KerasTensor(tuple(out), dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config["function"] = _serialize_fn(self.function)
        if self.mask is not None:
            config["mask"] = _serialize_fn(self.mask) if callable(self.mask) else self.mask
        config["arguments"] = dict(self.arguments)
        if self._output_shape is not None:
            config["output_shape"] = (_serialize_fn(self._output_shape)
                                      if callable(self._output_shape)
                                      else list(self._output_shape))
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """Rebuilds the layer; lambdas (bytecode) need ``safe_mode=False``.

        Raises:
            ValueError: a lambda is present and safe mode is on (the default).
        """
        from kerasx.saving.serialization_lib import in_safe_mode
        if safe_mode is None:
            safe_mode = in_safe_mode()
        if safe_mode is None:
            safe_mode = True
        config = dict(config)
        name = config.get("name")
        for key in ("function", "mask", "output_shape"):
            if key in config:
                config[key] = _deserialize_fn(config[key], key, name, safe_mode, custom_objects)
        if isinstance(config.get("output_shape"), list):
            config["output_shape"] = tuple(config["output_shape"])
        return super().from_config(config)
