"""The ``Callback`` base class: hooks called by ``fit``, ``evaluate`` and ``predict``."""

import numpy as np


class Callback:
    """Base class for training callbacks; override the hooks you need.

    Hooks receive ``logs`` (a dict of metric values, possibly empty) and the
    epoch or batch index (0-based). ``self.model`` is the model being trained
    (its variables are up to date whenever a callback reads them) and
    ``self.params`` holds ``verbose``, ``epochs`` and ``steps``.

    Example:
        >>> class PrintLoss(Callback):
        ...     def on_epoch_end(self, epoch, logs=None):
        ...         print(epoch, logs["loss"])
    """

    def __init__(self):
        self.params = {}
        self._model = None
        self.validation_data = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        # A trainer that keeps variable values outside the Variables while a
        # step runs (the compiled JAX step) exposes this hook to write them back.
        model = self.__dict__.get("_model")
        sync = getattr(model, "_sync_state_for_callbacks", None)
        if callable(sync):
            sync()
        return model

    @model.setter
    def model(self, model):
        self._model = model

    # Training batches (on_batch_* are the Keras 2 names; they are what the
    # on_train_batch_* defaults call).
    def on_batch_begin(self, batch, logs=None):
        """Called at the start of a training batch (Keras 2 name)."""

    def on_batch_end(self, batch, logs=None):
        """Called at the end of a training batch (Keras 2 name)."""

    def on_train_batch_begin(self, batch, logs=None):
        """Called at the start of a training batch."""
        self.on_batch_begin(batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        """Called at the end of a training batch; ``logs`` has the running metrics."""
        self.on_batch_end(batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch; ``logs`` has the epoch's metrics and ``val_*``."""

    def on_test_batch_begin(self, batch, logs=None):
        """Called at the start of an evaluation batch."""

    def on_test_batch_end(self, batch, logs=None):
        """Called at the end of an evaluation batch."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called at the start of a prediction batch."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called at the end of a prediction batch."""

    def on_train_begin(self, logs=None):
        """Called at the start of ``fit``."""

    def on_train_end(self, logs=None):
        """Called at the end of ``fit``."""

    def on_test_begin(self, logs=None):
        """Called at the start of evaluation (``evaluate`` or validation)."""

    def on_test_end(self, logs=None):
        """Called at the end of evaluation."""

    def on_predict_begin(self, logs=None):
        """Called at the start of ``predict``."""

    def on_predict_end(self, logs=None):
        """Called at the end of ``predict``."""


def to_python_float(value):
    """A log value (float, NumPy scalar, 0-d tensor, Variable) as a Python float."""
    if isinstance(value, float):
        return value
    try:
        return float(np.asarray(value))
    except Exception:
        from kerasx.backends import B
        return float(np.asarray(B.core.convert_to_numpy(value)))


_MAX_HINTS = ("acc", "auc", "precision", "recall", "f1", "fmeasure", "iou", "r2")


def resolve_mode(mode, monitor, owner):
    """'min' or 'max' for a monitored quantity; 'auto' maximizes accuracy-like metrics."""
    if mode not in ("auto", "min", "max"):
        import warnings
        warnings.warn(f"{owner} mode '{mode}' is unknown, falling back to 'auto' mode.",
                      stacklevel=3)
        mode = "auto"
    if mode != "auto":
        return mode
    name = monitor.lower()
    if name.startswith("val_"):
        name = name[4:]
    if "loss" not in name and any(h in name for h in _MAX_HINTS):
        return "max"
    return "min"
