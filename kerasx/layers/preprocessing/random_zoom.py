"""``RandomZoom``: zooms images in or out by a random factor."""

from kerasx.layers.preprocessing._augment import (BaseAffineAugmentation, parse_factor,
                                                  stack_transform)


class RandomZoom(BaseAffineAugmentation):
    """Zooms each image about its center by ``1 + factor`` drawn uniformly
    (positive = zoom out, negative = zoom in).

    Args:
        height_factor: float ``f`` (range ``[-f, f]``) or ``(lower, upper)``, > -1.
        width_factor: same for the width; None keeps the aspect ratio (uses the height zoom).
        fill_mode, interpolation, seed, fill_value, data_format: as ``RandomRotation``.

    Example:
        >>> RandomZoom(0.2, seed=1)(images, training=True)
    """

    def __init__(self, height_factor, width_factor=None, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self._h_range = parse_factor(self, "height_factor", height_factor, bound=(-1.0, 1e9))
        self._w_range = None if width_factor is None else parse_factor(
            self, "width_factor", width_factor, bound=(-1.0, 1e9))

    def _transform(self, batch, h, w):
        zy = 1.0 + self._uniform(batch, *self._h_range)
        zx = zy if self._w_range is None else 1.0 + self._uniform(batch, *self._w_range)
        x_off = (w - 1) / 2.0 * (1.0 - zx)
        y_off = (h - 1) / 2.0 * (1.0 - zy)
        return stack_transform([zx, 0.0, x_off, 0.0, zy, y_off, 0.0, 0.0], zy)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config
