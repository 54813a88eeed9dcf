"""Convolutions and pooling (Keras kernel layout; channels_last or channels_first)."""

from kerasx.ops._dispatch import make_op


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """N-D convolution (1-D, 2-D or 3-D), grouped when ``kernel.shape[-2]`` divides the channels.

    Args:
        inputs: ``(batch, *spatial, channels)`` or ``(batch, channels, *spatial)``.
        kernel: ``(*kernel_spatial, in_channels // groups, out_channels)``.
        strides: int or tuple, one per spatial dim.
        padding: "valid", "same" (TensorFlow's rule) or "causal" (1-D only).
        data_format: "channels_last", "channels_first" or None (global default).
        dilation_rate: int or tuple.

    Returns:
        Output tensor in the same data format.

    Example:
        >>> ops.conv(ops.ones((1, 5, 2)), ops.ones((3, 2, 4))).shape  # (1, 3, 4)
    """


conv = make_op(conv, "nn")


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """Depthwise convolution: each input channel gets its own ``multiplier`` filters.

    Args:
        inputs: ``(batch, *spatial, channels)`` or channels_first.
        kernel: ``(*kernel_spatial, in_channels, multiplier)``.
        strides, padding, data_format, dilation_rate: as in ``conv``.

    Returns:
        Tensor with ``in_channels * multiplier`` channels.

    Example:
        >>> ops.depthwise_conv(ops.ones((1, 5, 5, 3)), ops.ones((3, 3, 3, 2))).shape  # (1, 3, 3, 6)
    """


depthwise_conv = make_op(depthwise_conv, "nn")


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    """Depthwise convolution followed by a 1x1 (pointwise) convolution.

    Args:
        inputs: ``(batch, *spatial, channels)`` or channels_first.
        depthwise_kernel: ``(*kernel_spatial, in_channels, multiplier)``.
        pointwise_kernel: ``(1, ..., 1, in_channels * multiplier, out_channels)``.
        strides, padding, data_format, dilation_rate: as in ``conv``.

    Returns:
        Tensor with ``out_channels`` channels.

    Example:
        >>> ops.separable_conv(x, dk, pk, padding="same")
    """


separable_conv = make_op(separable_conv, "nn")


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    """Transposed convolution (the gradient of ``conv`` with respect to its input).

    Args:
        inputs: ``(batch, *spatial, channels)`` or channels_first.
        kernel: ``(*kernel_spatial, out_channels, in_channels)`` (Keras layout).
        strides: int or tuple.
        padding: "valid" or "same".
        output_padding: extra size added to one side of each output dim (int, tuple or None).
        data_format: "channels_last", "channels_first" or None.
        dilation_rate: int or tuple.

    Returns:
        Upsampled tensor (length ``n * stride`` for "same" without output_padding).

    Example:
        >>> ops.conv_transpose(ops.ones((1, 4, 2)), ops.ones((3, 5, 2)), 2, "same").shape  # (1, 8, 5)
    """


conv_transpose = make_op(conv_transpose, "nn")


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    """Max pooling over 1-D, 2-D or 3-D windows.

    Args:
        inputs: ``(batch, *spatial, channels)`` or channels_first.
        pool_size: int or tuple.
        strides: int or tuple (default ``pool_size``).
        padding: "valid" or "same".
        data_format: "channels_last", "channels_first" or None.

    Returns:
        Pooled tensor.

    Example:
        >>> ops.max_pool(ops.ones((1, 4, 4, 1)), 2).shape  # (1, 2, 2, 1)
    """


max_pool = make_op(max_pool, "nn")


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    """Average pooling; with "same" padding the padded cells are not counted.

    Args:
        inputs: ``(batch, *spatial, channels)`` or channels_first.
        pool_size: int or tuple.
        strides: int or tuple (default ``pool_size``).
        padding: "valid" or "same".
        data_format: "channels_last", "channels_first" or None.

    Returns:
        Pooled tensor.

    Example:
        >>> ops.average_pool(ops.ones((1, 5, 1)), 2, padding="same").shape  # (1, 3, 1)
    """


average_pool = make_op(average_pool, "nn")
