"""tf.data and torch DataLoader inputs, detected by duck typing (run on every backend)."""

import importlib.util

import numpy as np
import pytest

from kerasx.trainers.data_adapters import (
    EpochIterator,
    TFDatasetAdapter,
    TorchDataLoaderAdapter,
    get_data_adapter,
)

_HAS_TF = importlib.util.find_spec("tensorflow") is not None
_HAS_TORCH = importlib.util.find_spec("torch") is not None

X = np.arange(20, dtype="float32").reshape(10, 2)
Y = np.arange(10, dtype="int64")


@pytest.mark.skipif(not _HAS_TF, reason="TensorFlow is not installed")
def test_tf_data_dataset():
    import tensorflow as tf
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
    a = get_data_adapter(ds)
    assert isinstance(a, TFDatasetAdapter) and a.num_batches == 3
    batches = [b for _, b in EpochIterator(a)]
    assert [b[0].shape for b in batches] == [(4, 2), (4, 2), (2, 2)]
    assert all(isinstance(b[0], np.ndarray) for b in batches)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), Y)
    assert len(list(EpochIterator(a))) == 3  # a dataset restarts each epoch


@pytest.mark.skipif(not _HAS_TF, reason="TensorFlow is not installed")
def test_tf_data_dict_inputs_sample_weight_and_infinite():
    import tensorflow as tf
    ds = tf.data.Dataset.from_tensor_slices(({"a": X}, Y, np.full(10, 0.5))).batch(5)
    x, y, sw = next(iter(get_data_adapter(ds).get_numpy_iterator()))
    assert set(x) == {"a"} and x["a"].shape == (5, 2)
    np.testing.assert_allclose(sw, 0.5)
    a = get_data_adapter(tf.data.Dataset.from_tensor_slices((X, Y)).batch(4).repeat())
    assert a.num_batches is None
    assert len(list(EpochIterator(a, steps_per_epoch=7))) == 7
    with pytest.raises(ValueError, match="`y` argument is not supported"):
        get_data_adapter(tf.data.Dataset.from_tensor_slices(X), y=Y)


@pytest.mark.skipif(not _HAS_TORCH, reason="PyTorch is not installed")
def test_torch_dataloader():
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(Y)), batch_size=4)
    a = get_data_adapter(loader)
    assert isinstance(a, TorchDataLoaderAdapter)
    assert (a.num_batches, a.batch_size, a.has_partial_batch, a.partial_batch_size) == (3, 4, True, 2)
    batches = [b for _, b in EpochIterator(a)]
    assert all(isinstance(b[0], np.ndarray) and isinstance(b[1], np.ndarray) for b in batches)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), X)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), Y)


@pytest.mark.skipif(not _HAS_TORCH, reason="PyTorch is not installed")
def test_torch_dataloader_shuffled_class_weight_and_drop_last():
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    torch.manual_seed(0)
    ds = TensorDataset(torch.from_numpy(X), torch.from_numpy(Y % 2))
    a = get_data_adapter(DataLoader(ds, batch_size=3, shuffle=True, drop_last=True),
                         class_weight={1: 3.0})
    assert a.num_batches == 3 and a.has_partial_batch is False
    for _, (x, y, sw) in EpochIterator(a):
        np.testing.assert_array_equal(y, (x[:, 0] / 2).astype("int64") % 2)
        np.testing.assert_allclose(sw, np.where(y == 1, 3.0, 1.0))


def test_duck_typed_objects_without_frameworks():
    class FakeTFDataset:
        element_spec = None

        def as_numpy_iterator(self):
            return iter([(X[:5], Y[:5]), (X[5:], Y[5:])])

        def cardinality(self):
            return np.int64(2)

    class FakeLoader:
        dataset = list(range(10))
        batch_size = 5

        def __iter__(self):
            return iter([[X[:5], Y[:5]], [X[5:], Y[5:]]])

        def __len__(self):
            return 2

    for source in (FakeTFDataset(), FakeLoader()):
        a = get_data_adapter(source)
        assert a.num_batches == 2
        batches = [b for _, b in EpochIterator(a)]
        np.testing.assert_array_equal(batches[1][1], Y[5:])
