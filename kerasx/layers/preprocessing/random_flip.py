"""``RandomFlip``: flips images horizontally and/or vertically at random."""

from kerasx import ops
from kerasx.layers.preprocessing import _image_utils as iu
from kerasx.layers.preprocessing._augment import BaseAugmentation

_MODES = ("horizontal", "vertical", "horizontal_and_vertical")


class RandomFlip(BaseAugmentation):
    """Flips each image with probability 1/2 along the chosen axes (independently).

    Args:
        mode: "horizontal" (left-right), "vertical" (up-down) or
            "horizontal_and_vertical" (default).
        seed: optional int.
        data_format: "channels_last" or "channels_first" (default from config).

    Example:
        >>> RandomFlip("horizontal", seed=1)(images, training=True)
    """

    def __init__(self, mode="horizontal_and_vertical", seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        self.mode = iu.check_choice(self, "mode", mode, _MODES)

    def _augment(self, x):
        batch = self._batch(x)
        ha, wa = iu.hw_axes(4, self.data_format, self)
        if self.mode in ("horizontal", "horizontal_and_vertical"):
            flip = ops.reshape(self._uniform(batch, 0.0, 1.0) > 0.5, (-1, 1, 1, 1))
            x = ops.where(flip, ops.flip(x, axis=wa), x)
        if self.mode in ("vertical", "horizontal_and_vertical"):
            flip = ops.reshape(self._uniform(batch, 0.0, 1.0) > 0.5, (-1, 1, 1, 1))
            x = ops.where(flip, ops.flip(x, axis=ha), x)
        return x

    def get_config(self):
        config = super().get_config()
        config["mode"] = self.mode
        return config
