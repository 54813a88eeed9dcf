"""The same model, weights and data give the same loss trajectory on every installed backend."""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from kerasx import config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INSTALLED = [b for b in ("jax", "torch", "tensorflow") if importlib.util.find_spec(b) is not None]

SCRIPT = r"""
import json, sys
import numpy as np
import kerasx
from kerasx import layers
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 12)).astype("float32")
y = rng.integers(0, 4, size=64).astype("int32")
model = kerasx.Sequential([kerasx.Input(shape=(12,)), layers.Dense(16, activation="tanh"),
                           layers.Dense(4, activation="softmax")])
w = [np.asarray(rng.normal(0, 0.3, size=v.shape), dtype="float32") for v in model.weights]
model.set_weights(w)
model.compile(optimizer=kerasx.optimizers.Adam(learning_rate=0.01),
              loss="sparse_categorical_crossentropy")
losses = [float(model.train_on_batch(x[i % 4 * 16:(i % 4 + 1) * 16], y[i % 4 * 16:(i % 4 + 1) * 16]))
          for i in range(20)]
print(json.dumps(losses))
"""


def _trajectory(backend):
    env = dict(os.environ, KERASX_BACKEND=backend, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL="3")
    r = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, f"{backend} failed:\n{r.stderr[-3000:]}"
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(len(INSTALLED) < 2, reason="needs at least two installed backends")
def test_same_loss_trajectory_on_every_backend():
    if config.backend() != INSTALLED[0]:
        pytest.skip(f"runs once per suite, in the {INSTALLED[0]} run (it spawns every backend)")
    trajectories = {b: _trajectory(b) for b in INSTALLED}
    ref = np.array(trajectories[INSTALLED[0]])
    assert ref[-1] < ref[0]  # it trains
    for b in INSTALLED[1:]:
        np.testing.assert_allclose(np.array(trajectories[b]), ref, rtol=1e-4,
                                   err_msg=f"{b} vs {INSTALLED[0]}")
