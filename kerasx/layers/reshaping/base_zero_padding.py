"""``BaseZeroPadding``: pads each spatial axis with zeros (ZeroPadding1D/2D/3D)."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseZeroPadding(Layer):
    """Adds ``(before, after)`` zeros to each of the ``rank`` spatial axes.

    Args:
        rank: number of spatial axes.
        padding: int, ``rank`` ints (symmetric) or ``rank`` ``(before, after)`` pairs.
        data_format: "channels_last" or "channels_first" (None: the global default).
    """

    def __init__(self, rank, padding, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self._pairs = cu.int_pairs(self, padding, rank, "padding")
        self.padding = self._pairs[0] if rank == 1 else self._pairs
        self.data_format = cu.data_format(self, data_format)
        self.input_spec = InputSpec(ndim=rank + 2)

    def _pad_width(self):
        width = [(0, 0)] * (self.rank + 2)
        for axis, pair in zip(cu.spatial_axes(self.rank, self.data_format), self._pairs):
            width[axis] = pair
        return width

    def call(self, inputs):
        return ops.pad(inputs, self._pad_width())

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2)
        return tuple(None if d is None else d + a + b
                     for d, (a, b) in zip(input_shape, self._pad_width()))

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config
