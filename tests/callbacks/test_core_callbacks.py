import numpy as np
import pytest

from kerasx.callbacks import (
    Callback,
    CallbackList,
    EarlyStopping,
    History,
    LambdaCallback,
    ProgbarLogger,
    TerminateOnNaN,
)


class Recorder(Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def __getattribute__(self, name):
        attr = super().__getattribute__(name)
        if name.startswith("on_") and callable(attr):
            calls = super().__getattribute__("calls")

            def wrapped(*args, **kwargs):
                calls.append(name)
                return attr(*args, **kwargs)
            return wrapped
        return attr


def test_callback_list_dispatches_every_hook_and_sets_model_params(fake_model):
    rec = Recorder()
    model = fake_model()
    cbs = CallbackList([rec], model=model, epochs=3, steps=5, verbose=0)
    assert rec.model is model and rec.params == {"epochs": 3, "steps": 5, "verbose": 0}
    hooks = ["on_train_begin", "on_epoch_begin", "on_train_batch_begin", "on_train_batch_end",
             "on_test_begin", "on_test_batch_begin", "on_test_batch_end", "on_test_end",
             "on_epoch_end", "on_train_end", "on_predict_begin", "on_predict_batch_begin",
             "on_predict_batch_end", "on_predict_end"]
    for hook in hooks:
        args = (0,) if "batch" in hook or "epoch" in hook else ()
        getattr(cbs, hook)(*args, logs={})
    assert [c for c in rec.calls if c not in ("on_batch_begin", "on_batch_end")] == hooks
    # the Keras 2 names are what the default train-batch hooks call
    assert rec.calls.count("on_batch_begin") == 1 and rec.calls.count("on_batch_end") == 1


def test_default_history_and_progbar_are_added_once():
    cbs = CallbackList([EarlyStopping()], add_history=True, add_progbar=True)
    assert isinstance(cbs.callbacks[0], ProgbarLogger)
    assert isinstance(cbs.callbacks[-1], History) and cbs.history is cbs.callbacks[-1]
    h = History()
    cbs = CallbackList([h], add_history=True)
    assert cbs.callbacks == [h]
    assert CallbackList([TerminateOnNaN()]).implements_batch_hooks("train")
    assert not CallbackList([EarlyStopping()]).implements_batch_hooks("train")
    with pytest.raises(ValueError, match="Callback instances"):
        CallbackList(["not a callback"])


def test_history_records_epochs_and_sets_model_history(fake_model, fit):
    model = fake_model()
    logs = [{"loss": np.float32(1.0 / (e + 1)), "accuracy": 0.5 + 0.1 * e} for e in range(3)]
    history, _ = fit(model, [], logs)
    assert model.history is history
    assert history.epoch == [0, 1, 2]
    np.testing.assert_allclose(history.history["loss"], [1.0, 0.5, 1 / 3], rtol=1e-6)
    assert isinstance(history.history["loss"][0], float)
    np.testing.assert_allclose(history.history["accuracy"], [0.5, 0.6, 0.7])


def test_early_stopping_stops_at_expected_epoch(fake_model, fit, capsys):
    losses = [1.0, 0.9, 0.95, 0.96, 0.97, 0.5, 0.4]
    es = EarlyStopping(monitor="val_loss", patience=2, verbose=1)
    history, last = fit(fake_model(), [es], [{"val_loss": v} for v in losses])
    assert last == 3 and es.stopped_epoch == 3 and len(history.epoch) == 4
    assert "Epoch 4: early stopping" in capsys.readouterr().out


def test_early_stopping_min_delta_mode_and_restore(fake_model, fit):
    accs = [0.5, 0.8, 0.805, 0.79, 0.81, 0.9]
    es = EarlyStopping(monitor="val_accuracy", patience=3, min_delta=0.02,
                       restore_best_weights=True)
    assert es.mode == "max"
    model = fake_model()
    _, last = fit(model, [es], [{"val_accuracy": v} for v in accs])
    # improvements of less than 0.02 do not count: best stays at epoch 1
    assert last == 4 and es.best_epoch == 1
    np.testing.assert_array_equal(model.weights[0], np.full((2, 2), 2.0))  # epoch 1 weights


def test_early_stopping_baseline_and_start_from_epoch(fake_model, fit):
    es = EarlyStopping(monitor="loss", patience=2, baseline=0.5)
    _, last = fit(fake_model(), [es], [{"loss": v} for v in [0.9, 0.95, 0.97, 0.6, 0.4]])
    assert last == 1  # epoch 0 improved but did not beat the baseline, so wait kept counting
    es = EarlyStopping(monitor="loss", patience=2, baseline=1.0)
    _, last = fit(fake_model(), [es], [{"loss": v} for v in [0.9, 0.95, 0.8, 0.85, 0.9, 0.1]])
    assert last == 4
    es = EarlyStopping(monitor="loss", patience=1, start_from_epoch=3)
    _, last = fit(fake_model(), [es], [{"loss": v} for v in [1, 2, 3, 4, 5, 6]])
    assert last == 4


def test_terminate_on_nan_stops_and_names_batch(fake_model, fit, capsys):
    def batch_logs(epoch, step):
        return {"loss": float("nan") if (epoch, step) == (1, 1) else 0.5}
    _, last = fit(fake_model(), [TerminateOnNaN()], [{"loss": 1.0}] * 5, steps=3,
                  batch_logs=batch_logs)
    assert last == 1
    assert "Batch 1: Invalid loss, terminating training" in capsys.readouterr().out


def test_lambda_callback(fake_model, fit):
    seen = []
    # hooks get logs positionally, so any parameter names work (as in Keras)
    cb = LambdaCallback(on_epoch_end=lambda e, lg: seen.append((e, lg["loss"])),
                        on_train_end=lambda _: seen.append("end"),
                        on_batch_end=lambda b, _: seen.append(b))
    fit(fake_model(), [cb], [{"loss": 3.0}, {"loss": 2.0}], steps=2)
    assert seen == [0, 1, (0, 3.0), 0, 1, (1, 2.0), "end"]
    with pytest.raises(ValueError, match="unknown hooks"):
        LambdaCallback(on_epoch_finish=print)


def test_progbar_logger_output(fake_model, fit, capsys):
    logs = [{"accuracy": 0.9, "loss": 0.2}, {"accuracy": 0.95, "loss": 0.1}]
    fit(fake_model(), [ProgbarLogger()], logs, steps=4, verbose=2)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Epoch 1/2" and out[2] == "Epoch 2/2"
    assert out[1].startswith("4/4 - ") and out[1].endswith("accuracy: 0.9000 - loss: 0.2000")
    assert out[3].endswith("accuracy: 0.9500 - loss: 0.1000")
    fit(fake_model(), [ProgbarLogger()], logs, steps=4, verbose=0)
    assert capsys.readouterr().out == ""


def test_model_property_asks_the_trainer_to_sync_state(fake_model):
    class SyncingModel(fake_model):
        syncs = 0

        def _sync_state_for_callbacks(self):
            self.syncs += 1

    model = SyncingModel()
    es = EarlyStopping(monitor="loss", restore_best_weights=True)
    CallbackList([es], model=model)
    es.on_train_begin()
    es.on_epoch_end(0, {"loss": 1.0})
    assert model.syncs >= 1  # weights were read only after the state was written back


def test_lambda_batch_hook_counts_as_batch_hook():
    cbs = CallbackList([LambdaCallback(on_train_batch_end=lambda b, logs: None)])
    assert cbs.implements_batch_hooks("train") and not cbs.implements_batch_hooks("test")


def test_progbar_logger_orders_logs_and_prints_final_line_once(fake_model, capsys):
    cbs = CallbackList(add_progbar=True, model=fake_model(), verbose=1, epochs=1, steps=3)
    cbs.on_train_begin()
    cbs.on_epoch_begin(0)
    for step in range(3):
        cbs.on_train_batch_end(step, {"loss": 0.5, "accuracy": 0.25})
    cbs.on_epoch_end(0, {"val_loss": 0.75, "loss": 0.5, "val_accuracy": 0.5, "accuracy": 0.25})
    cbs.on_train_end()
    lines = [ln for ln in capsys.readouterr().out.replace("\r", "\n").splitlines() if ln.strip()]
    finals = [ln for ln in lines if ln.lstrip().startswith("3/3")]
    assert len(finals) == 1  # captured output is not a terminal: one line per redraw
    assert finals[0].rstrip().endswith(
        "- accuracy: 0.2500 - loss: 0.5000 - val_accuracy: 0.5000 - val_loss: 0.7500")
    assert lines[0].lstrip().startswith("1/3") and "accuracy: 0.2500 - loss: 0.5000" in lines[0]
