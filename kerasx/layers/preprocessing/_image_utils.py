"""Shared argument checks and shape helpers of the image preprocessing layers."""

from kerasx import config

INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5", "area")
AFFINE_INTERPOLATIONS = ("bilinear", "nearest")
FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def check_size(layer, arg, value):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: {arg} must be a positive int, "
                         f"got {value!r}.")
    return value


def check_choice(layer, arg, value, allowed):
    if value not in allowed:
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: {arg} must be one of "
                         f"{', '.join(repr(a) for a in allowed)}, got {value!r}.")
    return value


def data_format(layer, value):
    try:
        return config.standardize_data_format(value)
    except ValueError as e:
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: {e}") from None


def hw_axes(ndim, fmt, layer):
    """(height axis, width axis) of 3-D (unbatched) or 4-D images."""
    if ndim not in (3, 4):
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: expected 3-D (unbatched) or "
                         f"4-D (batched) images, got rank {ndim}.")
    if fmt == "channels_last":
        return ndim - 3, ndim - 2
    return ndim - 2, ndim - 1


def with_hw(shape, fmt, layer, height, width):
    shape = list(shape)
    h, w = hw_axes(len(shape), fmt, layer)
    shape[h], shape[w] = height, width
    return tuple(shape)
