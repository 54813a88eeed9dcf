"""``UpSampling2D``: upsamples images by integer factors (nearest or interpolated)."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.reshaping.base_up_sampling import BaseUpSampling

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5")


class UpSampling2D(BaseUpSampling):
    """Upsamples the rows and columns of images by ``size``.

    "nearest" repeats each pixel; the other modes resize the image to
    ``(height * size[0], width * size[1])`` with ``ops.image.resize`` (half-pixel centers).

    Args:
        size: int or tuple of 2 positive ints (default ``(2, 2)``).
        data_format: "channels_last" or "channels_first"; None uses the global default.
        interpolation: "nearest" (default), "bilinear", "bicubic", "lanczos3" or "lanczos5".

    Raises:
        ValueError: for a non-positive size, an unknown data_format or interpolation.

    Example:
        >>> UpSampling2D(2, interpolation="bilinear")(np.zeros((1, 3, 4, 2))).shape
        (1, 6, 8, 2)
    """

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(2, size, data_format=data_format, **kwargs)
        mode = interpolation.lower() if isinstance(interpolation, str) else interpolation
        if mode not in _INTERPOLATIONS:
            raise ValueError(
                f"{cu.layer_label(self)}: interpolation must be one of {_INTERPOLATIONS}, got "
                f"interpolation={interpolation!r}."
            )
        self.interpolation = mode

    def call(self, inputs):
        if self.interpolation == "nearest":
            return self._repeat(inputs)
        h_axis, w_axis = cu.spatial_axes(2, self.data_format)
        size = (inputs.shape[h_axis] * self.size[0], inputs.shape[w_axis] * self.size[1])
        return ops.image.resize(inputs, size, interpolation=self.interpolation,
                                data_format=self.data_format)

    def get_config(self):
        config = super().get_config()
        config["interpolation"] = self.interpolation
        return config
