"""``Minimum`` and ``minimum``: element-wise minimum of a list of tensors."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Minimum(Merge):
    """Element-wise minimum of a list of tensors of the same (broadcastable) shape.

    Example:
        >>> Minimum()([np.array([[1.0, 5.0]]), np.array([[3.0, 2.0]])])  # [[1, 2]]
    """

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.minimum(out, x)
        return out


def minimum(inputs, **kwargs):
    """Functional form of ``Minimum``: ``minimum([x1, x2, ...])``."""
    return Minimum(**kwargs)(inputs)
