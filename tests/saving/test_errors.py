"""Bad input: corrupted files, files without a model, mismatches, unknown classes/extensions."""

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, models, saving
from tests.saving._models import randomize, sequential


def test_truncated_and_corrupted_keras_file(tmp_path):
    model = sequential()
    model.save(tmp_path / "m.keras")
    raw = (tmp_path / "m.keras").read_bytes()
    (tmp_path / "t.keras").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ValueError, match="truncated or corrupted"):
        models.load_model(tmp_path / "t.keras")
    (tmp_path / "g.keras").write_bytes(b"this is not a zip file at all" * 10)
    with pytest.raises(ValueError, match="not a valid zip"):
        models.load_model(tmp_path / "g.keras")


def test_truncated_h5(tmp_path):
    model = sequential()
    model.save(tmp_path / "m.h5")
    raw = (tmp_path / "m.h5").read_bytes()
    (tmp_path / "t.h5").write_bytes(raw[: len(raw) // 3])
    with pytest.raises(ValueError, match="truncated or corrupted"):
        models.load_model(tmp_path / "t.h5")
    with pytest.raises(ValueError, match="truncated or corrupted"):
        model.load_weights(tmp_path / "t.h5")


def test_hdf5_without_model(tmp_path):
    with h5py.File(tmp_path / "empty.h5", "w") as f:
        f.create_dataset("data", data=np.zeros(3))
    with pytest.raises(ValueError, match="holds no model"):
        models.load_model(tmp_path / "empty.h5")
    with pytest.raises(ValueError, match="holds no model weights"):
        sequential().load_weights(tmp_path / "empty.h5")
    sequential().save_weights(tmp_path / "w.h5")
    with pytest.raises(ValueError, match="holds no model.*load_weights"):
        models.load_model(tmp_path / "w.h5")


def test_mismatched_architecture_names_layer_and_shapes(tmp_path):
    small = sequential(units=5)
    small.save_weights(tmp_path / "w.weights.h5")
    small.save_weights(tmp_path / "w.h5")
    big = sequential(units=8)
    with pytest.raises(ValueError, match=r"layer 'a'.*\(4, 8\).*\(4, 5\)"):
        big.load_weights(tmp_path / "w.weights.h5")
    with pytest.raises(ValueError, match=r"'a'.*\(4, 8\).*\(4, 5\)"):
        big.load_weights(tmp_path / "w.h5")


def test_failed_load_weights_leaves_weights_unchanged(tmp_path):
    # The first layer matches and the second does not: nothing may be assigned.
    kerasx.utils.set_random_seed(0)
    src = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(5, name="a"),
                             layers.Dense(2, name="b")])
    randomize(src)
    src.save_weights(tmp_path / "w.weights.h5")
    src.save_weights(tmp_path / "w.h5")
    kerasx.utils.set_random_seed(1)
    dst = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(5, name="a"),
                             layers.Dense(3, name="b")])
    before = dst.get_weights()
    for name in ("w.weights.h5", "w.h5"):
        with pytest.raises(ValueError, match="'b'"):
            dst.load_weights(tmp_path / name)
        for w0, w1 in zip(before, dst.get_weights()):
            np.testing.assert_array_equal(w0, w1)


def test_missing_custom_class_names_it_and_how_to_register(tmp_path):
    class Doubler(layers.Layer):
        def call(self, x):
            return x * 2.0

    inp = kerasx.Input((3,))
    model = kerasx.Model(inp, Doubler(name="dbl")(inp))
    model.save(tmp_path / "c.keras")
    with pytest.raises(ValueError, match=r"Doubler.*register_keras_serializable"):
        models.load_model(tmp_path / "c.keras")
    restored = models.load_model(tmp_path / "c.keras", custom_objects={"Doubler": Doubler})
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(np.asarray(restored.predict(x, verbose=0)), 2 * x)
    with saving.custom_object_scope({"Doubler": Doubler}):
        assert models.load_model(tmp_path / "c.keras").layers[-1].name == "dbl"


def test_register_keras_serializable_and_lookups(tmp_path):
    @kerasx.utils.register_keras_serializable(package="kx_err_test")
    class Tripler(layers.Layer):
        def call(self, x):
            return x * 3.0

    assert saving.get_registered_name(Tripler) == "kx_err_test>Tripler"
    assert saving.get_registered_object("kx_err_test>Tripler") is Tripler
    inp = kerasx.Input((3,))
    kerasx.Model(inp, Tripler()(inp)).save(tmp_path / "t.keras")
    restored = models.load_model(tmp_path / "t.keras")
    x = np.ones((1, 3), "float32")
    np.testing.assert_allclose(np.asarray(restored.predict(x, verbose=0)), 3 * x)


@pytest.mark.parametrize("fn", ["save", "save_weights"])
def test_unknown_extension(tmp_path, fn):
    model = sequential()
    with pytest.raises(ValueError, match="extension|must end in"):
        getattr(model, fn)(tmp_path / "m.pkl")
    assert not (tmp_path / "m.pkl").exists()


def test_unknown_extension_on_load(tmp_path):
    (tmp_path / "m.txt").write_text("hello")
    with pytest.raises(ValueError, match="unsupported file extension"):
        models.load_model(tmp_path / "m.txt")
    with pytest.raises(ValueError, match="unsupported file extension"):
        sequential().load_weights(tmp_path / "m.txt")
    with pytest.raises(FileNotFoundError):
        models.load_model(tmp_path / "missing.keras")


def test_save_weights_rejects_keras_extension(tmp_path):
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        sequential().save_weights(tmp_path / "m.keras")


def test_safe_mode_blocks_lambda_bytecode(tmp_path):
    inp = kerasx.Input((3,))
    model = kerasx.Model(inp, layers.Lambda(lambda t: t * 5.0, name="lam")(inp))
    model.save(tmp_path / "l.keras")
    model.save(tmp_path / "l.h5")
    for name in ("l.keras", "l.h5"):
        with pytest.raises(ValueError, match=r"safe_mode=False.*enable_unsafe_deserialization"):
            models.load_model(tmp_path / name)
        restored = models.load_model(tmp_path / name, safe_mode=False)
        x = np.ones((1, 3), "float32")
        np.testing.assert_allclose(np.asarray(restored.predict(x, verbose=0)), 5 * x)


def test_no_pickle_in_saving_code():
    import inspect

    from kerasx.saving import keras3_layout, keras_zip, legacy_h5, saving_api
    for mod in (keras3_layout, keras_zip, legacy_h5, saving_api):
        src = inspect.getsource(mod)
        assert "pickle" not in src and "allow_pickle=True" not in src
