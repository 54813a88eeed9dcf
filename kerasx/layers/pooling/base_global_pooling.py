"""``BaseGlobalPooling``: reduces all spatial axes (GlobalMax/GlobalAveragePooling*D)."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseGlobalPooling(Layer):
    """Max or mean over every spatial axis of each channel.

    Args:
        pool_dimensions: number of spatial axes (1, 2 or 3).
        pool_mode: "max" or "average".
        data_format: "channels_last" or "channels_first" (None: the global default).
        keepdims: keep the reduced axes with size 1.
    """

    def __init__(self, pool_dimensions, pool_mode, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.data_format = cu.data_format(self, data_format)
        self.keepdims = bool(keepdims)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def _axes(self):
        return cu.spatial_axes(self.pool_dimensions, self.data_format)

    def call(self, inputs):
        reduce = ops.max if self.pool_mode == "max" else ops.mean
        return reduce(inputs, axis=self._axes(), keepdims=self.keepdims)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.pool_dimensions + 2)
        axes = self._axes()
        if self.keepdims:
            return tuple(1 if i in axes else d for i, d in enumerate(input_shape))
        return tuple(d for i, d in enumerate(input_shape) if i not in axes)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config
