"""A process killed in the middle of a save leaves the previous file intact."""

import os
import subprocess
import sys
import time

import numpy as np
import pytest

from kerasx import models
from tests.saving._models import data, randomize, sequential

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The child saves a model whose h5py dataset writes stall (a marker file says the
# write has started), so the parent can kill it mid-save.
CHILD = r"""
import os, sys, time
import h5py
import kerasx
from kerasx import layers
path, marker = sys.argv[1], sys.argv[2]
kerasx.utils.set_random_seed(1)
model = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(7, name="a"),
                          layers.Dense(2, name="b")])
original = h5py.Group.create_dataset
def slow_create_dataset(self, *args, **kwargs):
    out = original(self, *args, **kwargs)
    open(marker, "w").close()
    time.sleep(60)
    return out
h5py.Group.create_dataset = slow_create_dataset
if path.endswith(".weights.h5"):
    model.save_weights(path)
else:
    model.save(path)
"""


@pytest.mark.parametrize("name", ["m.keras", "m.h5", "w.weights.h5"])
def test_killed_save_keeps_previous_file(tmp_path, name):
    x, _ = data()
    model = sequential()
    randomize(model)
    path = tmp_path / name
    if name.endswith(".weights.h5"):
        model.save_weights(path)
    else:
        model.save(path)
    before = path.read_bytes()
    marker = tmp_path / "started"
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(marker)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 120
        while not marker.exists():
            if child.poll() is not None:
                pytest.fail("child exited before writing: " + child.stderr.read().decode()[-2000:])
            if time.time() > deadline:
                pytest.fail("child did not start writing within 120 s")
            time.sleep(0.05)
        child.kill()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stderr.close()
    assert path.read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in (name, "started")]
    assert all(p.endswith(".tmp") for p in leftovers)  # only the killed writer's temp file
    if name.endswith(".weights.h5"):
        other = sequential(seed=2)
        other.load_weights(path)
        restored = other
    else:
        restored = models.load_model(path)
    np.testing.assert_allclose(np.asarray(restored.predict(x, verbose=0)),
                               np.asarray(model.predict(x, verbose=0)), atol=1e-6)


def test_failed_save_removes_temp_file(tmp_path, monkeypatch):
    import h5py

    model = sequential()
    model.save(tmp_path / "m.keras")
    before = (tmp_path / "m.keras").read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(h5py.Group, "create_dataset", boom)
    with pytest.raises(OSError, match="disk full"):
        model.save(tmp_path / "m.h5")
    with pytest.raises(OSError, match="disk full"):
        model.save(tmp_path / "m.keras")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.keras"]
    assert (tmp_path / "m.keras").read_bytes() == before
