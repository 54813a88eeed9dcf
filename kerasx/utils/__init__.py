"""``kerasx.utils``: user-facing helpers mirroring ``keras.utils``."""

from kerasx.utils.numerical_utils import normalize, to_categorical  # noqa: F401
from kerasx.utils.progbar import Progbar  # noqa: F401
from kerasx.utils.py_dataset import PyDataset, Sequence  # noqa: F401
from kerasx.utils.rng_utils import set_random_seed  # noqa: F401

_FROM_SAVING = ("register_keras_serializable", "get_registered_name",
                "get_registered_object", "custom_object_scope", "CustomObjectScope")


def __getattr__(name):
    # Serialization helpers live in kerasx.saving; re-exported lazily so that
    # importing kerasx.utils does not import the saving package.
    if name in _FROM_SAVING:
        import importlib
        try:
            saving = importlib.import_module("kerasx.saving")
        except ImportError as e:
            raise AttributeError(
                f"kerasx.utils.{name} needs kerasx.saving, which failed to import: {e}") from e
        if hasattr(saving, name):
            return getattr(saving, name)
    raise AttributeError(f"module 'kerasx.utils' has no attribute {name!r}")
