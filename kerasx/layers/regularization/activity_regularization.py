"""``ActivityRegularization``: adds an L1/L2 penalty on its inputs to the losses."""

from kerasx import regularizers
from kerasx.layers.layer import Layer


class ActivityRegularization(Layer):
    """Identity layer that adds ``l1 * sum(|x|) + l2 * sum(x**2)`` to ``layer.losses``.

    Args:
        l1: float >= 0, the L1 factor.
        l2: float >= 0, the L2 factor.

    Example:
        >>> layer = ActivityRegularization(l2=0.01)
        >>> _ = layer(np.ones((2, 3), "float32")); layer.losses  # [0.06]
    """

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        kwargs.pop("activity_regularizer", None)
        name = kwargs.get("name") or type(self).__name__
        for arg, v in (("l1", l1), ("l2", l2)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                raise ValueError(f"ActivityRegularization {name!r}: {arg} must be a float >= 0, "
                                 f"got {arg}={v!r}.")
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.l1 = float(l1)
        self.l2 = float(l2)
        self.supports_masking = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.pop("activity_regularizer", None)
        config.update({"l1": self.l1, "l2": self.l2})
        return config
