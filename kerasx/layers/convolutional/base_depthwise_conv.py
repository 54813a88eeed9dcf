"""``BaseDepthwiseConv``: per-channel convolution behind DepthwiseConv1D/2D."""

from kerasx import activations, constraints, initializers, ops, regularizers
from kerasx.layers import _kernel_bias as kb
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.convolutional.base_conv import (add_bias, check_filters,
                                                   check_strides_dilation, conv_spatial_output,
                                                   input_channels)
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseDepthwiseConv(Layer):
    """Depthwise convolution: each input channel is convolved with its own
    ``depth_multiplier`` filters; the output has ``in_channels * depth_multiplier`` channels.

    Args:
        rank: number of spatial dimensions.
        depth_multiplier: positive int, filters per input channel.
        kernel_size: int or tuple of ``rank`` ints.
        strides, padding ("valid"/"same"), data_format, dilation_rate: as in Conv.
        activation, use_bias: as in Conv.
        depthwise_initializer / depthwise_regularizer / depthwise_constraint: for the kernel.
        bias_initializer / bias_regularizer / bias_constraint: for the bias.

    Weights: ``kernel`` of shape ``kernel_size + (in_channels, depth_multiplier)``, then
    ``bias`` of shape ``(in_channels * depth_multiplier,)``.
    """

    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        groups = kwargs.pop("groups", 1)  # written (always 1) in Keras 2 configs
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if groups != 1:
            raise ValueError(
                f"{cu.layer_label(self)}: groups is not an argument of this layer (only "
                f"groups=1 from Keras 2 configs is accepted), got groups={groups!r}."
            )
        self.rank = rank
        self.depth_multiplier = check_filters(self, depth_multiplier, "depth_multiplier")
        self.kernel_size = cu.int_tuple(self, kernel_size, rank, "kernel_size")
        self.strides = cu.int_tuple(self, strides, rank, "strides")
        self.dilation_rate = cu.int_tuple(self, dilation_rate, rank, "dilation_rate")
        check_strides_dilation(self, self.strides, self.dilation_rate)
        self.padding = cu.padding_mode(self, padding)
        self.data_format = cu.data_format(self, data_format)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape, self.rank)
        conv_spatial_output(self, input_shape, self.kernel_size, self.strides, self.padding,
                            self.dilation_rate)
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.bias = (kb.add_bias(self, (channels * self.depth_multiplier,)) if self.use_bias
                     else None)
        self.input_spec = InputSpec(min_ndim=self.rank + 2,
                                    axes={cu.channel_axis(self.data_format): channels})

    def call(self, inputs):
        x = ops.depthwise_conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                               data_format=self.data_format, dilation_rate=self.dilation_rate)
        if self.bias is not None:
            x = add_bias(self, x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2)
        spatial = conv_spatial_output(self, input_shape, self.kernel_size, self.strides,
                                      self.padding, self.dilation_rate)
        channels = input_shape[cu.channel_axis(self.data_format)]
        out_channels = None if channels is None else channels * self.depth_multiplier
        return cu.with_spatial(input_shape, self.data_format, spatial, out_channels)

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
