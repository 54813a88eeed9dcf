"""``Cropping3D``: crops the 3 spatial axes of volumes."""

from kerasx.layers.reshaping.base_cropping import BaseCropping


class Cropping3D(BaseCropping):
    """Removes cells from both ends of each spatial axis of volumes.

    Args:
        cropping: int (all sides), tuple of 3 ints (symmetric per axis), or tuple of 3
            ``(before, after)`` pairs (default ``((1, 1), (1, 1), (1, 1))``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for negative or malformed cropping, an unknown data_format, or (at first
            call) a cropping that removes a whole axis.

    Example:
        >>> Cropping3D(1)(np.zeros((2, 6, 6, 6, 3))).shape
        (2, 4, 4, 4, 3)
    """

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(3, cropping, data_format=data_format, **kwargs)
