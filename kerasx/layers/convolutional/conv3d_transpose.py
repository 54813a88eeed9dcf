"""``Conv3DTranspose``: 3-D transposed convolution."""

from kerasx.layers.convolutional.base_conv_transpose import BaseConvTranspose


class Conv3DTranspose(BaseConvTranspose):
    """3-D transposed convolution (upsampling convolution), the gradient of ``Conv3D``.

    With padding "same" and no output_padding the output is ``input * strides``.

    Args:
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of 3 ints.
        strides: int or tuple of 3 ints.
        padding: "valid" or "same".
        output_padding: None, or int/tuple of 3 ints, each smaller than its stride:
            disambiguates the output size.
        data_format: "channels_last" or "channels_first"; None uses the global default.
        dilation_rate: int or tuple of 3 ints.
        activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
        bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint: as in Dense.

    Weights: ``kernel`` ``kernel_size + (filters, in_channels)``, ``bias`` ``(filters,)``.

    Raises:
        ValueError: for non-positive filters/kernel_size/strides, an unknown padding or
            data_format, or an output_padding not smaller than the strides.

    Example:
        >>> Conv3DTranspose(4, 3, strides=2, padding="same")(np.zeros((2, 3, 3, 3, 3))).shape
        (2, 6, 6, 6, 4)
    """

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 output_padding=None, data_format=None, dilation_rate=(1, 1, 1), activation=None,
                 use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(3, filters, kernel_size, strides=strides, padding=padding,
                         output_padding=output_padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)
