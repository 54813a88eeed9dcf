"""Merging layers: Add, Concatenate, Average, Multiply and their functional forms."""

from kerasx.layers.merging.add import Add, add  # noqa: F401
from kerasx.layers.merging.average import Average, average  # noqa: F401
from kerasx.layers.merging.base_merge import Merge  # noqa: F401
from kerasx.layers.merging.concatenate import Concatenate, concatenate  # noqa: F401
from kerasx.layers.merging.multiply import Multiply, multiply  # noqa: F401
