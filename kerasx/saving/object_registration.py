"""Registry of custom classes and functions for (de)serialization.

``@register_keras_serializable(package="Custom")`` makes a class loadable from a
config by its registered name ``"Custom>ClassName"``; ``custom_object_scope``
(or ``custom_objects=`` of the loading functions) supplies objects temporarily.
"""

import threading

_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = {}
_SCOPES = threading.local()


def _scope_stack():
    s = getattr(_SCOPES, "stack", None)
    if s is None:
        s = []
        _SCOPES.stack = s
    return s


class CustomObjectScope:
    """Context manager exposing custom objects to deserialization by name.

    Args:
        *custom_objects: dicts mapping names to classes or functions.

    Example:
        >>> with custom_object_scope({"MyLayer": MyLayer}):
        ...     model = kerasx.models.model_from_json(text)
    """

    def __init__(self, *custom_objects):
        merged = {}
        for objs in custom_objects:
            if objs is None:
                continue
            if not isinstance(objs, dict):
                raise TypeError(
                    f"CustomObjectScope: expected dicts of name -> object, got {type(objs).__name__}."
                )
            merged.update(objs)
        self.custom_objects = merged

    def __enter__(self):
        _scope_stack().append(self.custom_objects)
        return self

    def __exit__(self, *exc):
        _scope_stack().pop()
        return False


custom_object_scope = CustomObjectScope


def get_custom_objects():
    """Returns the global dict of registered custom objects (mutable)."""
    return _GLOBAL_CUSTOM_OBJECTS


def register_keras_serializable(package="Custom", name=None):
    """Class/function decorator registering an object under ``"package>name"``.

    Args:
        package: namespace of the registered name.
        name: defaults to the object's ``__name__``.

    Raises:
        ValueError: if a class has no ``get_config`` method or ``package`` contains ``>``.

    Example:
        >>> @register_keras_serializable(package="my_pkg")
        ... class MyLayer(kerasx.layers.Layer): ...
    """
    if not isinstance(package, str) or ">" in package:
        raise ValueError(
            f"register_keras_serializable: package must be a string without '>', got {package!r}."
        )

    def decorator(arg):
        class_name = name if name is not None else arg.__name__
        registered_name = f"{package}>{class_name}"
        if isinstance(arg, type) and not hasattr(arg, "get_config"):
            raise ValueError(
                f"register_keras_serializable: class {arg.__name__} cannot be registered because "
                "it has no get_config() method."
            )
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        _GLOBAL_CUSTOM_NAMES[arg] = registered_name
        return arg

    return decorator


def get_registered_name(obj):
    """Returns the registered name of ``obj`` (``"package>Name"``) or its ``__name__``."""
    if obj in _GLOBAL_CUSTOM_NAMES:
        return _GLOBAL_CUSTOM_NAMES[obj]
    return getattr(obj, "__name__", type(obj).__name__)


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Looks ``name`` up in the active scopes, the registry, ``custom_objects``, ``module_objects``.

    Returns None when it is not found anywhere.
    """
    for scope in reversed(_scope_stack()):
        if name in scope:
            return scope[name]
    if name in _GLOBAL_CUSTOM_OBJECTS:
        return _GLOBAL_CUSTOM_OBJECTS[name]
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None


def active_custom_objects():
    """All objects visible now from the scopes and the registry (later entries win)."""
    out = dict(_GLOBAL_CUSTOM_OBJECTS)
    for scope in _scope_stack():
        out.update(scope)
    return out
