"""Kernel / recurrent-kernel / bias arguments shared by the built-in recurrent cells."""

from kerasx import activations, constraints, initializers, regularizers


class RecurrentWeightsMixin:
    """Stores and serializes the initializer/regularizer/constraint arguments of a cell."""

    def _init_weight_args(self, activation, use_bias, kernel_initializer, recurrent_initializer,
                          bias_initializer, kernel_regularizer, recurrent_regularizer,
                          bias_regularizer, kernel_constraint, recurrent_constraint,
                          bias_constraint):
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def _add_kernels(self, kernel_shape, recurrent_shape):
        self.kernel = self.add_weight(shape=kernel_shape, name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=recurrent_shape, name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)

    def _add_bias(self, shape, initializer=None):
        return self.add_weight(shape=shape, name="bias",
                               initializer=initializer or self.bias_initializer,
                               regularizer=self.bias_regularizer,
                               constraint=self.bias_constraint)

    def _weights_config(self):
        return {
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }


class ForgetBiasInitializer:
    """Bias initializer for LSTM-style gates i, f, c, o: the forget block is ones.

    Args:
        base: the user's bias initializer, used for the other three blocks.
        units: size of one gate block (the bias has ``4 * units`` entries).
    """

    def __init__(self, base, units):
        self.base = base
        self.units = units

    def __call__(self, shape, dtype=None):
        from kerasx import ops
        u = self.units
        return ops.concatenate([
            self.base((u,), dtype=dtype),
            ops.ones((u,), dtype=dtype),
            self.base((2 * u,), dtype=dtype),
        ])
