"""Core layers: InputLayer/Input, Dense, EinsumDense, Embedding, Masking, Activation, Identity, Lambda."""

from kerasx.layers.core.activation import Activation  # noqa: F401
from kerasx.layers.core.dense import Dense  # noqa: F401
from kerasx.layers.core.identity import Identity  # noqa: F401
from kerasx.layers.core.input_layer import Input, InputLayer  # noqa: F401
from kerasx.layers.core.lambda_layer import Lambda  # noqa: F401
from kerasx.layers.core.einsum_dense import EinsumDense  # noqa: F401
from kerasx.layers.core.embedding import Embedding  # noqa: F401
from kerasx.layers.core.masking import Masking  # noqa: F401
