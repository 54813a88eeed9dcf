"""``Reshape``: reshapes each sample to ``target_shape``."""

import math

from kerasx import ops
from kerasx.layers.layer import Layer


class Reshape(Layer):
    """Reshapes inputs to ``(batch,) + target_shape``; one entry may be -1.

    Args:
        target_shape: tuple of ints, without the batch axis.

    Raises:
        ValueError: for a target with more than one -1 or a size that does not match.

    Example:
        >>> Reshape((3, 4))(np.zeros((2, 12))).shape
        (2, 3, 4)
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        try:
            target_shape = tuple(int(d) for d in target_shape)
        except TypeError:
            raise ValueError(
                f"Reshape {self.name!r}: target_shape must be a tuple of ints, got {target_shape!r}."
            ) from None
        if sum(1 for d in target_shape if d == -1) > 1 or any(d < -1 or d == 0 for d in target_shape):
            raise ValueError(
                f"Reshape {self.name!r}: target_shape may contain at most one -1 and otherwise "
                f"positive ints, got {target_shape}."
            )
        self.target_shape = target_shape

    def _resolve(self, input_shape):
        rest = input_shape[1:]
        target = list(self.target_shape)
        if any(d is None for d in rest):
            return tuple(None if d == -1 else d for d in target)
        total = int(math.prod(rest))
        known = int(math.prod(d for d in target if d != -1))
        if -1 in target:
            if known == 0 or total % known:
                raise self._mismatch(input_shape)
            target[target.index(-1)] = total // known
        elif known != total:
            raise self._mismatch(input_shape)
        return tuple(target)

    def _mismatch(self, input_shape):
        return ValueError(
            f"Reshape {self.name!r}: cannot reshape an input of shape {tuple(input_shape)} "
            f"to target_shape={self.target_shape}: the total size of each sample must be "
            "unchanged."
        )

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + self._resolve(input_shape)

    def build(self, input_shape):
        self._resolve(input_shape)

    def call(self, inputs):
        target = self._resolve(tuple(inputs.shape))
        if any(d is None for d in target):
            target = self.target_shape
        return ops.reshape(inputs, (-1,) + tuple(target) if -1 not in target
                           else (ops.shape(inputs)[0],) + tuple(target))

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = list(self.target_shape)
        return config
