"""``Resizing``: resizes images to a fixed ``(height, width)``."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.preprocessing import _image_utils as iu


class Resizing(Layer):
    """Resizes 3-D or 4-D images to ``(height, width)`` with ``kerasx.ops.image.resize``.

    Args:
        height, width: output size.
        interpolation: "bilinear" (default), "nearest", "bicubic", "lanczos3",
            "lanczos5" or "area".
        crop_to_aspect_ratio: center-crop to the target aspect ratio before resizing.
        pad_to_aspect_ratio: pad to the target aspect ratio (with ``fill_value``) first.
        fill_mode: padding mode ("constant").
        fill_value: padding value.
        antialias: low-pass filter when downsampling.
        data_format: "channels_last" or "channels_first" (default from config).

    Example:
        >>> Resizing(64, 64)(np.zeros((2, 128, 96, 3))).shape   # (2, 64, 64, 3)
    """

    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0,
                 antialias=False, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.height = iu.check_size(self, "height", height)
        self.width = iu.check_size(self, "width", width)
        self.interpolation = iu.check_choice(self, "interpolation", interpolation,
                                             iu.INTERPOLATIONS)
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError(f"Resizing {self.name!r}: crop_to_aspect_ratio and "
                             "pad_to_aspect_ratio cannot both be True.")
        self.crop_to_aspect_ratio = bool(crop_to_aspect_ratio)
        self.pad_to_aspect_ratio = bool(pad_to_aspect_ratio)
        self.fill_mode = iu.check_choice(self, "fill_mode", fill_mode, ("constant",))
        self.fill_value = fill_value
        self.antialias = bool(antialias)
        self.data_format = iu.data_format(self, data_format)

    def call(self, inputs):
        iu.hw_axes(len(inputs.shape), self.data_format, self)
        x = ops.cast(inputs, self.compute_dtype)
        return ops.image.resize(
            x, (self.height, self.width), interpolation=self.interpolation,
            antialias=self.antialias, crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio, fill_mode=self.fill_mode,
            fill_value=self.fill_value, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        return iu.with_hw(input_shape, self.data_format, self, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({
            "height": self.height, "width": self.width, "interpolation": self.interpolation,
            "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
            "pad_to_aspect_ratio": self.pad_to_aspect_ratio, "fill_mode": self.fill_mode,
            "fill_value": self.fill_value, "antialias": self.antialias,
            "data_format": self.data_format})
        return config
