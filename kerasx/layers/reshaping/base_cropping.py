"""``BaseCropping``: removes cells from both ends of each spatial axis (Cropping1D/2D/3D)."""

from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseCropping(Layer):
    """Crops ``(before, after)`` cells off each of the ``rank`` spatial axes.

    Args:
        rank: number of spatial axes.
        cropping: int, ``rank`` ints (symmetric) or ``rank`` ``(before, after)`` pairs.
        data_format: "channels_last" or "channels_first" (None: the global default).
    """

    def __init__(self, rank, cropping, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self._pairs = cu.int_pairs(self, cropping, rank, "cropping")
        self.cropping = self._pairs
        self.data_format = cu.data_format(self, data_format)
        self.input_spec = InputSpec(ndim=rank + 2)

    def _out_spatial(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2)
        out = []
        for axis, (a, b) in zip(cu.spatial_axes(self.rank, self.data_format), self._pairs):
            length = input_shape[axis]
            if length is not None and length - a - b <= 0:
                raise ValueError(
                    f"{cu.layer_label(self)}: cropping={self.cropping} removes all of axis "
                    f"{axis} (size {length}) of the input of shape {tuple(input_shape)}; the "
                    "cropping of each axis must be smaller than its size."
                )
            out.append(None if length is None else length - a - b)
        return tuple(out)

    def build(self, input_shape):
        self._out_spatial(input_shape)

    def call(self, inputs):
        index = [slice(None)] * (self.rank + 2)
        for axis, (a, b) in zip(cu.spatial_axes(self.rank, self.data_format), self._pairs):
            index[axis] = slice(a, -b if b else None)
        return inputs[tuple(index)]

    def compute_output_shape(self, input_shape):
        return cu.with_spatial(input_shape, self.data_format, self._out_spatial(input_shape))

    def get_config(self):
        config = super().get_config()
        config.update({"cropping": self.cropping, "data_format": self.data_format})
        return config
