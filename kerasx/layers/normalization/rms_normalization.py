"""``RMSNormalization``: scales inputs by the inverse of their root mean square."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.normalization import _norm_utils as nu


class RMSNormalization(Layer):
    """Root-mean-square normalization: ``x / sqrt(mean(x**2, axis) + epsilon) * scale``.

    Args:
        axis: int or list of ints, the axes normalized (default -1).
        epsilon: small float added inside the square root (default 1e-6).

    Weights: ``scale`` of the normalized axes' shape, initialized to ones.

    Example:
        >>> RMSNormalization()(np.array([[1.0, 1.0]], "float32"))  # ~[[1, 1]]
    """

    def __init__(self, axis=-1, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis if isinstance(axis, int) else list(axis)
        self._axes_list = nu.as_axis_list(axis, self.name, "RMSNormalization")
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or epsilon < 0:
            raise ValueError(f"RMSNormalization {self.name!r}: epsilon must be a float >= 0, got "
                             f"epsilon={epsilon!r}.")
        self.epsilon = float(epsilon)
        self.supports_masking = True

    def build(self, input_shape):
        rank = len(input_shape)
        self._axes = nu.resolve_axes(self._axes_list, rank, self.name, "RMSNormalization")
        shape = tuple(input_shape[a] for a in self._axes)
        if any(d is None for d in shape):
            raise ValueError(f"RMSNormalization {self.name!r}: the normalized axes must be known, "
                             f"got input shape {tuple(input_shape)}.")
        self.scale = self.add_weight(name="scale", shape=shape, initializer="ones",
                                     autocast=False)

    def call(self, inputs):
        x, low = nu.upcast(inputs)
        ms = ops.mean(ops.square(x), axis=self._axes, keepdims=True)
        scale = nu.broadcast_param(ops.cast(self.scale, x.dtype), len(x.shape), self._axes)
        return nu.downcast(x * ops.rsqrt(ms + self.epsilon) * scale, low)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, "epsilon": self.epsilon})
        return config
