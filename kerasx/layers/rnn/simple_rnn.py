"""``SimpleRNN``: a fully-connected RNN layer."""

from kerasx.layers.rnn._layer_utils import (CellPropertiesMixin, cell_common_kwargs,
                                            layer_config, split_kwargs)
from kerasx.layers.rnn.rnn import RNN
from kerasx.layers.rnn.simple_rnn_cell import SimpleRNNCell


class SimpleRNN(CellPropertiesMixin, RNN):
    """Fully-connected RNN where the output is fed back: ``h_t = act(x_t W + h_{t-1} U + b)``.

    Args:
        units: positive int. The other cell arguments are those of ``SimpleRNNCell``
        (activation, use_bias, initializers, regularizers, constraints, dropout,
        recurrent_dropout, seed); the layer arguments are those of ``RNN``
        (return_sequences, return_state, go_backwards, stateful, unroll).

    Weights (in ``layer.cell``): ``kernel (input_dim, units)``,
    ``recurrent_kernel (units, units)``, ``bias (units,)``.

    Example:
        >>> SimpleRNN(4)(np.zeros((2, 5, 3), "float32")).shape
        (2, 4)
    """

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, seed=None, **kwargs):
        layer_kw, cell_kw = split_kwargs(kwargs)
        cell = SimpleRNNCell(units, activation=activation, use_bias=use_bias,
                             kernel_initializer=kernel_initializer,
                             recurrent_initializer=recurrent_initializer,
                             bias_initializer=bias_initializer,
                             kernel_regularizer=kernel_regularizer,
                             recurrent_regularizer=recurrent_regularizer,
                             bias_regularizer=bias_regularizer,
                             kernel_constraint=kernel_constraint,
                             recurrent_constraint=recurrent_constraint,
                             bias_constraint=bias_constraint, dropout=dropout,
                             recurrent_dropout=recurrent_dropout, seed=seed,
                             name="simple_rnn_cell", **cell_common_kwargs(layer_kw), **cell_kw)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **layer_kw)

    def get_config(self):
        return layer_config(self, super().get_config())
