"""``GlobalMaxPooling1D``: max over the 1 spatial axes."""

from kerasx.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling1D(BaseGlobalPooling):
    """Global max pooling: the max of each channel over all 1 spatial axes.

    Args:
        data_format: "channels_last" or "channels_first"; None uses the global default.
        keepdims: if True the spatial axes are kept with size 1 (default False).

    Example:
        >>> GlobalMaxPooling1D()(np.zeros((2, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, "max", data_format=data_format, keepdims=keepdims, **kwargs)
