"""``CenterCrop``: crops the central ``(height, width)`` window of images."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.preprocessing import _image_utils as iu


class CenterCrop(Layer):
    """Crops the center ``(height, width)`` of 3-D or 4-D images.

    Images smaller than the target are first resized (center-cropped to the target
    aspect ratio, then bilinearly resized), as in Keras.

    Args:
        height, width: output size.
        data_format: "channels_last" or "channels_first" (default from config).

    Example:
        >>> CenterCrop(2, 2)(np.zeros((1, 4, 4, 3))).shape   # (1, 2, 2, 3)
    """

    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.height = iu.check_size(self, "height", height)
        self.width = iu.check_size(self, "width", width)
        self.data_format = iu.data_format(self, data_format)

    def call(self, inputs):
        x = ops.cast(inputs, self.compute_dtype)
        ndim = len(x.shape)
        ha, wa = iu.hw_axes(ndim, self.data_format, self)
        shape = ops.shape(x)
        h, w = shape[ha], shape[wa]
        if not isinstance(h, int) or not isinstance(w, int):
            raise ValueError(f"CenterCrop {self.name!r}: the image height and width must be "
                             f"known, got shape {tuple(shape)}.")
        if h < self.height or w < self.width:
            return ops.image.resize(x, (self.height, self.width), crop_to_aspect_ratio=True,
                                    data_format=self.data_format)
        top, left = (h - self.height) // 2, (w - self.width) // 2
        index = [slice(None)] * ndim
        index[ha] = slice(top, top + self.height)
        index[wa] = slice(left, left + self.width)
        return x[tuple(index)]

    def compute_output_shape(self, input_shape):
        return iu.with_hw(input_shape, self.data_format, self, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width,
                       "data_format": self.data_format})
        return config
