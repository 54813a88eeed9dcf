"""Learning-rate schedules against their NumPy formulas, and (de)serialization."""

import math

import numpy as np
import pytest

from kerasx import ops
from kerasx.optimizers import schedules as S

STEPS = [0, 1, 3, 7, 10, 15, 24, 40]


def values(schedule):
    return np.array([float(ops.convert_to_numpy(schedule(s))) for s in STEPS])


def cosine_restarts(step, lr, first, t_mul, m_mul, alpha):
    frac = step / first
    if t_mul == 1.0:
        i = math.floor(frac)
        frac -= i
    else:
        i = math.floor(math.log(1 - frac * (1 - t_mul)) / math.log(t_mul))
        frac = (frac - (1 - t_mul ** i) / (1 - t_mul)) / t_mul ** i
    cos = 0.5 * m_mul ** i * (1 + math.cos(math.pi * frac))
    return lr * ((1 - alpha) * cos + alpha)


def cosine(step, lr, steps, alpha, target=None, warm=0):
    if target is None:
        s = min(step, steps)
        return lr * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * s / steps)) + alpha)
    s = min(step, steps + warm)
    if s < warm:
        return lr + (target - lr) * s / warm
    return target * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * (s - warm) / steps)) + alpha)


def poly(step, lr, steps, end, power, cycle):
    if cycle:
        steps = steps * max(1, math.ceil(step / steps))
    else:
        step = min(step, steps)
    return (lr - end) * (1 - step / steps) ** power + end


CASES = [
    (S.ExponentialDecay(0.1, 5, 0.5), lambda s: 0.1 * 0.5 ** (s / 5)),
    (S.ExponentialDecay(0.1, 5, 0.5, staircase=True), lambda s: 0.1 * 0.5 ** (s // 5)),
    (S.InverseTimeDecay(0.1, 4, 0.5), lambda s: 0.1 / (1 + 0.5 * s / 4)),
    (S.InverseTimeDecay(0.1, 4, 0.5, staircase=True), lambda s: 0.1 / (1 + 0.5 * (s // 4))),
    (S.PiecewiseConstantDecay([3, 10], [1.0, 0.5, 0.1]),
     lambda s: 1.0 if s <= 3 else (0.5 if s <= 10 else 0.1)),
    (S.PolynomialDecay(0.1, 10, 0.01, power=2.0), lambda s: poly(s, 0.1, 10, 0.01, 2.0, False)),
    (S.PolynomialDecay(0.1, 10, 0.01, cycle=True), lambda s: poly(s, 0.1, 10, 0.01, 1.0, True)),
    (S.CosineDecay(0.1, 20, alpha=0.1), lambda s: cosine(s, 0.1, 20, 0.1)),
    (S.CosineDecay(0.0, 20, warmup_target=0.2, warmup_steps=5),
     lambda s: cosine(s, 0.0, 20, 0.0, 0.2, 5)),
    (S.CosineDecayRestarts(0.1, 5), lambda s: cosine_restarts(s, 0.1, 5, 2.0, 1.0, 0.0)),
    (S.CosineDecayRestarts(0.1, 4, t_mul=1.0, m_mul=0.5, alpha=0.1),
     lambda s: cosine_restarts(s, 0.1, 4, 1.0, 0.5, 0.1)),
]


@pytest.mark.parametrize("schedule,formula", CASES,
                         ids=[f"{type(c[0]).__name__}{i}" for i, c in enumerate(CASES)])
def test_schedule_matches_formula(schedule, formula):
    np.testing.assert_allclose(values(schedule), [formula(s) for s in STEPS], rtol=1e-5,
                               atol=1e-7)


@pytest.mark.parametrize("schedule", [c[0] for c in CASES],
                         ids=[f"{type(c[0]).__name__}{i}" for i, c in enumerate(CASES)])
def test_schedule_serialization_round_trip(schedule):
    config = S.serialize(schedule)
    assert config["class_name"] == type(schedule).__name__
    assert config["module"] == "keras.optimizers.schedules"
    restored = S.deserialize(config)
    assert type(restored) is type(schedule)
    np.testing.assert_allclose(values(restored), values(schedule), rtol=1e-6)


def test_bad_arguments():
    with pytest.raises(ValueError, match="one more"):
        S.PiecewiseConstantDecay([1, 2], [0.1])
    with pytest.raises(ValueError, match="decay_steps"):
        S.ExponentialDecay(0.1, 0, 0.5)
    with pytest.raises(ValueError, match="ExponentialDecay"):
        S.deserialize({"class_name": "ExponentialDecai", "config": {}})
