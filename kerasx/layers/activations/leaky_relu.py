"""``LeakyReLU``: ``x`` for ``x >= 0``, ``negative_slope * x`` otherwise."""

from kerasx import ops
from kerasx.layers.activations._checks import non_negative
from kerasx.layers.layer import Layer


class LeakyReLU(Layer):
    """Leaky rectified linear unit: ``f(x) = x if x >= 0 else negative_slope * x``.

    Args:
        negative_slope: float >= 0 (default 0.3). The Keras 2 name ``alpha`` is
            accepted too.

    Example:
        >>> LeakyReLU(0.1)(np.array([-2.0, 1.0]))  # [-0.2, 1.0]
    """

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        self.negative_slope = non_negative(negative_slope, "negative_slope", self)
        self.supports_masking = True

    def call(self, inputs):
        return ops.leaky_relu(inputs, negative_slope=self.negative_slope)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["negative_slope"] = self.negative_slope
        return config
