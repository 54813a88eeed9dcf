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


def _open_fds():
    return set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None


def _wait_closed(fds_before, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if _open_fds() <= fds_before:
            return True
        time.sleep(0.01)
    return False


@pytest.mark.skipif(os.name != "posix", reason="the replaced file is held open on POSIX only")
def test_replaced_large_file_is_released_by_a_helper_thread(tmp_path, monkeypatch):
    from kerasx.saving import atomic

    monkeypatch.setattr(atomic, "RELEASE_IN_BACKGROUND_BYTES", 1000)
    released = []
    original = atomic._close_in_background
    monkeypatch.setattr(atomic, "_close_in_background",
                        lambda fd: (released.append(fd), original(fd)))
    path = tmp_path / "big.bin"
    path.write_bytes(b"old" * 1000)
    fds = _open_fds()
    with atomic.atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(b"new" * 10)
    assert path.read_bytes() == b"new" * 10
    assert len(released) == 1
    if fds is not None:
        assert _wait_closed(fds)  # the old file's descriptor does not leak
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bin"]


@pytest.mark.skipif(os.name != "posix", reason="the replaced file is held open on POSIX only")
def test_small_linked_or_missing_targets_are_replaced_inline(tmp_path, monkeypatch):
    from kerasx.saving import atomic

    released = []
    monkeypatch.setattr(atomic, "_close_in_background", released.append)
    small = tmp_path / "small.bin"
    small.write_bytes(b"x" * 10)
    monkeypatch.setattr(atomic, "RELEASE_IN_BACKGROUND_BYTES", 1000)
    for target in (small, tmp_path / "missing.bin"):
        with atomic.atomic_path(target) as tmp:
            with open(tmp, "wb") as f:
                f.write(b"y")
        assert target.read_bytes() == b"y"
    linked = tmp_path / "linked.bin"
    linked.write_bytes(b"z" * 5000)
    os.link(linked, tmp_path / "other_name.bin")  # the rename does not free this file
    with atomic.atomic_path(linked) as tmp:
        with open(tmp, "wb") as f:
            f.write(b"w")
    assert linked.read_bytes() == b"w"
    assert (tmp_path / "other_name.bin").read_bytes() == b"z" * 5000
    assert released == []


def test_replacing_a_folder_fails_and_leaves_nothing_behind(tmp_path, monkeypatch):
    from kerasx.saving import atomic

    monkeypatch.setattr(atomic, "RELEASE_IN_BACKGROUND_BYTES", 0)
    folder = tmp_path / "m.keras"
    folder.mkdir()
    fds = _open_fds()
    model = sequential()
    with pytest.raises(OSError):
        model.save(folder)
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["m.keras"]
    if fds is not None:
        assert _wait_closed(fds)


def test_a_reader_of_the_old_file_keeps_reading_it(tmp_path, monkeypatch):
    # Holding the replaced file open must not change what a reader that had it open sees.
    from kerasx.saving import atomic

    monkeypatch.setattr(atomic, "RELEASE_IN_BACKGROUND_BYTES", 0)
    model = sequential()
    randomize(model)
    path = tmp_path / "w.weights.h5"
    model.save_weights(path)
    first = path.read_bytes()
    with open(path, "rb") as reader:
        randomize(model, seed=4)
        model.save_weights(path)
        assert reader.read() == first
    assert path.read_bytes() != first
    other = sequential(seed=3)
    other.load_weights(path)
    for a, b in zip(model.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)
