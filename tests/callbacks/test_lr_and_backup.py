import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kerasx
from kerasx.callbacks import BackupAndRestore, LearningRateScheduler, ReduceLROnPlateau


def test_learning_rate_scheduler_both_signatures(fake_model, fit, capsys):
    model = fake_model(learning_rate=0.1)
    seen = []

    def schedule(epoch, lr):
        seen.append(lr)
        return lr * 0.5

    history, _ = fit(model, [LearningRateScheduler(schedule, verbose=1)], [{"loss": 1.0}] * 3)
    np.testing.assert_allclose(seen, [0.1, 0.05, 0.025])
    np.testing.assert_allclose(history.history["learning_rate"], [0.05, 0.025, 0.0125])
    assert "Epoch 1: LearningRateScheduler setting learning rate to 0.05." in capsys.readouterr().out
    model = fake_model()
    fit(model, [LearningRateScheduler(lambda epoch: 1.0 / (epoch + 1))], [{"loss": 1.0}] * 4)
    assert model.optimizer.learning_rate == pytest.approx(0.25)


def test_learning_rate_scheduler_updates_a_variable_learning_rate(fake_model, fit):
    model = fake_model()
    lr = kerasx.Variable(np.float32(0.1), name="learning_rate", trainable=False)

    class Opt:
        @property
        def learning_rate(self):
            return lr

        @learning_rate.setter
        def learning_rate(self, value):
            lr.assign(np.float32(value))

    model.optimizer = Opt()
    fit(model, [LearningRateScheduler(lambda e, cur: cur * 0.1)], [{"loss": 1.0}] * 2)
    assert float(np.asarray(lr)) == pytest.approx(0.001, rel=1e-5)


def test_learning_rate_scheduler_rejects_bad_outputs(fake_model, fit):
    with pytest.raises(ValueError, match="should be a float"):
        fit(fake_model(), [LearningRateScheduler(lambda e: "fast")], [{"loss": 1.0}])
    model = fake_model()
    model.optimizer = None
    with pytest.raises(ValueError, match="learning_rate"):
        fit(model, [LearningRateScheduler(lambda e: 0.1)], [{"loss": 1.0}])


def test_reduce_lr_on_plateau(fake_model, fit, capsys):
    model = fake_model(learning_rate=1.0)
    cb = ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2, cooldown=2,
                           min_lr=0.2, verbose=1)
    losses = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    history, _ = fit(model, [cb], [{"val_loss": v} for v in losses])
    # reductions after epochs 2, 5 and 8 (cooldown counts down before patience), floored
    np.testing.assert_allclose(history.history["learning_rate"],
                               [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25])
    assert model.optimizer.learning_rate == pytest.approx(0.2)
    assert "Epoch 3: ReduceLROnPlateau reducing learning rate to 0.5." in capsys.readouterr().out
    model = fake_model(learning_rate=1.0)
    fit(model, [ReduceLROnPlateau(monitor="val_loss", patience=1)],
        [{"val_loss": v} for v in [1.0, 0.9, 0.8, 0.7]])
    assert model.optimizer.learning_rate == 1.0  # always improving: never reduced
    with pytest.raises(ValueError, match="factor"):
        ReduceLROnPlateau(factor=1.5)


def test_backup_and_restore_in_process(tmp_path, fake_model, fit):
    opt_vars = [kerasx.Variable(np.zeros(3, "float32"), trainable=False, name="m")]
    model = fake_model(optimizer_variables=opt_vars)
    backup = BackupAndRestore(str(tmp_path / "bk"), delete_checkpoint=False)
    fit(model, [backup], [{"loss": 1.0}] * 2)
    assert os.path.exists(backup.backup_path)
    opt_vars[0].assign(np.ones(3, "float32"))
    # A new run restores epoch-2 weights and optimizer state and resumes at epoch 2.
    fresh_vars = [kerasx.Variable(np.zeros(3, "float32"), trainable=False, name="m")]
    model2 = fake_model(optimizer_variables=fresh_vars)
    history, last = fit(model2, [BackupAndRestore(str(tmp_path / "bk"))], [{"loss": 1.0}] * 4)
    assert history.epoch == [2, 3] and last == 3
    np.testing.assert_array_equal(np.asarray(fresh_vars[0]), np.zeros(3))
    assert not os.path.exists(tmp_path / "bk")  # deleted after a successful run


def test_backup_and_restore_after_killed_subprocess(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys
        import numpy as np
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        from conftest import FakeModel
        from kerasx.callbacks import BackupAndRestore, CallbackList, Callback
        import kerasx

        class Killer(Callback):
            def on_epoch_begin(self, epoch, logs=None):
                if epoch == int(sys.argv[1]):
                    os._exit(17)   # killed mid-training: no cleanup runs

        opt = [kerasx.Variable(np.zeros(2, "float32"), trainable=False)]
        model = FakeModel(optimizer_variables=opt)
        backup = BackupAndRestore({str(tmp_path / "bk")!r})
        cbs = CallbackList([backup, Killer()], add_history=True, model=model)
        cbs.on_train_begin()
        start = backup._initial_epoch
        print("start", start, "w", float(model.weights[0][0, 0]), "opt", float(np.asarray(opt[0])[0]))
        for epoch in range(start, 5):
            cbs.on_epoch_begin(epoch)
            model.weights = [w + 1 for w in model.weights]
            opt[0].assign(np.asarray(opt[0]) + 10)
            cbs.on_epoch_end(epoch, {{"loss": 1.0}})
        cbs.on_train_end()
        print("done", float(model.weights[0][0, 0]))
    """)
    path = tmp_path / "train.py"
    path.write_text(script)
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    first = subprocess.run([sys.executable, str(path), "3"], capture_output=True, text=True,
                           env=env, timeout=120)
    assert first.returncode == 17, first.stderr
    assert "start 0 w 0.0 opt 0.0" in first.stdout
    second = subprocess.run([sys.executable, str(path), "-1"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert second.returncode == 0, second.stderr
    # three epochs were completed before the kill: resume at epoch 3 with their state
    assert "start 3 w 3.0 opt 30.0" in second.stdout
    assert "done 5.0" in second.stdout
    assert not os.path.exists(tmp_path / "bk")


def test_backup_and_restore_bad_arguments():
    with pytest.raises(ValueError, match="backup_dir"):
        BackupAndRestore("")
    with pytest.raises(ValueError, match="save_freq"):
        BackupAndRestore("/tmp/x", save_freq=0)
