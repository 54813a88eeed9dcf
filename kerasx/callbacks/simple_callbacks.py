"""``TerminateOnNaN`` and ``LambdaCallback``."""

import math

from kerasx.callbacks.callback import Callback, to_python_float

_HOOKS = (
    "on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end",
    "on_train_batch_begin", "on_train_batch_end", "on_batch_begin", "on_batch_end",
    "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
    "on_predict_begin", "on_predict_end", "on_predict_batch_begin", "on_predict_batch_end",
)


class TerminateOnNaN(Callback):
    """Stops training as soon as a batch's loss is NaN or infinite.

    Prints ``Batch N: Invalid loss, terminating training`` (N is the 0-based
    batch index in the epoch) and sets ``model.stop_training``.
    """

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        value = to_python_float(loss)
        if math.isnan(value) or math.isinf(value):
            print(f"Batch {batch}: Invalid loss, terminating training")
            self._model.stop_training = True


class LambdaCallback(Callback):
    """A callback built from plain functions, one per hook.

    Epoch hooks take ``(epoch, logs)``, batch hooks ``(batch, logs)`` and
    begin/end hooks ``(logs)``.

    Args:
        on_epoch_begin, on_epoch_end, on_train_begin, on_train_end,
        on_train_batch_begin, on_train_batch_end: functions or None.
        **kwargs: any other hook by name (``on_batch_end``, ``on_test_begin``, ...).

    Raises:
        ValueError: for a keyword that is not a callback hook.

    Example:
        >>> LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, logs["loss"]))
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None,
                 on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None,
                 **kwargs):
        super().__init__()
        unknown = sorted(k for k in kwargs if k not in _HOOKS)
        if unknown:
            raise ValueError(f"LambdaCallback: unknown hooks {unknown}; valid hooks are "
                             f"{list(_HOOKS)}.")
        hooks = dict(kwargs, on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end,
                     on_train_begin=on_train_begin, on_train_end=on_train_end,
                     on_train_batch_begin=on_train_batch_begin,
                     on_train_batch_end=on_train_batch_end)
        for name, fn in hooks.items():
            if fn is None:
                continue
            if not callable(fn):
                raise ValueError(f"LambdaCallback: {name} must be callable, got "
                                 f"{type(fn).__name__}.")
            setattr(self, name, fn)
