import numpy as np
import pytest

from kerasx import ops
from kerasx.trainers.data_adapters import (
    EpochIterator,
    get_data_adapter,
    pack_x_y_sample_weight,
    train_validation_split,
    unpack_x_y_sample_weight,
)


def _epoch(adapter):
    return list(adapter.get_numpy_iterator())


def test_batches_and_partial_batch():
    x = np.arange(20, dtype="float32").reshape(10, 2)
    y = np.arange(10)
    a = get_data_adapter(x, y, batch_size=4)
    assert (a.num_batches, a.batch_size, a.has_partial_batch, a.partial_batch_size) == (3, 4, True, 2)
    batches = _epoch(a)
    assert [b[0].shape[0] for b in batches] == [4, 4, 2]
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), x)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y)
    assert all(b[2] is None for b in batches)


def test_default_batch_size_and_steps_pick_batch_size():
    x = np.zeros((100, 3))
    assert get_data_adapter(x).batch_size == 32
    a = get_data_adapter(x, steps_per_epoch=4)
    assert (a.batch_size, a.num_batches) == (25, 4)


def test_shuffle_changes_order_but_keeps_pairs():
    np.random.seed(0)
    x = np.arange(50)
    a = get_data_adapter(x, x * 10, batch_size=8, shuffle=True)
    first = np.concatenate([b[0] for b in _epoch(a)])
    second = np.concatenate([b[0] for b in _epoch(a)])
    assert not np.array_equal(first, x) and not np.array_equal(first, second)
    np.testing.assert_array_equal(np.sort(first), x)
    for xb, yb, _ in _epoch(a):
        np.testing.assert_array_equal(yb, xb * 10)


def test_batch_shuffle_keeps_batches_contiguous():
    np.random.seed(3)
    x = np.arange(22)
    a = get_data_adapter(x, batch_size=5, shuffle="batch")
    seen = set()
    for _ in range(5):
        batches = [b[0] for b in _epoch(a)]
        for b in batches[:-1]:
            assert b[0] % 5 == 0
            np.testing.assert_array_equal(b, np.arange(b[0], b[0] + 5))
        np.testing.assert_array_equal(batches[-1], [20, 21])
        seen.add(tuple(int(b[0]) for b in batches))
    assert len(seen) > 1


def test_dict_and_list_inputs_and_python_lists():
    x = {"a": np.arange(6).reshape(6, 1), "b": [[float(i)] for i in range(6)]}
    y = [np.arange(6), np.arange(6) * 2]
    a = get_data_adapter(x, y, batch_size=4)
    xb, yb, _ = next(iter(a.get_numpy_iterator()))
    assert set(xb) == {"a", "b"} and isinstance(xb["b"], np.ndarray)
    np.testing.assert_array_equal(xb["b"][:, 0], [0, 1, 2, 3])
    assert isinstance(yb, list) and len(yb) == 2
    np.testing.assert_array_equal(yb[1], [0, 2, 4, 6])
    a = get_data_adapter([1.0, 2.0, 3.0], [0, 1, 0], batch_size=2)
    xb, yb, _ = next(iter(a.get_numpy_iterator()))
    np.testing.assert_array_equal(xb, [1.0, 2.0])
    a = get_data_adapter(["good movie", "bad film", "ok"], [1, 0, 1], batch_size=2)
    xb, yb, _ = next(iter(a.get_numpy_iterator()))
    assert xb.tolist() == ["good movie", "bad film"] and yb.tolist() == [1, 0]


def test_backend_tensors_are_accepted():
    x = ops.convert_to_tensor(np.arange(12, dtype="float32").reshape(6, 2))
    y = ops.convert_to_tensor(np.arange(6, dtype="int32"))
    a = get_data_adapter(x, y, batch_size=4)
    xb, yb, _ = next(iter(a.get_numpy_iterator()))
    assert isinstance(xb, np.ndarray) and isinstance(yb, np.ndarray)
    np.testing.assert_array_equal(xb, np.arange(8, dtype="float32").reshape(4, 2))


def test_mismatched_lengths_error_names_both():
    with pytest.raises(ValueError, match="x has 100 samples but y has 90"):
        get_data_adapter(np.zeros((100, 2)), np.zeros(90))
    with pytest.raises(ValueError, match="sample_weight has 7"):
        get_data_adapter(np.zeros((8, 2)), np.zeros(8), sample_weight=np.ones(7))


def test_class_weight_sparse_and_one_hot():
    y = np.array([0, 1, 2, 1])
    a = get_data_adapter(np.zeros((4, 1)), y, batch_size=4, class_weight={0: 1.0, 1: 3.0, 2: 0.5})
    _, _, sw = next(iter(a.get_numpy_iterator()))
    np.testing.assert_allclose(sw, [1.0, 3.0, 0.5, 3.0])
    a = get_data_adapter(np.zeros((4, 1)), np.eye(3)[y], batch_size=4,
                         class_weight={1: 2.0})  # missing classes weigh 1
    _, _, sw = next(iter(a.get_numpy_iterator()))
    np.testing.assert_allclose(sw, [1.0, 2.0, 1.0, 2.0])
    a = get_data_adapter(np.zeros((4, 1)), y, sample_weight=np.full(4, 2.0), batch_size=4,
                         class_weight={1: 3.0})
    _, _, sw = next(iter(a.get_numpy_iterator()))
    np.testing.assert_allclose(sw, [2.0, 6.0, 2.0, 6.0])


def test_class_weight_without_y_errors():
    with pytest.raises(ValueError, match="class_weight"):
        get_data_adapter(np.zeros((4, 1)), class_weight={0: 1.0})


def test_validation_split_takes_last_fraction():
    x = np.arange(10)
    y = np.arange(10) * 2
    (xt, yt, swt), (xv, yv, swv) = train_validation_split((x, y, None), validation_split=0.2)
    np.testing.assert_array_equal(xt, np.arange(8))
    np.testing.assert_array_equal(xv, [8, 9])
    np.testing.assert_array_equal(yv, [16, 18])
    assert swt is None and swv is None
    (xt, _), (xv, _) = train_validation_split(({"a": x}, y), validation_split=0.25)
    np.testing.assert_array_equal(xv["a"], [7, 8, 9])


def test_validation_split_rejects_non_arrays_and_tiny_data():
    with pytest.raises(ValueError, match="validation_split"):
        train_validation_split((iter([1, 2]), None), 0.2)
    with pytest.raises(ValueError, match="validation_split"):
        train_validation_split((np.arange(1), None), 0.5)


def test_unpack_and_pack():
    assert unpack_x_y_sample_weight((1, 2, 3)) == (1, 2, 3)
    assert unpack_x_y_sample_weight([1, 2]) == (1, 2, None)
    assert unpack_x_y_sample_weight((1,)) == (1, None, None)
    assert unpack_x_y_sample_weight("x") == ("x", None, None)
    with pytest.raises(ValueError, match="sample_weight"):
        unpack_x_y_sample_weight((1, 2, 3, 4))
    assert pack_x_y_sample_weight(1) == 1
    assert pack_x_y_sample_weight((1, 2)) == ((1, 2),)
    assert pack_x_y_sample_weight(1, 2) == (1, 2)
    assert pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)


def test_epoch_iterator_steps_smaller_and_larger_than_epoch():
    x = np.arange(10)
    it = EpochIterator(get_data_adapter(x, batch_size=4), steps_per_epoch=2)
    first = [b[0].tolist() for _, b in it]
    second = [b[0].tolist() for _, b in it]
    assert first == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert second == [[8, 9], [0, 1, 2, 3]]  # continues where the last epoch stopped
    it = EpochIterator(get_data_adapter(x, batch_size=4), steps_per_epoch=5)
    steps = list(it)
    assert [s for s, _ in steps] == [0, 1, 2, 3, 4]
    assert [len(b[0]) for _, b in steps] == [4, 4, 2, 4, 4]
    assert not it.exhausted and it.num_batches == 5


def test_epoch_iterator_initial_step_and_steps_per_execution():
    a = get_data_adapter(np.arange(10), batch_size=2)
    it = EpochIterator(a, initial_step=3)
    assert [(s, b[0].tolist()) for s, b in it] == [(3, [6, 7]), (4, [8, 9])]
    assert len(list(it)) == 5  # only the first epoch is shortened
    it = EpochIterator(a, steps_per_execution=2)
    groups = list(it)
    assert [s for s, _ in groups] == [0, 2, 4]
    assert [len(g) for _, g in groups] == [2, 2, 1]


def test_unsupported_type_and_bad_shuffle():
    with pytest.raises(ValueError, match="Unrecognized data type"):
        get_data_adapter(42)
    with pytest.raises(ValueError, match="x is None"):
        get_data_adapter(None)
    with pytest.raises(ValueError, match="containing NoneType, object"):
        get_data_adapter([object(), None])
    with pytest.raises(ValueError, match="containing nothing"):
        get_data_adapter([])
    with pytest.raises(ValueError, match="shuffle"):
        get_data_adapter(np.zeros((3, 1)), shuffle="yes")
