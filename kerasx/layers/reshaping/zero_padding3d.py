"""``ZeroPadding3D``: pads the 3 spatial axes of volumes with zeros."""

from kerasx.layers.reshaping.base_zero_padding import BaseZeroPadding


class ZeroPadding3D(BaseZeroPadding):
    """Adds rows of zeros before and after each spatial axis of volumes.

    Args:
        padding: int (all sides), tuple of 3 ints (symmetric per axis), or tuple of 3
            ``(before, after)`` pairs (default ``((1, 1), (1, 1), (1, 1))``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for negative or malformed padding or an unknown data_format.

    Example:
        >>> ZeroPadding3D(1)(np.zeros((2, 2, 2, 2, 3))).shape
        (2, 4, 4, 4, 3)
    """

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(3, padding, data_format=data_format, **kwargs)
