"""``Merge``: the base of element-wise merge layers (Add, Multiply, Average...)."""

from kerasx import ops
from kerasx.layers.layer import Layer


def _is_shape(s):
    return isinstance(s, (list, tuple)) and all(d is None or isinstance(d, int) for d in s)


class Merge(Layer):
    """Merges a list of at least two tensors of broadcast-compatible shapes.

    Subclasses implement ``_merge_function(inputs)``.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _check_list(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or _is_shape(input_shape):
            raise ValueError(
                f"Layer {self.name!r} ({type(self).__name__}) must be called on a list of at "
                f"least 2 inputs; received an input of shape {input_shape!r}."
            )
        if len(input_shape) < 2:
            raise ValueError(
                f"Layer {self.name!r} ({type(self).__name__}) must be called on a list of at "
                f"least 2 inputs; received {len(input_shape)} input(s)."
            )

    def _output_shape_of(self, input_shape):
        self._check_list(input_shape)
        shapes = [tuple(s) for s in input_shape]
        rank = len(shapes[0])
        if any(len(s) != rank for s in shapes):
            raise ValueError(
                f"Layer {self.name!r} ({type(self).__name__}): inputs must all have the same rank; "
                f"received shapes {shapes}."
            )
        out = list(shapes[0])
        for s in shapes[1:]:
            for i, (a, b) in enumerate(zip(out, s)):
                if a is None or b is None:
                    known = b if a is None else a
                    out[i] = known if known is not None and known != 1 else None
                elif a == b or b == 1:
                    out[i] = a
                elif a == 1:
                    out[i] = b
                else:
                    raise ValueError(
                        f"Layer {self.name!r} ({type(self).__name__}): inputs have incompatible "
                        f"shapes; received shapes {shapes} (axis {i}: {a} vs {b})."
                    )
        return tuple(out)

    def build(self, input_shape):
        self._output_shape_of(input_shape)

    def compute_output_shape(self, input_shape):
        return self._output_shape_of(input_shape)

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise ValueError(
                f"Layer {self.name!r} ({type(self).__name__}) must be called on a list of at "
                "least 2 inputs."
            )
        return self._merge_function(list(inputs))

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)) or len(mask) != len(inputs):
            raise ValueError(
                f"Layer {self.name!r}: mask must be a list with one entry per input, got {mask!r}."
            )
        masks = [ops.expand_dims(m, axis=0) for m in mask if m is not None]
        if not masks:
            return None
        return ops.all(ops.concatenate(masks, axis=0), axis=0)
