"""Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax."""

from kerasx.layers.activations.elu import ELU  # noqa: F401
from kerasx.layers.activations.leaky_relu import LeakyReLU  # noqa: F401
from kerasx.layers.activations.prelu import PReLU  # noqa: F401
from kerasx.layers.activations.relu import ReLU  # noqa: F401
from kerasx.layers.activations.softmax import Softmax  # noqa: F401
