"""``GaussianDropout``: multiplicative 1-centred Gaussian noise in training."""

import math

from kerasx import ops, random
from kerasx.layers.layer import Layer
from kerasx.random.seed_generator import SeedGenerator


def check_rate(layer, rate):
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: rate must be a float in "
                         f"[0, 1], got rate={rate!r}.")
    return float(rate)


class GaussianDropout(Layer):
    """Multiplies inputs by ``N(1, rate / (1 - rate))`` noise when ``training=True``.

    Args:
        rate: float in [0, 1), the equivalent drop probability.
        seed: optional int for reproducible noise.

    Example:
        >>> GaussianDropout(0.2)(np.ones((2, 3), "float32"), training=True)
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(self, rate)
        self.seed = seed
        if 0 < self.rate < 1:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=False):
        if training and 0 < self.rate < 1:
            stddev = math.sqrt(self.rate / (1.0 - self.rate))
            noise = random.normal(ops.shape(inputs), mean=1.0, stddev=stddev,
                                  dtype=ops.dtype(inputs), seed=self.seed_generator)
            return inputs * noise
        return inputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config
