"""Learning-rate schedules: ``schedule(step) -> learning rate``, written with kerasx.ops."""

import math

from kerasx import ops


class LearningRateSchedule:
    """Base class: a serializable ``__call__(step)`` returning the learning rate at ``step``.

    Subclasses implement ``__call__`` with kerasx.ops (no Python branching on the
    step's value, so they work under jit) and ``get_config``.

    Example:
        >>> class Halve(LearningRateSchedule):
        ...     def __call__(self, step):
        ...         return 0.1 * ops.power(0.5, ops.cast(step, "float32"))
        ...     def get_config(self):
        ...         return {}
    """

    def __call__(self, step):
        raise TypeError(f"{type(self).__name__} must define __call__(step).")

    def get_config(self):
        raise TypeError(f"{type(self).__name__} must define get_config().")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _step(step):
    return ops.cast(step, "float32")


class ExponentialDecay(LearningRateSchedule):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)`` (floored with staircase).

    Example:
        >>> s = ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
        >>> float(s(10))  # 0.05
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        if decay_steps <= 0:
            raise ValueError(f"ExponentialDecay: decay_steps must be > 0, got {decay_steps}.")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        p = _step(step) / float(self.decay_steps)
        if self.staircase:
            p = ops.floor(p)
        return float(self.initial_learning_rate) * ops.power(
            ops.cast(self.decay_rate, "float32"), p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` for ``boundaries[i-1] < step <= boundaries[i]``.

    Args:
        boundaries: increasing step boundaries (n items).
        values: n + 1 learning rates.

    Raises:
        ValueError: if ``len(values) != len(boundaries) + 1``.

    Example:
        >>> s = PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1])
    """

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "PiecewiseConstantDecay: values must have exactly one more item than "
                f"boundaries; got {len(boundaries)} boundaries and {len(values)} values.")
        self.boundaries = list(boundaries)
        self.values = list(values)
        self.name = name

    def __call__(self, step):
        s = _step(step)
        out = ops.full((), float(self.values[-1]), dtype="float32")
        for b, v in reversed(list(zip(self.boundaries, self.values[:-1]))):
            out = ops.where(ops.less_equal(s, float(b)), float(v), out)
        return out

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """``(init - end) * (1 - step / decay_steps) ** power + end``, held at ``end`` after
    ``decay_steps`` (or restarted with a longer period when ``cycle=True``).

    Example:
        >>> s = PolynomialDecay(0.1, decay_steps=100, end_learning_rate=0.01, power=2.0)
    """

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001,
                 power=1.0, cycle=False, name="PolynomialDecay"):
        if decay_steps <= 0:
            raise ValueError(f"PolynomialDecay: decay_steps must be > 0, got {decay_steps}.")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        s = _step(step)
        steps = float(self.decay_steps)
        if self.cycle:
            mult = ops.where(ops.equal(s, 0), 1.0, ops.ceil(s / steps))
            steps = steps * mult
        else:
            s = ops.minimum(s, steps)
        frac = s / steps
        init, end = float(self.initial_learning_rate), float(self.end_learning_rate)
        return (init - end) * ops.power(1.0 - frac, float(self.power)) + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)`` (floored with staircase).

    Example:
        >>> s = InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.5)
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        if decay_steps <= 0:
            raise ValueError(f"InverseTimeDecay: decay_steps must be > 0, got {decay_steps}.")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        p = _step(step) / float(self.decay_steps)
        if self.staircase:
            p = ops.floor(p)
        return float(self.initial_learning_rate) / (1.0 + float(self.decay_rate) * p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class CosineDecay(LearningRateSchedule):
    """Cosine decay from ``initial_learning_rate`` (or, after a linear warmup of
    ``warmup_steps`` to ``warmup_target``, from ``warmup_target``) down to
    ``alpha`` times that rate over ``decay_steps``.

    Example:
        >>> s = CosineDecay(0.0, decay_steps=100, warmup_target=0.1, warmup_steps=10)
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        if decay_steps <= 0:
            raise ValueError(f"CosineDecay: decay_steps must be > 0, got {decay_steps}.")
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps

    def _decay(self, s, start_lr):
        cosine = 0.5 * (1.0 + ops.cos(math.pi * s / float(self.decay_steps)))
        return start_lr * ((1.0 - self.alpha) * cosine + self.alpha)

    def __call__(self, step):
        s = _step(step)
        init = float(self.initial_learning_rate)
        if self.warmup_target is None:
            return self._decay(ops.minimum(s, float(self.decay_steps)), init)
        target, warm = float(self.warmup_target), float(self.warmup_steps)
        s = ops.minimum(s, float(self.decay_steps) + warm)
        warm_lr = (target - init) * (s / max(warm, 1e-12)) + init
        decayed = self._decay(ops.maximum(s - warm, 0.0), target)
        return ops.where(ops.less(s, warm), warm_lr, decayed)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): periods grow by ``t_mul`` and peaks
    shrink by ``m_mul`` after each restart.

    Example:
        >>> s = CosineDecayRestarts(0.1, first_decay_steps=10, t_mul=2.0, m_mul=0.5)
    """

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                 alpha=0.0, name="SGDRDecay"):
        if first_decay_steps <= 0:
            raise ValueError(
                f"CosineDecayRestarts: first_decay_steps must be > 0, got {first_decay_steps}.")
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        frac = _step(step) / float(self.first_decay_steps)
        t_mul, m_mul = float(self._t_mul), float(self._m_mul)
        t_mul_t = ops.convert_to_tensor(t_mul, dtype="float32")
        if t_mul == 1.0:
            restarts = ops.floor(frac)
            frac = frac - restarts
        else:
            restarts = ops.floor(ops.log(1.0 - frac * (1.0 - t_mul)) / math.log(t_mul))
            done = (1.0 - ops.power(t_mul_t, restarts)) / (1.0 - t_mul)
            frac = (frac - done) / ops.power(t_mul_t, restarts)
        m_fac = ops.power(ops.convert_to_tensor(m_mul, dtype="float32"), restarts)
        cosine = 0.5 * m_fac * (1.0 + ops.cos(math.pi * frac))
        return float(self.initial_learning_rate) * ((1.0 - self.alpha) * cosine + self.alpha)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}
