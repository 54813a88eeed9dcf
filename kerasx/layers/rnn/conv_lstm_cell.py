"""``ConvLSTMCell``: an LSTM step whose matmuls are convolutions (1-D, 2-D or 3-D)."""

from kerasx import activations, ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import DropoutRNNCell, check_positive_int
from kerasx.layers.rnn._weights_mixin import ForgetBiasInitializer, RecurrentWeightsMixin


class ConvLSTMCell(RecurrentWeightsMixin, DropoutRNNCell, Layer):
    """Convolutional LSTM step (gate blocks i, f, c, o along the output channels).

    The input convolution uses ``strides``/``padding``/``dilation_rate``; the recurrent
    convolution uses stride 1 and ``"same"`` padding, so the state keeps the spatial
    size of the input convolution's output.

    Args:
        rank: 1, 2 or 3 spatial dimensions.
        filters: positive int, channels of the output and states.
        kernel_size, strides, dilation_rate: int or tuple of ``rank`` ints.
        padding: ``"valid"`` or ``"same"``.
        data_format: ``"channels_last"`` / ``"channels_first"`` (None: global default).
        Other arguments: as ``LSTMCell``.

    Weights: ``kernel (*kernel_size, in_channels, 4 * filters)``,
    ``recurrent_kernel (*kernel_size, filters, 4 * filters)``, ``bias (4 * filters,)``.

    Example:
        >>> cell = ConvLSTMCell(2, 8, 3, padding="same")
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rank = int(rank)
        self.filters = check_positive_int(cu.layer_label(self), "filters", filters)
        self.kernel_size = cu.int_tuple(self, kernel_size, self.rank, "kernel_size")
        self.strides = cu.int_tuple(self, strides, self.rank, "strides")
        self.dilation_rate = cu.int_tuple(self, dilation_rate, self.rank, "dilation_rate")
        self.padding = cu.padding_mode(self, padding)
        self.data_format = cu.data_format(self, data_format)
        self._init_weight_args(activation, use_bias, kernel_initializer, recurrent_initializer,
                               bias_initializer, kernel_regularizer, recurrent_regularizer,
                               bias_regularizer, kernel_constraint, recurrent_constraint,
                               bias_constraint)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = bool(unit_forget_bias)
        self._init_dropout(dropout, recurrent_dropout, seed)
        self.state_size = [self.filters, self.filters]
        self.output_size = self.filters
        self.state_spatial = None

    def output_spatial(self, input_shape):
        """Spatial size of the output/state for a step input shape ``(batch, ...)``."""
        axes = cu.spatial_axes(self.rank, self.data_format)
        out = []
        for i, axis in enumerate(axes):
            length = input_shape[axis]
            if self.padding == "valid" and length is not None and length < (
                    self.dilation_rate[i] * (self.kernel_size[i] - 1) + 1):
                raise ValueError(
                    f"{cu.layer_label(self)}: kernel_size={self.kernel_size} (dilated) is larger "
                    f"than the input's spatial size {tuple(input_shape[a] for a in axes)} with "
                    "padding='valid'. Use padding='same' or a smaller kernel.")
            out.append(cu.conv_output_length(length, self.kernel_size[i], self.padding,
                                             self.strides[i], self.dilation_rate[i]))
        return tuple(out)

    def state_shape(self, spatial):
        if self.data_format == "channels_last":
            return tuple(spatial) + (self.filters,)
        return (self.filters,) + tuple(spatial)

    def build(self, input_shape):
        cu.check_input_rank(self, input_shape, self.rank + 2, "step input")
        channels = input_shape[cu.channel_axis(self.data_format)]
        if channels is None:
            raise ValueError(f"{cu.layer_label(self)}: the channel axis of the input must be "
                             f"known, got input shape {tuple(input_shape)}.")
        self.state_spatial = self.output_spatial(input_shape)
        f = self.filters
        self._add_kernels(self.kernel_size + (channels, 4 * f), self.kernel_size + (f, 4 * f))
        if self.use_bias:
            init = ForgetBiasInitializer(self.bias_initializer, f) if self.unit_forget_bias else None
            self.bias = self._add_bias((4 * f,), init)
        else:
            self.bias = None

    def call(self, inputs, states, training=False):
        h_tm1, c_tm1 = states[0], states[1]
        inputs, h_rec = self._apply_dropout(inputs, h_tm1, training)
        x = ops.conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                     data_format=self.data_format, dilation_rate=self.dilation_rate)
        if self.bias is not None:
            if self.data_format == "channels_last":
                x = x + self.bias
            else:
                x = x + ops.reshape(self.bias, (-1,) + (1,) * self.rank)
        x = x + ops.conv(h_rec, self.recurrent_kernel, strides=1, padding="same",
                         data_format=self.data_format)
        axis = cu.channel_axis(self.data_format)
        z_i, z_f, z_c, z_o = ops.split(x, 4, axis=axis)
        ra = self.recurrent_activation
        act = self.activation if self.activation is not None else (lambda t: t)
        c = ra(z_f) * c_tm1 + ra(z_i) * act(z_c)
        h = ra(z_o) * act(c)
        return h, [h, c]

    def get_initial_state(self, batch_size=None):
        shape = (batch_size,) + self.state_shape(self.state_spatial)
        return [ops.zeros(shape, dtype=self.compute_dtype),
                ops.zeros(shape, dtype=self.compute_dtype)]

    def get_config(self):
        config = super().get_config()
        config.update({
            "rank": self.rank, "filters": self.filters, "kernel_size": self.kernel_size,
            "strides": self.strides, "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": self.dilation_rate, **self._weights_config(),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "unit_forget_bias": self.unit_forget_bias, **self._dropout_config()})
        return config
