"""``ReLU``: rectified linear unit with optional cap, threshold and negative slope."""

from kerasx import ops
from kerasx.layers.activations._checks import non_negative
from kerasx.layers.layer import Layer


class ReLU(Layer):
    """Rectified linear unit.

    ``f(x) = min(x, max_value)`` for ``x >= threshold`` and
    ``negative_slope * (x - threshold)`` otherwise.

    Args:
        max_value: float >= 0 or None (no cap).
        negative_slope: float >= 0, slope below the threshold (default 0).
        threshold: float >= 0 (default 0).

    Example:
        >>> ReLU(max_value=6.0)(np.array([-1.0, 3.0, 9.0]))  # [0, 3, 6]
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        self.max_value = non_negative(max_value, "max_value", self, allow_none=True)
        self.negative_slope = non_negative(negative_slope, "negative_slope", self)
        self.threshold = non_negative(threshold, "threshold", self)
        self.supports_masking = True

    def call(self, inputs):
        x = inputs
        if self.negative_slope == 0.0 and self.threshold == 0.0:
            out = ops.relu(x)
        else:
            below = (x - self.threshold) * self.negative_slope
            out = ops.where(ops.greater_equal(x, self.threshold), x, below)
        if self.max_value is not None:
            out = ops.minimum(out, ops.cast(self.max_value, out.dtype))
        return out

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"max_value": self.max_value, "negative_slope": self.negative_slope,
                       "threshold": self.threshold})
        return config
