"""The .keras zip: layout, round trips, compile state and resumed training."""

import json
import zipfile

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, models, saving
from tests.saving._models import data, mlp, randomize, sequential


def _predict(model, x):
    return np.asarray(model.predict(x, verbose=0))


def test_zip_members_and_weights_layout(tmp_path):
    model = mlp()
    randomize(model)
    path = tmp_path / "m.keras"
    model.save(path)
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["config.json", "metadata.json", "model.weights.h5"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        assert zf.testzip() is None  # every member's CRC checks out
        config = json.loads(zf.read("config.json"))
        meta = json.loads(zf.read("metadata.json"))
        zf.extract("model.weights.h5", tmp_path)
    assert config["class_name"] == "Functional"
    assert config["module"] == "keras.src.models.functional"
    assert [lay["class_name"] for lay in config["config"]["layers"]] == [
        "InputLayer", "Dense", "BatchNormalization", "Dense"]
    assert meta["keras_version"].startswith("3.")
    with h5py.File(tmp_path / "model.weights.h5", "r") as f:
        assert f["vars"].attrs["name"] == "mlp"
        assert f["layers/dense/vars"].attrs["name"] == "d1"
        assert f["layers/dense_1/vars"].attrs["name"] == "d2"
        assert f["layers/input_layer/vars"].attrs["name"] == "x"
        bn = f["layers/batch_normalization/vars"]
        assert sorted(bn.keys()) == ["0", "1", "2", "3"]
        np.testing.assert_array_equal(bn["2"][()], model.get_layer("bn").moving_mean.numpy())
        np.testing.assert_array_equal(f["layers/dense/vars/0"][()],
                                      model.get_layer("d1").kernel.numpy())
        assert "optimizer" not in f


def test_round_trip_functional_and_sequential(tmp_path):
    x, _ = data()
    for build in (mlp, sequential):
        model = build()
        randomize(model)
        model.save(tmp_path / "m.keras")
        restored = models.load_model(tmp_path / "m.keras")
        assert type(restored).__name__ == type(model).__name__
        assert [lay.name for lay in restored.layers] == [lay.name for lay in model.layers]
        np.testing.assert_allclose(_predict(restored, x), _predict(model, x), atol=1e-6)
        restored2 = saving.load_model(str(tmp_path / "m.keras"))
        np.testing.assert_allclose(_predict(restored2, x), _predict(model, x), atol=1e-6)


def test_save_model_function_and_overwrite(tmp_path):
    model = sequential()
    path = tmp_path / "m.keras"
    saving.save_model(model, path)
    with pytest.raises(FileExistsError, match="overwrite=False"):
        saving.save_model(model, path, overwrite=False)
    assert models.load_model(path).count_params() == model.count_params()


def test_compile_state_restored_and_training_resumes_exactly(tmp_path):
    x, y = data(32)
    model = mlp()
    model.compile(optimizer=kerasx.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    model.save(tmp_path / "c.keras")
    restored = models.load_model(tmp_path / "c.keras")
    assert restored.compiled
    assert type(restored.optimizer).__name__ == "Adam"
    np.testing.assert_allclose(float(restored.optimizer.learning_rate.numpy()), 0.01, rtol=1e-6)
    assert int(restored.optimizer.iterations.numpy()) == 8
    for a, b in zip(restored.optimizer.variables, model.optimizer.variables):
        np.testing.assert_array_equal(np.asarray(a.numpy()), np.asarray(b.numpy()))
    h1 = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history
    h2 = restored.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history
    np.testing.assert_allclose(h2["loss"], h1["loss"], rtol=1e-5)
    np.testing.assert_allclose(h2["mae"], h1["mae"], rtol=1e-5)


def test_compile_config_matches_keras_keys(tmp_path):
    model = sequential()
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    config = model.get_compile_config()
    assert set(config) == {"optimizer", "loss", "loss_weights", "metrics", "weighted_metrics",
                           "run_eagerly", "steps_per_execution", "jit_compile"}
    assert config["optimizer"]["class_name"] == "SGD"
    assert config["loss"] == "mse" and config["metrics"] == ["mae"]


def test_load_model_compile_false(tmp_path):
    model = sequential()
    model.compile(optimizer="adam", loss="mse")
    model.save(tmp_path / "m.keras")
    restored = models.load_model(tmp_path / "m.keras", compile=False)
    assert not restored.compiled


def test_subclassed_layer_paths_follow_attributes(tmp_path):
    @saving.register_keras_serializable(package="kx_test")
    class Block(layers.Layer):
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.inner = layers.Dense(units)
            self._private = layers.Dense(units)

        def call(self, x):
            return self._private(self.inner(x))

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    inp = kerasx.Input((4,))
    model = kerasx.Model(inp, Block(name="blk")(inp))
    x, _ = data()
    model.save(tmp_path / "b.keras")
    with zipfile.ZipFile(tmp_path / "b.keras") as zf:
        zf.extract("model.weights.h5", tmp_path)
        config = json.loads(zf.read("config.json"))
    assert config["config"]["layers"][1]["registered_name"] == "kx_test>Block"
    with h5py.File(tmp_path / "model.weights.h5", "r") as f:
        assert "layers/block/inner/vars/0" in f
        assert "layers/block/_private/vars/0" in f
    restored = models.load_model(tmp_path / "b.keras")
    np.testing.assert_allclose(_predict(restored, x), _predict(model, x), atol=1e-6)


@pytest.mark.parametrize("config_size", [10, 3000, 66000, 200000])
def test_inplace_zip_writer_any_config_size(tmp_path, config_size):
    """The user-block zip is valid for small and large configs (padding branch included)."""
    import io

    from kerasx.saving import zip_inplace
    config = json.dumps({"k": "x" * config_size}).encode()
    members = [("metadata.json", b"{}"), ("config.json", config)]
    prefix, entries, block, dos = zip_inplace.userblock_layout(members, "model.weights.h5")
    path = tmp_path / "a.keras"
    with h5py.File(path, "w", userblock_size=block) as f:
        f.create_dataset("vars/0", data=np.arange(1000.0))
    with open(path, "r+b") as fileobj:
        zip_inplace.finish_archive(fileobj, prefix, entries, block, dos, "model.weights.h5")
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert json.loads(zf.read("config.json")) == {"k": "x" * config_size}
        with h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r") as f:
            np.testing.assert_array_equal(f["vars/0"][()], np.arange(1000.0))
    with h5py.File(path, "r") as f:  # read in place, as load_model does for kerasx files
        np.testing.assert_array_equal(f["vars/0"][()], np.arange(1000.0))
