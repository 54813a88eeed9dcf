"""``Identity``: returns its input unchanged."""

from kerasx.layers.layer import Layer


class Identity(Layer):
    """A placeholder layer that returns its inputs (masks pass through).

    Example:
        >>> Identity()(x) is x
        True
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape
