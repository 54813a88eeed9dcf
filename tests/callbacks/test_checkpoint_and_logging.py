import csv
import os

import numpy as np
import pytest

from kerasx.callbacks import CSVLogger, ModelCheckpoint


def test_checkpoint_save_best_only_keeps_best(tmp_path, fake_model, fit, capsys):
    path = str(tmp_path / "best.keras")
    model = fake_model()
    cb = ModelCheckpoint(path, monitor="val_loss", save_best_only=True, verbose=1)
    fit(model, [cb], [{"val_loss": v} for v in [0.5, 0.7, 0.3, 0.4]])
    assert [e[0] for e in model.saved] == ["model", "model"]
    # the last save holds the weights of epoch 2 (weights are epoch + 1)
    np.testing.assert_array_equal(model.saved[-1][2][0], np.full((2, 2), 3.0))
    assert cb.best == 0.3
    out = capsys.readouterr().out
    assert "Epoch 2: val_loss did not improve from 0.50000" in out
    assert "Epoch 3: val_loss improved from 0.50000 to 0.30000, saving model to" in out


def test_checkpoint_template_weights_only_and_max_mode(tmp_path, fake_model, fit):
    template = str(tmp_path / "sub" / "weights.{epoch:02d}-{val_acc:.2f}.hdf5")
    model = fake_model()
    cb = ModelCheckpoint(template, monitor="val_acc", save_best_only=True,
                         save_weights_only=True)
    fit(model, [cb], [{"val_acc": v} for v in [0.5, 0.4, 0.8]])
    names = sorted(os.listdir(tmp_path / "sub"))
    assert names == ["weights.01-0.50.hdf5", "weights.03-0.80.hdf5"]
    assert {e[0] for e in model.saved} == {"weights"}


def test_checkpoint_every_epoch_batch_freq_and_threshold(tmp_path, fake_model, fit):
    model = fake_model()
    fit(model, [ModelCheckpoint(str(tmp_path / "m{epoch}.keras"))], [{"loss": 1.0}] * 3)
    assert sorted(os.listdir(tmp_path)) == ["m1.keras", "m2.keras", "m3.keras"]
    model = fake_model()
    cb = ModelCheckpoint(str(tmp_path / "b{epoch}-{batch}.weights.h5"), save_freq=3,
                         save_weights_only=True)
    fit(model, [cb], [{"loss": 1.0}] * 2, steps=4)
    assert [os.path.basename(e[1]) for e in model.saved] == ["b1-3.weights.h5",
                                                             "b2-2.weights.h5"]
    model = fake_model()
    cb = ModelCheckpoint(str(tmp_path / "t.keras"), save_best_only=True,
                         initial_value_threshold=0.2)
    fit(model, [cb], [{"val_loss": v} for v in [0.5, 0.3, 0.1]])
    assert len(model.saved) == 1


def test_checkpoint_bad_arguments(tmp_path, fake_model, fit):
    with pytest.raises(ValueError, match="save_freq"):
        ModelCheckpoint("x.keras", save_freq="sometimes")
    with pytest.raises(KeyError, match="val_f1"):
        fit(fake_model(), [ModelCheckpoint(str(tmp_path / "{val_f1}.keras"))], [{"loss": 1}])
    with pytest.warns(UserWarning, match="Can save best model only with val_loss available"):
        fit(fake_model(), [ModelCheckpoint(str(tmp_path / "a.keras"), save_best_only=True)],
            [{"loss": 1.0}])


def test_csv_logger_content_and_append(tmp_path, fake_model, fit):
    path = str(tmp_path / "log.csv")
    logs = [{"loss": 0.5, "accuracy": 0.75}, {"loss": 0.25, "accuracy": 0.875}]
    fit(fake_model(), [CSVLogger(path)], logs)
    with open(path) as f:
        assert f.read().splitlines() == ["epoch,accuracy,loss", "0,0.75,0.5", "1,0.875,0.25"]
    fit(fake_model(), [CSVLogger(path, separator=";", append=True)], logs[:1])
    with open(path) as f:
        rows = list(csv.reader(f))
    assert rows[-1] == ["0;0.75;0.5"] and len(rows) == 4  # no second header
    fit(fake_model(), [CSVLogger(path)], logs[1:])
    with open(path) as f:
        assert f.read().splitlines() == ["epoch,accuracy,loss", "0,0.875,0.25"]


def test_csv_logger_reserves_val_columns_when_validating(tmp_path, fake_model):
    from kerasx.callbacks import CallbackList
    path = str(tmp_path / "v.csv")
    cbs = CallbackList([CSVLogger(path)], model=fake_model(), epochs=2, do_validation=True)
    cbs.on_train_begin()
    cbs.on_epoch_end(0, {"loss": 1.0})
    cbs.on_epoch_end(1, {"loss": 0.5, "val_loss": np.float32(0.75)})
    cbs.on_train_end()
    with open(path) as f:
        assert f.read().splitlines() == ["epoch,loss,val_loss", "0,1.0,NA", "1,0.5,0.75"]
