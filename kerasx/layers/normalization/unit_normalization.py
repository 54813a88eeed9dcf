"""``UnitNormalization``: scales each sample to unit L2 norm along ``axis``."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.normalization import _norm_utils as nu


class UnitNormalization(Layer):
    """Divides inputs by their L2 norm along ``axis``: ``x / sqrt(max(sum(x**2), 1e-12))``.

    Args:
        axis: int or list of ints (default -1).

    Example:
        >>> UnitNormalization()(np.array([[3.0, 4.0]]))  # [[0.6, 0.8]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = nu.as_axis_list(axis, self.name, "UnitNormalization")
        self._given = axis if isinstance(axis, int) else list(axis)
        self.supports_masking = True

    def call(self, inputs):
        x, low = nu.upcast(inputs)
        axes = nu.resolve_axes(self.axis, len(x.shape), self.name, "UnitNormalization")
        sq = ops.sum(ops.square(x), axis=axes, keepdims=True)
        return nu.downcast(x * ops.rsqrt(ops.maximum(sq, 1e-12)), low)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self._given
        return config
