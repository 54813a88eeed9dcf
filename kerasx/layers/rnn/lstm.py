"""``LSTM``: the Long Short-Term Memory layer."""

from kerasx.layers.rnn._fused import fused_lstm
from kerasx.layers.rnn._layer_utils import (CellPropertiesMixin, cell_common_kwargs,
                                            layer_config, split_kwargs)
from kerasx.layers.rnn.lstm_cell import LSTMCell
from kerasx.layers.rnn.rnn import RNN


class LSTM(CellPropertiesMixin, RNN):
    """Long Short-Term Memory layer (Hochreiter 1997) with Keras's weights and gate order.

    Args:
        units: positive int. The cell arguments are those of ``LSTMCell`` (activation,
        recurrent_activation, use_bias, initializers, unit_forget_bias, regularizers,
        constraints, dropout, recurrent_dropout, seed); the layer arguments are those of
        ``RNN`` (return_sequences, return_state, go_backwards, stateful, unroll).
        use_cudnn: ``"auto"`` (default) uses the backend's fused kernel when the
            configuration allows it; False always uses the generic loop; True is the same
            as ``"auto"``.

    Weights (in ``layer.cell``): ``kernel (input_dim, 4u)``, ``recurrent_kernel (u, 4u)``,
    ``bias (4u,)``, gate blocks in the order i, f, c, o.
    ``return_state=True`` returns ``[output, h, c]``.

    Example:
        >>> LSTM(4, return_sequences=True)(np.zeros((2, 5, 3), "float32")).shape
        (2, 5, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, unroll=False,
                 use_cudnn="auto", **kwargs):
        layer_kw, cell_kw = split_kwargs(kwargs)
        cell = LSTMCell(units, activation=activation, recurrent_activation=recurrent_activation,
                        use_bias=use_bias, kernel_initializer=kernel_initializer,
                        recurrent_initializer=recurrent_initializer,
                        bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
                        kernel_regularizer=kernel_regularizer,
                        recurrent_regularizer=recurrent_regularizer,
                        bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                        recurrent_constraint=recurrent_constraint,
                        bias_constraint=bias_constraint, dropout=dropout,
                        recurrent_dropout=recurrent_dropout, seed=seed, name="lstm_cell",
                        **cell_common_kwargs(layer_kw), **cell_kw)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **layer_kw)
        if use_cudnn not in ("auto", True, False):
            raise ValueError(f"LSTM {self.name!r}: use_cudnn must be 'auto', True or False, "
                             f"got use_cudnn={use_cudnn!r}.")
        self.use_cudnn = use_cudnn

    recurrent_activation = property(lambda self: self.cell.recurrent_activation)
    unit_forget_bias = property(lambda self: self.cell.unit_forget_bias)

    def _fused_call(self, sequences, flat, mask, training):
        return fused_lstm(self, sequences, flat, mask, training)

    def get_config(self):
        return layer_config(self, super().get_config())
