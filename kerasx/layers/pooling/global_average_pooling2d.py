"""``GlobalAveragePooling2D``: average over the 2 spatial axes."""

from kerasx.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling2D(BaseGlobalPooling):
    """Global average pooling: the average of each channel over all 2 spatial axes.

    Args:
        data_format: "channels_last" or "channels_first"; None uses the global default.
        keepdims: if True the spatial axes are kept with size 1 (default False).

    Example:
        >>> GlobalAveragePooling2D()(np.zeros((2, 8, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(2, "average", data_format=data_format, keepdims=keepdims, **kwargs)
