"""``RandomContrast``: scales each image's contrast by a random factor."""

from kerasx import ops
from kerasx.layers.preprocessing import _image_utils as iu
from kerasx.layers.preprocessing._augment import BaseAugmentation, parse_factor


class RandomContrast(BaseAugmentation):
    """Computes ``(x - mean) * c + mean`` per image and channel, with ``c`` drawn
    uniformly from ``[1 - lower, 1 + upper]``, then clips to ``value_range``.

    Args:
        factor: float ``f`` in [0, 1] (``c`` in ``[1 - f, 1 + f]``) or ``(lower, upper)``.
        value_range: ``(min, max)`` of the pixel values (default ``(0, 255)``).
        seed: optional int.

    Example:
        >>> RandomContrast(0.5, seed=1)(images, training=True)
    """

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        data_format = kwargs.pop("data_format", None)
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        label = f"RandomContrast {self.name!r}"
        if isinstance(factor, (int, float)) and not isinstance(factor, bool):
            if not 0 <= factor <= 1:
                raise ValueError(f"{label}: factor must be in [0, 1], got {factor!r}.")
            self._lower = self._upper = float(factor)
        else:
            lo, hi = parse_factor(self, "factor", factor)
            if lo < 0 or hi < 0 or lo > 1:
                raise ValueError(f"{label}: factor (lower, upper) must be >= 0 with lower <= 1, "
                                 f"got {factor!r}.")
            self._lower, self._upper = lo, hi
        self.factor = factor
        self.value_range = _check_range(label, value_range)

    def _augment(self, x):
        batch = self._batch(x)
        ha, wa = iu.hw_axes(4, self.data_format, self)
        c = ops.reshape(self._uniform(batch, 1.0 - self._lower, 1.0 + self._upper),
                        (-1, 1, 1, 1))
        mean = ops.mean(x, axis=(ha, wa), keepdims=True)
        y = (x - mean) * ops.cast(c, x.dtype) + mean
        return ops.clip(y, self.value_range[0], self.value_range[1])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": list(self.value_range)})
        return config


def _check_range(label, value_range):
    if not (isinstance(value_range, (list, tuple)) and len(value_range) == 2
            and value_range[0] < value_range[1]):
        raise ValueError(f"{label}: value_range must be (min, max) with min < max, got "
                         f"{value_range!r}.")
    return tuple(value_range)
