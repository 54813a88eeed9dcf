"""``RandomBrightness``: adds a random brightness offset to each image."""

from kerasx import ops
from kerasx.layers.preprocessing._augment import BaseAugmentation, parse_factor
from kerasx.layers.preprocessing.random_contrast import _check_range


class RandomBrightness(BaseAugmentation):
    """Adds ``delta * (max - min)`` to each image, ``delta`` drawn uniformly from the
    factor range, then clips to ``value_range``.

    Args:
        factor: float ``f`` in [0, 1] (delta in ``[-f, f]``) or ``(lower, upper)`` in [-1, 1].
        value_range: ``(min, max)`` of the pixel values (default ``(0, 255)``).
        seed: optional int.

    Example:
        >>> RandomBrightness(0.2, seed=1)(images, training=True)
    """

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        data_format = kwargs.pop("data_format", None)
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        self._range = parse_factor(self, "factor", factor, bound=(-1.0, 1.0))
        self.factor = factor
        self.value_range = _check_range(f"RandomBrightness {self.name!r}", value_range)

    def _augment(self, x):
        batch = self._batch(x)
        lo, hi = self.value_range
        delta = self._uniform(batch, *self._range) * float(hi - lo)
        y = x + ops.cast(ops.reshape(delta, (-1, 1, 1, 1)), x.dtype)
        return ops.clip(y, lo, hi)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": list(self.value_range)})
        return config
