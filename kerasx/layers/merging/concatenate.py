"""``Concatenate`` and ``concatenate``: joins a list of tensors along an axis."""

from kerasx import ops
from kerasx.layers.merging.base_merge import Merge


class Concatenate(Merge):
    """Concatenates a list of tensors along ``axis``; other axes must match.

    Args:
        axis: the concatenation axis (default -1).

    Example:
        >>> Concatenate()([np.zeros((2, 3)), np.ones((2, 4))]).shape
        (2, 7)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = int(axis)

    def _output_shape_of(self, input_shape):
        self._check_list(input_shape)
        shapes = [tuple(s) for s in input_shape]
        rank = len(shapes[0])
        if any(len(s) != rank for s in shapes):
            raise ValueError(
                f"Layer {self.name!r} (Concatenate) requires inputs of the same rank; received "
                f"shapes {shapes}."
            )
        axis = self.axis if self.axis >= 0 else rank + self.axis
        if not 0 <= axis < rank:
            raise ValueError(
                f"Layer {self.name!r} (Concatenate): axis={self.axis} is out of range for inputs "
                f"of rank {rank} (shapes {shapes})."
            )
        out = list(shapes[0])
        for s in shapes[1:]:
            for i in range(rank):
                if i == axis:
                    continue
                a, b = out[i], s[i]
                if a is not None and b is not None and a != b:
                    raise ValueError(
                        f"Layer {self.name!r} (Concatenate) requires inputs with matching shapes "
                        f"except for the concatenation axis {self.axis}; received shapes {shapes}."
                    )
                if a is None:
                    out[i] = b
        sizes = [s[axis] for s in shapes]
        out[axis] = None if any(d is None for d in sizes) else sum(sizes)
        return tuple(out)

    def _merge_function(self, inputs):
        return ops.concatenate(inputs, axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                masks.append(ops.ones_like(x, dtype="bool"))
            elif len(m.shape) < len(x.shape):
                masks.append(ops.broadcast_to(ops.expand_dims(m, axis=-1), ops.shape(x)))
            else:
                masks.append(m)
        return ops.all(ops.concatenate(masks, axis=self.axis), axis=-1)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form of ``Concatenate``: ``concatenate([x1, x2], axis=-1)``."""
    return Concatenate(axis=axis, **kwargs)(inputs)
