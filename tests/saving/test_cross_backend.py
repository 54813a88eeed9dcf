"""A .keras file saved on any backend loads on every other one with the same predictions
and the same continued-training loss trajectory (every ordered pair of backends)."""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_FRAMEWORK = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}
BACKENDS = [b for b, mod in _FRAMEWORK.items() if importlib.util.find_spec(mod) is not None]


def _run(backend, *args):
    env = dict(os.environ, KERASX_BACKEND=backend,
               PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "tests.saving._cross_backend_worker", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise AssertionError(f"{backend} worker {args[0]} failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xbackend")
    for backend in BACKENDS:
        _run(backend, "save", str(folder))
    return folder


@pytest.mark.parametrize("loader", BACKENDS)
def test_load_every_backends_file(saved, loader):
    out = _run(loader, "load", str(saved), *BACKENDS)
    results = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert sorted(r["saved_by"] for r in results) == sorted(BACKENDS)
    for r in results:
        pair = f"saved by {r['saved_by']}, loaded by {r['loaded_by']}"
        assert r["pred_err"] <= 1e-5, pair
        np.testing.assert_allclose(r["losses"], r["ref_losses"], rtol=1e-4, atol=1e-6,
                                   err_msg=pair)
