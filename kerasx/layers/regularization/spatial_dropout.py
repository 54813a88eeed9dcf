"""``SpatialDropout1D/2D/3D``: drop whole feature maps instead of single elements."""

from kerasx import config, ops
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.regularization.dropout import Dropout


class _SpatialDropout(Dropout):
    _rank = 1

    def __init__(self, rate, data_format=None, seed=None, **kwargs):
        super().__init__(rate, seed=seed, **kwargs)
        try:
            self.data_format = config.standardize_data_format(data_format)
        except ValueError as e:
            raise ValueError(f"{type(self).__name__} {self.name!r}: {e}") from None
        self.input_spec = InputSpec(ndim=self._rank + 2)

    def call(self, inputs, training=False):
        if len(inputs.shape) != self._rank + 2:
            raise ValueError(f"{type(self).__name__} {self.name!r}: expected an input with "
                             f"ndim={self._rank + 2}, got shape {tuple(inputs.shape)}.")
        return super().call(inputs, training=training)

    def _noise_shape(self, inputs):
        shape = ops.shape(inputs)
        ones = (1,) * self._rank
        if self.data_format == "channels_first":
            return (shape[0], shape[1]) + ones
        return (shape[0],) + ones + (shape[-1],)

    def get_config(self):
        config_ = super().get_config()
        config_.pop("noise_shape", None)
        config_["data_format"] = self.data_format
        return config_


class SpatialDropout1D(_SpatialDropout):
    """Drops entire channels of a ``(batch, steps, channels)`` input in training.

    Args:
        rate: float in [0, 1], the fraction of channels dropped.
        seed: optional int for reproducible masks.

    Example:
        >>> SpatialDropout1D(0.5)(np.ones((2, 4, 3), "float32"), training=True)
    """

    _rank = 1

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(rate, data_format="channels_last", seed=seed, **kwargs)

    def get_config(self):
        config_ = super().get_config()
        config_.pop("data_format", None)
        return config_


class SpatialDropout2D(_SpatialDropout):
    """Drops entire feature maps of a 4D input in training.

    Args:
        rate: float in [0, 1], the fraction of channels dropped.
        data_format: ``"channels_last"`` (default from config) or ``"channels_first"``.
        seed: optional int.

    Example:
        >>> SpatialDropout2D(0.2)(np.ones((2, 5, 5, 3), "float32"), training=True)
    """

    _rank = 2


class SpatialDropout3D(_SpatialDropout):
    """Drops entire 3D feature maps of a 5D input in training.

    Args:
        rate: float in [0, 1], the fraction of channels dropped.
        data_format: ``"channels_last"`` (default from config) or ``"channels_first"``.
        seed: optional int.

    Example:
        >>> SpatialDropout3D(0.2)(np.ones((1, 2, 2, 2, 3), "float32"), training=True)
    """

    _rank = 3
