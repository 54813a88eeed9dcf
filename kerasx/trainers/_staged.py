"""In-memory training data placed on the device once per ``fit`` ("staged" batches).

Converting every batch from NumPy costs a host-to-device transfer per array per
step. When the backend's train function accepts staged batches (it has a
``staged`` attribute, e.g. JAX), ``fit`` converts the arrays of an
``ArrayDataAdapter`` once and each step only names its samples: a start index
into the data, or into this epoch's shuffled order. The step function slices
(or gathers) the batch from the staged arrays inside its compiled function.
The batches, their order and the shuffling (NumPy's global RNG) are exactly those
of the per-batch path. Anything else (generators, datasets, string data,
steps_per_execution > 1, very large arrays) keeps the per-batch path.
"""

import numpy as np

from kerasx import ops, tree

# Staging keeps one device copy of the training arrays for the duration of fit.
MAX_STAGED_BYTES = 256 * 2 ** 20


class StagedData:
    """The training arrays on the device, and the per-step batch descriptions.

    Args:
        adapter: an ``ArrayDataAdapter``.
        convert: NumPy leaf -> backend tensor (the per-batch conversion).
    """

    def __init__(self, adapter, convert):
        self.adapter = adapter
        flat = adapter._flat
        self.present = tuple(a is not None for a in flat)
        self.arrays = [convert(a) for a in flat if a is not None]
        positions, k = [], 0
        for p in self.present:  # leaf -> its index in self.arrays (None stays None)
            positions.append(k if p else None)
            k += p
        skeleton = tree.pack_sequence_as(adapter._data, positions)
        self.skeleton = _drop_trailing_none(skeleton)
        self.layout = repr(self.skeleton)
        self._starts = {}
        self._batch_fns = {}
        self._order_np = None
        self._order = None

    def step_args(self, order, start, stop):
        """``(order, start, size)`` for one batch: device order (or None), device start, int size."""
        if order is not None and order is not self._order_np:
            self._order_np = order
            self._order = ops.convert_to_tensor(order.astype("int32"))
        dev_start = self._starts.get(start)
        if dev_start is None:
            dev_start = self._starts[start] = ops.convert_to_tensor(np.int32(start))
        return (None if order is None else self._order), dev_start, stop - start

    def run(self, staged_fn, order, start, stop):
        """Runs the backend's staged step function on batch ``(order, start, stop)``."""
        dev_order, dev_start, size = self.step_args(order, start, stop)
        key = (self.layout, size, order is not None)
        batch_of = self._batch_fns.get(key)
        if batch_of is None:
            batch_of = self._batch_fns[key] = materializer(self.skeleton, size, order is not None)
        return staged_fn(key, batch_of, self.arrays, dev_order, dev_start)

    def numpy_batch(self, order, start, stop):
        """The same batch as NumPy (to build the model, or for the per-batch path)."""
        return self.adapter.numpy_batch(order, start, stop)


def materializer(skeleton, size, ordered):
    """Returns ``fn(arrays, order, start) -> batch`` slicing one batch with kerasx.ops.

    It depends only on the structure, the batch size and whether an order is
    used, so a backend may cache its compiled step on ``(layout, size, ordered)``.
    """

    def batch(arrays, order, start):
        if ordered:
            index = ops.slice(order, [start], [size])
            leaves = [ops.take(a, index, axis=0) for a in arrays]
        else:
            leaves = [ops.slice(a, [start] + [0] * (len(a.shape) - 1),
                                [size] + list(a.shape[1:])) for a in arrays]
        flat = tree.flatten(skeleton)
        return tree.pack_sequence_as(skeleton, [None if i is None else leaves[i] for i in flat])

    return batch


def _drop_trailing_none(batch):
    # (x, y, None) reaches train_step as (x, y), as on the per-batch path
    if isinstance(batch, tuple) and not hasattr(batch, "_fields"):
        items = list(batch)
        while len(items) > 1 and items[-1] is None:
            items.pop()
        return tuple(items)
    return batch


def stage(model, adapter, convert, epochs=2):
    """A ``StagedData`` for ``adapter`` when fit can use staged batches, else None.

    Staging pays off when the data is passed over more than once (``epochs >= 2``):
    the compiled step's signature includes the data set's length, so a single-epoch
    fit (e.g. a loop of ``fit`` calls on chunks of varying size) keeps per-batch
    conversion and its compiled steps.
    """
    from kerasx.backends import B
    from kerasx.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
    if not getattr(B.trainer, "supports_staged_batches", False) or model._run_eagerly \
            or model.steps_per_execution != 1 or type(adapter) is not ArrayDataAdapter \
            or epochs < 2:
        return None
    flat = [a for a in adapter._flat if a is not None]
    if not flat or adapter.num_samples == 0:
        return None
    if not all(isinstance(a, np.ndarray) and a.dtype.kind in "biuf" and a.ndim >= 1
               for a in flat):
        return None
    if sum(a.nbytes for a in flat) > MAX_STAGED_BYTES:
        return None
    return StagedData(adapter, _stager(convert))


def _stager(convert):
    """NumPy leaf -> device array: the per-batch path's conversion, or the backend's
    ``stage_array`` (which may share host memory) after the same NumPy-side casts."""
    from kerasx.backends import B
    stage_array = getattr(B.trainer, "stage_array", None)
    if stage_array is None:
        return convert
    from kerasx.trainers._loop import prepare_numpy
    return lambda array: stage_array(prepare_numpy(array))


class PlanAdapter:
    """An ``ArrayDataAdapter`` whose iterator yields ``(order, start, stop)`` plans
    instead of NumPy batches (for ``EpochIterator``, which only counts and passes them)."""

    def __init__(self, adapter):
        self._adapter = adapter

    def get_numpy_iterator(self):
        return self._adapter.get_plan_iterator()

    def __getattr__(self, name):
        return getattr(self._adapter, name)
