"""A step's logs (the metric results) are computed only when something reads them; every
reader still gets exactly the values an every-step computation gives, on every backend."""

import io
import contextlib

import numpy as np
import pytest

import kerasx
from kerasx import layers


def _data(n=96, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    y = (x[:, :4].sum(1) > 0).astype("int32")
    return x, y


def _model(seed=3):
    kerasx.utils.set_random_seed(seed)
    model = kerasx.Sequential([kerasx.Input((8,)), layers.Dense(16, activation="relu"),
                               layers.Dense(2)])
    model.compile(optimizer="adam", metrics=["accuracy"],
                  loss=kerasx.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


class Recorder(kerasx.callbacks.Callback):
    """Reads every batch's logs and the metric results at that moment."""

    def __init__(self):
        super().__init__()
        self.batch_logs, self.results = [], []

    def on_train_batch_end(self, batch, logs=None):
        self.batch_logs.append({k: float(v) for k, v in logs.items()})
        self.results.append({k: float(v) for k, v in self.model.get_metrics_result().items()})


def test_history_is_the_same_with_and_without_batch_readers():
    x, y = _data()
    quiet = _model().fit(x, y, batch_size=16, epochs=3, shuffle=False, verbose=0).history
    rec = Recorder()
    watched = _model().fit(x, y, batch_size=16, epochs=3, shuffle=False, verbose=0,
                           callbacks=[rec]).history
    assert set(quiet) == {"loss", "accuracy"}
    for key in quiet:
        np.testing.assert_allclose(quiet[key], watched[key], rtol=1e-6)
    assert len(rec.batch_logs) == 3 * 6
    assert rec.batch_logs == rec.results  # each batch's logs are that step's results
    np.testing.assert_allclose(rec.batch_logs[-1]["loss"], watched["loss"][-1], rtol=1e-6)


def test_lambda_callback_batch_hook_gets_logs():
    x, y = _data()
    seen = []
    cb = kerasx.callbacks.LambdaCallback(on_batch_end=lambda batch, logs: seen.append(dict(logs)))
    _model().fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=[cb])
    assert len(seen) == 3 and all({"loss", "accuracy"} <= set(s) for s in seen)


def test_overridden_compute_metrics_still_runs_every_step():
    calls = []

    class Custom(kerasx.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(2)

        def call(self, x):
            return self.dense(x)

        def compute_metrics(self, x, y, y_pred, sample_weight=None):
            calls.append(1)
            logs = super().compute_metrics(x, y, y_pred, sample_weight)
            logs["extra"] = 7.0
            return logs

    x, y = _data()
    model = Custom()
    model.compile(optimizer="adam",
                  loss=kerasx.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(x, y, batch_size=32, epochs=2, verbose=0)
    assert calls  # every eager step, or once per trace of a compiled step
    assert history.history["extra"] == [7.0, 7.0]
    calls.clear()
    model.compile(optimizer="adam", run_eagerly=True,
                  loss=kerasx.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(x, y, batch_size=32, epochs=2, verbose=0)
    assert len(calls) == 6 and history.history["extra"] == [7.0, 7.0]


def test_train_on_batch_inside_fit_returns_its_results():
    x, y = _data()
    model = _model()
    got = []

    class Nested(kerasx.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            got.append(self.model.train_on_batch(x[:16], y[:16], return_dict=True))

    model.fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=[Nested()])
    assert set(got[0]) == {"loss", "accuracy"} and np.isfinite(got[0]["loss"])
    assert model._defer_step_logs is False  # fit leaves no deferral behind
    direct = model.train_step((kerasx.ops.convert_to_tensor(x[:16]),
                               kerasx.ops.convert_to_tensor(y[:16])))
    assert direct is not None and "loss" in direct


def test_evaluate_and_validation_match_an_every_step_reader():
    x, y = _data()
    model = _model()
    model.fit(x, y, batch_size=16, epochs=1, verbose=0)
    plain = model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True)
    seen = []
    cb = kerasx.callbacks.LambdaCallback(
        on_test_batch_end=lambda batch, logs: seen.append(float(logs["loss"])))
    watched = model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True, callbacks=[cb])
    assert len(seen) == 6
    for k in plain:
        np.testing.assert_allclose(plain[k], watched[k], rtol=1e-6)
    np.testing.assert_allclose(seen[-1], watched["loss"], rtol=1e-6)
    h = _model().fit(x, y, batch_size=16, epochs=2, verbose=0, validation_split=0.25).history
    assert set(h) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(np.isfinite(v) for v in h["val_loss"])


@pytest.mark.parametrize("verbose", [1, 2])
def test_progress_output_shows_the_epoch_results(verbose):
    x, y = _data()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        h = _model().fit(x, y, batch_size=16, epochs=2, verbose=verbose).history
    out = buf.getvalue()
    assert "Epoch 2/2" in out
    assert f"loss: {h['loss'][-1]:.4f}" in out


def test_eager_steps_read_results_only_for_readers(monkeypatch):
    x, y = _data()
    model = _model()
    model.compile(optimizer="adam", run_eagerly=True, metrics=["accuracy"],
                  loss=kerasx.losses.SparseCategoricalCrossentropy(from_logits=True))
    reads = []
    original = type(model).get_metrics_result

    def counting(self):
        reads.append(1)
        return original(self)

    monkeypatch.setattr(type(model), "get_metrics_result", counting)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0)
    assert len(reads) == 2  # once per epoch end, not once per step (12 steps)
    reads.clear()
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[Recorder()])
    assert len(reads) >= 12  # a batch reader gets every step's results
