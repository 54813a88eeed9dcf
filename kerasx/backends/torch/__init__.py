"""The PyTorch backend of kerasx (channels_last layouts mapped onto torch kernels)."""

from kerasx.backends.torch import core  # noqa: F401
from kerasx.backends.torch import numpy  # noqa: F401
from kerasx.backends.torch import nn  # noqa: F401
from kerasx.backends.torch import random  # noqa: F401
from kerasx.backends.torch import linalg  # noqa: F401
from kerasx.backends.torch import math  # noqa: F401
from kerasx.backends.torch import image  # noqa: F401
from kerasx.backends.torch import trainer  # noqa: F401
from kerasx.backends.torch import rnn  # noqa: F401

name = "torch"
from kerasx.backends.torch import optimizers  # noqa: E402,F401  (optional fused updates)
from kerasx.backends.torch import losses  # noqa: E402,F401  (optional fused loss reductions)
