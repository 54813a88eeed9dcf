"""Adamax and Nadam."""

from kerasx import ops
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class Adamax(Optimizer):
    """Adamax: Adam with the infinity norm.

    ``m += (g - m) * (1 - beta_1)``; ``u = max(beta_2 * u, |g|)``;
    ``w -= lr * m / ((1 - beta_1**t) * (u + epsilon))``.

    Args:
        learning_rate: float or schedule (default 0.001).
        beta_1, beta_2: decay rates (0.9, 0.999).
        epsilon: numerical-stability constant (1e-7).
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.Adamax(learning_rate=2e-3)
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
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        g = ops.cast(gradient, dtype)
        step = ops.cast(self._update_count() + 1, dtype)
        b1_power = ops.power(ops.cast(self.beta_1, dtype), step)
        i = self._slot_index(variable)
        m, u = self._m[i], self._u[i]
        new_m = m.value + (g - m.value) * (1 - self.beta_1)
        new_u = ops.maximum(self.beta_2 * u.value, ops.abs(g))
        m.assign(new_m)
        u.assign(new_u)
        variable.assign(variable.value - learning_rate * new_m / (
            (1 - b1_power) * (new_u + self.epsilon)))

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


class Nadam(Optimizer):
    """Nadam: Adam with Nesterov momentum (momentum schedule ``beta_1 * (1 - 0.5 * 0.96**t)``).

    Args:
        learning_rate: float or schedule (default 0.001).
        beta_1, beta_2: decay rates (0.9, 0.999).
        epsilon: numerical-stability constant (1e-7).
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.Nadam(learning_rate=1e-3)
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
        dtype = var_list[0].dtype if var_list else "float32"
        self._u_product = self.add_variable((), initializer="ones", dtype=dtype,
                                            name="u_product")
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])

    def _update_all(self, grads, variables, lr):
        dtype = self._u_product.dtype
        step = ops.cast(self._update_count() + 1, dtype)
        u_t = self.beta_1 * (1.0 - 0.5 * ops.power(ops.cast(0.96, dtype), step))
        self._u_product.assign(self._u_product.value * u_t)
        super()._update_all(grads, variables, lr)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        g = ops.cast(gradient, dtype)
        step = ops.cast(self._update_count() + 1, dtype)
        decay = ops.cast(0.96, dtype)
        u_t = self.beta_1 * (1.0 - 0.5 * ops.power(decay, step))
        u_t_1 = self.beta_1 * (1.0 - 0.5 * ops.power(decay, step + 1))
        u_prod = ops.cast(self._u_product.value, dtype)
        u_prod_next = u_prod * u_t_1
        b2_power = ops.power(ops.cast(self.beta_2, dtype), step)
        i = self._slot_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        new_m = m.value + (g - m.value) * (1 - self.beta_1)
        new_v = v.value + (ops.square(g) - v.value) * (1 - self.beta_2)
        m.assign(new_m)
        v.assign(new_v)
        m_hat = u_t_1 * new_m / (1 - u_prod_next) + (1 - u_t) * g / (1 - u_prod)
        v_hat = new_v / (1 - b2_power)
        variable.assign(variable.value - m_hat * learning_rate / (ops.sqrt(v_hat) + self.epsilon))

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
