"""``GRU``: the Gated Recurrent Unit layer."""

from kerasx.layers.rnn._fused import fused_gru
from kerasx.layers.rnn._layer_utils import (CellPropertiesMixin, cell_common_kwargs,
                                            layer_config, split_kwargs)
from kerasx.layers.rnn.gru_cell import GRUCell
from kerasx.layers.rnn.rnn import RNN


class GRU(CellPropertiesMixin, RNN):
    """Gated Recurrent Unit layer (Cho et al. 2014) with Keras's weights and gate order.

    Args:
        units: positive int. The cell arguments are those of ``GRUCell`` (activation,
        recurrent_activation, use_bias, initializers, regularizers, constraints, dropout,
        recurrent_dropout, reset_after, seed); the layer arguments are those of ``RNN``.
        use_cudnn: ``"auto"`` (default) uses the backend's fused kernel when the
            configuration allows it (``reset_after=True`` only); False never does.

    Weights (in ``layer.cell``): ``kernel (input_dim, 3u)``, ``recurrent_kernel (u, 3u)``,
    ``bias (2, 3u)`` (``reset_after=True``) or ``(3u,)``, gate blocks z, r, h.

    Example:
        >>> GRU(4)(np.zeros((2, 5, 3), "float32")).shape
        (2, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, reset_after=True,
                 use_cudnn="auto", **kwargs):
        layer_kw, cell_kw = split_kwargs(kwargs)
        cell = GRUCell(units, activation=activation, recurrent_activation=recurrent_activation,
                       use_bias=use_bias, kernel_initializer=kernel_initializer,
                       recurrent_initializer=recurrent_initializer,
                       bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                       recurrent_regularizer=recurrent_regularizer,
                       bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                       recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                       dropout=dropout, recurrent_dropout=recurrent_dropout,
                       reset_after=reset_after, seed=seed, name="gru_cell",
                       **cell_common_kwargs(layer_kw), **cell_kw)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **layer_kw)
        if use_cudnn not in ("auto", True, False):
            raise ValueError(f"GRU {self.name!r}: use_cudnn must be 'auto', True or False, "
                             f"got use_cudnn={use_cudnn!r}.")
        self.use_cudnn = use_cudnn

    recurrent_activation = property(lambda self: self.cell.recurrent_activation)
    reset_after = property(lambda self: self.cell.reset_after)

    def _fused_call(self, sequences, flat, mask, training):
        return fused_gru(self, sequences, flat, mask, training)

    def get_config(self):
        return layer_config(self, super().get_config())
