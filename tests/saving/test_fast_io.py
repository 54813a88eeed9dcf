"""The copy-free saving/loading paths: adopted load buffers, placeholders, in-memory CRCs."""

import io
import os
import zipfile
import zlib

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, models
from kerasx.core.scope import StatelessScope, skip_initializers
from kerasx.core.variable import aligned_empty
from kerasx.saving import array_crc, h5_io, keras_zip, zip_inplace
from tests.saving._models import randomize, sequential


def test_region_crc_uses_known_ranges_and_ignores_invalid_ones():
    data = np.random.default_rng(0).integers(0, 256, size=50000, dtype=np.uint8).tobytes()
    f = io.BytesIO(data)
    good = [(1000, 4000, zlib.crc32(data[1000:5000])), (5000, 7, zlib.crc32(data[5000:5007]))]
    bad = [(3000, 100, 12345), (49990, 100, 1), (10, 5, 2)]  # overlapping / outside
    want = zlib.crc32(data[512:])
    assert zip_inplace.region_crc(f, 512, len(data), good) == want
    assert zip_inplace.region_crc(f, 512, len(data), good + bad) == want
    assert zip_inplace.region_crc(f, 512, len(data), []) == want
    # A wrong CRC for a valid range is trusted: that is why keras_zip spot-checks ranges.
    assert zip_inplace.region_crc(f, 512, len(data), [(1000, 4000, 0)]) != want


def test_aligned_empty_alignment_shape_and_lazy_zeros():
    for shape, dtype in [((3, 5), "float32"), ((0, 4), "int32"), ((), "float64"),
                         ((512, 1024), "float32")]:
        a = aligned_empty(shape, dtype)
        assert a.shape == shape and a.dtype == np.dtype(dtype) and a.flags.c_contiguous
        assert a.flags.writeable
        z = aligned_empty(shape, dtype, zeros=True)
        assert z.shape == shape and z.flags.writeable and not z.any()
        if a.size:  # (an empty array's data pointer means nothing)
            assert a.ctypes.data % 64 == 0 and z.ctypes.data % 64 == 0


def test_load_buffer_adopt_gives_the_values_and_stays_a_normal_variable():
    v = kerasx.Variable(np.zeros((3, 4), "float32"), name="w")
    buf = v._load_buffer()
    assert buf.shape == (3, 4) and buf.dtype == np.float32 and buf.flags.c_contiguous
    if kerasx.backend.backend() == "torch":  # wraps any NumPy array: the plain request
        assert buf.base is None
    else:  # TF and XLA take 64-byte aligned host memory without a copy
        assert buf.ctypes.data % 64 == 0
    expected = np.arange(12, dtype="float32").reshape(3, 4)
    buf[...] = expected
    address = buf.ctypes.data
    v._adopt_loaded(buf)
    del buf
    if kerasx.backend.backend() == "torch":  # adopted, not copied
        assert v.value.data_ptr() == address
    np.testing.assert_array_equal(v.numpy(), expected)
    v.assign_add(np.ones((3, 4), "float32"))
    np.testing.assert_array_equal(v.numpy(), expected + 1)
    assert v.trainable and v.dtype == "float32"


def test_adopt_falls_back_to_assign_for_other_dtypes_and_in_stateless_scope():
    v = kerasx.Variable(np.zeros((2, 2), "float32"), name="w")
    v._adopt_loaded(np.full((2, 2), 2.5, "float64"))  # not a load buffer: converted
    np.testing.assert_array_equal(v.numpy(), np.full((2, 2), 2.5, "float32"))
    assert v.dtype == "float32"
    buf = v._load_buffer()
    buf[...] = 7.0
    with StatelessScope() as scope:
        v._adopt_loaded(buf)
        np.testing.assert_array_equal(
            kerasx.ops.convert_to_numpy(scope.get_current_value(v)), np.full((2, 2), 7.0))
    np.testing.assert_array_equal(v.numpy(), np.full((2, 2), 2.5, "float32"))  # unchanged


@pytest.mark.parametrize("shape", [(3,), (600, 600)])  # small: np.zeros; large: mmap pages
def test_placeholders_are_writable_zeros(shape):
    with skip_initializers():
        v = kerasx.Variable(kerasx.initializers.RandomNormal(seed=1), shape=shape, name="p")
        c = kerasx.Variable(kerasx.initializers.Ones(), shape=(2,), dtype="int32", name="c")
    np.testing.assert_array_equal(v.numpy(), np.zeros(shape, "float32"))
    np.testing.assert_array_equal(c.numpy(), np.zeros((2,), "int32"))
    v.assign_add(np.ones(shape, "float32"))
    np.testing.assert_array_equal(v.numpy(), np.ones(shape, "float32"))


def test_numpy_view_equals_numpy():
    v = kerasx.Variable(np.arange(6, dtype="float32").reshape(2, 3), name="w")
    np.testing.assert_array_equal(v._numpy_view(), v.numpy())
    assert v._numpy_view().dtype == np.float32


def test_read_for_direct_and_general_paths(tmp_path):
    with h5py.File(tmp_path / "d.h5", "w") as f:
        f["same"] = np.arange(6, dtype="float32").reshape(2, 3)
        f["wider"] = np.arange(6, dtype="float64").reshape(2, 3) / 4
        f["empty"] = np.zeros((0, 3), "float32")
    v = kerasx.Variable(np.zeros((2, 3), "float32"), name="v")
    e = kerasx.Variable(np.zeros((0, 3), "float32"), name="e")
    with h5py.File(tmp_path / "d.h5", "r") as f:
        same = h5_io.read_for(v, f["same"])
        wider = h5_io.read_for(v, f["wider"])
        empty = h5_io.read_for(e, f["empty"])
    assert isinstance(same, h5_io.Loaded) and same.shape == (2, 3)
    assert isinstance(wider, np.ndarray) and wider.dtype == np.float64
    assert isinstance(empty, np.ndarray)
    h5_io.assign_pairs([(v, same)])
    np.testing.assert_array_equal(v.numpy(), np.arange(6, dtype="float32").reshape(2, 3))
    h5_io.assign_pairs([(v, wider), (e, empty)])
    np.testing.assert_array_equal(v.numpy(), (np.arange(6) / 4).reshape(2, 3).astype("float32"))


def _wide_model():
    kerasx.utils.set_random_seed(0)
    inp = kerasx.Input((600,))
    out = layers.Dense(3, name="head")(layers.Dense(600, name="wide")(inp))  # 1.4 MB kernel
    model = kerasx.Model(inp, out, name="wide_model")
    randomize(model)
    return model


@pytest.mark.parametrize("ext", [".keras", ".h5", ".weights.h5"])
def test_round_trip_of_a_model_with_large_variables(tmp_path, ext):
    model = _wide_model()
    path = tmp_path / f"m{ext}"
    x = np.random.default_rng(2).normal(size=(3, 600)).astype("float32")
    want = np.asarray(model.predict(x, verbose=0))
    if ext == ".weights.h5":
        model.save_weights(path)
        loaded = _wide_model()
        loaded.set_weights([np.zeros(w.shape, w.dtype) for w in loaded.get_weights()])
        loaded.load_weights(path)
    else:
        model.save(path)
        loaded = models.load_model(path)
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.asarray(loaded.predict(x, verbose=0)), want, rtol=1e-5,
                               atol=1e-5)


@pytest.mark.parametrize("threaded", [True, False])  # checksum helper thread / inline
def test_keras_save_crc_from_memory_is_valid_and_used(tmp_path, monkeypatch, threaded):
    monkeypatch.setattr(array_crc, "THREAD_MIN_BYTES", 0 if threaded else 1 << 62)
    monkeypatch.setattr(array_crc, "PIECE_BYTES", 100_000)  # several pieces per kernel
    seen = []
    original = keras_zip._known_ranges

    def spy(fileobj, places, crcs):
        known = original(fileobj, places, crcs)
        seen.append((len(known), len(places)))
        return known

    monkeypatch.setattr(keras_zip, "_known_ranges", spy)
    model = _wide_model()
    path = tmp_path / "m.keras"
    model.save(path)
    assert seen and seen[0][0] == seen[0][1] == 4  # every weight's CRC came from memory
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        raw = zf.read("model.weights.h5")
    with h5py.File(io.BytesIO(raw), "r") as f:
        np.testing.assert_array_equal(_first_kernel(f), model.get_weights()[0])


def _first_kernel(f):
    found = []
    f.visititems(lambda n, o: found.append(o[()]) if isinstance(o, h5py.Dataset)
                 and o.shape == (600, 600) else None)
    return found[0]


def test_a_wrong_spot_check_falls_back_to_reading_the_file(tmp_path, monkeypatch):
    # If the claimed file range does not hold the array's bytes, it is read back instead.
    model = _wide_model()
    monkeypatch.setattr(keras_zip, "_raw_place",
                        lambda ds, arr: (ds.id.get_offset() + 8, arr.nbytes - 8, arr)
                        if arr.nbytes > 64 else None)
    path = tmp_path / "m.keras"
    model.save(path)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None


@pytest.mark.parametrize("name", ["w.weights.h5", "w.h5"])
def test_read_error_after_checks_leaves_weights_unchanged(tmp_path, monkeypatch, name):
    src = sequential()
    randomize(src)
    src.save_weights(tmp_path / name)
    dst = sequential(seed=5)
    before = dst.get_weights()
    calls = []
    original = h5_io.read_for

    def failing(variable, dataset):
        calls.append(variable)
        if len(calls) == 3:
            raise OSError("simulated read error")
        return original(variable, dataset)

    monkeypatch.setattr(h5_io, "read_for", failing)
    with pytest.raises(OSError, match="simulated"):
        dst.load_weights(tmp_path / name)
    assert len(calls) == 3
    for w0, w1 in zip(before, dst.get_weights()):
        np.testing.assert_array_equal(w0, w1)


def test_file_with_other_dtype_loads_through_the_general_path(tmp_path):
    src = sequential()
    randomize(src)
    src.save_weights(tmp_path / "w.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "r+") as f:
        kernels = []
        f.visititems(lambda n, o: kernels.append(n) if isinstance(o, h5py.Dataset) else None)
        for n in kernels:
            data = f[n][()].astype("float64")
            del f[n]
            f[n] = data
    dst = sequential(seed=5)
    dst.load_weights(tmp_path / "w.weights.h5")
    for a, b in zip(src.get_weights(), dst.get_weights()):
        np.testing.assert_array_equal(a, b)
        assert b.dtype == np.float32
    assert os.path.exists(tmp_path / "w.weights.h5")


def test_load_weights_into_a_trained_model_then_training_matches_the_source(tmp_path):
    # Adopted buffers must be what the (already traced) train/predict steps see next.
    def make(seed):
        kerasx.utils.set_random_seed(seed)
        m = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(3, name="a"),
                               layers.Dense(2, name="b")])
        m.compile(optimizer="sgd", loss="mse")
        return m

    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 4)).astype("float32")
    y = rng.normal(size=(8, 2)).astype("float32")
    src = make(0)
    src.save_weights(tmp_path / "w.weights.h5")
    dst = make(1)
    dst.fit(x, y, epochs=1, verbose=0)
    dst.predict(x, verbose=0)
    dst.load_weights(tmp_path / "w.weights.h5")
    np.testing.assert_allclose(dst.predict(x, verbose=0), src.predict(x, verbose=0), atol=1e-6)
    src.fit(x, y, epochs=1, batch_size=8, verbose=0, shuffle=False)
    dst.fit(x, y, epochs=1, batch_size=8, verbose=0, shuffle=False)
    for a, b in zip(src.get_weights(), dst.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-6)


class _Vocab(layers.Layer):
    """A layer saving a string array and a float array through save_own_variables."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.words = np.array(["alpha", "beta"], dtype=object)
        self.scale = np.full((700, 400), 0.5, "float32")  # > 1 MB

    def call(self, x):
        return x

    def save_own_variables(self, store):
        store["words"] = np.array([w.encode("utf8") for w in self.words],
                                  dtype=h5py.string_dtype("utf-8"))
        store["scale"] = self.scale

    def load_own_variables(self, store):
        self.words = np.array([w.decode("utf8") if isinstance(w, bytes) else w
                               for w in store["words"]], dtype=object)
        self.scale = np.asarray(store["scale"])


def test_custom_save_own_variables_with_strings_in_keras_file(tmp_path):
    inp = kerasx.Input((3,))
    model = kerasx.Model(inp, _Vocab(name="vocab")(inp))
    model.layers[-1].scale[0, 0] = 7.0
    model.save(tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as zf:
        assert zf.testzip() is None
    other = kerasx.Model(inp, _Vocab(name="vocab")(inp))
    other.layers[-1].words = np.array(["x"], dtype=object)
    other.load_weights(tmp_path / "m.keras")
    assert list(other.layers[-1].words) == ["alpha", "beta"]
    assert other.layers[-1].scale[0, 0] == 7.0 and other.layers[-1].scale[1, 1] == 0.5
