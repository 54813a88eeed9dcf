"""``RandomTranslation``: shifts images by a random offset."""

from kerasx.layers.preprocessing._augment import (BaseAffineAugmentation, parse_factor,
                                                  stack_transform)


class RandomTranslation(BaseAffineAugmentation):
    """Shifts each image by ``height_factor * height`` rows and ``width_factor * width``
    columns drawn uniformly (positive = down / right).

    Args:
        height_factor, width_factor: float ``f`` (range ``[-f, f]``) or ``(lower, upper)``,
            fractions of the image size in [-1, 1].
        fill_mode, interpolation, seed, fill_value, data_format: as ``RandomRotation``.

    Example:
        >>> RandomTranslation(0.1, 0.1, seed=1)(images, training=True)
    """

    def __init__(self, height_factor, width_factor, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self._h_range = parse_factor(self, "height_factor", height_factor, bound=(-1.0, 1.0))
        self._w_range = parse_factor(self, "width_factor", width_factor, bound=(-1.0, 1.0))

    def _transform(self, batch, h, w):
        dy = self._uniform(batch, *self._h_range) * h
        dx = self._uniform(batch, *self._w_range) * w
        return stack_transform([1.0, 0.0, -dx, 0.0, 1.0, -dy, 0.0, 0.0], dx)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config
