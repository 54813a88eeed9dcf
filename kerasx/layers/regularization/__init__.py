"""Regularization layers: Dropout."""

from kerasx.layers.regularization.dropout import Dropout  # noqa: F401
