"""Loads read large contiguous datasets with parallel positioned reads (h5_io).

They are read once every shape is checked (``read_all``). The threshold is lowered
so that small test models take this path, with pieces that split arrays mid-element;
results must equal the saved weights for every format, and a short read must fail
cleanly with the model unchanged.
"""

import os

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import models
from kerasx.saving import h5_io
from tests.saving._models import randomize, sequential


@pytest.fixture
def parallel(monkeypatch):
    """Forces the parallel path and counts its calls."""
    calls = []
    original = h5_io._start_reads

    def counting(fd, filename, ranges):
        calls.append(len({name for name, _, _ in ranges}))  # datasets read this way
        return original(fd, filename, ranges)

    monkeypatch.setattr(h5_io, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(h5_io, "_PIECE_BYTES", 1001)  # not a multiple of any itemsize
    monkeypatch.setattr(h5_io, "_workers", lambda: 2)
    monkeypatch.setattr(h5_io, "_start_reads", counting)
    return calls


def _model(seed):
    m = sequential()
    randomize(m, seed)
    return m


@pytest.mark.parametrize("ext", [".keras", ".weights.h5", ".h5", "legacy"])
def test_parallel_read_gives_the_saved_weights(ext, parallel, tmp_path):
    src = _model(0)
    path = str(tmp_path / ("m.h5" if ext == "legacy" else "m" + ext))
    if ext in (".weights.h5", "legacy"):
        src.save_weights(path)
        dst = _model(1)
        assert not all(np.array_equal(a, b) for a, b in zip(src.get_weights(), dst.get_weights()))
        dst.load_weights(path)
    else:
        src.save(path)
        dst = models.load_model(path)
    assert parallel and sum(parallel) >= len(src.weights)  # every weight took the path
    for a, b in zip(src.get_weights(), dst.get_weights()):
        np.testing.assert_array_equal(a, b)
    x = np.linspace(-1, 1, 2 * src.input_shape[-1], dtype="float32").reshape(2, -1)
    np.testing.assert_allclose(dst.predict(x, verbose=0), src.predict(x, verbose=0), atol=1e-6)


def test_short_read_raises_and_leaves_the_model_unchanged(parallel, tmp_path, monkeypatch):
    src, dst = _model(0), _model(1)
    path = str(tmp_path / "m.weights.h5")
    src.save_weights(path)
    before = dst.get_weights()
    real = os.preadv
    seen = []

    def failing(fd, buffers, offset):
        seen.append(offset)
        if len(seen) >= 2:  # the second worker's reads find the end of the file early
            return 0
        return real(fd, buffers, offset)

    monkeypatch.setattr(h5_io.os, "preadv", failing)
    with pytest.raises(ValueError, match="truncated or damaged"):
        dst.load_weights(path)
    for a, b in zip(before, dst.get_weights()):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("ext", [".keras", ".weights.h5"])
def test_small_loads_keep_the_h5py_path(ext, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(h5_io, "_start_reads", lambda *a: calls.append(a))
    src, dst = _model(0), _model(1)
    path = str(tmp_path / ("m" + ext))
    if ext == ".keras":
        src.save(path)
        dst = models.load_model(path)
    else:
        src.save_weights(path)
        dst.load_weights(path)
    assert calls == []
    for a, b in zip(src.get_weights(), dst.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_parallel_path_reads_only_datasets_that_fit_the_variable(parallel, tmp_path):
    # A float64 dataset for a float32 variable is read and converted the general way;
    # the float32 one is read in parallel into a buffer the variable adopts.
    path = str(tmp_path / "w.h5")
    a, b = np.arange(12.0).reshape(3, 4) / 7, np.arange(6, dtype="float32") - 2.5
    with h5py.File(path, "w") as f:
        f.create_dataset("a", data=a)
        f.create_dataset("b", data=b)
    va = kerasx.Variable(np.zeros((3, 4), "float32"), name="va")
    vb = kerasx.Variable(np.zeros((6,), "float32"), name="vb")
    with h5py.File(path, "r") as f:
        out = h5_io.read_all([(va, f["a"]), (vb, f["b"])])
    assert parallel == [1]  # one dataset took the parallel path
    assert not isinstance(out[0][1], h5_io.Loaded) and isinstance(out[1][1], h5_io.Loaded)
    h5_io.assign_pairs(out)
    np.testing.assert_allclose(va.numpy(), a.astype("float32"))
    np.testing.assert_array_equal(vb.numpy(), b)


def test_optimizer_state_is_read_only_when_compiling(parallel, tmp_path):
    src = _model(0)
    src.compile(optimizer="adam", loss="mse")
    x = np.ones((4, src.input_shape[-1]), "float32")
    src.fit(x, np.zeros((4,) + tuple(src.output_shape[1:]), "float32"), epochs=1, verbose=0)
    path = str(tmp_path / "m.keras")
    src.save(path)
    models.load_model(path, compile=False)
    n_without = sum(parallel)
    parallel.clear()
    models.load_model(path)
    assert sum(parallel) > n_without == len(src.weights)
