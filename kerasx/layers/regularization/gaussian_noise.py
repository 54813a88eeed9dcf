"""``GaussianNoise``: adds zero-centred Gaussian noise in training."""

from kerasx import ops, random
from kerasx.layers.layer import Layer
from kerasx.random.seed_generator import SeedGenerator


class GaussianNoise(Layer):
    """Adds ``N(0, stddev**2)`` noise to the inputs when ``training=True``.

    Args:
        stddev: float >= 0, the noise's standard deviation.
        seed: optional int for reproducible noise.

    Example:
        >>> GaussianNoise(0.1)(np.zeros((2, 3), "float32"), training=True)
    """

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(stddev, bool) or not isinstance(stddev, (int, float)) or stddev < 0:
            raise ValueError(f"GaussianNoise {self.name!r}: stddev must be a float >= 0, got "
                             f"stddev={stddev!r}.")
        self.stddev = float(stddev)
        self.seed = seed
        if self.stddev > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            noise = random.normal(ops.shape(inputs), mean=0.0, stddev=self.stddev,
                                  dtype=ops.dtype(inputs), seed=self.seed_generator)
            return inputs + noise
        return inputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"stddev": self.stddev, "seed": self.seed})
        return config
