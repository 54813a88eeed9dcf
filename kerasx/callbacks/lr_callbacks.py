"""Learning-rate callbacks: ``LearningRateScheduler`` and ``ReduceLROnPlateau``."""

import inspect
import math
import warnings

import numpy as np

from kerasx.callbacks.callback import Callback, resolve_mode, to_python_float


def _optimizer(model, owner):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or not hasattr(optimizer, "learning_rate"):
        raise ValueError(f"{owner}: the model's optimizer must have a `learning_rate` "
                         "attribute (compile the model with an optimizer first).")
    return optimizer


def _takes_lr(schedule):
    try:
        params = inspect.signature(schedule).parameters.values()
    except (TypeError, ValueError):
        return None
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return True
    return len(positional) >= 2


class LearningRateScheduler(Callback):
    """Sets the optimizer's learning rate at the start of every epoch.

    Args:
        schedule: ``schedule(epoch)`` or ``schedule(epoch, lr)`` returning the new
            learning rate (``epoch`` is 0-based, ``lr`` the current rate).
        verbose: 1 prints each update.

    Example:
        >>> LearningRateScheduler(lambda epoch, lr: lr if epoch < 10 else lr * 0.9)
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        if not callable(schedule):
            raise ValueError(f"LearningRateScheduler: schedule must be callable, got "
                             f"{type(schedule).__name__}.")
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = _optimizer(self.model, "LearningRateScheduler")
        lr = to_python_float(optimizer.learning_rate)
        takes_lr = _takes_lr(self.schedule)
        if takes_lr is None:
            try:
                new_lr = self.schedule(epoch, lr)
            except TypeError:  # a schedule(epoch) whose signature is not inspectable
                new_lr = self.schedule(epoch)
        else:
            new_lr = self.schedule(epoch, lr) if takes_lr else self.schedule(epoch)
        try:
            new_lr = to_python_float(new_lr)
        except (TypeError, ValueError):
            raise ValueError('LearningRateScheduler: the output of the "schedule" function '
                             f"should be a float, got {new_lr!r}.") from None
        optimizer.learning_rate = new_lr
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to "
                  f"{new_lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = to_python_float(self.model.optimizer.learning_rate)


class ReduceLROnPlateau(Callback):
    """Multiplies the learning rate by ``factor`` when ``monitor`` stops improving.

    Args:
        monitor: log key to watch.
        factor: multiplier (< 1) for the learning rate.
        patience: epochs without improvement before reducing.
        verbose: 1 prints each reduction.
        mode: 'auto', 'min' or 'max'.
        min_delta: smallest change counted as an improvement.
        cooldown: epochs to wait after a reduction before counting again.
        min_lr: lower bound for the learning rate.

    Example:
        >>> ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=5, min_lr=1e-5)
    """

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0.0, **kwargs):
        super().__init__()
        if "epsilon" in kwargs:  # Keras 2 name of min_delta
            warnings.warn("ReduceLROnPlateau: `epsilon` is deprecated, use `min_delta`.",
                          stacklevel=2)
            min_delta = kwargs.pop("epsilon")
        if kwargs:
            raise ValueError(f"ReduceLROnPlateau: unrecognized arguments {sorted(kwargs)}.")
        if factor >= 1.0:
            raise ValueError("ReduceLROnPlateau does not support a factor >= 1.0; got "
                             f"factor={factor}.")
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.verbose = verbose
        self.min_delta = min_delta
        self.cooldown = cooldown
        self.min_lr = min_lr
        self.mode = resolve_mode(mode, monitor, "ReduceLROnPlateau")
        self._reset()

    def _reset(self):
        self.best = math.inf if self.mode == "min" else -math.inf
        self.wait = 0
        self.cooldown_counter = 0

    def _improved(self, current):
        if self.mode == "min":
            return current < self.best - self.min_delta
        return current > self.best + self.min_delta

    def in_cooldown(self):
        return self.cooldown_counter > 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        optimizer = _optimizer(self.model, "ReduceLROnPlateau")
        logs["learning_rate"] = to_python_float(optimizer.learning_rate)
        if self.monitor not in logs:
            warnings.warn(
                f"Learning rate reduction is conditioned on metric `{self.monitor}` which is "
                f"not available. Available metrics are: {', '.join(logs)}.", stacklevel=2)
            return
        current = to_python_float(logs[self.monitor])
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._improved(current):
            self.best = current
            self.wait = 0
            return
        if self.in_cooldown():
            return
        self.wait += 1
        if self.wait >= self.patience:
            old_lr = to_python_float(optimizer.learning_rate)
            if old_lr > np.float32(self.min_lr):
                new_lr = max(old_lr * self.factor, self.min_lr)
                optimizer.learning_rate = new_lr
                if self.verbose > 0:
                    print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate "
                          f"to {new_lr}.")
                self.cooldown_counter = self.cooldown
                self.wait = 0
