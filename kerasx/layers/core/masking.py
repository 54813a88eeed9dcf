"""``Masking``: masks timesteps whose features all equal ``mask_value``."""

from kerasx import ops
from kerasx.layers.layer import Layer


class Masking(Layer):
    """Masks timesteps where every feature equals ``mask_value``.

    For an input ``(batch, timesteps, features)`` the output mask is
    ``any(inputs != mask_value, axis=-1)``; masked timesteps are also zeroed in
    the output. Layers that consume masks (RNNs, attention, pooling) skip them.

    Args:
        mask_value: the padding value (default 0.0).

    Example:
        >>> x = np.array([[[1.0], [0.0]]], "float32")
        >>> Masking()(x)._keras_mask  # [[True, False]] where the backend allows attributes
    """

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(mask_value, bool) or not isinstance(mask_value, (int, float)):
            raise ValueError(f"Masking {self.name!r}: mask_value must be a number, got "
                             f"mask_value={mask_value!r}.")
        self.mask_value = mask_value
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        return ops.multiply(inputs, ops.cast(keep, inputs.dtype))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config
