"""``ProgbarLogger``: prints Keras's progress bar and per-epoch lines."""

from kerasx.callbacks.callback import Callback
from kerasx.utils.progbar import Progbar


class ProgbarLogger(Callback):
    """Prints ``Epoch i/n`` and a progress bar with the running metrics.

    ``verbose=1`` redraws the bar during the epoch (at a bounded rate, so
    metric values are read from the device only when drawn); ``verbose=2``
    prints one line per epoch. ``fit`` adds it automatically when
    ``verbose`` is not 0.
    """

    def __init__(self):
        super().__init__()
        self.verbose = 1
        self.epochs = 1
        self.target = None
        self.seen = 0
        self.progbar = None
        self._called_in_fit = False

    def set_params(self, params):
        super().set_params(params)
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else int(verbose)
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps")

    def _reset(self):
        self.seen = 0
        self.progbar = None
        if self.verbose:
            self._ensure_progbar()  # the clock starts at the beginning of the epoch

    def _ensure_progbar(self):
        if self.progbar is None:
            # Logs are running averages already: show them as given (stateful).
            self.progbar = Progbar(target=self.target, verbose=self.verbose, unit_name="step")
            self.progbar.stateful_metrics = _AllNames()

    def _update(self, batch, logs):
        self._ensure_progbar()
        self.seen = batch + 1
        # Values are read (a device-to-host copy) only when the bar redraws.
        values = _ordered(logs) if logs and self.progbar.should_render(
            self.seen, False) else None
        self.progbar.update(self.seen, values, finalize=False)

    def _wants_batch_logs(self, mode, batch):
        # The loop asks before computing a step's metric results: only redraws read them.
        if self.verbose != 1 or (mode == "test" and self._called_in_fit):
            return False
        self._ensure_progbar()
        return self.progbar.should_render(batch + 1, False)

    def _finalize(self, logs):
        self._ensure_progbar()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.target
        self.progbar.update(self.target, _ordered(logs), finalize=True)

    def on_train_begin(self, logs=None):
        self._called_in_fit = True

    def on_train_end(self, logs=None):
        self._called_in_fit = False

    def on_epoch_begin(self, epoch, logs=None):
        self._reset()
        if self.verbose and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}")

    def on_train_batch_end(self, batch, logs=None):
        if self.verbose:
            self._update(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.verbose:
            self._finalize(logs)

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset()

    def on_test_batch_end(self, batch, logs=None):
        if self.verbose and not self._called_in_fit:
            self._update(batch, logs)

    def on_test_end(self, logs=None):
        if self.verbose and not self._called_in_fit:
            self._finalize(logs)

    def on_predict_begin(self, logs=None):
        self._reset()

    def on_predict_batch_end(self, batch, logs=None):
        if self.verbose:
            self._update(batch, None)

    def on_predict_end(self, logs=None):
        if self.verbose:
            self._finalize(None)


def _ordered(logs):
    """Log items in a backend-independent order: sorted, validation entries last."""
    return sorted((logs or {}).items(), key=lambda kv: (kv[0].startswith("val_"), kv[0]))


class _AllNames(frozenset):
    """A 'set' containing every name (all logged values are shown as given)."""

    def __contains__(self, item):
        return True
