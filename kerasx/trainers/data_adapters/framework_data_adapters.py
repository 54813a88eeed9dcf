"""tf.data.Dataset and torch DataLoader sources, recognised by duck typing.

kerasx never imports TensorFlow or PyTorch here: a ``tf.data.Dataset`` is any
object with ``as_numpy_iterator`` and ``element_spec``; a ``DataLoader`` is an
iterable with ``dataset`` and ``batch_size`` attributes. Their elements are
converted to NumPy at the edge, so both work on every backend.
"""

import numpy as np

from kerasx.trainers.data_adapters.data_adapter import DataAdapter


def is_tf_dataset(x):
    return hasattr(x, "as_numpy_iterator") and hasattr(x, "element_spec")


def is_torch_dataloader(x):
    return hasattr(x, "dataset") and hasattr(x, "batch_size") and hasattr(x, "__iter__")


class TFDatasetAdapter(DataAdapter):
    """Iterates a (batched) ``tf.data.Dataset`` through ``as_numpy_iterator()``."""

    def __init__(self, dataset, class_weight=None):
        super().__init__(class_weight)
        self.dataset = dataset
        self.num_batches = None
        cardinality = getattr(dataset, "cardinality", None)
        if callable(cardinality):
            try:
                n = int(np.asarray(cardinality()))
            except (TypeError, ValueError):
                n = -1
            # tf.data uses -1 for infinite and -2 for unknown cardinality.
            self.num_batches = n if n >= 0 else None

    def get_numpy_iterator(self):
        for element in self.dataset.as_numpy_iterator():
            yield self._prepare(element)


class TorchDataLoaderAdapter(DataAdapter):
    """Iterates a ``torch.utils.data.DataLoader``; each pass is one epoch."""

    def __init__(self, loader, class_weight=None):
        super().__init__(class_weight)
        self.loader = loader
        self.batch_size = loader.batch_size
        try:
            self.num_batches = len(loader)
        except TypeError:  # iterable-style datasets have no length
            self.num_batches = None
        try:
            n = len(loader.dataset)
        except TypeError:
            n = None
        if n is not None and self.batch_size:
            remainder = n % self.batch_size
            drop_last = bool(getattr(loader, "drop_last", False))
            self.has_partial_batch = remainder != 0 and not drop_last
            self.partial_batch_size = remainder if self.has_partial_batch else None

    def get_numpy_iterator(self):
        for element in self.loader:
            yield self._prepare(element)
