"""Unseeded randomness inside traced code fails with a message that shows the fix."""

import numpy as np
import pytest

import kerasx
from kerasx.backends import B


def test_unseeded_random_in_traced_code_raises_with_the_fix(monkeypatch):
    monkeypatch.setattr(B.core, "in_tracing", lambda: True)
    with pytest.raises(RuntimeError, match=r"SeedGenerator\(seed=\.\.\.\)") as info:
        kerasx.random.normal((2, 3))
    assert "int seed" in str(info.value)
    # seeded calls are fine in the same situation
    a = kerasx.random.normal((2, 3), seed=7)
    b = kerasx.random.normal((2, 3), seed=7)
    np.testing.assert_array_equal(kerasx.ops.convert_to_numpy(a), kerasx.ops.convert_to_numpy(b))


def test_seeded_dropout_layer_trains_inside_compiled_steps():
    x = np.random.default_rng(0).normal(size=(32, 4)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    model = kerasx.Sequential([kerasx.Input((4,)), kerasx.layers.Dense(8), kerasx.layers.Dropout(0.3, seed=1),
                               kerasx.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    h = model.fit(x, y, epochs=2, verbose=0)
    assert np.isfinite(h.history["loss"]).all()
