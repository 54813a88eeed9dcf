"""``Activation``: applies an activation function."""

from kerasx import activations
from kerasx.layers.layer import Layer


class Activation(Layer):
    """Applies ``activation`` element-wise (or along the last axis for softmax).

    Args:
        activation: a name (``"relu"``) or a function.

    Example:
        >>> Activation("relu")(np.array([[-1.0, 2.0]]))  # [[0., 2.]]
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config
