"""``Dot`` and ``dot``: batch-wise dot product of two tensors along given axes."""

from kerasx import ops
from kerasx.layers.layer import Layer

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _l2_normalize(x, axis):
    sq = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return x * ops.rsqrt(ops.maximum(sq, 1e-12))


class Dot(Layer):
    """Dot product of two tensors per sample, contracting ``axes``.

    For inputs of shapes ``(batch, *a)`` and ``(batch, *b)`` the output holds the
    remaining axes of the first input followed by those of the second; a result
    with no axis left besides the batch gets shape ``(batch, 1)``.

    Args:
        axes: int, or a pair of ints (one axis per input); the batch axis 0 cannot
            be contracted. Negative values count from the end.
        normalize: L2-normalize both inputs along ``axes`` first, giving the
            cosine similarity.

    Example:
        >>> Dot(axes=1)([np.ones((2, 3)), np.ones((2, 3))])  # [[3.], [3.]]
    """

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axes, int) and not isinstance(axes, bool):
            self.axes = axes
        elif (isinstance(axes, (list, tuple)) and len(axes) == 2
              and all(isinstance(a, int) and not isinstance(a, bool) for a in axes)):
            self.axes = list(axes)
        else:
            raise ValueError(f"Dot {self.name!r}: axes must be an int or a list of 2 ints, got "
                             f"axes={axes!r}.")
        self.normalize = bool(normalize)
        self.supports_masking = True

    def _resolve(self, shapes):
        if (not isinstance(shapes, (list, tuple)) or len(shapes) != 2
                or not all(isinstance(s, (list, tuple)) for s in shapes)):
            raise ValueError(f"Layer {self.name!r} (Dot) must be called on a list of exactly 2 "
                             f"inputs; received {shapes!r}.")
        s1, s2 = (tuple(s) for s in shapes)
        if len(s1) < 2 or len(s2) < 2:
            raise ValueError(f"Layer {self.name!r} (Dot): inputs need rank >= 2 (a batch axis and "
                             f"a feature axis); received shapes {s1} and {s2}.")
        raw = [self.axes, self.axes] if isinstance(self.axes, int) else self.axes
        axes = []
        for a, s in zip(raw, (s1, s2)):
            if not -len(s) <= a < len(s):
                raise ValueError(f"Layer {self.name!r} (Dot): axis {a} is out of range for an "
                                 f"input of shape {s}.")
            a = a % len(s)
            if a == 0:
                raise ValueError(f"Layer {self.name!r} (Dot): cannot contract the batch axis 0; "
                                 f"got axes={self.axes!r}.")
            axes.append(a)
        d1, d2 = s1[axes[0]], s2[axes[1]]
        if d1 is not None and d2 is not None and d1 != d2:
            raise ValueError(f"Layer {self.name!r} (Dot): incompatible shapes {s1} and {s2}: "
                             f"axis {axes[0]} has size {d1} but axis {axes[1]} has size {d2}.")
        if s1[0] is not None and s2[0] is not None and s1[0] != s2[0]:
            raise ValueError(f"Layer {self.name!r} (Dot): the inputs' batch sizes differ: "
                             f"{s1} and {s2}.")
        return s1, s2, axes

    def build(self, input_shape):
        self._resolve(input_shape)

    def compute_output_shape(self, input_shape):
        s1, s2, (a1, a2) = self._resolve(input_shape)
        out = ((s1[0],) + tuple(d for i, d in enumerate(s1) if i not in (0, a1))
               + tuple(d for i, d in enumerate(s2) if i not in (0, a2)))
        return out if len(out) > 1 else out + (1,)

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            raise ValueError(f"Layer {self.name!r} (Dot) must be called on a list of exactly 2 "
                             "inputs.")
        x1, x2 = inputs
        _, _, (a1, a2) = self._resolve([tuple(x1.shape), tuple(x2.shape)])
        if self.normalize:
            x1 = _l2_normalize(x1, a1)
            x2 = _l2_normalize(x2, a2)
        r1, r2 = len(x1.shape), len(x2.shape)
        letters = iter(_LETTERS[2:])
        sub1 = ["a"] + [next(letters) for _ in range(r1 - 1)]
        sub1[a1] = "b"
        sub2 = ["a"] + [next(letters) for _ in range(r2 - 1)]
        sub2[a2] = "b"
        out = "a" + "".join(c for c in sub1[1:] if c != "b") + "".join(
            c for c in sub2[1:] if c != "b")
        result = ops.einsum(f"{''.join(sub1)},{''.join(sub2)}->{out}", x1, x2)
        if len(out) == 1:
            result = ops.expand_dims(result, axis=-1)
        return result

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = super().get_config()
        config.update({"axes": self.axes, "normalize": self.normalize})
        return config


def dot(inputs, axes=-1, normalize=False, **kwargs):
    """Functional form of ``Dot``: ``dot([x1, x2], axes=1)``."""
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
