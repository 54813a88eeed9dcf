"""``AdaptiveAveragePooling3D``: average pooling to a fixed 3-D output size."""

from kerasx.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveAveragePooling3D(BaseAdaptivePooling):
    """Adaptive average pooling: splits each spatial axis into ``output_size`` bins and takes the
    average of each bin, whatever the input size.

    Bin ``i`` of an axis of length ``L`` split into ``n`` bins covers the cells
    ``floor(i * L / n)`` to ``ceil((i + 1) * L / n) - 1`` (as in PyTorch).

    Args:
        output_size: int or tuple of 3 positive ints, the output spatial size.
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for a non-positive output_size or an unknown data_format.

    Example:
        >>> AdaptiveAveragePooling3D(2)(np.zeros((2, 6, 6, 6, 3))).shape
        (2, 2, 2, 2, 3)
    """

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(output_size, 3, "average", data_format=data_format, **kwargs)
