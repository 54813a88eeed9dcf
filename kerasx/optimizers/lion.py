"""Lion and Lamb."""

from kerasx import ops
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class Lion(Optimizer):
    """Lion: sign of an interpolated momentum.

    ``w -= lr * sign(beta_1 * m + (1 - beta_1) * g)``; ``m = beta_2 * m + (1 - beta_2) * g``.

    Args:
        learning_rate: float or schedule (default 0.001).
        beta_1: interpolation factor, in (0, 1] (0.9).
        beta_2: momentum decay (0.99).
        Other arguments: see ``Optimizer``.

    Raises:
        ValueError: if beta_1 is not in (0, 1].

    Example:
        >>> opt = kerasx.optimizers.Lion(learning_rate=1e-4)
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        if not 0 < beta_1 <= 1:
            raise ValueError(f"Lion: beta_1 must be in (0, 1], got {beta_1}.")
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums = self.add_optimizer_variables(var_list, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        g = ops.cast(gradient, variable.dtype)
        m = self._momentums[self._slot_index(variable)]
        direction = ops.sign(m.value * self.beta_1 + g * (1.0 - self.beta_1))
        variable.assign(variable.value - learning_rate * direction)
        m.assign(m.value * self.beta_2 + g * (1.0 - self.beta_2))

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2})
        return config


class Lamb(Optimizer):
    """Lamb: Adam steps rescaled per variable by ``||w|| / ||adam_step||`` (trust ratio).

    Args:
        learning_rate: float or schedule (default 0.001).
        beta_1, beta_2: decay rates (0.9, 0.999).
        epsilon: numerical-stability constant (1e-7).
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.Lamb(learning_rate=1e-3)
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        g = ops.cast(gradient, dtype)
        step = ops.cast(self._update_count() + 1, dtype)
        b1_power = ops.power(ops.cast(self.beta_1, dtype), step)
        b2_power = ops.power(ops.cast(self.beta_2, dtype), step)
        i = self._slot_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        new_m = m.value + (g - m.value) * (1 - self.beta_1)
        new_v = v.value + (ops.square(g) - v.value) * (1 - self.beta_2)
        m.assign(new_m)
        v.assign(new_v)
        update = (new_m / (1.0 - b1_power)) / (ops.sqrt(new_v / (1.0 - b2_power)) + self.epsilon)
        w = variable.value
        w_norm = ops.sqrt(ops.sum(ops.square(w)))
        u_norm = ops.sqrt(ops.sum(ops.square(update)))
        safe_u = ops.where(ops.greater(u_norm, 0), u_norm, 1.0)
        ratio = ops.where(ops.logical_and(ops.greater(w_norm, 0), ops.greater(u_norm, 0)),
                          w_norm / safe_u, 1.0)
        variable.assign(w - ratio * learning_rate * update)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
