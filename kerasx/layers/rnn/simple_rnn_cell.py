"""``SimpleRNNCell``: one step of a fully-connected RNN."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import DropoutRNNCell, check_positive_int, first_state
from kerasx.layers.rnn._weights_mixin import RecurrentWeightsMixin


class SimpleRNNCell(RecurrentWeightsMixin, DropoutRNNCell, Layer):
    """Cell computing ``h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel)``.

    Args:
        units: positive int, the size of the output and state.
        activation: default ``"tanh"``.
        use_bias: whether to add a bias.
        kernel_initializer / recurrent_initializer / bias_initializer: initializers
            (default glorot_uniform / orthogonal / zeros).
        *_regularizer / *_constraint: for kernel, recurrent_kernel and bias.
        dropout / recurrent_dropout: fraction of the inputs / states dropped in training.
        seed: int seed of the dropout masks.

    Call: ``cell(inputs, states, training=None) -> (output, [new_state])``.

    Example:
        >>> rnn = kerasx.layers.RNN(SimpleRNNCell(4))
    """

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.units = check_positive_int(f"SimpleRNNCell {self.name!r}", "units", units)
        self._init_weight_args(activation, use_bias, kernel_initializer, recurrent_initializer,
                               bias_initializer, kernel_regularizer, recurrent_regularizer,
                               bias_regularizer, kernel_constraint, recurrent_constraint,
                               bias_constraint)
        self._init_dropout(dropout, recurrent_dropout, seed)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        self._add_kernels((input_shape[-1], self.units), (self.units, self.units))
        self.bias = self._add_bias((self.units,)) if self.use_bias else None

    def call(self, inputs, states, training=False):
        prev = first_state(states)
        inputs, prev = self._apply_dropout(inputs, prev, training)
        h = ops.matmul(inputs, self.kernel)
        if self.bias is not None:
            h = h + self.bias
        out = h + ops.matmul(prev, self.recurrent_kernel)
        if self.activation is not None:
            out = self.activation(out)
        new_state = [out] if isinstance(states, (list, tuple)) else out
        return out, new_state

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.units), dtype=self.compute_dtype)]

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, **self._weights_config(), **self._dropout_config()})
        return config
