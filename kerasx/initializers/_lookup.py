"""Name lookup and (de)serialization shared by initializers, regularizers,
constraints and activations.

Configs follow Keras 3: ``{"module": "keras.initializers", "class_name": ...,
"config": {...}, "registered_name": None}``; Keras 2 dicts without ``module``
and plain names (``"glorot_uniform"``) are accepted too.
"""

import difflib
import importlib
import inspect
import re


def to_snake_case(name):
    """``"GlorotUniform"`` -> ``"glorot_uniform"``, ``"L1L2"`` -> ``"l1l2"``."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def unknown_name_error(kind, name, objects):
    """A ValueError for an unknown ``name`` that lists the closest valid names."""
    valid = sorted(objects)
    close = difflib.get_close_matches(str(name), valid, n=5, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return ValueError(
        f"Unknown {kind}: {name!r}.{hint} Valid names: {', '.join(valid)}. "
        "For a custom object, pass it in custom_objects={name: obj} or register it "
        "with kerasx.saving.register_keras_serializable()."
    )


def _saving_function(name):
    """Returns ``kerasx.saving.<name>`` when the saving package provides it, else None."""
    try:
        saving = importlib.import_module("kerasx.saving")
    except ImportError:
        return None
    return getattr(saving, name, None)


def registered_name(obj):
    """The name a custom class or function was registered under
    (``"package>Name"``), or its plain ``__name__``."""
    getter = _saving_function("get_registered_name")
    if getter is not None:
        return getter(obj)
    return getattr(obj, "_kerasx_registered_name", None) or obj.__name__


def _registered(name, custom_objects):
    """Looks ``name`` up in ``custom_objects`` and kerasx's global custom-object registry."""
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    getter = _saving_function("get_registered_object")
    if getter is None:
        return None
    return getter(name, custom_objects=custom_objects)


def find_object(kind, name, objects, custom_objects=None, registered_name=None):
    """Returns the class or function called ``name`` (custom objects win over built-ins).

    Raises:
        ValueError: if no object of that name exists, listing close valid names.
    """
    for key in (registered_name, name):
        if key:
            found = _registered(key, custom_objects)
            if found is not None:
                return found
    if name in objects:
        return objects[name]
    raise unknown_name_error(kind, name, objects)


def serialize_object(obj, module):
    """Keras 3 dict of an object that has ``get_config`` (registered custom classes
    keep their registered name) or of a named function (``class_name: "function"``)."""
    if obj is None:
        return None
    if inspect.isfunction(obj):
        if obj.__name__ == "<lambda>":
            raise ValueError(
                f"Cannot serialize {obj!r} (for {module}): lambdas have no name. Define it with "
                "def and register it with kerasx.saving.register_keras_serializable()."
            )
        return {"module": obj.__module__, "class_name": "function",
                "config": registered_name(obj), "registered_name": "function"}
    cls = obj if inspect.isclass(obj) else type(obj)
    if not hasattr(obj, "get_config"):
        raise ValueError(
            f"Cannot serialize {obj!r}: expected an object with get_config() "
            f"(from {module}), got {type(obj).__name__}."
        )
    is_builtin = cls.__module__.startswith("kerasx.")
    return {
        "module": module if is_builtin else cls.__module__,
        "class_name": cls.__name__,
        "config": obj.get_config(),
        "registered_name": None if is_builtin else registered_name(cls),
    }


def serialize_with_functions(obj, module):
    """``serialize_object`` as losses and metrics need it: a function is written under
    ``module`` with its bare name (``{"class_name": "function", "config": "mse"}``)."""
    if obj is None:
        return None
    if inspect.isfunction(obj):
        return {"module": module, "class_name": "function", "config": obj.__name__,
                "registered_name": "function"}
    return serialize_object(obj, module)


def deserialize_with_functions(kind, config, objects, custom_objects=None):
    """``deserialize_object`` as losses and metrics need it: a name or a function dict
    gives the object found under that name as is (a class is not instantiated)."""
    if isinstance(config, dict) and config.get("class_name") == "function":
        return find_object(kind, config.get("config"), objects, custom_objects)
    if isinstance(config, str):
        return find_object(kind, config, objects, custom_objects)
    return deserialize_object(kind, config, objects, custom_objects)


def deserialize_object(kind, config, objects, custom_objects=None):
    """Builds an object from a name or a (Keras 2 or Keras 3) config dict.

    Args:
        kind: what is being built, for messages ("initializer").
        config: a name string or a dict with ``class_name`` and ``config``.
        objects: the built-in ``{name: class}`` table.
        custom_objects: optional ``{name: class}`` that wins over built-ins.

    Returns:
        An instance (classes are instantiated from their config).

    Raises:
        ValueError: for an unknown name or a malformed config.
    """
    if isinstance(config, str):
        cls = find_object(kind, config, objects, custom_objects)
        return cls() if inspect.isclass(cls) else cls
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"Cannot deserialize {kind}: expected a name string or a dict with 'class_name' "
            f"and 'config', got {config!r}."
        )
    inner = config.get("config", {})
    if config["class_name"] == "function" and isinstance(inner, str):
        return find_object(kind, inner, objects, custom_objects)
    if inner is None:
        inner = {}
    cls = find_object(kind, config["class_name"], objects, custom_objects,
                      registered_name=config.get("registered_name"))
    if not inspect.isclass(cls):
        return cls
    if not isinstance(inner, dict):
        raise ValueError(
            f"Cannot deserialize {kind} {config['class_name']!r}: its 'config' must be a dict, "
            f"got {inner!r}."
        )
    try:
        if hasattr(cls, "from_config"):
            return cls.from_config(inner)
        return cls(**inner)
    except TypeError as e:
        raise ValueError(
            f"Cannot deserialize {kind} {config['class_name']!r} from config {inner!r}: {e}. "
            "The config keys must match the constructor's arguments."
        ) from e


def get_object(kind, identifier, objects, deserialize):
    """Shared ``get``: None -> None; name or dict -> deserialized; class -> instance;
    callable -> itself.

    Raises:
        ValueError: if ``identifier`` cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if inspect.isclass(obj):
        obj = obj()
    if callable(obj):
        return obj
    raise ValueError(
        f"Could not interpret {kind} identifier: {identifier!r}. Expected None, a name string, "
        f"a config dict, or a callable {kind} object."
    )
