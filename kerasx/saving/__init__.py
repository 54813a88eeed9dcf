"""Saving and loading: object registry and Keras 3 configs (``kerasx.saving``)."""

from kerasx.saving.object_registration import (  # noqa: F401
    CustomObjectScope,
    custom_object_scope,
    get_custom_objects,
    get_registered_name,
    get_registered_object,
    register_keras_serializable,
)
from kerasx.saving.serialization_lib import (  # noqa: F401
    SafeModeScope,
    deserialize_keras_object,
    serialize_keras_object,
)
# --- saving API (saving_api.py) ---
from kerasx.saving.saving_api import (  # noqa: F401,E402
    enable_unsafe_deserialization,
    load_model,
    load_weights,
    save_model,
    save_weights,
)
