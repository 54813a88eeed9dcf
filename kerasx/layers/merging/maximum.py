"""``Maximum`` and ``maximum``: element-wise maximum of a list of tensors."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Maximum(Merge):
    """Element-wise maximum of a list of tensors of the same (broadcastable) shape.

    Example:
        >>> Maximum()([np.array([[1.0, 5.0]]), np.array([[3.0, 2.0]])])  # [[3, 5]]
    """

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.maximum(out, x)
        return out


def maximum(inputs, **kwargs):
    """Functional form of ``Maximum``: ``maximum([x1, x2, ...])``."""
    return Maximum(**kwargs)(inputs)
