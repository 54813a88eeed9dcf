"""Adam and AdamW."""

from kerasx import ops
from kerasx.backends import B
from kerasx.optimizers.base_optimizer import Optimizer, base_kwargs


class Adam(Optimizer):
    """Adam: adaptive moment estimation.

    At step ``t`` (1-based): ``m += (g - m) * (1 - beta_1)``,
    ``v += (g**2 - v) * (1 - beta_2)``, with ``amsgrad`` ``v_hat = max(v_hat, v)``
    is used instead of ``v``, and
    ``w -= lr * sqrt(1 - beta_2**t) / (1 - beta_1**t) * m / (sqrt(v) + epsilon)``.

    Args:
        learning_rate: float or schedule (default 0.001).
        beta_1, beta_2: decay rates of the moment estimates (0.9, 0.999).
        epsilon: numerical-stability constant (1e-7).
        amsgrad: use the AMSGrad variant.
        Other arguments: see ``Optimizer``.

    Example:
        >>> opt = kerasx.optimizers.Adam(learning_rate=1e-3, amsgrad=True)
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_kwargs(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = bool(amsgrad)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"])
        self._velocity_hats = []
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")

    def _update_all(self, grads, variables, lr):
        fused = getattr(getattr(B, "optimizers", None), "adam_update", None)
        if fused is not None and not self.amsgrad and _same_dtype(variables) and _floats(
                self.beta_1, self.beta_2, self.epsilon):
            # a backend may run the same math as fused kernels (torch, TensorFlow)
            idx = [self._slot_index(v) for v in variables]
            if fused(variables, grads, [self._momentums[i] for i in idx],
                     [self._velocities[i] for i in idx], lr, self._update_count(),
                     self.beta_1, self.beta_2, self.epsilon):
                return
        # The step-dependent scalars are the same for every variable: compute them once.
        scalars = {}
        for g, v in zip(grads, variables):
            dtype = v.dtype
            if dtype not in scalars:
                scalars[dtype] = self._step_scalars(ops.cast(lr, dtype), dtype)
            self._apply_one(g, v, scalars[dtype])

    def _step_scalars(self, learning_rate, dtype):
        step = ops.cast(self._update_count() + 1, dtype)
        b1_power = ops.power(ops.cast(self.beta_1, dtype), step)
        b2_power = ops.power(ops.cast(self.beta_2, dtype), step)
        return learning_rate * ops.sqrt(1 - b2_power) / (1 - b1_power)

    def update_step(self, gradient, variable, learning_rate):
        self._apply_one(gradient, variable, self._step_scalars(learning_rate, variable.dtype))

    def _apply_one(self, gradient, variable, alpha):
        g = ops.cast(gradient, variable.dtype)
        i = self._slot_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        new_m = m.value + (g - m.value) * (1 - self.beta_1)
        new_v = v.value + (ops.square(g) - v.value) * (1 - self.beta_2)
        m.assign(new_m)
        v.assign(new_v)
        if self.amsgrad:
            v_hat = self._velocity_hats[i]
            new_v = ops.maximum(v_hat.value, new_v)
            v_hat.assign(new_v)
        variable.assign(variable.value - new_m * alpha / (ops.sqrt(new_v) + self.epsilon))

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "amsgrad": self.amsgrad})
        return config


def _same_dtype(variables):
    first = variables[0].dtype
    return all(v.dtype == first for v in variables)


def _floats(*values):
    return all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in values)


class AdamW(Adam):
    """Adam with decoupled weight decay (``w -= w * weight_decay * lr`` each step).

    Args:
        learning_rate: float or schedule (default 0.001).
        weight_decay: decay rate (default 0.004); must not be None.
        beta_1, beta_2, epsilon, amsgrad: as ``Adam``.

    Raises:
        ValueError: if ``weight_decay`` is None.

    Example:
        >>> opt = kerasx.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-2)
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if weight_decay is None:
            raise ValueError("AdamW: weight_decay must be a float, got None. Use Adam for no "
                             "weight decay.")
        super().__init__(beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, amsgrad=amsgrad,
                         **base_kwargs(locals()))
