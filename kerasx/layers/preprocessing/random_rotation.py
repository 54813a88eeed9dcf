"""``RandomRotation``: rotates images by a random angle."""

from kerasx import ops
from kerasx.layers.preprocessing._augment import (TWO_PI, BaseAffineAugmentation, parse_factor,
                                                  stack_transform)


class RandomRotation(BaseAffineAugmentation):
    """Rotates each image about its center by ``factor * 2pi`` radians drawn uniformly
    (positive = counter-clockwise); pixels from outside are filled per ``fill_mode``.

    Args:
        factor: float ``f`` (range ``[-f, f]``) or ``(lower, upper)``, fractions of a turn.
        fill_mode: "reflect" (default), "wrap", "constant", "nearest" or "mirror".
        interpolation: "bilinear" (default) or "nearest".
        seed: optional int.
        fill_value: value for "constant" filling.
        value_range: accepted for Keras compatibility (unused).
        data_format: "channels_last" or "channels_first".

    Example:
        >>> RandomRotation(0.1, seed=3)(images, training=True)
    """

    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, value_range=(0, 255), data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.factor = factor
        self._range = parse_factor(self, "factor", factor)
        self.value_range = tuple(value_range)

    def _transform(self, batch, h, w):
        angle = self._uniform(batch, self._range[0] * TWO_PI, self._range[1] * TWO_PI)
        cos, sin = ops.cos(angle), ops.sin(angle)
        x_off = ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2.0
        y_off = ((h - 1) - (sin * (w - 1) + cos * (h - 1))) / 2.0
        return stack_transform([cos, -sin, x_off, sin, cos, y_off, 0.0, 0.0], angle)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "value_range": list(self.value_range)})
        return config
