"""``UpSampling1D``: repeats each step of a sequence."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class UpSampling1D(Layer):
    """Repeats each step ``size`` times along axis 1 of a ``(batch, steps, features)`` input.

    Args:
        size: positive int, the upsampling factor (default 2).

    Raises:
        ValueError: for a non-positive size.

    Example:
        >>> UpSampling1D(3)(np.zeros((2, 4, 5))).shape
        (2, 12, 5)
    """

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = cu.int_tuple(self, size, 1, "size")[0]
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return ops.repeat(inputs, self.size, axis=1)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, 3)
        steps = None if input_shape[1] is None else input_shape[1] * self.size
        return (input_shape[0], steps, input_shape[2])

    def get_config(self):
        config = super().get_config()
        config["size"] = self.size
        return config
