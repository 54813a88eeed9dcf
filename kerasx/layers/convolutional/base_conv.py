"""``BaseConv``: the N-D convolution layer behind Conv1D, Conv2D and Conv3D."""

from kerasx import activations, ops
from kerasx.layers import _kernel_bias as kb
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


def check_filters(layer, filters, arg="filters"):
    """Returns ``filters`` as a positive int or raises a ValueError naming the layer."""
    if isinstance(filters, bool) or not isinstance(filters, int) or filters <= 0:
        ok = False
        try:
            ok = not isinstance(filters, bool) and int(filters) == filters and int(filters) > 0
        except (TypeError, ValueError):
            pass
        if not ok:
            raise ValueError(
                f"{cu.layer_label(layer)}: {arg} must be a positive integer, got {arg}={filters!r}."
            )
    return int(filters)


def check_no_lora(layer, lora_rank):
    if lora_rank:
        raise ValueError(
            f"{cu.layer_label(layer)}: lora_rank={lora_rank!r} (LoRA) is not supported by kerasx; "
            "pass lora_rank=None."
        )


def check_strides_dilation(layer, strides, dilation_rate):
    if any(s > 1 for s in strides) and any(d > 1 for d in dilation_rate):
        raise ValueError(
            f"{cu.layer_label(layer)}: strides > 1 cannot be combined with dilation_rate > 1, "
            f"got strides={strides} and dilation_rate={dilation_rate}."
        )


def input_channels(layer, input_shape, rank):
    """The channel count of a ``rank``-D conv input, checked to be known."""
    cu.check_input_rank(layer, input_shape, rank + 2)
    channels = input_shape[cu.channel_axis(layer.data_format)]
    if channels is None:
        raise ValueError(
            f"{cu.layer_label(layer)}: the channel axis of the input must be known to build the "
            f"kernel (data_format={layer.data_format!r}), got input shape {tuple(input_shape)}."
        )
    return int(channels)


def conv_spatial_output(layer, input_shape, kernel_size, strides, padding, dilation_rate):
    """Output spatial dims; raises when a 'valid' window is larger than the input."""
    axes = cu.spatial_axes(len(kernel_size), layer.data_format)
    out = []
    for axis, k, s, d in zip(axes, kernel_size, strides, dilation_rate):
        length = cu.conv_output_length(input_shape[axis], k, padding, s, d)
        if length is not None and length <= 0:
            raise ValueError(
                f"{cu.layer_label(layer)}: the window (kernel_size/pool_size={tuple(kernel_size)}, "
                f"dilation_rate={tuple(dilation_rate)}) is larger than the input with "
                f"padding={padding!r}: input shape {tuple(input_shape)} would give a spatial size "
                f"of {length}. Use padding='same' or a larger input."
            )
        out.append(length)
    return tuple(out)


def add_bias(layer, x, bias):
    """Adds a per-channel bias to ``x`` in the layer's data format (no transposes)."""
    if layer.data_format == "channels_last":
        return ops.add(x, bias)
    return ops.add(x, ops.reshape(bias, (1, -1) + (1,) * layer.rank))


class BaseConv(Layer):
    """N-D convolution: ``activation(conv(inputs, kernel) + bias)``.

    Args:
        rank: number of spatial dimensions (1, 2 or 3).
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of ``rank`` ints.
        strides: int or tuple; strides > 1 cannot be combined with dilation_rate > 1.
        padding: "valid", "same", or "causal" (rank 1 only).
        data_format: "channels_last" or "channels_first" (None: the global default).
        dilation_rate: int or tuple.
        groups: positive int dividing ``filters`` and the input channels; each group
            of input channels is convolved with its own ``filters // groups`` filters.
        activation: activation name or function (None: linear).
        use_bias: whether to add a bias vector.
        kernel_initializer / bias_initializer / *_regularizer / *_constraint: as in Dense.

    Weights: ``kernel`` of shape ``kernel_size + (in_channels // groups, filters)``,
    then ``bias`` of shape ``(filters,)``.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = check_filters(self, filters)
        self.groups = check_filters(self, groups, "groups")
        if self.filters % self.groups:
            raise ValueError(
                f"{cu.layer_label(self)}: filters must be divisible by groups, got "
                f"filters={self.filters} and groups={self.groups}."
            )
        self.kernel_size = cu.int_tuple(self, kernel_size, rank, "kernel_size")
        self.strides = cu.int_tuple(self, strides, rank, "strides")
        self.dilation_rate = cu.int_tuple(self, dilation_rate, rank, "dilation_rate")
        check_strides_dilation(self, self.strides, self.dilation_rate)
        allowed = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
        self.padding = cu.padding_mode(self, padding, allowed)
        self.data_format = cu.data_format(self, data_format)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        kb.set_weight_args(self, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, kernel_constraint, bias_constraint)
        check_no_lora(self, lora_rank)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape, self.rank)
        if channels % self.groups:
            raise ValueError(
                f"{cu.layer_label(self)}: the number of input channels must be divisible by "
                f"groups={self.groups}, got {channels} channels (input shape "
                f"{tuple(input_shape)})."
            )
        conv_spatial_output(self, input_shape, self.kernel_size, self.strides, self.padding,
                            self.dilation_rate)
        self.kernel = kb.add_kernel(
            self, self.kernel_size + (channels // self.groups, self.filters))
        self.bias = kb.add_bias(self, (self.filters,)) if self.use_bias else None
        self.input_spec = InputSpec(min_ndim=self.rank + 2,
                                    axes={cu.channel_axis(self.data_format): channels})

    def call(self, inputs):
        x = ops.conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                     data_format=self.data_format, dilation_rate=self.dilation_rate)
        if self.bias is not None:
            x = add_bias(self, x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        spatial = conv_spatial_output(self, input_shape, self.kernel_size, self.strides,
                                      self.padding, self.dilation_rate)
        return cu.with_spatial(input_shape, self.data_format, spatial, self.filters)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
        })
        config.update(kb.weight_args_config(self, activity_regularizer=True))
        return config
