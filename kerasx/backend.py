"""Keras-style ``kerasx.backend``: the active backend's name and global settings."""

from kerasx.config import (  # noqa: F401  (public re-exports)
    backend,
    epsilon,
    floatx,
    image_data_format,
    set_epsilon,
    set_floatx,
    set_image_data_format,
    standardize_data_format,
)
from kerasx.core.keras_tensor import KerasTensor, is_keras_tensor  # noqa: F401
from kerasx.dtypes import result_type, standardize_dtype  # noqa: F401

_CLEAR_HOOKS = []


def register_clear_session_hook(fn):
    """Registers ``fn`` to run on ``clear_session()`` (used by name counters, graphs)."""
    _CLEAR_HOOKS.append(fn)


def clear_session(free_memory=True):
    """Resets kerasx's global state: automatic layer names start again from ``dense``, ``dense_1``..."""
    for fn in _CLEAR_HOOKS:
        fn()
    from kerasx.core.node import OpFunction
    OpFunction._counts.clear()
    import gc
    if free_memory:
        gc.collect()


def is_float_dtype(dtype):
    from kerasx import dtypes
    return dtypes.is_float(dtype)


def is_int_dtype(dtype):
    from kerasx import dtypes
    return dtypes.is_int(dtype)
