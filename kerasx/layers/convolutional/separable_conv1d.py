"""``SeparableConv1D``: 1-D depthwise-separable convolution."""

from kerasx.layers.convolutional.base_separable_conv import BaseSeparableConv


class SeparableConv1D(BaseSeparableConv):
    """1-D separable convolution: a depthwise convolution followed by a pointwise (1x1)
    convolution to ``filters`` channels; cheaper than a full Conv1D.

    Args:
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of 1 ints.
        strides: int or tuple of 1 ints.
        padding: "valid" or "same".
        data_format: "channels_last" or "channels_first"; None uses the global default.
        dilation_rate: int or tuple of 1 ints.
        depth_multiplier: positive int, depthwise filters per input channel (default 1).
        activation, use_bias: as in Conv1D.
        depthwise_initializer, pointwise_initializer, bias_initializer,
        depthwise_regularizer, pointwise_regularizer, bias_regularizer, activity_regularizer,
        depthwise_constraint, pointwise_constraint, bias_constraint: for the three weights.

    Weights: ``depthwise_kernel``, ``pointwise_kernel``, ``bias``.

    Raises:
        ValueError: for non-positive filters/kernel_size/strides/depth_multiplier, an unknown
            padding or data_format, or (at first call) a 'valid' kernel larger than the input.

    Example:
        >>> SeparableConv1D(4, 3, padding="same")(np.zeros((2, 10, 3))).shape
        (2, 10, 4)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(1, depth_multiplier, filters, kernel_size, strides=strides,
                         padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         depthwise_initializer=depthwise_initializer,
                         pointwise_initializer=pointwise_initializer,
                         bias_initializer=bias_initializer,
                         depthwise_regularizer=depthwise_regularizer,
                         pointwise_regularizer=pointwise_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint,
                         pointwise_constraint=pointwise_constraint,
                         bias_constraint=bias_constraint, **kwargs)
