"""ModelCheckpoint and BackupAndRestore with every supported file format."""

import numpy as np
import pytest

import kerasx
from kerasx import callbacks, models
from tests.saving._models import data, mlp


@pytest.mark.parametrize("fname,weights_only", [
    ("ckpt-{epoch:02d}.keras", False), ("ckpt-{epoch:02d}.weights.h5", True),
    ("ckpt-{epoch:02d}.h5", False), ("ckpt-{epoch:02d}.hdf5", True)])
def test_model_checkpoint_formats(tmp_path, fname, weights_only):
    x, y = data(32)
    model = mlp()
    model.compile(optimizer="adam", loss="mse")
    cb = callbacks.ModelCheckpoint(str(tmp_path / fname), save_weights_only=weights_only)
    model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[cb])
    last = tmp_path / fname.format(epoch=2)
    assert (tmp_path / fname.format(epoch=1)).exists() and last.exists()
    if weights_only:
        restored = mlp(seed=11)
        restored.load_weights(last)
    else:
        restored = models.load_model(last)
        assert int(restored.optimizer.iterations.numpy()) == 8
    np.testing.assert_allclose(np.asarray(restored.predict(x, verbose=0)),
                               np.asarray(model.predict(x, verbose=0)), atol=1e-6)


def test_backup_and_restore_resumes(tmp_path):
    x, y = data(32)

    class Interrupt(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                raise RuntimeError("interrupted")

    reference = mlp()
    reference.compile(optimizer=kerasx.optimizers.SGD(0.05), loss="mse")
    full = reference.fit(x, y, epochs=4, batch_size=8, shuffle=False, verbose=0).history["loss"]

    model = mlp()
    model.compile(optimizer=kerasx.optimizers.SGD(0.05), loss="mse")
    backup = callbacks.BackupAndRestore(str(tmp_path / "bk"))
    with pytest.raises(RuntimeError, match="interrupted"):
        model.fit(x, y, epochs=4, batch_size=8, shuffle=False, verbose=0,
                  callbacks=[backup, Interrupt()])
    resumed = mlp(seed=5)
    resumed.compile(optimizer=kerasx.optimizers.SGD(0.05), loss="mse")
    hist = resumed.fit(x, y, epochs=4, batch_size=8, shuffle=False, verbose=0,
                       callbacks=[callbacks.BackupAndRestore(str(tmp_path / "bk"))])
    np.testing.assert_allclose(hist.history["loss"], full[-len(hist.history["loss"]):], rtol=1e-5)
    np.testing.assert_allclose(np.asarray(resumed.predict(x, verbose=0)),
                               np.asarray(reference.predict(x, verbose=0)), atol=1e-5)
