"""Models (``kerasx.models``): Model, Sequential, Functional, cloning and JSON configs."""

from kerasx.models.cloning import clone_model  # noqa: F401
from kerasx.models.functional import Functional  # noqa: F401
from kerasx.models.model import Model  # noqa: F401
from kerasx.models.sequential import Sequential  # noqa: F401
from kerasx.saving.saving_api import load_model, save_model  # noqa: F401,E402


def model_from_config(config, custom_objects=None, safe_mode=True):
    """Builds a model (or layer) from a Keras 3 config dict (``serialize_keras_object`` output)."""
    from kerasx.saving.serialization_lib import deserialize_keras_object
    return deserialize_keras_object(config, custom_objects=custom_objects, safe_mode=safe_mode)


def model_from_json(json_string, custom_objects=None, safe_mode=True):
    """Builds a model from ``model.to_json()`` output (also JSON written by Keras 3).

    Args:
        json_string: the JSON text.
        custom_objects: ``{name: class_or_function}`` for custom layers.
        safe_mode: False allows Lambda layers holding Python lambdas (bytecode).

    Raises:
        ValueError: an unknown class (the message shows how to register it).

    Example:
        >>> clone = kerasx.models.model_from_json(model.to_json())
    """
    import json
    return model_from_config(json.loads(json_string), custom_objects=custom_objects,
                             safe_mode=safe_mode)
