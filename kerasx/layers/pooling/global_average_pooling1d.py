"""``GlobalAveragePooling1D``: mean over the steps axis, honouring a mask."""

from kerasx import ops
from kerasx.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling1D(BaseGlobalPooling):
    """Global average pooling over time: the mean of each channel over the steps.

    With a mask (for example from ``Embedding(mask_zero=True)``), only the unmasked steps
    are averaged; the output carries no mask.

    Args:
        data_format: "channels_last" (``(batch, steps, features)``) or "channels_first"
            (``(batch, features, steps)``); None uses the global default.
        keepdims: if True the steps axis is kept with size 1 (default False).

    Call args:
        inputs: 3-D tensor.
        mask: optional ``(batch, steps)`` boolean tensor.

    Example:
        >>> GlobalAveragePooling1D()(np.zeros((2, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(1, "average", data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return super().call(inputs)
        steps_axis = 1 if self.data_format == "channels_last" else 2
        weights = ops.cast(mask, inputs.dtype)
        weights = ops.expand_dims(weights, 2 if self.data_format == "channels_last" else 1)
        total = ops.sum(ops.multiply(inputs, weights), axis=steps_axis, keepdims=self.keepdims)
        count = ops.sum(weights, axis=steps_axis, keepdims=self.keepdims)
        return ops.divide(total, count)

    def compute_mask(self, inputs, mask=None):
        return None
