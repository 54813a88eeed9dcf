"""``ConvLSTM``: base of ConvLSTM1D/2D/3D (an ``RNN`` over a ``ConvLSTMCell``)."""

from kerasx.layers.input_spec import InputSpec
from kerasx.layers.rnn._layer_utils import (CellPropertiesMixin, cell_common_kwargs,
                                            layer_config, split_kwargs)
from kerasx.layers.rnn.conv_lstm_cell import ConvLSTMCell
from kerasx.layers.rnn.rnn import RNN


class ConvLSTM(CellPropertiesMixin, RNN):
    """Convolutional LSTM over inputs ``(batch, time, *spatial, channels)`` (channels_last)
    or ``(batch, time, channels, *spatial)`` (channels_first).

    Args:
        rank: number of spatial dimensions (set by ConvLSTM1D/2D/3D).
        filters, kernel_size, strides, padding, data_format, dilation_rate and the
        LSTM arguments: as ``ConvLSTMCell``; return_sequences, return_state,
        go_backwards, stateful, unroll: as ``RNN``.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        layer_kw, cell_kw = split_kwargs(kwargs)
        cell = ConvLSTMCell(rank, filters, kernel_size, strides=strides, padding=padding,
                            data_format=data_format, dilation_rate=dilation_rate,
                            activation=activation, recurrent_activation=recurrent_activation,
                            use_bias=use_bias, kernel_initializer=kernel_initializer,
                            recurrent_initializer=recurrent_initializer,
                            bias_initializer=bias_initializer,
                            unit_forget_bias=unit_forget_bias,
                            kernel_regularizer=kernel_regularizer,
                            recurrent_regularizer=recurrent_regularizer,
                            bias_regularizer=bias_regularizer,
                            kernel_constraint=kernel_constraint,
                            recurrent_constraint=recurrent_constraint,
                            bias_constraint=bias_constraint, dropout=dropout,
                            recurrent_dropout=recurrent_dropout, seed=seed,
                            name="conv_lstm_cell", **cell_common_kwargs(layer_kw), **cell_kw)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful,
                         activity_regularizer=activity_regularizer, **layer_kw)
        self.rank = cell.rank
        self.input_spec = InputSpec(ndim=rank + 3)

    filters = property(lambda self: self.cell.filters)
    kernel_size = property(lambda self: self.cell.kernel_size)
    strides = property(lambda self: self.cell.strides)
    padding = property(lambda self: self.cell.padding)
    data_format = property(lambda self: self.cell.data_format)
    dilation_rate = property(lambda self: self.cell.dilation_rate)
    recurrent_activation = property(lambda self: self.cell.recurrent_activation)
    unit_forget_bias = property(lambda self: self.cell.unit_forget_bias)

    def _step_output_shape(self, sequences_shape):
        step_in = (sequences_shape[0],) + tuple(sequences_shape[2:])
        return self.cell.state_shape(self.cell.output_spatial(step_in))

    def _state_shapes(self, sequences_shape):
        shape = (sequences_shape[0],) + self._step_output_shape(sequences_shape)
        return [shape, shape]

    def build(self, sequences_shape, initial_state_shape=None):
        if len(sequences_shape) != self.rank + 3:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: expected a {self.rank + 3}-D input "
                f"(batch, time, {self.rank} spatial dims, channels), got shape "
                f"{tuple(sequences_shape)}.")
        super().build(sequences_shape, initial_state_shape)

    def get_config(self):
        config = layer_config(self, super().get_config())
        config.pop("rank", None)
        return config
