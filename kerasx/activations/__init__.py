"""Activation functions (``kerasx.activations``), resolvable by name.

Example:
    >>> fn = kerasx.activations.get("relu")
    >>> kerasx.activations.serialize(fn)
    'relu'
"""

import importlib
import inspect
import types

from kerasx.activations.activations import (
    celu,
    elu,
    exponential,
    gelu,
    glu,
    hard_shrink,
    hard_sigmoid,
    hard_silu,
    hard_swish,
    hard_tanh,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    soft_shrink,
    softmax,
    softplus,
    softsign,
    sparse_plus,
    sparse_sigmoid,
    sparsemax,
    squareplus,
    swish,
    tanh,
    tanh_shrink,
    threshold,
)
from kerasx.initializers import _lookup

ALL_OBJECTS = (
    celu, elu, exponential, gelu, glu, hard_shrink, hard_sigmoid, hard_silu, hard_tanh,
    leaky_relu, linear, log_sigmoid, log_softmax, mish, relu, relu6, selu, sigmoid, silu,
    soft_shrink, softmax, softplus, softsign, sparse_plus, sparse_sigmoid, sparsemax,
    squareplus, tanh, tanh_shrink, threshold,
)
ALL_OBJECTS_DICT = {fn.__name__: fn for fn in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({"swish": silu, "hard_swish": hard_silu})
_BUILTIN_NAMES = {id(fn): fn.__name__ for fn in ALL_OBJECTS}


def serialize(activation):
    """Returns the name of a built-in activation (``"relu"``); a custom function
    gives Keras 3's ``{"class_name": "function", "config": name, ...}`` dict and an
    object with ``get_config`` (an activation layer) its config dict.

    Raises:
        ValueError: for something that is neither (a lambda, a non-callable).

    Example:
        >>> serialize(kerasx.activations.swish)
        'silu'
    """
    if activation is None:
        return "linear"
    if isinstance(activation, str):
        return get(activation).__name__ if activation in ALL_OBJECTS_DICT else activation
    if id(activation) in _BUILTIN_NAMES:
        return _BUILTIN_NAMES[id(activation)]
    if isinstance(activation, types.FunctionType):
        if activation.__name__ == "<lambda>":
            raise ValueError(
                f"Cannot serialize the activation {activation!r}: lambdas have no name. "
                "Define it with def and register it with "
                "kerasx.saving.register_keras_serializable(), or use a built-in name."
            )
        return {
            "module": activation.__module__,
            "class_name": "function",
            "config": _lookup.registered_name(activation),
            "registered_name": "function",
        }
    if hasattr(activation, "get_config"):
        module = type(activation).__module__
        if module.startswith("kerasx.layers"):
            module = "keras.layers"
        return _lookup.serialize_object(activation, module)
    raise ValueError(
        f"Cannot serialize the activation {activation!r} (type {type(activation).__name__}): "
        "expected a built-in activation, a named function or an object with get_config()."
    )


def _deserialize_layer(config, custom_objects):
    layers = importlib.import_module("kerasx.layers")
    deserialize_layer = getattr(layers, "deserialize", None)
    if deserialize_layer is not None:
        return deserialize_layer(config, custom_objects=custom_objects)
    cls = _lookup.find_object("activation layer", config["class_name"], vars(layers),
                              custom_objects, registered_name=config.get("registered_name"))
    return cls.from_config(config.get("config") or {})


def deserialize(config, custom_objects=None):
    """Returns the activation named by ``config``.

    Args:
        config: a name (``"relu"``), a Keras 3 function dict
            (``{"class_name": "function", "config": "my_fn", ...}``) or a layer config
            dict (``{"module": "keras.layers", "class_name": "LeakyReLU", ...}``).
        custom_objects: optional ``{name: function}`` for custom activations.

    Raises:
        ValueError: for an unknown name (listing close valid names).

    Example:
        >>> deserialize("swish") is kerasx.activations.silu
        True
    """
    if isinstance(config, dict):
        class_name = config.get("class_name")
        if class_name in ("function", "__lambda__"):
            return deserialize(config.get("config"), custom_objects)
        if isinstance(class_name, str) and (
                "layers" in str(config.get("module", "")) or class_name not in ALL_OBJECTS_DICT):
            if custom_objects and class_name in custom_objects:
                obj = custom_objects[class_name]
                return obj.from_config(config.get("config") or {}) if inspect.isclass(obj) else obj
            return _deserialize_layer(config, custom_objects)
        return deserialize(class_name, custom_objects)
    if not isinstance(config, str):
        raise ValueError(
            f"Cannot deserialize activation: expected a name string or a config dict, got {config!r}."
        )
    obj = _lookup.find_object("activation function", config, ALL_OBJECTS_DICT, custom_objects)
    if inspect.isclass(obj):
        obj = obj()
    return obj


def get(identifier):
    """Resolves ``identifier`` to an activation callable.

    None gives ``linear``; a name or config is looked up (see ``deserialize``); a
    callable is returned as is.

    Raises:
        ValueError: if the identifier cannot be interpreted.

    Example:
        >>> get(None) is kerasx.activations.linear
        True
    """
    if identifier is None:
        return linear
    if isinstance(identifier, str) and identifier in ALL_OBJECTS_DICT:
        return ALL_OBJECTS_DICT[identifier]
    if isinstance(identifier, (str, dict)):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj
    raise ValueError(
        f"Could not interpret activation function identifier: {identifier!r}. Expected None, "
        "a name such as 'relu', a config dict or a callable."
    )


__all__ = sorted(ALL_OBJECTS_DICT) + ["get", "serialize", "deserialize"]
