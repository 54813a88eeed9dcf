"""``Conv3D``: 3-D convolution layer (volumes)."""

from kerasx.layers.convolutional.base_conv import BaseConv


class Conv3D(BaseConv):
    """3-D convolution over volumes: ``activation(conv(inputs, kernel) + bias)``.

    Args:
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of 3 ints.
        strides: int or tuple of 3 ints (default 1).
        padding: "valid" or "same".
        data_format: "channels_last" (``(batch, d1, d2, d3, channels)``) or "channels_first"
            (``(batch, channels, d1, d2, d3)``); None uses the global default.
        dilation_rate: int or tuple of 3 ints.
        groups: positive int dividing ``filters`` and the input channels.
        activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
        bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint: as in Dense.

    Weights: ``kernel`` ``kernel_size + (in_channels // groups, filters)``, ``bias`` ``(filters,)``.

    Raises:
        ValueError: for non-positive filters/kernel_size/strides, an unknown padding or
            data_format, filters or channels not divisible by groups, or (at first call) a
            'valid' kernel larger than the input.

    Example:
        >>> Conv3D(4, 3, padding="same")(np.zeros((2, 4, 4, 4, 3))).shape
        (2, 4, 4, 4, 4)
    """

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(3, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, groups=groups,
                         activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)
