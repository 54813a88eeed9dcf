"""Keras 3 object configs: ``serialize_keras_object`` / ``deserialize_keras_object``.

A serialized object is ``{"module", "class_name", "config", "registered_name"}``
(plus ``"build_config"`` / ``"compile_config"`` for layers and models). The
``module`` names Keras's public module (``"keras.layers"``...) so that Keras 3
can read kerasx configs; configs written by Keras 3 load here.
"""

import importlib
import threading

import numpy as np

from kerasx.saving import object_registration as reg

_SAFE = threading.local()

# kerasx package prefix -> the Keras module name written in configs.
_MODULE_MAP = (
    ("kerasx.models.functional", "keras.src.models.functional"),
    ("kerasx.models", "keras"),
    ("kerasx.layers._layer_dtype", "keras"),
    ("kerasx.layers", "keras.layers"),
    ("kerasx.initializers", "keras.initializers"),
    ("kerasx.regularizers", "keras.regularizers"),
    ("kerasx.constraints", "keras.constraints"),
    ("kerasx.activations", "keras.activations"),
    ("kerasx.optimizers", "keras.optimizers"),
    ("kerasx.losses", "keras.losses"),
    ("kerasx.metrics", "keras.metrics"),
)

# Keras module name (prefix) -> kerasx modules searched for a built-in class of that name.
_LOOKUP = (
    ("keras.src.models", ("kerasx.models",)),
    ("keras.models", ("kerasx.models",)),
    ("keras.src.layers", ("kerasx.layers",)),
    ("keras.layers", ("kerasx.layers",)),
    ("keras.src.initializers", ("kerasx.initializers",)),
    ("keras.initializers", ("kerasx.initializers",)),
    ("keras.regularizers", ("kerasx.regularizers",)),
    ("keras.src.regularizers", ("kerasx.regularizers",)),
    ("keras.constraints", ("kerasx.constraints",)),
    ("keras.src.constraints", ("kerasx.constraints",)),
    ("keras.activations", ("kerasx.activations",)),
    ("keras.src.activations", ("kerasx.activations",)),
    ("keras.optimizers", ("kerasx.optimizers",)),
    ("keras.src.optimizers", ("kerasx.optimizers",)),
    ("keras.losses", ("kerasx.losses",)),
    ("keras.src.losses", ("kerasx.losses",)),
    ("keras.metrics", ("kerasx.metrics",)),
    ("keras.src.metrics", ("kerasx.metrics",)),
    ("keras", ("kerasx.models", "kerasx.layers", "kerasx.layers._layer_dtype")),
)
_FALLBACK_MODULES = ("kerasx.layers", "kerasx.models", "kerasx.layers._layer_dtype",
                     "kerasx.initializers", "kerasx.regularizers", "kerasx.constraints",
                     "kerasx.activations", "kerasx.optimizers", "kerasx.losses", "kerasx.metrics")


class SafeModeScope:
    """Context setting whether unsafe deserialization (Lambda bytecode) is allowed.

    Args:
        safe_mode: True forbids loading Python bytecode; False allows it.
    """

    def __init__(self, safe_mode=True):
        self.safe_mode = safe_mode

    def __enter__(self):
        self._prev = getattr(_SAFE, "value", None)
        _SAFE.value = self.safe_mode
        return self

    def __exit__(self, *exc):
        _SAFE.value = self._prev
        return False


def in_safe_mode():
    """Returns the active safe-mode flag (None when no loading is in progress)."""
    return getattr(_SAFE, "value", None)


def keras_module_name(cls):
    """The Keras module written in configs for a kerasx class (its own module otherwise)."""
    mod = getattr(cls, "__module__", "") or ""
    for prefix, target in _MODULE_MAP:
        if mod == prefix or mod.startswith(prefix + "."):
            return target
    return mod


def _is_builtin(cls):
    return (getattr(cls, "__module__", "") or "").startswith("kerasx.")


def serialize_keras_object(obj):
    """Returns a JSON-compatible Keras 3 config of ``obj``.

    Handles None, Python scalars/strings, lists/tuples/dicts (recursively), NumPy
    values, functions (by name) and objects with ``get_config``.

    Raises:
        TypeError: for an object that cannot be serialized.
    """
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return {"class_name": "__numpy__", "config": {"value": obj.tolist(), "dtype": str(obj.dtype)}}
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(x) for x in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, type):
        return {"module": keras_module_name(obj), "class_name": obj.__name__, "config": None,
                "registered_name": None if _is_builtin(obj) else reg.get_registered_name(obj)}
    if hasattr(obj, "get_config"):
        cls = type(obj)
        config = obj.get_config()
        out = {
            "module": keras_module_name(cls),
            "class_name": cls.__name__,
            "config": serialize_keras_object(config) if not _is_plain(config) else config,
            "registered_name": None if _is_builtin(cls) else reg.get_registered_name(cls),
        }
        if getattr(cls, "_keras_registered_name", None):
            out["registered_name"] = cls._keras_registered_name
        get_build = getattr(obj, "get_build_config", None)
        if get_build is not None:
            build_config = get_build()
            if build_config is not None:
                out["build_config"] = serialize_keras_object(build_config)
        get_compile = getattr(obj, "get_compile_config", None)
        if get_compile is not None and getattr(obj, "compiled", False):
            compile_config = get_compile()
            if compile_config is not None:
                out["compile_config"] = serialize_keras_object(compile_config)
        return out
    if callable(obj) and hasattr(obj, "__name__"):
        name = reg.get_registered_name(obj)
        return {"module": keras_module_name(obj), "class_name": "function", "config": name,
                "registered_name": "function"}
    raise TypeError(
        f"serialize_keras_object: cannot serialize {obj!r} of type {type(obj).__name__}; "
        "give it a get_config() method (and register it with register_keras_serializable)."
    )


def _is_plain(x):
    if x is None or isinstance(x, (bool, int, float, str)):
        return True
    if isinstance(x, (list, tuple)):
        return all(_is_plain(v) for v in x)
    if isinstance(x, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in x.items())
    return False


def _builtin_lookup(name, module):
    """Finds a built-in kerasx class or function for a Keras ``module`` and ``name``."""
    candidates = ()
    if module:
        for prefix, mods in _LOOKUP:
            if module == prefix or module.startswith(prefix + "."):
                candidates = mods
                break
    for modname in tuple(candidates) + _FALLBACK_MODULES:
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        obj = getattr(mod, name, None)
        if obj is not None:
            return obj
    return None


def _not_found(class_name, config):
    text = repr(config)
    if len(text) > 300:
        text = text[:300] + "..."
    return ValueError(
        f"Could not locate class {class_name!r}. Make sure custom classes and functions are "
        f"decorated with `@kerasx.saving.register_keras_serializable()` or passed to the loader "
        f"as custom_objects={{{class_name!r}: {class_name}}}. Full object config: {text}"
    )


def retrieve_class_or_fn(name, registered_name=None, module=None, custom_objects=None):
    """Resolves a class/function by registered name, custom objects, then kerasx built-ins."""
    for key in (registered_name, name):
        if not key:
            continue
        obj = reg.get_registered_object(key, custom_objects)
        if obj is not None:
            return obj
    if module and module.startswith("keras.src.ops"):
        from kerasx.models._op_nodes import op_from_class_name
        return op_from_class_name(name)
    return _builtin_lookup(name, module)


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    """Builds the object described by a Keras 3 (or Keras 2) config.

    Args:
        config: a dict ``{"class_name", "config", "module"?, "registered_name"?}``, a list,
            or a plain value (returned unchanged).
        custom_objects: ``{name: class_or_function}`` for user objects.
        safe_mode: False allows loading Python bytecode (Lambda layers with lambdas).

    Raises:
        ValueError: if the class cannot be found (the message shows how to register it).
    """
    if config is None or isinstance(config, (bool, int, float, str)):
        return config
    if isinstance(config, (list, tuple)):
        return [deserialize_keras_object(c, custom_objects, safe_mode) for c in config]
    if not isinstance(config, dict):
        raise TypeError(f"deserialize_keras_object: expected a dict config, got {config!r}.")
    if "class_name" not in config or "config" not in config:
        return config
    class_name = config["class_name"]
    inner = config["config"]
    module = config.get("module")
    registered_name = config.get("registered_name")
    if class_name == "__tuple__":
        return tuple(deserialize_keras_object(v, custom_objects, safe_mode) for v in inner["value"])
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner.get("dtype"))
    if class_name == "__keras_tensor__":
        from kerasx.core.keras_tensor import KerasTensor
        return KerasTensor(inner["shape"], dtype=inner["dtype"])
    if class_name == "function":
        fn = retrieve_class_or_fn(inner, registered_name if registered_name != "function" else None,
                                  module, custom_objects)
        if fn is None:
            raise _not_found(inner, config)
        return fn
    with SafeModeScope(safe_mode if in_safe_mode() is None or safe_mode is False else in_safe_mode()):
        with reg.CustomObjectScope(custom_objects or {}):
            cls = retrieve_class_or_fn(class_name, registered_name, module, custom_objects)
            if cls is None:
                raise _not_found(class_name, config)
            if not hasattr(cls, "from_config"):
                raise TypeError(
                    f"deserialize_keras_object: {class_name} has no from_config() method; "
                    "it cannot be rebuilt from a config."
                )
            obj = cls.from_config(inner if inner is not None else {})
            build_config = config.get("build_config")
            if build_config and hasattr(obj, "build_from_config") and not getattr(obj, "built", True):
                obj.build_from_config(build_config)
            compile_config = config.get("compile_config")
            if compile_config and hasattr(obj, "compile_from_config"):
                obj.compile_from_config(compile_config)
            return obj
