"""``BasePooling``: windowed max/average pooling behind MaxPooling*D and AveragePooling*D."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.convolutional.base_conv import conv_spatial_output
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BasePooling(Layer):
    """Pools each channel over sliding windows.

    Args:
        pool_size: int or tuple of ``rank`` positive ints.
        pool_mode: "max" or "average".
        strides: int or tuple (None: ``pool_size``).
        padding: "valid" or "same" ("same" average pooling ignores the padded cells).
        data_format: "channels_last" or "channels_first" (None: the global default).
    """

    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid",
                 data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.pool_size = cu.int_tuple(self, pool_size, pool_dimensions, "pool_size")
        self.strides = (self.pool_size if strides is None
                        else cu.int_tuple(self, strides, pool_dimensions, "strides"))
        self.padding = cu.padding_mode(self, padding)
        self.data_format = cu.data_format(self, data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def build(self, input_shape):
        conv_spatial_output(self, input_shape, self.pool_size, self.strides, self.padding,
                            (1,) * self.pool_dimensions)

    def call(self, inputs):
        pool = ops.max_pool if self.pool_mode == "max" else ops.average_pool
        return pool(inputs, pool_size=self.pool_size, strides=self.strides, padding=self.padding,
                    data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.pool_dimensions + 2)
        spatial = conv_spatial_output(self, input_shape, self.pool_size, self.strides,
                                      self.padding, (1,) * self.pool_dimensions)
        return cu.with_spatial(input_shape, self.data_format, spatial)

    def get_config(self):
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding,
                       "strides": self.strides, "data_format": self.data_format})
        return config
