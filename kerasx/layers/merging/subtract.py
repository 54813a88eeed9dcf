"""``Subtract`` and ``subtract``: element-wise difference of exactly two tensors."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Subtract(Merge):
    """Computes ``inputs[0] - inputs[1]`` for a list of exactly two tensors.

    Example:
        >>> Subtract()([np.ones((2, 3)), np.ones((2, 3))])  # all 0.0
    """

    def _check_list(self, input_shape):
        super()._check_list(input_shape)
        if len(input_shape) != 2:
            raise ValueError(f"Layer {self.name!r} (Subtract) must be called on a list of exactly "
                             f"2 inputs; received {len(input_shape)} inputs.")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(f"Layer {self.name!r} (Subtract) must be called on a list of exactly "
                             f"2 inputs; received {len(inputs)} inputs.")
        return ops.subtract(inputs[0], inputs[1])


def subtract(inputs, **kwargs):
    """Functional form of ``Subtract``: ``subtract([x1, x2])``."""
    return Subtract(**kwargs)(inputs)
