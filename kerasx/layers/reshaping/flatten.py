"""``Flatten``: collapses all axes but the batch axis."""

import math

from kerasx import config, ops
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class Flatten(Layer):
    """Flattens the input to ``(batch, -1)``; does not affect the batch size.

    Args:
        data_format: ``"channels_last"`` (default) or ``"channels_first"``; with
            channels_first the channel axis is moved last before flattening, so the
            order of features matches a channels_last model.

    Example:
        >>> Flatten()(np.zeros((2, 3, 4))).shape
        (2, 12)
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        shape = tuple(inputs.shape)
        rank = len(shape)
        if self.data_format == "channels_first" and rank > 2:
            inputs = ops.transpose(inputs, (0,) + tuple(range(2, rank)) + (1,))
        rest = shape[1:]
        if all(isinstance(d, int) for d in rest):
            return ops.reshape(inputs, (-1, int(math.prod(rest))))
        return ops.reshape(inputs, (ops.shape(inputs)[0], -1))

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        if any(d is None for d in rest):
            return (input_shape[0], None)
        return (input_shape[0], int(math.prod(rest)))

    def get_config(self):
        config_ = super().get_config()
        config_["data_format"] = self.data_format
        return config_
