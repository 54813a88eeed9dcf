"""``AdaptiveAveragePooling2D``: average pooling to a fixed 2-D output size."""

from kerasx.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveAveragePooling2D(BaseAdaptivePooling):
    """Adaptive average pooling: splits each spatial axis into ``output_size`` bins and takes the
    average of each bin, whatever the input size.

    Bin ``i`` of an axis of length ``L`` split into ``n`` bins covers the cells
    ``floor(i * L / n)`` to ``ceil((i + 1) * L / n) - 1`` (as in PyTorch).

    Args:
        output_size: int or tuple of 2 positive ints, the output spatial size.
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for a non-positive output_size or an unknown data_format.

    Example:
        >>> AdaptiveAveragePooling2D(4)(np.zeros((2, 10, 9, 3))).shape
        (2, 4, 4, 3)
    """

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(output_size, 2, "average", data_format=data_format, **kwargs)
