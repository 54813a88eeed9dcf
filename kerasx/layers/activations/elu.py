"""``ELU``: exponential linear unit."""

from kerasx import ops
from kerasx.layers.layer import Layer


class ELU(Layer):
    """Exponential linear unit: ``f(x) = x if x > 0 else alpha * (exp(x) - 1)``.

    Args:
        alpha: float, the scale of the negative part (default 1.0).

    Example:
        >>> ELU()(np.array([-1.0, 2.0]))  # [-0.632, 2.0]
    """

    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
            raise ValueError(f"ELU {self.name!r}: alpha must be a number, got alpha={alpha!r}.")
        self.alpha = float(alpha)
        self.supports_masking = True

    def call(self, inputs):
        return ops.elu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["alpha"] = self.alpha
        return config
