"""``AveragePooling1D``: average pooling over 1-D windows."""

from kerasx.layers.pooling.base_pooling import BasePooling


class AveragePooling1D(BasePooling):
    """Average pooling over 1-D windows of each channel.

    Args:
        pool_size: int or tuple of 1 ints, the window size (default 2).
        strides: int or tuple of 1 ints; None (default) means ``pool_size``.
        padding: "valid" (windows inside the input) or "same" (output size
            ``ceil(input / strides)``; padded cells are not counted).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for a non-positive pool_size/strides, an unknown padding or data_format,
            or (at first call) a 'valid' window larger than the input.

    Example:
        >>> AveragePooling1D()(np.zeros((2, 8, 3))).shape
        (2, 4, 3)
    """

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="average",
                         padding=padding, data_format=data_format, name=name, **kwargs)
