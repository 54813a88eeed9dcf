"""``Softmax``: softmax along one or more axes, honouring a mask."""

from kerasx import ops
from kerasx.layers.layer import Layer


def _large_negative(dtype):
    return -3e4 if dtype in ("float16",) else -1e9


class Softmax(Layer):
    """Softmax activation: ``exp(x) / sum(exp(x), axis)``.

    Args:
        axis: int or list of ints, the axes normalized (default -1).

    Call args:
        inputs: tensor.
        mask: optional boolean tensor broadcastable to ``inputs`` (True = keep);
            masked positions get (almost) zero probability.

    Example:
        >>> Softmax()(np.array([[1.0, 1.0]]), mask=np.array([[True, False]]))  # [[1, 0]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, bool) or not (isinstance(axis, int) or (
                isinstance(axis, (list, tuple)) and axis
                and all(isinstance(a, int) and not isinstance(a, bool) for a in axis))):
            raise ValueError(f"Softmax {self.name!r}: axis must be an int or a list of ints, got "
                             f"axis={axis!r}.")
        self.axis = axis if isinstance(axis, int) else list(axis)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        x = inputs
        if mask is not None:
            keep = ops.cast(mask, x.dtype)
            while len(keep.shape) < len(x.shape):
                keep = ops.expand_dims(keep, axis=-1)
            x = x + (1.0 - keep) * _large_negative(ops.dtype(x))
        if isinstance(self.axis, int):
            out = ops.softmax(x, axis=self.axis)
        else:
            out = ops.exp(x - ops.logsumexp(x, axis=tuple(self.axis), keepdims=True))
        if mask is not None:
            out = out * keep
        return out

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
