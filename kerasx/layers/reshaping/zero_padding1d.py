"""``ZeroPadding1D``: pads the 1 spatial axes of sequences with zeros."""

from kerasx.layers.reshaping.base_zero_padding import BaseZeroPadding


class ZeroPadding1D(BaseZeroPadding):
    """Adds rows of zeros before and after each spatial axis of sequences.

    Args:
        padding: int (both ends) or ``(before, after)`` tuple of ints (default ``1``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for negative or malformed padding or an unknown data_format.

    Example:
        >>> ZeroPadding1D((1, 2))(np.zeros((2, 5, 3))).shape
        (2, 8, 3)
    """

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(1, padding, data_format=data_format, **kwargs)
