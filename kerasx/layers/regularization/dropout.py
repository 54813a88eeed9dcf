"""``Dropout``: randomly zeroes inputs during training."""

from kerasx import random
from kerasx.layers.layer import Layer
from kerasx.random.seed_generator import SeedGenerator


class Dropout(Layer):
    """Sets a fraction ``rate`` of inputs to 0 in training and scales the rest by ``1/(1-rate)``.

    Inactive unless called with ``training=True`` (``fit`` does that).

    Args:
        rate: float in [0, 1), the fraction dropped.
        noise_shape: optional shape of the binary mask (broadcast to the input),
            None entries taking the input's size.
        seed: optional int for reproducible masks.

    Example:
        >>> Dropout(0.5)(x, training=True)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise ValueError(
                f"Dropout {self.name!r}: rate must be a float in the range [0, 1], got {rate!r}."
            )
        self.rate = float(rate)
        self.seed = seed
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        if self.rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return random.dropout(inputs, self.rate, noise_shape=self._noise_shape(inputs),
                                  seed=self.seed_generator)
        return inputs

    def _noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        from kerasx import ops
        shape = ops.shape(inputs)
        return tuple(shape[i] if d is None else d for i, d in enumerate(self.noise_shape))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed,
                       "noise_shape": None if self.noise_shape is None else list(self.noise_shape)})
        return config
