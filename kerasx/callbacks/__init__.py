"""``kerasx.callbacks``: hooks into ``fit``, ``evaluate`` and ``predict``."""

from kerasx.callbacks.backup_and_restore import BackupAndRestore  # noqa: F401
from kerasx.callbacks.callback import Callback  # noqa: F401
from kerasx.callbacks.callback_list import CallbackList  # noqa: F401
from kerasx.callbacks.csv_logger import CSVLogger  # noqa: F401
from kerasx.callbacks.early_stopping import EarlyStopping  # noqa: F401
from kerasx.callbacks.history import History  # noqa: F401
from kerasx.callbacks.lr_callbacks import LearningRateScheduler, ReduceLROnPlateau  # noqa: F401
from kerasx.callbacks.model_checkpoint import ModelCheckpoint  # noqa: F401
from kerasx.callbacks.progbar_logger import ProgbarLogger  # noqa: F401
from kerasx.callbacks.simple_callbacks import LambdaCallback, TerminateOnNaN  # noqa: F401

__all__ = [
    "BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History",
    "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger",
    "ReduceLROnPlateau", "TerminateOnNaN",
]
