"""``CallbackList``: a group of callbacks called together by the training loop."""

from kerasx.callbacks.callback import Callback
from kerasx.callbacks.history import History
from kerasx.callbacks.progbar_logger import ProgbarLogger


class CallbackList(Callback):
    """Calls every hook on each callback in order.

    Args:
        callbacks: list of ``Callback`` objects (or None).
        add_history: append a ``History`` unless one is already present.
        add_progbar: add a ``ProgbarLogger`` (first) unless one is present.
        model: the model to attach to every callback.
        **params: passed to ``set_params`` (``verbose``, ``epochs``, ``steps``).

    Example:
        >>> cbs = CallbackList([EarlyStopping()], add_history=True, model=model,
        ...                    verbose=1, epochs=10, steps=100)
        >>> cbs.on_train_begin()
    """

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params):
        super().__init__()
        if callbacks is None:
            callbacks = []
        elif isinstance(callbacks, Callback):
            callbacks = [callbacks]
        self.callbacks = list(callbacks)
        for cb in self.callbacks:
            if not isinstance(cb, Callback) and not _looks_like_callback(cb):
                raise ValueError(
                    f"callbacks must be kerasx.callbacks.Callback instances, got "
                    f"{type(cb).__name__}.")
        self._history = next((c for c in self.callbacks if isinstance(c, History)), None)
        self._progbar = next((c for c in self.callbacks if isinstance(c, ProgbarLogger)), None)
        if add_progbar and self._progbar is None:
            self._progbar = ProgbarLogger()
            self.callbacks.insert(0, self._progbar)
        if add_history and self._history is None:
            self._history = History()
            self.callbacks.append(self._history)
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    @property
    def history(self):
        """The ``History`` callback in this list (None if there is none)."""
        return self._history

    def append(self, callback):
        self.callbacks.append(callback)

    def set_params(self, params):
        self.params = params
        for cb in self.callbacks:
            cb.set_params(params)

    def set_model(self, model):
        self._model = model
        for cb in self.callbacks:
            cb.set_model(model)

    def implements_batch_hooks(self, mode="train"):
        """Whether any callback overrides a ``mode`` batch hook (the loop may skip them)."""
        names = [f"on_{mode}_batch_begin", f"on_{mode}_batch_end"]
        if mode == "train":
            names += ["on_batch_begin", "on_batch_end"]
        for cb in self.callbacks:
            for name in names:
                mine = getattr(type(cb), name, None)
                if name in vars(cb) or (mine is not None and mine is not getattr(Callback, name)):
                    return True
        return False

    def batch_log_consumers(self, mode="train"):
        """The callbacks that read per-batch logs in ``mode`` ("train" or "test"): those
        overriding a batch-end hook. A loop may skip computing a step's logs (the metric
        results) when none of them wants them (see ``wants_batch_logs``)."""
        names = [f"on_{mode}_batch_end"] + (["on_batch_end"] if mode == "train" else [])
        out = []
        for cb in self.callbacks:
            for name in names:
                mine = getattr(type(cb), name, None)
                if name in vars(cb) or (mine is not None and mine is not getattr(Callback, name)):
                    out.append(cb)
                    break
        return out

    def _call(self, hook, *args, logs=None):
        logs = {} if logs is None else logs
        for cb in self.callbacks:
            getattr(cb, hook)(*args, logs)  # positional: user hooks name it freely

    def on_batch_begin(self, batch, logs=None):
        self._call("on_train_batch_begin", batch, logs=logs)

    def on_batch_end(self, batch, logs=None):
        self._call("on_train_batch_end", batch, logs=logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._call("on_train_batch_begin", batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        self._call("on_train_batch_end", batch, logs=logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._call("on_epoch_begin", epoch, logs=logs)

    def on_epoch_end(self, epoch, logs=None):
        self._call("on_epoch_end", epoch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._call("on_test_batch_begin", batch, logs=logs)

    def on_test_batch_end(self, batch, logs=None):
        self._call("on_test_batch_end", batch, logs=logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._call("on_predict_batch_begin", batch, logs=logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._call("on_predict_batch_end", batch, logs=logs)

    def on_train_begin(self, logs=None):
        self._call("on_train_begin", logs=logs)

    def on_train_end(self, logs=None):
        self._call("on_train_end", logs=logs)

    def on_test_begin(self, logs=None):
        self._call("on_test_begin", logs=logs)

    def on_test_end(self, logs=None):
        self._call("on_test_end", logs=logs)

    def on_predict_begin(self, logs=None):
        self._call("on_predict_begin", logs=logs)

    def on_predict_end(self, logs=None):
        self._call("on_predict_end", logs=logs)

    def __iter__(self):
        return iter(self.callbacks)

    def __len__(self):
        return len(self.callbacks)


def wants_batch_logs(consumers, mode, batch):
    """Whether any of ``consumers`` reads the logs of batch ``batch``: a callback may answer
    with a ``_wants_batch_logs(mode, batch)`` method (the progress bar reads them only when it
    redraws); any other consumer always wants them."""
    for cb in consumers:
        ask = getattr(cb, "_wants_batch_logs", None)
        if ask is None or ask(mode, batch):
            return True
    return False


def _looks_like_callback(obj):
    return all(hasattr(obj, n) for n in ("set_model", "set_params", "on_epoch_end"))
