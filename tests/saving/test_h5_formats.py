"""Keras 2 HDF5 (whole model and weights), Keras 3 .weights.h5, and layout detection."""

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, models
from tests.saving._models import data, mlp, randomize, sequential


def _predict(model, x):
    return np.asarray(model.predict(x, verbose=0))


@pytest.mark.parametrize("ext", [".h5", ".hdf5"])
def test_legacy_full_model_layout_and_round_trip(tmp_path, ext):
    x, y = data(32)
    model = mlp()
    model.compile(optimizer=kerasx.optimizers.Adam(0.01), loss="mse")
    model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    path = tmp_path / f"m{ext}"
    model.save(path)
    with h5py.File(path, "r") as f:
        assert {"model_config", "training_config", "keras_version", "backend"} <= set(f.attrs)
        g = f["model_weights"]
        names = [n.decode() if isinstance(n, bytes) else n for n in g.attrs["layer_names"]]
        assert names == ["x", "d1", "bn", "d2"]
        wn = [n.decode() if isinstance(n, bytes) else n for n in g["bn"].attrs["weight_names"]]
        assert wn == ["bn/gamma:0", "bn/beta:0", "bn/moving_mean:0", "bn/moving_variance:0"]
        np.testing.assert_array_equal(g["d1"]["d1/kernel:0"][()],
                                      model.get_layer("d1").kernel.numpy())
        assert len(f["optimizer_weights"].attrs["weight_names"]) == len(model.optimizer.variables)
    restored = models.load_model(path)
    np.testing.assert_allclose(_predict(restored, x), _predict(model, x), atol=1e-6)
    assert int(restored.optimizer.iterations.numpy()) == 4
    h1 = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history["loss"]
    h2 = restored.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history["loss"]
    np.testing.assert_allclose(h2, h1, rtol=1e-5)


def test_keras2_weights_layout_round_trip(tmp_path):
    x, _ = data()
    model = mlp()
    randomize(model)
    model.save_weights(tmp_path / "w.h5")
    with h5py.File(tmp_path / "w.h5", "r") as f:
        assert "layer_names" in f.attrs and "top_level_model_weights" in f
    other = mlp(seed=7)
    other.load_weights(tmp_path / "w.h5")
    np.testing.assert_allclose(_predict(other, x), _predict(model, x), atol=1e-6)


def test_keras3_weights_layout_round_trip_includes_optimizer(tmp_path):
    x, y = data()
    model = mlp()
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y, epochs=1, verbose=0)
    model.save_weights(tmp_path / "w.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "r") as f:
        assert set(f.keys()) == {"layers", "optimizer", "vars"}
        assert "layer_names" not in f.attrs
    other = mlp(seed=5)
    other.compile(optimizer="adam", loss="mse")
    other.load_weights(tmp_path / "w.weights.h5")
    np.testing.assert_allclose(_predict(other, x), _predict(model, x), atol=1e-6)
    assert int(other.optimizer.iterations.numpy()) == int(model.optimizer.iterations.numpy())


def test_load_weights_from_keras_file_and_full_h5(tmp_path):
    x, _ = data()
    model = sequential()
    randomize(model)
    model.save(tmp_path / "m.keras")
    model.save(tmp_path / "m.h5")
    for name in ("m.keras", "m.h5"):
        other = sequential(seed=9)
        other.load_weights(tmp_path / name)
        np.testing.assert_allclose(_predict(other, x), _predict(model, x), atol=1e-6)


def test_by_name_and_skip_mismatch(tmp_path):
    x, _ = data()
    model = sequential()
    randomize(model)
    model.save_weights(tmp_path / "w.h5")
    # A model with the layers in a different structure but the same names.
    kerasx.utils.set_random_seed(4)
    extra = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(5, activation="tanh", name="a"),
                               layers.Dense(5, name="new"), layers.Dense(2, name="b")])
    before_new = extra.get_layer("new").get_weights()
    extra.load_weights(tmp_path / "w.h5", by_name=True)
    np.testing.assert_array_equal(extra.get_layer("a").kernel.numpy(),
                                  model.get_layer("a").kernel.numpy())
    np.testing.assert_array_equal(extra.get_layer("new").get_weights()[0], before_new[0])
    # Same names, one different shape: an error unless skip_mismatch.
    kerasx.utils.set_random_seed(4)
    wide = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(7, activation="tanh", name="a"),
                              layers.Dense(2, name="b")])
    with pytest.raises(ValueError, match=r"'a'.*\(4, 7\).*\(4, 5\)"):
        wide.load_weights(tmp_path / "w.h5", by_name=True)
    with pytest.warns(UserWarning, match="Skipping"):
        wide.load_weights(tmp_path / "w.h5", by_name=True, skip_mismatch=True)
    # "b" has matching shapes? no: its kernel is (7, 2) here vs (5, 2) in the file.
    assert wide.get_layer("b").kernel.shape == (7, 2)


def test_skip_mismatch_keras3_layout(tmp_path):
    model = sequential()
    randomize(model)
    model.save_weights(tmp_path / "w.weights.h5")
    other = sequential(units=6)
    before = other.get_layer("a").get_weights()
    with pytest.warns(UserWarning, match="Skipping"):
        other.load_weights(tmp_path / "w.weights.h5", skip_mismatch=True)
    np.testing.assert_array_equal(other.get_layer("a").get_weights()[0], before[0])


def test_to_json_model_from_json_round_trip():
    model = mlp()
    text = model.to_json()
    clone = models.model_from_json(text)
    assert [type(lay).__name__ for lay in clone.layers] == [type(lay).__name__
                                                             for lay in model.layers]
    assert [tuple(w.shape) for w in clone.weights] == [tuple(w.shape) for w in model.weights]
