"""``UpSampling3D``: repeats the cells of volumes along the 3 spatial axes."""

from kerasx.layers.reshaping.base_up_sampling import BaseUpSampling


class UpSampling3D(BaseUpSampling):
    """Repeats each cell ``size[i]`` times along spatial axis ``i`` of a 5-D input.

    Args:
        size: int or tuple of 3 positive ints (default ``(2, 2, 2)``).
        data_format: "channels_last" or "channels_first"; None uses the global default.

    Raises:
        ValueError: for a non-positive size or an unknown data_format.

    Example:
        >>> UpSampling3D(2)(np.zeros((1, 2, 3, 4, 5))).shape
        (1, 4, 6, 8, 5)
    """

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(3, size, data_format=data_format, **kwargs)
