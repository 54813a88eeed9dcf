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
        mask: optional boolean tensor broadcastable to ``inputs`` with NumPy rules
            (dimensions aligned from the last one, as in Keras; True = keep, a
            non-boolean mask keeps values > 0.5); masked positions get zero probability.
            A lower-rank mask that fits only the leading axes (e.g. a ``(batch, T)``
            padding mask on ``(batch, T, features)``, where Keras raises) is aligned with
            the leading axes.

    Raises:
        ValueError: the mask does not broadcast to the inputs.

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
            if not hasattr(mask, "shape"):
                mask = ops.convert_to_tensor(mask)
            extra = self._mask_alignment(x.shape, mask.shape)
            for _ in range(extra):
                mask = ops.expand_dims(mask, axis=-1)
            if ops.dtype(mask) != "bool":
                mask = ops.greater(mask, 0.5)
            x = ops.where(mask, x, _large_negative(ops.dtype(x)))
        if isinstance(self.axis, int):
            out = ops.softmax(x, axis=self.axis)
        else:
            out = ops.exp(x - ops.logsumexp(x, axis=tuple(self.axis), keepdims=True))
        if mask is not None:
            # Zero masked positions (a fully masked axis would otherwise be uniform).
            out = ops.where(mask, out, 0.0)
        return out

    def _mask_alignment(self, input_shape, mask_shape):
        """Number of trailing axes to add to the mask before broadcasting it to the inputs.

        Keras broadcasts the mask like NumPy (dimensions matched from the last one): 0. A
        lower-rank mask that only fits the leading axes, such as the ``(batch, T)`` mask of
        ``Embedding(mask_zero=True)`` on ``(batch, T, features)`` inputs (Keras raises
        there), is aligned with the leading axes instead.
        """
        mask_shape, input_shape = tuple(mask_shape), tuple(input_shape)

        def fits(pairs, strict):
            # strict: unknown (None) sizes only match each other (traced batch axes).
            if strict:
                return all(m == 1 or m == i for m, i in pairs)
            return all(m is None or i is None or m == 1 or m == i for m, i in pairs)

        if len(mask_shape) <= len(input_shape):
            trailing = list(zip(mask_shape[::-1], input_shape[::-1]))
            leading = list(zip(mask_shape, input_shape))
            for strict in (True, False):
                if fits(trailing, strict):
                    return 0
                if fits(leading, strict):
                    return len(input_shape) - len(mask_shape)
        raise ValueError(
            f"Softmax {self.name!r}: the mask must broadcast to the inputs with NumPy rules "
            f"(dimensions matched from the last one; each mask dimension 1 or equal to the "
            f"input's, and no more dimensions than the inputs). Got "
            f"inputs.shape={input_shape}, mask.shape={mask_shape}. Add the missing axes to "
            "the mask yourself, e.g. ops.expand_dims(mask, 1) for a (batch, T) key mask on "
            "(batch, T, T) scores."
        )

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
