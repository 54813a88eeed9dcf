"""``DepthwiseConv1D``: 1-D depthwise (per-channel) convolution."""

from kerasx.layers.convolutional.base_depthwise_conv import BaseDepthwiseConv


class DepthwiseConv1D(BaseDepthwiseConv):
    """1-D depthwise convolution: each input channel gets its own ``depth_multiplier``
    filters; the output has ``in_channels * depth_multiplier`` channels.

    Args:
        kernel_size: int or tuple of 1 ints.
        strides: int or tuple of 1 ints.
        padding: "valid" or "same".
        depth_multiplier: positive int, filters per input channel (default 1).
        data_format: "channels_last" or "channels_first"; None uses the global default.
        dilation_rate: int or tuple of 1 ints.
        activation, use_bias: as in Conv1D.
        depthwise_initializer, bias_initializer, depthwise_regularizer, bias_regularizer,
        activity_regularizer, depthwise_constraint, bias_constraint: for the two weights.

    Weights: ``kernel`` ``kernel_size + (in_channels, depth_multiplier)``, ``bias``.

    Raises:
        ValueError: for non-positive kernel_size/strides/depth_multiplier, an unknown padding
            or data_format, or (at first call) a 'valid' kernel larger than the input.

    Example:
        >>> DepthwiseConv1D(3, depth_multiplier=2, padding="same")(np.zeros((2, 10, 3))).shape
        (2, 10, 6)
    """

    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, depth_multiplier, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         depthwise_initializer=depthwise_initializer,
                         bias_initializer=bias_initializer,
                         depthwise_regularizer=depthwise_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint,
                         bias_constraint=bias_constraint, **kwargs)
