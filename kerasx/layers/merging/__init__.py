"""Merging layers (Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot) and functional forms."""

from kerasx.layers.merging.add import Add, add  # noqa: F401
from kerasx.layers.merging.average import Average, average  # noqa: F401
from kerasx.layers.merging.base_merge import Merge  # noqa: F401
from kerasx.layers.merging.concatenate import Concatenate, concatenate  # noqa: F401
from kerasx.layers.merging.multiply import Multiply, multiply  # noqa: F401
from kerasx.layers.merging.dot import Dot, dot  # noqa: F401
from kerasx.layers.merging.maximum import Maximum, maximum  # noqa: F401
from kerasx.layers.merging.minimum import Minimum, minimum  # noqa: F401
from kerasx.layers.merging.subtract import Subtract, subtract  # noqa: F401
