"""Adagrad and Adadelta."""

from kerasx import ops
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class Adagrad(Optimizer):
    """Adagrad: per-parameter rates scaled by the sum of past squared gradients.

    ``acc += g**2``; ``w -= lr * g / sqrt(acc + epsilon)``.

    Args:
        learning_rate: float or schedule (default 0.001).
        initial_accumulator_value: starting value of ``acc`` (0.1).
        epsilon: numerical-stability constant (1e-7).
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.Adagrad(learning_rate=0.01)
    """

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        init = float(self.initial_accumulator_value)
        self._accumulators = self.add_optimizer_variables(
            var_list, "accumulator", initializer=lambda shape, dtype=None: ops.full(
                shape, init, dtype=dtype))

    def update_step(self, gradient, variable, learning_rate):
        g = ops.cast(gradient, variable.dtype)
        acc = self._accumulators[self._slot_index(variable)]
        new_acc = acc.value + ops.square(g)
        acc.assign(new_acc)
        variable.assign(variable.value - learning_rate * g / ops.sqrt(new_acc + self.epsilon))

    def get_config(self):
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config


class Adadelta(Optimizer):
    """Adadelta: step sizes from moving averages of squared gradients and updates.

    ``Eg = rho * Eg + (1 - rho) * g**2``;
    ``d = -sqrt(Ed + eps) / sqrt(Eg + eps) * g``;
    ``Ed = rho * Ed + (1 - rho) * d**2``; ``w += lr * d``.

    Args:
        learning_rate: float or schedule (default 0.001).
        rho: decay rate (0.95).
        epsilon: numerical-stability constant (1e-7).
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.Adadelta(learning_rate=1.0)
    """

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])

    def update_step(self, gradient, variable, learning_rate):
        g = ops.cast(gradient, variable.dtype)
        i = self._slot_index(variable)
        eg, ed = self._accumulated_grads[i], self._accumulated_delta_vars[i]
        new_eg = self.rho * eg.value + (1 - self.rho) * ops.square(g)
        eg.assign(new_eg)
        delta = -ops.sqrt(ed.value + self.epsilon) / ops.sqrt(new_eg + self.epsilon) * g
        ed.assign(self.rho * ed.value + (1 - self.rho) * ops.square(delta))
        variable.assign(variable.value + learning_rate * delta)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
