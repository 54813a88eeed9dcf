"""RMSprop."""

from kerasx import ops
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class RMSprop(Optimizer):
    """RMSprop: divides the gradient by a moving root-mean-square of past gradients.

    ``v = rho * v + (1 - rho) * g**2``; with ``centered``, ``a = rho * a + (1 - rho) * g``
    and the denominator is ``v - a**2 + epsilon`` (else ``v + epsilon``);
    ``step = lr * g / sqrt(denominator)``; with ``momentum > 0``,
    ``m = momentum * m + step`` and ``w -= m``, else ``w -= step``.

    Args:
        learning_rate: float or schedule (default 0.001).
        rho: discount factor of the gradient history (0.9).
        momentum: momentum (0.0).
        epsilon: numerical-stability constant (1e-7).
        centered: normalize by the estimated variance instead of the second moment.
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.RMSprop(learning_rate=1e-3, centered=True)
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = bool(centered)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient")

    def update_step(self, gradient, variable, learning_rate):
        g = ops.cast(gradient, variable.dtype)
        i = self._slot_index(variable)
        vel = self._velocities[i]
        new_vel = self.rho * vel.value + (1 - self.rho) * ops.square(g)
        vel.assign(new_vel)
        if self.centered:
            avg = self._average_gradients[i]
            new_avg = self.rho * avg.value + (1 - self.rho) * g
            avg.assign(new_avg)
            denominator = new_vel - ops.square(new_avg) + self.epsilon
        else:
            denominator = new_vel + self.epsilon
        increment = learning_rate * g * ops.rsqrt(denominator)
        if self.momentum > 0:
            mom = self._momentums[i]
            new_mom = self.momentum * mom.value + increment
            mom.assign(new_mom)
            increment = new_mom
        variable.assign(variable.value - increment)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
