"""kerasx: one Keras-compatible API on TensorFlow, PyTorch and JAX.

Pick the backend with ``KERASX_BACKEND=jax|torch|tensorflow`` (or
``~/.kerasx/kerasx.json``) before importing; model code stays the same.

The configuration, the backend, ``ops`` and ``random`` load at import; the other
public modules (``layers``, ``models``, ``optimizers``, ...) load on first use,
which keeps ``import kerasx`` fast.
"""

import importlib

from kerasx import config
from kerasx.backends import B as _B
from kerasx import dtypes
from kerasx import tree
from kerasx import backend
from kerasx import ops
from kerasx import random
from kerasx.core.keras_tensor import KerasTensor
from kerasx.random import SeedGenerator

__version__ = "0.1.0"

Variable = _B.core.Variable

# Public submodules loaded on first attribute access.
_LAZY_MODULES = (
    "activations", "callbacks", "constraints", "initializers",
    "layers", "losses", "metrics", "models", "optimizers", "regularizers",
    "saving", "utils",
)
# Top-level names re-exported from those modules: name -> module.
_LAZY_NAMES = {
    "Input": "kerasx.layers",
    "InputSpec": "kerasx.layers",
    "Layer": "kerasx.layers",
    "Model": "kerasx.models",
    "Sequential": "kerasx.models",
    "Loss": "kerasx.losses",
    "Metric": "kerasx.metrics",
    "Optimizer": "kerasx.optimizers",
    "Initializer": "kerasx.initializers",
    "Regularizer": "kerasx.regularizers",
    "Constraint": "kerasx.constraints",
}


def __getattr__(name):
    if name in _LAZY_MODULES:
        module = importlib.import_module(f"kerasx.{name}")
        globals()[name] = module
        return module
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kerasx' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_MODULES) | set(_LAZY_NAMES))
