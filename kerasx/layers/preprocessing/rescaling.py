"""``Rescaling``: multiplies inputs by ``scale`` and adds ``offset``."""

import numpy as np

from kerasx import ops
from kerasx.layers.layer import Layer


class Rescaling(Layer):
    """Computes ``inputs * scale + offset`` in the layer's compute dtype.

    Args:
        scale: float (or array broadcastable to the inputs).
        offset: float (or array), default 0.

    Example:
        >>> Rescaling(1. / 255)(images)          # [0, 255] -> [0, 1]
        >>> Rescaling(1. / 127.5, offset=-1)(images)   # -> [-1, 1]
    """

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        for arg, v in (("scale", scale), ("offset", offset)):
            try:
                np.asarray(v, "float64")
            except (TypeError, ValueError):
                raise ValueError(f"Rescaling {self.name!r}: {arg} must be a number or an array "
                                 f"of numbers, got {v!r}.")
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def call(self, inputs):
        dtype = self.compute_dtype
        scale = ops.convert_to_tensor(np.asarray(self.scale, dtype))
        offset = ops.convert_to_tensor(np.asarray(self.offset, dtype))
        return ops.cast(inputs, dtype) * scale + offset

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()

        def _plain(v):
            return np.asarray(v).tolist() if not isinstance(v, (int, float)) else v
        config.update({"scale": _plain(self.scale), "offset": _plain(self.offset)})
        return config
