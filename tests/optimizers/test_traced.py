"""Optimizer updates trace abstractly (no Python branching on tensor values) on every backend."""

import numpy as np
import pytest

import kerasx
from kerasx import optimizers
from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor

CASES = [
    ("SGD", {"momentum": 0.9, "nesterov": True}), ("Adam", {"amsgrad": True, "clipnorm": 1.0}),
    ("AdamW", {"global_clipnorm": 1.0}), ("RMSprop", {"centered": True, "momentum": 0.5}),
    ("Adagrad", {"clipvalue": 0.5}), ("Adadelta", {}), ("Adamax", {}),
    ("Nadam", {"gradient_accumulation_steps": 2, "use_ema": True, "ema_overwrite_frequency": 2}),
    ("Ftrl", {"l1_regularization_strength": 0.1}), ("Lion", {"weight_decay": 0.1}), ("Lamb", {}),
    ("SGD", {"learning_rate": optimizers.schedules.CosineDecay(
        0.1, 10, warmup_target=0.2, warmup_steps=3)}),
]


@pytest.mark.parametrize("name,kwargs", CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)])
def test_stateless_apply_traces(name, kwargs):
    opt = getattr(optimizers, name)(**kwargs)
    vs = [kerasx.Variable(np.ones((3,), "float32")), kerasx.Variable(np.ones((2, 2), "float32"))]
    opt.build(vs)
    spec = lambda v: KerasTensor(v.shape, dtype=v.dtype)  # noqa: E731
    new_train, new_opt = B.core.compute_output_spec(
        opt.stateless_apply, [spec(v) for v in opt.variables], [spec(v) for v in vs],
        [spec(v) for v in vs])
    assert [tuple(t.shape) for t in new_train] == [(3,), (2, 2)]
    assert [tuple(t.shape) for t in new_opt] == [tuple(v.shape) for v in opt.variables]
