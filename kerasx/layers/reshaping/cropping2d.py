"""``Cropping2D``: crops the 2 spatial axes of images."""

from kerasx.layers.reshaping.base_cropping import BaseCropping


class Cropping2D(BaseCropping):
    """Removes cells from both ends of each spatial axis of images.

    Args:
        cropping: int (all sides), tuple of 2 ints (symmetric per axis), or tuple of 2
            ``(before, after)`` pairs (default ``((0, 0), (0, 0))``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for negative or malformed cropping, an unknown data_format, or (at first
            call) a cropping that removes a whole axis.

    Example:
        >>> Cropping2D(((1, 1), (2, 0)))(np.zeros((2, 8, 8, 3))).shape
        (2, 6, 6, 3)
    """

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(2, cropping, data_format=data_format, **kwargs)
