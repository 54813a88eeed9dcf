"""``Multiply`` and ``multiply``: element-wise product of a list of tensors."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Multiply(Merge):
    """Multiplies a list of tensors of the same (broadcastable) shape element-wise.

    Example:
        >>> Multiply()([np.full((1, 2), 2.0), np.full((1, 2), 3.0)])  # all 6.0
    """

    def _merge_function(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.multiply(out, x)
        return out


def multiply(inputs, **kwargs):
    """Functional form of ``Multiply``: ``multiply([x1, x2])``."""
    return Multiply(**kwargs)(inputs)
