"""``Average`` and ``average``: element-wise mean of a list of tensors."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Average(Merge):
    """Averages a list of tensors of the same (broadcastable) shape element-wise.

    Example:
        >>> Average()([np.zeros((1, 2)), np.full((1, 2), 2.0)])  # all 1.0
    """

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.add(out, x)
        return ops.divide(out, len(inputs))


def average(inputs, **kwargs):
    """Functional form of ``Average``: ``average([m1(x), m2(x), m3(x)])``."""
    return Average(**kwargs)(inputs)
