"""A fake model and a minimal training loop that drives callbacks like ``fit`` does."""

import numpy as np
import pytest

from kerasx.callbacks import CallbackList


class FakeOptimizer:
    def __init__(self, learning_rate=0.1, variables=()):
        self.learning_rate = learning_rate
        self.variables = list(variables)


class FakeModel:
    """Has what callbacks use: weights, optimizer, stop_training, save/save_weights."""

    def __init__(self, learning_rate=0.1, optimizer_variables=()):
        self.weights = [np.zeros((2, 2), "float32"), np.zeros(2, "float32")]
        self.optimizer = FakeOptimizer(learning_rate, optimizer_variables)
        self.stop_training = False
        self.saved = []          # (kind, path, weights at save time)

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [np.array(w) for w in weights]

    @property
    def trainable_variables(self):
        return self.weights

    def save(self, path):
        self._write("model", path)

    def save_weights(self, path):
        self._write("weights", path)

    def _write(self, kind, path):
        with open(path, "w") as f:
            f.write(kind)
        self.saved.append((kind, path, self.get_weights()))


def run_fit(model, callbacks, epoch_logs, steps=2, batch_logs=None, initial_epoch=0,
            verbose=0):
    """Runs len(epoch_logs) epochs; epoch e's weights are all e+1 (set before on_epoch_end)."""
    cbs = CallbackList(callbacks, add_history=True, model=model, verbose=verbose,
                       epochs=len(epoch_logs), steps=steps)
    model.stop_training = False
    cbs.on_train_begin()
    for cb in cbs:
        initial_epoch = max(initial_epoch, getattr(cb, "_initial_epoch", 0))
    epoch = initial_epoch
    for epoch in range(initial_epoch, len(epoch_logs)):
        cbs.on_epoch_begin(epoch)
        for step in range(steps):
            cbs.on_train_batch_begin(step)
            logs = batch_logs(epoch, step) if batch_logs else {"loss": 1.0}
            cbs.on_train_batch_end(step, logs)
            if model.stop_training:
                break
        model.weights = [np.full_like(w, epoch + 1) for w in model.weights]
        cbs.on_epoch_end(epoch, dict(epoch_logs[epoch]))
        if model.stop_training:
            break
    cbs.on_train_end()
    return cbs.history, epoch


@pytest.fixture
def fake_model():
    return FakeModel


@pytest.fixture
def fit():
    return run_fit
