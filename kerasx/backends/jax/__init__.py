"""The JAX backend of kerasx.

64-bit types are enabled (``jax_enable_x64``) so that ``float64``/``int64``
tensors keep their dtype instead of being silently truncated to 32 bits. With
x64 on, JAX's own defaults become 64-bit, so every function here passes an
explicit dtype (``floatx()``/``int32`` defaults, ``kerasx.dtypes.result_type``
for promotion).
"""

import jax

jax.config.update("jax_enable_x64", True)

name = "jax"

from kerasx.backends.jax import core  # noqa: E402
from kerasx.backends.jax import numpy  # noqa: E402
from kerasx.backends.jax import nn  # noqa: E402
from kerasx.backends.jax import random  # noqa: E402
from kerasx.backends.jax import linalg  # noqa: E402
from kerasx.backends.jax import math  # noqa: E402
from kerasx.backends.jax import image  # noqa: E402
from kerasx.backends.jax import trainer  # noqa: E402
from kerasx.backends.jax import rnn  # noqa: E402
