"""Batches NumPy arrays, backend tensors and nested lists/dicts of them."""

import math

import numpy as np

from kerasx import tree
from kerasx.trainers.data_adapters import data_adapter_utils as du
from kerasx.trainers.data_adapters.data_adapter import DataAdapter


class ArrayDataAdapter(DataAdapter):
    """Batches in-memory arrays (converted once to NumPy).

    Args:
        x, y, sample_weight: arrays or nested structures of arrays.
        batch_size: samples per batch (32 when None and ``steps`` is None).
        steps: when given without ``batch_size``, the batch size is chosen so
            that one epoch has this many batches.
        shuffle: False, True (shuffle samples every epoch) or ``"batch"``
            (shuffle the order of whole batches).
        class_weight: dict mapping class index to weight.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None,
                 shuffle=False, class_weight=None):
        super().__init__(class_weight)
        if shuffle not in (True, False, "batch"):
            raise ValueError(f"shuffle must be True, False or 'batch', got {shuffle!r}.")
        x = du.convert_structure(x)
        y = du.convert_structure(y)
        sample_weight = du.convert_structure(sample_weight)
        n = du.check_same_length(x, y, sample_weight)
        if class_weight is not None:
            sample_weight = du.class_weight_to_sample_weight(y, class_weight, sample_weight)
        if batch_size is None:
            batch_size = int(math.ceil(n / steps)) if steps else 32
        if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
                or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}.")
        self._data = (x, y, sample_weight)
        self._flat = tree.flatten(self._data)
        self.num_samples = n
        self.batch_size = int(batch_size)
        self.num_batches = int(math.ceil(n / self.batch_size)) if n else 0
        remainder = n % self.batch_size
        self.has_partial_batch = remainder != 0
        self.partial_batch_size = remainder or None
        self.shuffle = shuffle

    def epoch_plan(self):
        """One epoch's batches as ``(order, [(start, stop), ...])``.

        Batch ``i`` holds samples ``order[start:stop]``, or ``start:stop`` when
        ``order`` is None (no per-sample shuffling). Each call draws a new shuffle.
        """
        bs, n = self.batch_size, self.num_samples
        bounds = [(i, min(i + bs, n)) for i in range(0, n, bs)]
        if self.shuffle is True:
            return np.random.permutation(n), bounds
        if self.shuffle == "batch":
            full = n // bs
            perm = np.random.permutation(full)
            bounds = [bounds[i] for i in perm] + bounds[full:]
        return None, bounds

    def _batch_slices(self):
        order, bounds = self.epoch_plan()
        if order is None:
            return [slice(a, b) for a, b in bounds]
        return [order[a:b] for a, b in bounds]

    def get_numpy_iterator(self):
        for index in self._batch_slices():
            flat = [None if a is None else a[index] for a in self._flat]
            yield tree.pack_sequence_as(self._data, flat)

    def get_plan_iterator(self):
        """Yields ``(order, start, stop)`` per batch, in ``get_numpy_iterator``'s order."""
        order, bounds = self.epoch_plan()
        for a, b in bounds:
            yield order, a, b

    def numpy_batch(self, order, start, stop):
        """The batch ``get_numpy_iterator`` yields for ``(order, start, stop)``."""
        index = slice(start, stop) if order is None else order[start:stop]
        flat = [None if a is None else a[index] for a in self._flat]
        return tree.pack_sequence_as(self._data, flat)
