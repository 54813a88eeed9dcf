"""FTRL-proximal."""

from kerasx import ops
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class Ftrl(Optimizer):
    """Follow The Regularized Leader (FTRL-proximal), with L1/L2 and shrinkage.

    Args:
        learning_rate: float or schedule (default 0.001).
        learning_rate_power: <= 0 (default -0.5).
        initial_accumulator_value: >= 0 starting accumulator (0.1).
        l1_regularization_strength: >= 0 (0.0).
        l2_regularization_strength: >= 0 (0.0).
        l2_shrinkage_regularization_strength: >= 0 (0.0).
        beta: >= 0 (0.0).
        Other arguments: see ``Optimizer``.

    Raises:
        ValueError: for out-of-range arguments.

    Example:
        >>> opt = kerasx.optimizers.Ftrl(learning_rate=0.1, l1_regularization_strength=0.01)
    """

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5,
                 initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
                 beta=0.0, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        checks = (("initial_accumulator_value", initial_accumulator_value, 0.0),
                  ("l1_regularization_strength", l1_regularization_strength, 0.0),
                  ("l2_regularization_strength", l2_regularization_strength, 0.0),
                  ("l2_shrinkage_regularization_strength",
                   l2_shrinkage_regularization_strength, 0.0),
                  ("beta", beta, 0.0))
        for arg, val, low in checks:
            if val < low:
                raise ValueError(f"Ftrl: {arg} must be >= {low}, got {val}.")
        if learning_rate_power > 0:
            raise ValueError(f"Ftrl: learning_rate_power must be <= 0, got {learning_rate_power}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        init = float(self.initial_accumulator_value)
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list, ["accumulator", "linear"],
            initializer=[lambda shape, dtype=None: ops.full(shape, init, dtype=dtype), "zeros"])

    def update_step(self, gradient, variable, learning_rate):
        g = ops.cast(gradient, variable.dtype)
        i = self._slot_index(variable)
        accum, linear = self._accumulators[i], self._linears[i]
        lr = learning_rate
        p = -self.learning_rate_power
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        w = variable.value
        grad_to_use = g + 2 * self.l2_shrinkage_regularization_strength * w
        new_accum = accum.value + ops.square(g)
        new_linear = linear.value + grad_to_use - (
            ops.power(new_accum, p) - ops.power(accum.value, p)) / lr * w
        linear.assign(new_linear)
        quadratic = ops.power(new_accum, p) / lr + 2 * l2
        l1 = float(self.l1_regularization_strength)
        clipped = ops.clip(new_linear, -l1, l1)
        variable.assign((clipped - new_linear) / quadratic)
        accum.assign(new_accum)

    def get_config(self):
        config = super().get_config()
        config.update({
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta,
        })
        return config
