"""``AlphaDropout``: dropout that keeps the mean and variance of SELU activations."""

from kerasx import ops, random
from kerasx.layers.layer import Layer
from kerasx.layers.regularization.gaussian_dropout import check_rate
from kerasx.random.seed_generator import SeedGenerator

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """Drops inputs to SELU's negative saturation value, then rescales (``training=True`` only).

    With ``p = rate`` and ``a' = -alpha * scale`` of SELU, dropped elements become
    ``a'`` and the result is ``A * x + B`` with ``A = ((1 - p) * (1 + p * a'**2)) ** -0.5``
    and ``B = -A * a' * p``, keeping zero mean and unit variance.

    Args:
        rate: float in [0, 1), the drop probability.
        noise_shape: optional shape of the drop mask (None entries: the input's size).
        seed: optional int for reproducible masks.

    Example:
        >>> AlphaDropout(0.1)(np.ones((2, 3), "float32"), training=True)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(self, rate)
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        self.seed = seed
        if 0 < self.rate < 1:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def _mask_shape(self, inputs):
        shape = ops.shape(inputs)
        if self.noise_shape is None:
            return shape
        return tuple(shape[i] if d is None else d for i, d in enumerate(self.noise_shape))

    def call(self, inputs, training=False):
        if not (training and 0 < self.rate < 1):
            return inputs
        p = self.rate
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        u = random.uniform(self._mask_shape(inputs), dtype=ops.dtype(inputs),
                           seed=self.seed_generator)
        kept = ops.cast(ops.greater_equal(u, p), inputs.dtype)
        a = ((1 - p) * (1 + p * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * p
        x = inputs * kept + alpha_p * (1.0 - kept)
        return a * x + b

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed,
                       "noise_shape": None if self.noise_shape is None else list(self.noise_shape)})
        return config
