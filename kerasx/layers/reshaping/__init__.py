"""Reshaping layers: Flatten, Reshape."""

from kerasx.layers.reshaping.flatten import Flatten  # noqa: F401
from kerasx.layers.reshaping.reshape import Reshape  # noqa: F401
