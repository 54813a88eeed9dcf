"""``ModelCheckpoint``: saves the model or its weights during training."""

import math
import os
import warnings

from kerasx.callbacks.callback import Callback, resolve_mode, to_python_float


class ModelCheckpoint(Callback):
    """Saves the model (``model.save``) or weights (``model.save_weights``) periodically.

    Args:
        filepath: path, possibly a template formatted with ``epoch`` (1-based),
            ``batch`` (1-based, with an int ``save_freq``) and the logs, e.g.
            ``"weights.{epoch:02d}-{val_loss:.2f}.weights.h5"``. Keras 3
            extensions (``.keras``, ``.weights.h5``) and Keras 2 ones
            (``.h5``, ``.hdf5``) are passed through to the saving functions.
        monitor: log key compared when ``save_best_only``.
        verbose: 1 prints a message on each save.
        save_best_only: only save when ``monitor`` improves on the best so far.
        save_weights_only: call ``save_weights`` instead of ``save``.
        mode: 'auto', 'min' or 'max' (auto maximizes accuracy-like metrics).
        save_freq: ``'epoch'`` or an int number of batches between saves.
        initial_value_threshold: the value ``monitor`` must beat first.

    Example:
        >>> ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None, **kwargs):
        super().__init__()
        if "period" in kwargs:  # Keras 2 argument: save every `period` epochs
            self.period = int(kwargs.pop("period"))
        else:
            self.period = 1
        if kwargs:
            raise ValueError(f"ModelCheckpoint: unrecognized arguments {sorted(kwargs)}.")
        self.filepath = os.fspath(filepath)
        self.monitor = monitor
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        if save_freq != "epoch" and (isinstance(save_freq, bool)
                                     or not isinstance(save_freq, int) or save_freq < 1):
            raise ValueError(
                f"ModelCheckpoint: save_freq must be 'epoch' or a positive int, got {save_freq!r}.")
        self.save_freq = save_freq
        self.mode = resolve_mode(mode, monitor, "ModelCheckpoint")
        if initial_value_threshold is not None:
            self.best = float(initial_value_threshold)
        else:
            self.best = math.inf if self.mode == "min" else -math.inf
        self._batches_since_save = 0
        self._current_epoch = 0
        self._epochs_since_save = 0

    def _improved(self, current):
        return current < self.best if self.mode == "min" else current > self.best

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        self._batches_since_save += 1
        if self._batches_since_save >= self.save_freq:
            self._batches_since_save = 0
            self._save(self._current_epoch, batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq != "epoch":
            return
        self._epochs_since_save += 1
        if self._epochs_since_save >= self.period:
            self._epochs_since_save = 0
            self._save(epoch, None, logs)

    def _format_path(self, epoch, batch, logs):
        values = {}
        for k, v in (logs or {}).items():
            try:
                values[k] = to_python_float(v)
            except (TypeError, ValueError):
                values[k] = v
        try:
            if batch is None or "batch" not in self.filepath:
                return self.filepath.format(epoch=epoch + 1, **values)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **values)
        except (KeyError, IndexError, ValueError) as e:
            raise KeyError(
                f'ModelCheckpoint: failed to format the filepath "{self.filepath}". Reason: '
                f"{e!r} (available keys: epoch, batch, {', '.join(sorted(values))}).") from e

    def _save(self, epoch, batch, logs):
        logs = logs or {}
        path = self._format_path(epoch, batch, logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                warnings.warn(f"Can save best model only with {self.monitor} available, "
                              "skipping.", stacklevel=3)
                return
            current = to_python_float(current)
            if not self._improved(current):
                if self.verbose > 0:
                    print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from "
                          f"{self.best:.5f}")
                return
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} "
                      f"to {current:.5f}, saving model to {path}")
            self.best = current
        elif self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: saving model to {path}")
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        if self.save_weights_only:
            self.model.save_weights(path)
        else:
            self.model.save(path)
