"""``EarlyStopping``: stops training when a monitored metric stops improving."""

import math
import warnings

from kerasx.callbacks.callback import Callback, resolve_mode, to_python_float


class EarlyStopping(Callback):
    """Stops training after ``patience`` epochs without improvement of ``monitor``.

    Args:
        monitor: log key to watch.
        min_delta: smallest change counted as an improvement.
        patience: epochs without improvement before stopping.
        verbose: 1 prints the stopping epoch.
        mode: 'auto', 'min' or 'max'.
        baseline: training stops if ``monitor`` does not beat it within
            ``patience`` epochs.
        restore_best_weights: at the end of training, restore the weights of
            the best epoch (via ``get_weights``/``set_weights``).
        start_from_epoch: epochs to wait before monitoring starts.

    Example:
        >>> EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        self.monitor = monitor
        self.min_delta = abs(min_delta)
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self.mode = resolve_mode(mode, monitor, "EarlyStopping")
        self._reset()

    def _reset(self):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_weights = None
        self.best_epoch = 0

    def _is_improvement(self, current, reference):
        if self.mode == "min":
            return current < reference - self.min_delta
        return current > reference + self.min_delta

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.monitor not in logs:
            warnings.warn(
                f"Early stopping conditioned on metric `{self.monitor}` which is not available."
                f" Available metrics are: {', '.join(logs)}", stacklevel=2)
            return
        if epoch < self.start_from_epoch:
            return
        current = to_python_float(logs[self.monitor])
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self._model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print("Restoring model weights from the end of the best epoch: "
                      f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)

    def get_monitor_value(self, logs):
        """The monitored value from ``logs`` (None with a warning when missing)."""
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is None:
            warnings.warn(f"Early stopping conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {', '.join(logs)}", stacklevel=2)
        return value
