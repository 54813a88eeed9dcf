"""Data adapters: every supported input (arrays, generators, PyDataset, tf.data,
DataLoader) becomes epochs of ``(x, y, sample_weight)`` NumPy batches."""

from kerasx.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
from kerasx.trainers.data_adapters.data_adapter import DataAdapter, reject_separate_targets
from kerasx.trainers.data_adapters.data_adapter_utils import (  # noqa: F401
    check_same_length,
    class_weight_to_sample_weight,
    is_array_structure,
    pack_x_y_sample_weight,
    train_validation_split,
    unpack_x_y_sample_weight,
)
from kerasx.trainers.data_adapters.epoch_iterator import EpochIterator  # noqa: F401
from kerasx.trainers.data_adapters.framework_data_adapters import (
    TFDatasetAdapter,
    TorchDataLoaderAdapter,
    is_tf_dataset,
    is_torch_dataloader,
)
from kerasx.trainers.data_adapters.generator_data_adapter import GeneratorDataAdapter
from kerasx.trainers.data_adapters.py_dataset_adapter import PyDatasetAdapter


def _is_py_dataset(x):
    from kerasx.utils.py_dataset import PyDataset
    if isinstance(x, PyDataset):
        return True
    # Keras 2 style Sequence objects that do not subclass kerasx's PyDataset.
    return (hasattr(x, "__getitem__") and hasattr(x, "__len__") and hasattr(x, "on_epoch_end")
            and not is_array_structure(x))


def _flat_leaves(x):
    if isinstance(x, dict):
        x = list(x.values())
    if isinstance(x, (list, tuple)):
        return [leaf for v in x for leaf in _flat_leaves(v)]
    return [x]


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                     shuffle=False, class_weight=None, workers=None, use_multiprocessing=None,
                     max_queue_size=None):
    """Picks and builds the adapter for ``x`` (and ``y``/``sample_weight`` for arrays).

    Args:
        x: arrays/tensors (or nested lists/dicts of them), a Python generator
            or iterator, a ``kerasx.utils.PyDataset``, a ``tf.data.Dataset`` or
            a ``torch.utils.data.DataLoader``.
        y, sample_weight: only with array ``x``.
        batch_size: for arrays (default 32).
        steps_per_epoch: for arrays without ``batch_size``, picks the batch size.
        shuffle: True / False / ``"batch"`` for arrays; True shuffles the batch
            order of a PyDataset; ignored for sources that batch themselves.
        class_weight: dict class index -> weight, turned into per-sample weights.
        workers, use_multiprocessing, max_queue_size: PyDataset loading options.

    Returns:
        A ``DataAdapter``.

    Raises:
        ValueError: for an unsupported type of ``x`` or inconsistent inputs.
    """
    if x is None:
        raise ValueError("No data was given: x is None. Pass arrays, a generator, a "
                         "PyDataset, a tf.data.Dataset or a torch DataLoader as x.")
    if class_weight is not None and not isinstance(class_weight, dict):
        raise ValueError(f"class_weight must be a dict mapping class index to weight, "
                         f"got {type(class_weight).__name__}.")
    if _is_py_dataset(x):
        reject_separate_targets("a PyDataset", y, sample_weight)
        return PyDatasetAdapter(x, shuffle=shuffle, class_weight=class_weight, workers=workers,
                                use_multiprocessing=use_multiprocessing,
                                max_queue_size=max_queue_size)
    if is_tf_dataset(x):
        reject_separate_targets("a tf.data.Dataset", y, sample_weight)
        return TFDatasetAdapter(x, class_weight=class_weight)
    if is_torch_dataloader(x):
        reject_separate_targets("a torch DataLoader", y, sample_weight)
        return TorchDataLoaderAdapter(x, class_weight=class_weight)
    if is_array_structure(x):
        for name, value in (("y", y), ("sample_weight", sample_weight)):
            if value is not None and not is_array_structure(value):
                raise ValueError(f"{name} must be an array, a tensor or a list/dict of them "
                                 f"when x is an array; got {type(value).__name__}.")
        return ArrayDataAdapter(x, y, sample_weight, batch_size=batch_size,
                                steps=steps_per_epoch, shuffle=shuffle,
                                class_weight=class_weight)
    if isinstance(x, (list, tuple, dict)):
        leaves = [type(v).__name__ for v in _flat_leaves(x) if not is_array_structure(v)]
        raise ValueError(
            "x must be arrays/tensors, nested lists or dicts of them, or lists of numbers; "
            f"got a {type(x).__name__} containing {', '.join(sorted(set(leaves))) or 'nothing'}.")
    if hasattr(x, "__next__") or (hasattr(x, "__iter__") and not isinstance(x, (str, bytes))):
        reject_separate_targets("a Python generator or iterator", y, sample_weight)
        return GeneratorDataAdapter(x, class_weight=class_weight)
    raise ValueError(
        f"Unrecognized data type: x={type(x).__name__}. Expected NumPy arrays or tensors "
        "(or lists/dicts of them), a Python generator, a kerasx.utils.PyDataset, a "
        "tf.data.Dataset or a torch DataLoader.")


__all__ = [
    "ArrayDataAdapter", "DataAdapter", "EpochIterator", "GeneratorDataAdapter",
    "PyDatasetAdapter", "TFDatasetAdapter", "TorchDataLoaderAdapter", "get_data_adapter",
    "pack_x_y_sample_weight", "train_validation_split", "unpack_x_y_sample_weight",
    "class_weight_to_sample_weight", "check_same_length",
]
