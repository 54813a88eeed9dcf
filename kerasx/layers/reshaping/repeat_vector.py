"""``RepeatVector``: repeats a vector ``n`` times along a new time axis."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class RepeatVector(Layer):
    """Turns a ``(batch, features)`` input into ``(batch, n, features)`` by repetition.

    Args:
        n: positive int, the number of repetitions.

    Raises:
        ValueError: for a non-positive or non-integer ``n``, or an input that is not 2-D.

    Example:
        >>> RepeatVector(3)(np.zeros((2, 5))).shape
        (2, 3, 5)
    """

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        self.n = cu.int_tuple(self, n, 1, "n")[0]
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, 2)
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        config = super().get_config()
        config["n"] = self.n
        return config
