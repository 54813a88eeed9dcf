"""``GRUCell``: one step of a Gated Recurrent Unit (gates z, r, h)."""

from kerasx import activations, ops
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import DropoutRNNCell, check_positive_int, first_state
from kerasx.layers.rnn._weights_mixin import RecurrentWeightsMixin


class GRUCell(RecurrentWeightsMixin, DropoutRNNCell, Layer):
    """GRU step with Keras's weight layout (gate blocks z, r, h along the last axis).

    ``z = ra(x W_z + h U_z)``, ``r = ra(x W_r + h U_r)``; with ``reset_after=True``
    ``hh = act(x W_h + r * (h U_h + b_rec_h))`` (the cuDNN convention), otherwise
    ``hh = act(x W_h + (r * h) U_h)``; ``h_t = z * h_{t-1} + (1 - z) * hh``.

    Args:
        units: positive int.
        activation: default ``"tanh"``; recurrent_activation: default ``"sigmoid"``.
        use_bias: whether to add biases: shape ``(2, 3u)`` (input and recurrent) with
            ``reset_after=True``, else ``(3u,)``.
        kernel_initializer / recurrent_initializer / bias_initializer: initializers.
        *_regularizer / *_constraint: for kernel, recurrent_kernel and bias.
        dropout / recurrent_dropout: fraction of inputs / recurrent state dropped in training.
        reset_after: apply the reset gate after the recurrent matmul (default True).
        seed: int seed of the dropout masks.

    Call: ``cell(inputs, states, training=None) -> (h, [h])``.

    Example:
        >>> rnn = kerasx.layers.RNN(GRUCell(8))
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, reset_after=True,
                 seed=None, implementation=None, **kwargs):
        # ``implementation`` (Keras 2) only chose an internal strategy; it is accepted and ignored.
        super().__init__(**kwargs)
        self.units = check_positive_int(f"GRUCell {self.name!r}", "units", units)
        self._init_weight_args(activation, use_bias, kernel_initializer, recurrent_initializer,
                               bias_initializer, kernel_regularizer, recurrent_regularizer,
                               bias_regularizer, kernel_constraint, recurrent_constraint,
                               bias_constraint)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.reset_after = bool(reset_after)
        self._init_dropout(dropout, recurrent_dropout, seed)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        u = self.units
        self._add_kernels((input_shape[-1], 3 * u), (u, 3 * u))
        if self.use_bias:
            self.bias = self._add_bias((2, 3 * u) if self.reset_after else (3 * u,))
        else:
            self.bias = None

    def call(self, inputs, states, training=False):
        h_tm1 = first_state(states)
        inputs, h_rec = self._apply_dropout(inputs, h_tm1, training)
        u = self.units
        ra = self.recurrent_activation
        act = self.activation if self.activation is not None else (lambda t: t)
        if self.bias is not None:
            b_in, b_rec = (self.bias[0], self.bias[1]) if self.reset_after else (self.bias, None)
        else:
            b_in = b_rec = None
        x = ops.matmul(inputs, self.kernel)
        if b_in is not None:
            x = x + b_in
        x_z, x_r, x_h = ops.split(x, 3, axis=-1)
        if self.reset_after:
            rec = ops.matmul(h_rec, self.recurrent_kernel)
            if b_rec is not None:
                rec = rec + b_rec
            r_z, r_r, r_h = ops.split(rec, 3, axis=-1)
            z = ra(x_z + r_z)
            r = ra(x_r + r_r)
            hh = act(x_h + r * r_h)
        else:
            rk = self.recurrent_kernel
            z = ra(x_z + ops.matmul(h_rec, rk[:, :u]))
            r = ra(x_r + ops.matmul(h_rec, rk[:, u:2 * u]))
            hh = act(x_h + ops.matmul(r * h_rec, rk[:, 2 * u:]))
        h = z * h_tm1 + (1.0 - z) * hh
        new_state = [h] if isinstance(states, (list, tuple)) else h
        return h, new_state

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.units), dtype=self.compute_dtype)]

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, **self._weights_config(),
                       "recurrent_activation": activations.serialize(self.recurrent_activation),
                       "reset_after": self.reset_after, **self._dropout_config()})
        return config
