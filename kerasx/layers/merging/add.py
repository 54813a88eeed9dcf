"""``Add`` and ``add``: element-wise sum of a list of tensors."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Add(Merge):
    """Sums a list of tensors of the same (broadcastable) shape.

    Example:
        >>> Add()([np.ones((2, 3)), np.ones((2, 3))])  # all 2.0
    """

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.add(out, x)
        return out


def add(inputs, **kwargs):
    """Functional form of ``Add``: ``add([x1, x2])``."""
    return Add(**kwargs)(inputs)
