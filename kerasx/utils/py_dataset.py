"""``PyDataset`` (alias ``Sequence``): index-based batches with optional parallel loading."""


class PyDataset:
    """Base class for datasets that return whole batches by index.

    Subclasses implement ``__len__`` (number of batches per epoch) and
    ``__getitem__(index)`` returning ``x``, ``(x, y)`` or
    ``(x, y, sample_weight)`` for batch ``index``; ``on_epoch_begin`` and
    ``on_epoch_end`` are called around each epoch (for example to reshuffle).
    A dataset without ``__len__`` is infinite: iteration stops when
    ``__getitem__`` raises ``IndexError`` (or use ``steps_per_epoch``).

    Args:
        workers: number of parallel loaders (1 loads in the training thread).
        use_multiprocessing: load in worker processes instead of threads.
        max_queue_size: how many batches may be prepared ahead.

    Example:
        >>> class Batches(PyDataset):
        ...     def __init__(self, x, y, batch_size, **kwargs):
        ...         super().__init__(**kwargs)
        ...         self.x, self.y, self.batch_size = x, y, batch_size
        ...     def __len__(self):
        ...         return -(-len(self.x) // self.batch_size)
        ...     def __getitem__(self, i):
        ...         s = slice(i * self.batch_size, (i + 1) * self.batch_size)
        ...         return self.x[s], self.y[s]
    """

    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    # Keras 2 ``Sequence`` subclasses often skip ``super().__init__()``; the
    # properties below fall back to the defaults then.
    @property
    def workers(self):
        return self.__dict__.get("_workers", 1)

    @workers.setter
    def workers(self, value):
        self._workers = value

    @property
    def use_multiprocessing(self):
        return self.__dict__.get("_use_multiprocessing", False)

    @use_multiprocessing.setter
    def use_multiprocessing(self, value):
        self._use_multiprocessing = value

    @property
    def max_queue_size(self):
        return self.__dict__.get("_max_queue_size", 10)

    @max_queue_size.setter
    def max_queue_size(self, value):
        self._max_queue_size = value

    @property
    def num_batches(self):
        """Number of batches per epoch, or None for an infinite dataset."""
        if hasattr(self, "__len__"):
            return len(self)
        return None

    def on_epoch_begin(self):
        """Called at the start of every epoch."""

    def on_epoch_end(self):
        """Called at the end of every epoch."""


Sequence = PyDataset
