"""``BaseAdaptivePooling``: pooling to a fixed output size (PyTorch's adaptive bins)."""

import functools

import numpy as np

from kerasx import dtypes, ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


def adaptive_bins(length, size):
    """``(starts, ends)`` of the ``size`` bins over ``length`` cells.

    Bin ``i`` covers ``[floor(i * length / size), ceil((i + 1) * length / size))``.
    """
    i = np.arange(size)
    starts = (i * length) // size
    ends = -((-(i + 1) * length) // size)
    return starts, ends


@functools.lru_cache(maxsize=256)
def _average_matrix(length, size):
    """``(length, size)`` matrix whose column ``j`` averages the cells of bin ``j``."""
    starts, ends = adaptive_bins(length, size)
    weights = np.zeros((length, size), dtype="float32")
    for j, (s, e) in enumerate(zip(starts, ends)):
        weights[s:e, j] = 1.0 / (e - s)
    return weights


@functools.lru_cache(maxsize=256)
def _max_gather(length, size):
    """Flat gather indices (``size`` bins of ``width`` cells each) and ``width``.

    Short bins repeat their last cell, which leaves their maximum unchanged.
    """
    starts, ends = adaptive_bins(length, size)
    width = int(np.max(ends - starts))
    idx = np.minimum(starts[:, None] + np.arange(width)[None, :], (ends - 1)[:, None])
    return idx.reshape(-1).astype("int32"), width


class BaseAdaptivePooling(Layer):
    """Max or average pooling whose windows adapt so the output has ``output_size``.

    Args:
        output_size: int or tuple of ``pool_dimensions`` positive ints.
        pool_dimensions: number of spatial axes.
        pool_mode: "max" or "average".
        data_format: "channels_last" or "channels_first" (None: the global default).
    """

    def __init__(self, output_size, pool_dimensions, pool_mode, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.output_size = cu.int_tuple(self, output_size, pool_dimensions, "output_size")
        self.data_format = cu.data_format(self, data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def _pool_axis(self, x, axis, size):
        length = x.shape[axis]
        if self.pool_mode == "average":
            weights = ops.convert_to_tensor(_average_matrix(length, size),
                                            dtype=dtypes.standardize_dtype(x.dtype))
            return ops.moveaxis(ops.matmul(ops.moveaxis(x, axis, -1), weights), -1, axis)
        idx, width = _max_gather(length, size)
        gathered = ops.take(x, idx, axis=axis)
        shape = list(gathered.shape)
        shape[axis:axis + 1] = [size, width]
        return ops.max(ops.reshape(gathered, [-1 if d is None else d for d in shape]),
                       axis=axis + 1)

    def call(self, inputs):
        x = inputs
        for axis, size in zip(cu.spatial_axes(self.pool_dimensions, self.data_format),
                              self.output_size):
            if x.shape[axis] != size:
                x = self._pool_axis(x, axis, size)
        return x

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.pool_dimensions + 2)
        return cu.with_spatial(input_shape, self.data_format, self.output_size)

    def get_config(self):
        config = super().get_config()
        config.update({"output_size": self.output_size, "data_format": self.data_format})
        return config
