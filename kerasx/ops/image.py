"""Image ops: ``kerasx.ops.image``.

Images are ``(H, W, C)`` or ``(N, H, W, C)`` for "channels_last" and
``(C, H, W)`` / ``(N, C, H, W)`` for "channels_first"; ``data_format=None``
means ``kerasx.config.image_data_format()``.
"""

from kerasx.ops._dispatch import make_op


def rgb_to_grayscale(images, data_format=None):
    """Converts RGB images to one-channel grayscale (weights 0.2989, 0.5870, 0.1140).

    Args:
        images: RGB images.
        data_format: "channels_last", "channels_first" or None.

    Returns:
        Images with 1 channel.

    Example:
        >>> ops.image.rgb_to_grayscale(ops.ones((2, 2, 3))).shape  # (2, 2, 1)
    """


rgb_to_grayscale = make_op(rgb_to_grayscale, "image")


def rgb_to_hsv(images, data_format=None):
    """Converts RGB images (float, values in [0, 1]) to HSV (each channel in [0, 1]).

    Args:
        images: float RGB images.
        data_format: "channels_last", "channels_first" or None.

    Returns:
        HSV images of the same shape.

    Example:
        >>> ops.image.rgb_to_hsv([[[1.0, 0.0, 0.0]]])  # [[[0., 1., 1.]]]
    """


rgb_to_hsv = make_op(rgb_to_hsv, "image")


def hsv_to_rgb(images, data_format=None):
    """Converts HSV images (each channel in [0, 1]) to RGB.

    Args:
        images: float HSV images.
        data_format: "channels_last", "channels_first" or None.

    Returns:
        RGB images of the same shape.

    Example:
        >>> ops.image.hsv_to_rgb([[[0.0, 1.0, 1.0]]])  # [[[1., 0., 0.]]]
    """


hsv_to_rgb = make_op(hsv_to_rgb, "image")


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    """Resizes images to ``size`` (half-pixel centers).

    Args:
        images: 3-D or 4-D images.
        size: ``(height, width)``.
        interpolation: "bilinear", "nearest", "bicubic", "lanczos3", "lanczos5" or "area".
        antialias: low-pass filter when downsampling.
        crop_to_aspect_ratio: center-crop to the target aspect ratio first.
        pad_to_aspect_ratio: pad to the target aspect ratio first (with ``fill_value``).
        fill_mode: padding mode; "constant".
        fill_value: padding value.
        data_format: "channels_last", "channels_first" or None.

    Returns:
        Resized images.

    Example:
        >>> ops.image.resize(ops.ones((1, 4, 4, 3)), (2, 2)).shape  # (1, 2, 2, 3)
    """


resize = make_op(resize, "image")


def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    """Applies projective transforms: output ``(x, y)`` samples the input at
    ``((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)`` with ``k = c0 x + c1 y + 1``.

    Args:
        images: 3-D or 4-D images.
        transform: ``(8,)`` or ``(N, 8)`` tensor ``[a0, a1, a2, b0, b1, b2, c0, c1]``.
        interpolation: "nearest" or "bilinear".
        fill_mode: "constant", "nearest", "wrap", "mirror" or "reflect".
        fill_value: value outside the input for "constant".
        data_format: "channels_last", "channels_first" or None.

    Returns:
        Transformed images of the same shape.

    Example:
        >>> shift = [1, 0, -1, 0, 1, 0, 0, 0]  # shifts content right by one pixel
        >>> ops.image.affine_transform(img, shift)
    """


affine_transform = make_op(affine_transform, "image")


def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    """Samples ``inputs`` at fractional ``coordinates`` (like ``scipy.ndimage.map_coordinates``).

    Args:
        inputs: N-D tensor.
        coordinates: sequence of N tensors (one per input axis) with the output shape.
        order: 0 (nearest) or 1 (linear).
        fill_mode: "constant", "nearest", "wrap", "mirror" or "reflect".
        fill_value: value outside for "constant".

    Returns:
        Tensor shaped like each coordinate tensor.

    Example:
        >>> ops.image.map_coordinates(ops.arange(4.0), [[0.5, 2.0]], order=1)  # [0.5, 2.]
    """


map_coordinates = make_op(map_coordinates, "image")


def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid", data_format=None):
    """Extracts patches of ``size`` and stacks each patch's pixels on the channel axis.

    Args:
        images: 3-D or 4-D images.
        size: int or ``(patch_height, patch_width)``.
        strides: step between patches (default ``size``).
        dilation_rate: sampling stride inside a patch.
        padding: "valid" or "same".
        data_format: "channels_last", "channels_first" or None.

    Returns:
        Tensor ``(N, rows, cols, ph * pw * C)`` for channels_last.

    Example:
        >>> ops.image.extract_patches(ops.ones((1, 4, 4, 1)), 2).shape  # (1, 2, 2, 4)
    """


extract_patches = make_op(extract_patches, "image")
