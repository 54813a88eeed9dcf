"""``RandomCrop``: crops a random ``(height, width)`` window of the images."""

from kerasx import ops, random
from kerasx.layers.preprocessing import _image_utils as iu
from kerasx.layers.preprocessing._augment import BaseAugmentation


class RandomCrop(BaseAugmentation):
    """In training, crops a random ``(height, width)`` window (one offset per batch);
    at inference (``training=False``), center-crops to the target aspect ratio and
    resizes, as Keras does. Images smaller than the target are resized.

    Args:
        height, width: output size.
        seed: optional int.
        data_format: "channels_last" or "channels_first".

    Example:
        >>> RandomCrop(24, 24, seed=1)(np.zeros((8, 32, 32, 3)), training=True).shape
        # (8, 24, 24, 3)
    """

    def __init__(self, height, width, seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        self.height = iu.check_size(self, "height", height)
        self.width = iu.check_size(self, "width", width)

    def _resize(self, x):
        return ops.image.resize(x, (self.height, self.width), crop_to_aspect_ratio=True,
                                data_format=self.data_format)

    def _inference(self, x):
        ha, wa = iu.hw_axes(len(x.shape), self.data_format, self)
        shape = ops.shape(x)
        if shape[ha] == self.height and shape[wa] == self.width:
            return x
        return self._resize(x)

    def _augment(self, x):
        batch, h, w = self._hw(x)
        if h < self.height or w < self.width:
            return self._resize(x)
        ha, wa = iu.hw_axes(4, self.data_format, self)
        offsets = random.randint((2,), 0, 1 << 30, seed=self.seed_generator)
        top = ops.mod(offsets[0], h - self.height + 1)
        left = ops.mod(offsets[1], w - self.width + 1)
        zero = ops.zeros((), dtype=top.dtype)
        start = [zero, zero, zero, zero]
        start[ha], start[wa] = top, left
        size = [-1 if d is None else d for d in ops.shape(x)]  # -1: unknown batch size
        size[ha], size[wa] = self.height, self.width
        return ops.slice(x, ops.stack(start), size)

    def compute_output_shape(self, input_shape):
        return iu.with_hw(input_shape, self.data_format, self, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width})
        return config
