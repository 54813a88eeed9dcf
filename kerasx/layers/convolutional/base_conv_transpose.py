"""``BaseConvTranspose``: the transposed convolution behind Conv1DTranspose/2D/3D."""

from kerasx import activations, ops
from kerasx.layers import _kernel_bias as kb
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.convolutional.base_conv import (add_bias, check_filters, check_no_lora,
                                                   input_channels)
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class BaseConvTranspose(Layer):
    """N-D transposed convolution ("deconvolution"): the gradient of a convolution.

    Args:
        rank: number of spatial dimensions.
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of ``rank`` ints.
        strides: int or tuple.
        padding: "valid" or "same".
        output_padding: None, or int/tuple of non-negative ints, each smaller than the
            stride along that axis: extra cells added to one side of the output.
        data_format: "channels_last" or "channels_first" (None: the global default).
        dilation_rate: int or tuple.
        activation, use_bias, initializers, regularizers, constraints: as in Conv.

    Weights: ``kernel`` of shape ``kernel_size + (filters, in_channels)``, then ``bias``.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = check_filters(self, filters)
        self.kernel_size = cu.int_tuple(self, kernel_size, rank, "kernel_size")
        self.strides = cu.int_tuple(self, strides, rank, "strides")
        self.dilation_rate = cu.int_tuple(self, dilation_rate, rank, "dilation_rate")
        self.padding = cu.padding_mode(self, padding)
        if output_padding is None:
            self.output_padding = None
        else:
            self.output_padding = cu.int_tuple(self, output_padding, rank, "output_padding",
                                               allow_zero=True)
            for s, p in zip(self.strides, self.output_padding):
                if p >= s:
                    raise ValueError(
                        f"{cu.layer_label(self)}: each output_padding must be smaller than the "
                        f"stride along its axis, got output_padding={self.output_padding} and "
                        f"strides={self.strides}."
                    )
        self.data_format = cu.data_format(self, data_format)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        kb.set_weight_args(self, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, kernel_constraint, bias_constraint)
        check_no_lora(self, lora_rank)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape, self.rank)
        self.kernel = kb.add_kernel(self, self.kernel_size + (self.filters, channels))
        self.bias = kb.add_bias(self, (self.filters,)) if self.use_bias else None
        self.input_spec = InputSpec(min_ndim=self.rank + 2,
                                    axes={cu.channel_axis(self.data_format): channels})

    def call(self, inputs):
        x = ops.conv_transpose(inputs, self.kernel, strides=self.strides, padding=self.padding,
                               output_padding=self.output_padding, data_format=self.data_format,
                               dilation_rate=self.dilation_rate)
        if self.bias is not None:
            x = add_bias(self, x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2)
        axes = cu.spatial_axes(self.rank, self.data_format)
        out_pad = self.output_padding or (None,) * self.rank
        spatial = tuple(
            cu.conv_transpose_output_length(input_shape[a], k, self.padding, s, p, d)
            for a, k, s, p, d in zip(axes, self.kernel_size, self.strides, out_pad,
                                     self.dilation_rate))
        return cu.with_spatial(input_shape, self.data_format, spatial, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "output_padding": self.output_padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
        })
        config.update(kb.weight_args_config(self, activity_regularizer=True))
        return config
