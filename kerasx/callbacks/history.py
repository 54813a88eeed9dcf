"""``History``: records each epoch's logs; ``fit`` returns it."""

from kerasx.callbacks.callback import Callback, to_python_float


class History(Callback):
    """Collects epoch logs into ``history`` (a dict of lists) and ``epoch``.

    ``fit`` adds one automatically and returns it; it is also set as
    ``model.history``.

    Example:
        >>> h = model.fit(x, y, epochs=3)
        >>> h.history["loss"]   # three floats
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            try:
                value = to_python_float(value)
            except (TypeError, ValueError):
                pass  # non-scalar entries are kept as given
            self.history.setdefault(key, []).append(value)
        if self._model is not None:
            self._model.history = self
