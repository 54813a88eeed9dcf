"""Stochastic gradient descent with optional (Nesterov) momentum."""

from kerasx import ops
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class SGD(Optimizer):
    """Gradient descent, optionally with momentum.

    With ``momentum == 0``: ``w -= lr * g``. Otherwise
    ``m = momentum * m - lr * g`` and ``w += m`` (or, with ``nesterov=True``,
    ``w += momentum * m - lr * g``).

    Args:
        learning_rate: float or schedule (default 0.01).
        momentum: float >= 0 (default 0.0).
        nesterov: whether to use Nesterov momentum.
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        if not isinstance(momentum, (int, float)) or momentum < 0 or momentum > 1:
            raise ValueError(f"SGD: momentum must be a float in [0, 1], got {momentum!r}.")
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(var_list, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        g = ops.cast(gradient, variable.dtype)
        if self.momentum == 0:
            variable.assign(variable.value - learning_rate * g)
            return
        m = self.momentums[self._slot_index(variable)]
        new_m = self.momentum * m.value - learning_rate * g
        m.assign(new_m)
        if self.nesterov:
            variable.assign(variable.value + self.momentum * new_m - learning_rate * g)
        else:
            variable.assign(variable.value + new_m)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
