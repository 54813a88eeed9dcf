"""Argument checks and shape arithmetic shared by the convolution, pooling and reshaping layers."""

import numbers

from kerasx import config


def layer_label(layer):
    """``"Conv2D 'conv2d_1'"``: how error messages name a layer."""
    return f"{type(layer).__name__} {layer.name!r}"


def data_format(layer, value):
    """``value`` checked (None gives the global default); the error names the layer."""
    try:
        return config.standardize_data_format(value)
    except ValueError:
        raise ValueError(
            f"{layer_label(layer)}: data_format must be 'channels_last' or 'channels_first' "
            f"(or None for the global default), got data_format={value!r}."
        ) from None


def _is_int(v):
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def int_tuple(layer, value, n, arg, allow_zero=False):
    """Normalizes an int or a sequence of ``n`` ints to a tuple of ``n`` ints.

    Raises:
        ValueError: naming ``layer`` and ``arg`` when the value is not ``n`` ints, or
            when an entry is negative (or zero, unless ``allow_zero``).
    """
    if isinstance(value, bool):
        items = None
    elif isinstance(value, numbers.Integral):
        items = (value,) * n
    else:
        try:
            items = tuple(value)
        except TypeError:
            items = None
        if items is not None and (len(items) != n or not all(_is_int(v) for v in items)):
            items = None
    floor = 0 if allow_zero else 1
    if items is None or any(v < floor for v in items):
        what = "non-negative" if allow_zero else "positive"
        raise ValueError(
            f"{layer_label(layer)}: {arg} must be a {what} int or a tuple of {n} {what} ints, "
            f"got {arg}={value!r}."
        )
    return tuple(int(v) for v in items)


def padding_mode(layer, value, allowed=("valid", "same")):
    """Lower-cased padding string, checked against ``allowed``."""
    mode = value.lower() if isinstance(value, str) else value
    if mode not in allowed:
        raise ValueError(
            f"{layer_label(layer)}: padding must be one of {allowed}, got padding={value!r}."
        )
    return mode


def spatial_axes(rank, data_format):
    """Indices of the spatial axes of a ``rank``-D input (batch and channels excluded)."""
    start = 1 if data_format == "channels_last" else 2
    return tuple(range(start, start + rank))


def channel_axis(data_format):
    return -1 if data_format == "channels_last" else 1


def conv_output_length(length, kernel, padding, stride, dilation=1):
    """Output length of a convolution or pooling window along one axis (None stays None)."""
    if length is None:
        return None
    if padding == "valid":
        return (length - dilation * (kernel - 1) - 1) // stride + 1
    return (length + stride - 1) // stride


def conv_transpose_output_length(length, kernel, padding, stride, output_padding, dilation=1):
    """Output length of a transposed convolution along one axis (Keras's rule)."""
    if length is None:
        return None
    span = (kernel - 1) * dilation + 1
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(span - stride, 0)
        return length * stride
    pad = span // 2 if padding == "same" else 0
    return (length - 1) * stride + span - 2 * pad + output_padding


def check_input_rank(layer, input_shape, rank, what="input"):
    """Raises a ValueError naming the layer when ``input_shape`` is not ``rank``-D."""
    if len(input_shape) != rank:
        raise ValueError(
            f"{layer_label(layer)}: expected a {rank}-D {what} (batch included), got an input "
            f"of shape {tuple(input_shape)}."
        )


def with_spatial(input_shape, data_format, new_spatial, channels=None):
    """``input_shape`` with its spatial dims replaced (and optionally its channel dim)."""
    shape = list(input_shape)
    rank = len(new_spatial)
    for axis, size in zip(spatial_axes(rank, data_format), new_spatial):
        shape[axis] = size
    if channels is not None:
        shape[channel_axis(data_format)] = channels
    return tuple(shape)


def int_pairs(layer, value, n, arg):
    """Normalizes padding/cropping amounts to ``n`` ``(before, after)`` pairs.

    Accepts an int (same everywhere), ``n`` ints (symmetric per axis) or ``n`` pairs; for
    ``n == 1`` a single pair ``(before, after)`` is also accepted.

    Raises:
        ValueError: naming ``layer`` and ``arg`` for any other form or a negative amount.
    """
    def bad():
        return ValueError(
            f"{layer_label(layer)}: {arg} must be a non-negative int, a tuple of {n} non-negative "
            f"ints, or a tuple of {n} (before, after) pairs, got {arg}={value!r}."
        )

    is_int = _is_int
    if is_int(value):
        pairs = ((value, value),) * n
    else:
        try:
            items = tuple(value)
        except TypeError:
            raise bad() from None
        if n == 1 and len(items) == 2 and all(is_int(v) for v in items):
            pairs = (items,)
        elif len(items) != n:
            raise bad()
        elif all(is_int(v) for v in items):
            pairs = tuple((v, v) for v in items)
        else:
            pairs = []
            for item in items:
                try:
                    pair = tuple(item)
                except TypeError:
                    raise bad() from None
                if len(pair) != 2 or not all(is_int(v) for v in pair):
                    raise bad()
                pairs.append(pair)
            pairs = tuple(pairs)
    if any(v < 0 for pair in pairs for v in pair):
        raise bad()
    return tuple((int(a), int(b)) for a, b in pairs)
