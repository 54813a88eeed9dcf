"""``GlobalAveragePooling3D``: average over the 3 spatial axes."""

from kerasx.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling3D(BaseGlobalPooling):
    """Global average pooling: the average of each channel over all 3 spatial axes.

    Args:
        data_format: "channels_last" or "channels_first"; None uses the global default.
        keepdims: if True the spatial axes are kept with size 1 (default False).

    Example:
        >>> GlobalAveragePooling3D()(np.zeros((2, 4, 4, 4, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(3, "average", data_format=data_format, keepdims=keepdims, **kwargs)
