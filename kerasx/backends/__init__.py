"""Loads the active backend package once; the frontend reaches it as ``B``.

``B`` is the module ``kerasx.backends.<name>``; it exposes the contract's groups
as submodules: ``B.core``, ``B.numpy``, ``B.nn``, ``B.random``, ``B.linalg``,
``B.math``, ``B.image``, ``B.trainer``, plus ``B.name``.
"""

import importlib

from kerasx import config


def load_backend(name):
    """Imports and returns the backend package for ``name`` (used by the contract test)."""
    config._check_backend_name(name, "load_backend")
    return importlib.import_module(f"kerasx.backends.{name}")


B = load_backend(config.backend())
