"""``BaseSeparableConv``: depthwise then pointwise convolution (SeparableConv1D/2D)."""

from kerasx import activations, constraints, initializers, ops, regularizers
from kerasx.layers import _kernel_bias as kb
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.convolutional.base_conv import (add_bias, check_filters,
                                                   check_strides_dilation, conv_spatial_output,
                                                   input_channels)
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseSeparableConv(Layer):
    """Separable convolution: a depthwise convolution (``depth_multiplier`` filters per input
    channel) followed by a 1x1 convolution mixing the channels into ``filters`` outputs.

    Args:
        rank: number of spatial dimensions.
        depth_multiplier: positive int.
        filters: positive int, the number of output channels.
        kernel_size, strides, padding ("valid"/"same"), data_format, dilation_rate: as in Conv.
        activation, use_bias: as in Conv.
        depthwise_* / pointwise_* / bias_*: initializer, regularizer, constraint of each weight.

    Weights (in this order): ``depthwise_kernel`` ``kernel_size + (in_channels,
    depth_multiplier)``, ``pointwise_kernel`` ``(1,) * rank + (in_channels * depth_multiplier,
    filters)``, ``bias`` ``(filters,)``.
    """

    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        groups = kwargs.pop("groups", 1)  # written (always 1) in Keras 2 configs
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if groups != 1:
            raise ValueError(
                f"{cu.layer_label(self)}: groups is not an argument of this layer (only "
                f"groups=1 from Keras 2 configs is accepted), got groups={groups!r}."
            )
        self.rank = rank
        self.depth_multiplier = check_filters(self, depth_multiplier, "depth_multiplier")
        self.filters = check_filters(self, filters)
        self.kernel_size = cu.int_tuple(self, kernel_size, rank, "kernel_size")
        self.strides = cu.int_tuple(self, strides, rank, "strides")
        self.dilation_rate = cu.int_tuple(self, dilation_rate, rank, "dilation_rate")
        check_strides_dilation(self, self.strides, self.dilation_rate)
        self.padding = cu.padding_mode(self, padding)
        self.data_format = cu.data_format(self, data_format)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape, self.rank)
        conv_spatial_output(self, input_shape, self.kernel_size, self.strides, self.padding,
                            self.dilation_rate)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=(1,) * self.rank + (channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self.bias = kb.add_bias(self, (self.filters,)) if self.use_bias else None
        self.input_spec = InputSpec(min_ndim=self.rank + 2,
                                    axes={cu.channel_axis(self.data_format): channels})

    def call(self, inputs):
        x = ops.separable_conv(inputs, self.depthwise_kernel, self.pointwise_kernel,
                               strides=self.strides, padding=self.padding,
                               data_format=self.data_format, dilation_rate=self.dilation_rate)
        if self.bias is not None:
            x = add_bias(self, x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2)
        spatial = conv_spatial_output(self, input_shape, self.kernel_size, self.strides,
                                      self.padding, self.dilation_rate)
        return cu.with_spatial(input_shape, self.data_format, spatial, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "pointwise_constraint": constraints.serialize(self.pointwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
