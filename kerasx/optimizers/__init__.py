"""Optimizers (``kerasx.optimizers``), resolvable by name, config or object.

Example:
    >>> opt = kerasx.optimizers.get("adam")
    >>> kerasx.optimizers.serialize(opt)["class_name"]
    'Adam'
"""

from kerasx.initializers import _lookup
from kerasx.optimizers import schedules
from kerasx.optimizers.adagrad import Adadelta, Adagrad
from kerasx.optimizers.adam import Adam, AdamW
from kerasx.optimizers.adamax import Adamax, Nadam
from kerasx.optimizers.base_optimizer import Optimizer
from kerasx.optimizers.ftrl import Ftrl
from kerasx.optimizers.lion import Lamb, Lion
from kerasx.optimizers.rmsprop import RMSprop
from kerasx.optimizers.sgd import SGD

_MODULE = "keras.optimizers"
_CLASSES = (SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, Nadam, Ftrl, Lion, Lamb)
ALL_OBJECTS = {c.__name__: c for c in _CLASSES}
ALL_OBJECTS.update({c.__name__.lower(): c for c in _CLASSES})
ALL_OBJECTS["Optimizer"] = Optimizer


def serialize(optimizer):
    """Keras 3 config dict (``module``, ``class_name``, ``config``) of ``optimizer``."""
    return _lookup.serialize_object(optimizer, _MODULE)


def deserialize(config, custom_objects=None):
    """Optimizer from a name or config dict (Keras 2 or 3 layout).

    Raises:
        ValueError: for an unknown name, listing the closest valid names.
    """
    if isinstance(config, dict) and isinstance(config.get("class_name"), str):
        name = config["class_name"]
        if name not in ALL_OBJECTS and name.lower() in ALL_OBJECTS and not (
                custom_objects and name in custom_objects):
            config = dict(config, class_name=name.lower())
    elif isinstance(config, str) and config not in ALL_OBJECTS and config.lower() in ALL_OBJECTS:
        config = config.lower()
    inner = config.get("config") if isinstance(config, dict) else None
    if isinstance(inner, dict) and custom_objects:
        cls = _lookup.find_object("optimizer", config["class_name"], ALL_OBJECTS, custom_objects,
                                  registered_name=config.get("registered_name"))
        return cls.from_config(inner, custom_objects=custom_objects)
    return _lookup.deserialize_object("optimizer", config, ALL_OBJECTS, custom_objects)


def get(identifier):
    """Returns an optimizer from a name (``"adam"``), a config dict or an instance.

    Raises:
        ValueError: if ``identifier`` is not an optimizer, a known name or a config.
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    raise ValueError(
        f"Could not interpret optimizer identifier: {identifier!r}. Expected an Optimizer "
        f"instance, a name such as 'adam', or a config dict.")


__all__ = [c.__name__ for c in _CLASSES] + [
    "Optimizer", "schedules", "serialize", "deserialize", "get"]
