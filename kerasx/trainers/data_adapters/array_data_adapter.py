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

    def _batch_slices(self):
        bs, n = self.batch_size, self.num_samples
        if self.shuffle is True:
            order = np.random.permutation(n)
            return [order[i:i + bs] for i in range(0, n, bs)]
        slices = [slice(i, min(i + bs, n)) for i in range(0, n, bs)]
        if self.shuffle == "batch":
            full = n // bs
            perm = np.random.permutation(full)
            slices = [slices[i] for i in perm] + slices[full:]
        return slices

    def get_numpy_iterator(self):
        for index in self._batch_slices():
            flat = [None if a is None else a[index] for a in self._flat]
            yield tree.pack_sequence_as(self._data, flat)
