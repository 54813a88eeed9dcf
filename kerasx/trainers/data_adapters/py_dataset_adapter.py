"""``kerasx.utils.PyDataset`` (``Sequence``) sources, optionally loaded by parallel workers."""

import collections
import concurrent.futures
import multiprocessing
import random

from kerasx.trainers.data_adapters import data_adapter_utils as du
from kerasx.trainers.data_adapters.data_adapter import DataAdapter

_WORKER_DATASET = {}


def _init_worker(dataset):
    _WORKER_DATASET["ds"] = dataset


def _load_in_worker(index):
    element = _WORKER_DATASET["ds"][index]
    x, y, sw = du.unpack_x_y_sample_weight(element)
    return du.pack_x_y_sample_weight(
        du.convert_structure(x), du.convert_structure(y), du.convert_structure(sw))


def _num_batches(dataset):
    """``dataset.num_batches`` (a PyDataset may override it) or ``len``; None if infinite."""
    if hasattr(dataset, "num_batches"):
        n = dataset.num_batches
    else:
        try:
            n = len(dataset)
        except TypeError:
            n = None
    if n is not None and (isinstance(n, bool) or int(n) != n or n < 0):
        raise ValueError(f"PyDataset: the number of batches must be a non-negative int or "
                         f"None, got {n!r}.")
    return None if n is None else int(n)


class PyDatasetAdapter(DataAdapter):
    """Reads batch ``i`` as ``dataset[i]`` for ``i`` in ``range(len(dataset))``.

    Args:
        dataset: a ``PyDataset`` (or any object with ``__getitem__`` and ``__len__``).
        shuffle: True shuffles the order of batch indices each epoch.
        class_weight: dict mapping class index to weight.
        workers, use_multiprocessing, max_queue_size: override the dataset's
            own settings (Keras 2 passed these to ``fit``). With ``workers > 1``
            batches are prepared ahead by a thread pool (or a process pool
            with ``use_multiprocessing=True``), in order.
    """

    def __init__(self, dataset, shuffle=False, class_weight=None, workers=None,
                 use_multiprocessing=None, max_queue_size=None):
        super().__init__(class_weight)
        self.dataset = dataset
        self.shuffle = bool(shuffle)
        self.workers = int(workers if workers is not None else getattr(dataset, "workers", 1))
        self.use_multiprocessing = bool(use_multiprocessing if use_multiprocessing is not None
                                        else getattr(dataset, "use_multiprocessing", False))
        self.max_queue_size = int(max_queue_size if max_queue_size is not None
                                  else getattr(dataset, "max_queue_size", 10))
        if self.workers < 1 or self.max_queue_size < 1:
            raise ValueError(
                f"PyDataset: workers and max_queue_size must be >= 1, got workers={self.workers},"
                f" max_queue_size={self.max_queue_size}.")
        self.num_batches = _num_batches(dataset)

    def on_epoch_begin(self):
        hook = getattr(self.dataset, "on_epoch_begin", None)
        if callable(hook):
            hook()

    def on_epoch_end(self):
        hook = getattr(self.dataset, "on_epoch_end", None)
        if callable(hook):
            hook()

    def _indices(self):
        if self.num_batches is None:
            i = 0
            while True:
                yield i
                i += 1
        order = list(range(self.num_batches))
        if self.shuffle:
            random.shuffle(order)
        yield from order

    def get_numpy_iterator(self):
        if self.workers == 1:
            for i in self._indices():
                try:
                    element = self.dataset[i]
                except IndexError:
                    if self.num_batches is None:
                        return
                    raise
                yield self._prepare(element)
            return
        yield from self._parallel_iterator()

    def _make_pool(self):
        if self.use_multiprocessing:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            return concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_init_worker,
                initargs=(self.dataset,))
        return concurrent.futures.ThreadPoolExecutor(max_workers=self.workers)

    def _parallel_iterator(self):
        pool = self._make_pool()
        load = _load_in_worker if self.use_multiprocessing else self.dataset.__getitem__
        pending = collections.deque()
        indices = self._indices()
        try:
            for i in indices:
                pending.append(pool.submit(load, i))
                if len(pending) >= self.max_queue_size:
                    break
            while pending:
                future = pending.popleft()
                try:
                    element = future.result()
                except IndexError:
                    if self.num_batches is None:
                        return
                    raise
                next_index = next(indices, None)
                if next_index is not None:
                    pending.append(pool.submit(load, next_index))
                yield self._prepare(element)
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
