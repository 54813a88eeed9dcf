"""``BackupAndRestore``: resume an interrupted ``fit`` from its last backup."""

import os

import numpy as np

from kerasx.callbacks.callback import Callback

_FILE = "backup.h5"


class BackupAndRestore(Callback):
    """Backs up weights, optimizer state and progress so a killed run can resume.

    Each backup (every epoch, or every ``save_freq`` batches) writes the
    model weights, the optimizer variables and the epoch counter to
    ``backup_dir/backup.h5`` atomically (a temporary file then ``os.replace``),
    so a crash mid-write keeps the previous backup. When ``fit`` starts and a
    backup exists, it is restored and training resumes at the epoch after the
    last completed one (``self._initial_epoch``, read by the training loop);
    with an int ``save_freq`` the interrupted epoch restarts at the batch after
    the backup (``self._initial_step``). At most the current epoch's progress
    since the last backup is lost.

    Args:
        backup_dir: folder for the backup file (created if needed).
        save_freq: ``'epoch'`` or an int number of batches between backups.
        delete_checkpoint: delete the backup when training finishes normally.

    Example:
        >>> model.fit(x, y, epochs=10, callbacks=[BackupAndRestore("/tmp/backup")])
    """

    def __init__(self, backup_dir, save_freq="epoch", delete_checkpoint=True):
        super().__init__()
        if not backup_dir:
            raise ValueError("BackupAndRestore: backup_dir must be a non-empty folder path.")
        if save_freq != "epoch" and (isinstance(save_freq, bool)
                                     or not isinstance(save_freq, int) or save_freq < 1):
            raise ValueError("BackupAndRestore: save_freq must be 'epoch' or a positive int, "
                             f"got {save_freq!r}.")
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.delete_checkpoint = delete_checkpoint
        self._initial_epoch = 0
        self._initial_step = 0
        self._current_epoch = 0
        self._batches_since_save = 0

    @property
    def backup_path(self):
        return os.path.join(self.backup_dir, _FILE)

    def on_train_begin(self, logs=None):
        self._initial_epoch = 0
        self._initial_step = 0
        self._batches_since_save = 0
        if os.path.exists(self.backup_path):
            self._restore()

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        self._batches_since_save += 1
        if self._batches_since_save >= self.save_freq:
            self._batches_since_save = 0
            self._backup(epoch=self._current_epoch, step=batch + 1)

    def on_epoch_end(self, epoch, logs=None):
        # A finished epoch: resume at the next one, from its first step.
        self._backup(epoch=epoch + 1, step=0)

    def on_train_end(self, logs=None):
        if self.delete_checkpoint and os.path.exists(self.backup_path):
            os.remove(self.backup_path)
            try:
                os.rmdir(self.backup_dir)  # only when empty
            except OSError:
                pass

    def _optimizer_variables(self):
        optimizer = getattr(self.model, "optimizer", None)
        return list(getattr(optimizer, "variables", None) or [])

    def _backup(self, epoch, step):
        model = self.model
        weights = [np.asarray(w) for w in model.get_weights()]
        opt_values = [np.asarray(v.numpy() if hasattr(v, "numpy") else v)
                      for v in self._optimizer_variables()]
        import h5py
        os.makedirs(self.backup_dir, exist_ok=True)
        tmp = os.path.join(self.backup_dir, f".{_FILE}.tmp-{os.getpid()}")
        with h5py.File(tmp, "w") as f:
            f.attrs["epoch"] = int(epoch)
            f.attrs["step"] = int(step)
            group = f.create_group("weights")
            for i, w in enumerate(weights):
                group.create_dataset(str(i), data=w)
            group = f.create_group("optimizer")
            for i, v in enumerate(opt_values):
                group.create_dataset(str(i), data=v)
        os.replace(tmp, self.backup_path)

    def _restore(self):
        import h5py
        with h5py.File(self.backup_path, "r") as f:
            epoch = int(f.attrs["epoch"])
            step = int(f.attrs["step"])
            weights = [f["weights"][str(i)][()] for i in range(len(f["weights"]))]
            opt_values = [f["optimizer"][str(i)][()] for i in range(len(f["optimizer"]))]
        model = self.model
        current = model.get_weights()
        if len(current) != len(weights):
            raise ValueError(
                f"BackupAndRestore: the backup in {self.backup_dir} holds {len(weights)} weight "
                f"arrays but the model has {len(current)}. Build the model before fit() (or "
                "delete the backup if the model changed).")
        model.set_weights(weights)
        if opt_values:
            self._restore_optimizer(opt_values)
        self._initial_epoch = epoch
        self._initial_step = step

    def _restore_optimizer(self, values):
        optimizer = self.model.optimizer
        if hasattr(optimizer, "build") and not getattr(optimizer, "built", True):
            # Optimizers create their slots lazily, on the first step.
            optimizer.build(self.model.trainable_variables)
        variables = self._optimizer_variables()
        if len(variables) != len(values):
            raise ValueError(
                f"BackupAndRestore: the backup holds {len(values)} optimizer variables but the "
                f"optimizer has {len(variables)}. Use the same optimizer as the interrupted run "
                "(or delete the backup).")
        for variable, value in zip(variables, values):
            variable.assign(value)
