"""``Cropping1D``: crops the steps axis of a sequence."""

from kerasx.layers.reshaping.base_cropping import BaseCropping


class Cropping1D(BaseCropping):
    """Removes cells from the start and end of axis 1 of a ``(batch, steps, features)`` input.

    Args:
        cropping: int (both ends) or ``(start, end)`` tuple of ints (default ``(1, 1)``).

    Raises:
        ValueError: for negative or malformed cropping, or (at first call) a cropping that
            removes every step.

    Example:
        >>> Cropping1D((1, 2))(np.zeros((2, 6, 3))).shape
        (2, 3, 3)
    """

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(1, cropping, data_format="channels_last", **kwargs)
        self.cropping = self._pairs[0]

    def get_config(self):
        config = super().get_config()
        del config["data_format"]
        return config
