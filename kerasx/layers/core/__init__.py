"""Core layers: InputLayer/Input, Dense, Activation, Identity, Lambda."""

from kerasx.layers.core.activation import Activation  # noqa: F401
from kerasx.layers.core.dense import Dense  # noqa: F401
from kerasx.layers.core.identity import Identity  # noqa: F401
from kerasx.layers.core.input_layer import Input, InputLayer  # noqa: F401
from kerasx.layers.core.lambda_layer import Lambda  # noqa: F401
