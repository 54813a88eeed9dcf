"""``LSTMCell``: one step of a Long Short-Term Memory layer (gates i, f, c, o)."""

from kerasx import activations, ops
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import DropoutRNNCell, check_positive_int
from kerasx.layers.rnn._weights_mixin import ForgetBiasInitializer, RecurrentWeightsMixin


class LSTMCell(RecurrentWeightsMixin, DropoutRNNCell, Layer):
    """LSTM step with Keras's weight layout.

    ``z = x @ kernel + h @ recurrent_kernel + bias`` is split into the gate blocks
    i, f, c, o (each ``units`` wide); ``c_t = f * c_{t-1} + i * activation(c)``,
    ``h_t = o * activation(c_t)`` with i, f, o passed through ``recurrent_activation``.

    Args:
        units: positive int.
        activation: default ``"tanh"``; recurrent_activation: default ``"sigmoid"``.
        use_bias: whether to add the bias of shape ``(4 * units,)``.
        kernel_initializer / recurrent_initializer / bias_initializer: initializers.
        unit_forget_bias: initialize the forget-gate bias to ones.
        *_regularizer / *_constraint: for kernel, recurrent_kernel and bias.
        dropout / recurrent_dropout: fraction of inputs / recurrent state dropped in training.
        seed: int seed of the dropout masks.

    Weights: ``kernel (input_dim, 4u)``, ``recurrent_kernel (u, 4u)``, ``bias (4u,)``.
    Call: ``cell(inputs, [h, c], training=None) -> (h, [h, c])``.

    Example:
        >>> rnn = kerasx.layers.RNN(LSTMCell(8), return_sequences=True)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, implementation=None, **kwargs):
        # ``implementation`` (Keras 2) only chose an internal strategy; it is accepted and ignored.
        super().__init__(**kwargs)
        self.units = check_positive_int(f"LSTMCell {self.name!r}", "units", units)
        self._init_weight_args(activation, use_bias, kernel_initializer, recurrent_initializer,
                               bias_initializer, kernel_regularizer, recurrent_regularizer,
                               bias_regularizer, kernel_constraint, recurrent_constraint,
                               bias_constraint)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = bool(unit_forget_bias)
        self._init_dropout(dropout, recurrent_dropout, seed)
        self.state_size = [self.units, self.units]
        self.output_size = self.units

    def build(self, input_shape):
        u = self.units
        self._add_kernels((input_shape[-1], 4 * u), (u, 4 * u))
        if self.use_bias:
            init = (ForgetBiasInitializer(self.bias_initializer, u) if self.unit_forget_bias
                    else None)
            self.bias = self._add_bias((4 * u,), init)
        else:
            self.bias = None

    def call(self, inputs, states, training=False):
        h_tm1, c_tm1 = states[0], states[1]
        inputs, h_tm1 = self._apply_dropout(inputs, h_tm1, training)
        z = ops.matmul(inputs, self.kernel) + ops.matmul(h_tm1, self.recurrent_kernel)
        if self.bias is not None:
            z = z + self.bias
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=-1)
        ra = self.recurrent_activation
        act = self.activation if self.activation is not None else (lambda t: t)
        c = ra(z_f) * c_tm1 + ra(z_i) * act(z_c)
        h = ra(z_o) * act(c)
        return h, [h, c]

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.units), dtype=self.compute_dtype),
                ops.zeros((batch_size, self.units), dtype=self.compute_dtype)]

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, **self._weights_config(),
                       "recurrent_activation": activations.serialize(self.recurrent_activation),
                       "unit_forget_bias": self.unit_forget_bias, **self._dropout_config()})
        return config
