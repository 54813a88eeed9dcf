"""``CSVLogger``: writes each epoch's logs as a CSV row."""

import collections
import csv
import os

import numpy as np

from kerasx.callbacks.callback import Callback


def _cell(value):
    if isinstance(value, str):
        return value
    try:
        arr = np.asarray(value)
    except Exception:
        return str(value)
    if arr.ndim == 0:
        return arr.item()
    return f'"[{", ".join(str(v) for v in arr.reshape(-1).tolist())}]"'


class CSVLogger(Callback):
    """Streams epoch results to a CSV file (columns: ``epoch`` then sorted log keys).

    Args:
        filename: path of the CSV file.
        separator: column separator.
        append: append to an existing file (no second header) instead of
            overwriting it.

    Example:
        >>> model.fit(x, y, callbacks=[CSVLogger("training.log")])
    """

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.filename = os.fspath(filename)
        self.sep = separator
        self.append = append
        self.keys = None
        self.writer = None
        self.csv_file = None
        self.append_header = True

    def on_train_begin(self, logs=None):
        self.keys = None
        self.writer = None
        self.append_header = True
        if self.append and os.path.exists(self.filename):
            with open(self.filename, "r", newline="") as f:
                self.append_header = not bool(f.readline())
        folder = os.path.dirname(self.filename)
        if folder:
            os.makedirs(folder, exist_ok=True)
        self.csv_file = open(self.filename, "a" if self.append else "w", newline="")

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
            # With validation_freq > 1 the first epoch has no val_ entries;
            # reserve their columns when the loop says validation will run.
            if self.params.get("do_validation") and not any(k.startswith("val_")
                                                            for k in self.keys):
                self.keys += ["val_" + k for k in self.keys]
        if self.writer is None:
            class Dialect(csv.excel):
                delimiter = self.sep
            self.writer = csv.DictWriter(self.csv_file, fieldnames=["epoch"] + self.keys,
                                         dialect=Dialect, extrasaction="ignore")
            if self.append_header:
                self.writer.writeheader()
        row = collections.OrderedDict({"epoch": epoch})
        row.update((k, _cell(logs[k]) if k in logs else "NA") for k in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        if self.csv_file is not None:
            self.csv_file.close()
            self.csv_file = None
        self.writer = None
