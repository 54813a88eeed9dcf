"""``BaseUpSampling``: repeats cells along each spatial axis (UpSampling2D/3D)."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseUpSampling(Layer):
    """Nearest-neighbour upsampling of ``rank`` spatial axes by integer factors.

    Args:
        rank: number of spatial axes.
        size: int or tuple of ``rank`` positive ints.
        data_format: "channels_last" or "channels_first" (None: the global default).
    """

    def __init__(self, rank, size, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self.size = cu.int_tuple(self, size, rank, "size")
        self.data_format = cu.data_format(self, data_format)
        self.input_spec = InputSpec(ndim=rank + 2)

    def _repeat(self, inputs):
        x = inputs
        for axis, factor in zip(cu.spatial_axes(self.rank, self.data_format), self.size):
            if factor != 1:
                x = ops.repeat(x, factor, axis=axis)
        return x

    def call(self, inputs):
        return self._repeat(inputs)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2)
        spatial = tuple(None if input_shape[a] is None else input_shape[a] * f
                        for a, f in zip(cu.spatial_axes(self.rank, self.data_format), self.size))
        return cu.with_spatial(input_shape, self.data_format, spatial)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format})
        return config
