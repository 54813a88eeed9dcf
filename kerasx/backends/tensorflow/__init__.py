"""The TensorFlow backend of kerasx.

Importing it does not change TensorFlow's global settings (NumPy behaviour stays off);
dtype promotion is applied explicitly with ``kerasx.dtypes.result_type``.
"""

import sys as _sys

name = "tensorflow"


def _import_tensorflow():
    # tensorflow 2.21's own __init__ eagerly imports the `keras` package (to register its optimizers)
    # and tensorflow.lite imports `jax`; both imports are optional there (guarded by
    # `except ImportError`). kerasx needs neither, so hide them while TF loads: importing
    # kerasx then loads only TensorFlow, and the user can still import keras/jax afterwards.
    if "tensorflow" in _sys.modules:
        return
    hidden = [m for m in ("keras", "jax") if m not in _sys.modules]
    for m in hidden:
        _sys.modules[m] = None
    try:
        import tensorflow
        # With keras hidden, TF appended None to its package __path__; drop those entries.
        tensorflow.__path__[:] = [p for p in tensorflow.__path__ if p is not None]
    finally:
        for m in hidden:
            if _sys.modules.get(m, 0) is None:
                del _sys.modules[m]


_import_tensorflow()

from kerasx.backends.tensorflow import core  # noqa: E402
from kerasx.backends.tensorflow import numpy  # noqa: E402
from kerasx.backends.tensorflow import nn  # noqa: E402
from kerasx.backends.tensorflow import random  # noqa: E402
from kerasx.backends.tensorflow import linalg  # noqa: E402
from kerasx.backends.tensorflow import math  # noqa: E402
from kerasx.backends.tensorflow import image  # noqa: E402
from kerasx.backends.tensorflow import trainer  # noqa: E402
from kerasx.backends.tensorflow import rnn  # noqa: F401
from kerasx.backends.tensorflow import optimizers  # noqa: E402,F401  (optional fused updates)
