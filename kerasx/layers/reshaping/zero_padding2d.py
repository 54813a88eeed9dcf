"""``ZeroPadding2D``: pads the 2 spatial axes of images with zeros."""

from kerasx.layers.reshaping.base_zero_padding import BaseZeroPadding


class ZeroPadding2D(BaseZeroPadding):
    """Adds rows of zeros before and after each spatial axis of images.

    Args:
        padding: int (all sides), tuple of 2 ints (symmetric per axis), or
            ``((top, bottom), (left, right))`` (default ``(1, 1)``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for negative or malformed padding or an unknown data_format.

    Example:
        >>> ZeroPadding2D(((1, 0), (2, 2)))(np.zeros((2, 4, 4, 3))).shape
        (2, 5, 8, 3)
    """

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(2, padding, data_format=data_format, **kwargs)
