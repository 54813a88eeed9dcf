"""``MaxPooling2D``: max pooling over 2-D windows."""

from kerasx.layers.pooling.base_pooling import BasePooling


class MaxPooling2D(BasePooling):
    """Max pooling over 2-D windows of each channel.

    Args:
        pool_size: int or tuple of 2 ints, the window size (default (2, 2)).
        strides: int or tuple of 2 ints; None (default) means ``pool_size``.
        padding: "valid" (windows inside the input) or "same" (output size
            ``ceil(input / strides)``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for a non-positive pool_size/strides, an unknown padding or data_format,
            or (at first call) a 'valid' window larger than the input.

    Example:
        >>> MaxPooling2D()(np.zeros((2, 8, 8, 3))).shape
        (2, 4, 4, 3)
    """

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="max",
                         padding=padding, data_format=data_format, name=name, **kwargs)
