import threading
import time
import numpy as np
import pytest

from kerasx.trainers.data_adapters import EpochIterator, get_data_adapter
from kerasx.utils import PyDataset, Sequence


def _gen(n, with_sw=False):
    for i in range(n):
        x = np.full((2, 3), i, dtype="float32")
        y = np.array([i, i])
        yield (x, y, np.array([0.5, 2.0])) if with_sw else (x, y)


def test_generator_x_y_sample_weight():
    a = get_data_adapter(_gen(3, with_sw=True))
    assert a.num_batches is None and not a.reiterable
    batches = list(EpochIterator(a))
    assert len(batches) == 3
    step, (x, y, sw) = batches[2]
    assert step == 2 and x.shape == (2, 3) and x[0, 0] == 2
    np.testing.assert_array_equal(sw, [0.5, 2.0])


def test_generator_x_only_and_class_weight():
    a = get_data_adapter((np.ones((2, 1)),) for _ in range(2))
    (_, (x, y, sw)), = list(EpochIterator(a, steps_per_epoch=1))
    assert y is None and sw is None
    a = get_data_adapter(_gen(2), class_weight={0: 4.0, 1: 2.0})
    weights = [b[2].tolist() for _, b in EpochIterator(a)]
    assert weights == [[4.0, 4.0], [2.0, 2.0]]


def test_generator_running_dry_warns_and_flags():
    it = EpochIterator(get_data_adapter(_gen(3)), steps_per_epoch=2)
    assert len(list(it)) == 2
    with pytest.warns(UserWarning, match="ran out of data"):
        assert len(list(it)) == 1
    assert it.exhausted


def test_generator_with_y_argument_errors():
    with pytest.raises(ValueError, match="`y` argument is not supported"):
        get_data_adapter(_gen(2), y=np.zeros(2))


def test_reiterable_iterable_restarts_each_epoch():
    class Batches:
        def __iter__(self):
            return _gen(2)
    it = EpochIterator(get_data_adapter(Batches()))
    assert len(list(it)) == 2 and len(list(it)) == 2 and not it.exhausted


class _Data(PyDataset):
    def __init__(self, n=5, delay=0.0, **kwargs):
        super().__init__(**kwargs)
        self.n, self.delay = n, delay
        self.epochs_ended = 0
        self.threads = set()

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if self.delay:
            time.sleep(self.delay)
        self.threads.add(threading.get_ident())
        return np.full((2, 1), i, dtype="float32"), np.array([i, i])

    def on_epoch_end(self):
        self.epochs_ended += 1


def test_py_dataset_in_order_and_epoch_end():
    ds = _Data()
    it = EpochIterator(get_data_adapter(ds))
    assert it.num_batches == 5
    assert [int(b[0][0, 0]) for _, b in it] == [0, 1, 2, 3, 4]
    list(it)
    assert ds.epochs_ended == 2


def test_py_dataset_workers_prefetch_in_threads():
    ds = _Data(n=8, delay=0.01, workers=2, max_queue_size=3)
    a = get_data_adapter(ds)
    assert a.workers == 2
    assert [int(b[1][0]) for b in a.get_numpy_iterator()] == list(range(8))
    assert threading.get_ident() not in ds.threads and len(ds.threads) >= 1


@pytest.mark.filterwarnings("ignore:os.fork")
def test_py_dataset_multiprocessing():
    ds = _Data(n=4, workers=2, use_multiprocessing=True)
    assert [int(b[1][0]) for b in get_data_adapter(ds).get_numpy_iterator()] == [0, 1, 2, 3]


def test_py_dataset_shuffle_and_class_weight():
    import random
    random.seed(0)
    a = get_data_adapter(_Data(n=6), shuffle=True, class_weight={3: 5.0})
    batches = list(a.get_numpy_iterator())
    order = [int(b[1][0]) for b in batches]
    assert sorted(order) == list(range(6)) and order != list(range(6))
    for _, y, sw in batches:
        np.testing.assert_array_equal(sw, np.where(y == 3, 5.0, 1.0))


def test_keras2_sequence_without_super_init():
    class Old(Sequence):
        def __init__(self):
            self.items = [np.ones((1, 2))] * 3

        def __len__(self):
            return 3

        def __getitem__(self, i):
            return self.items[i], np.zeros(1)

    a = get_data_adapter(Old())
    assert a.workers == 1 and len(list(a.get_numpy_iterator())) == 3


def test_infinite_py_dataset_stops_at_index_error():
    class Infinite(PyDataset):
        def __getitem__(self, i):
            if i >= 4:
                raise IndexError(i)
            return np.ones((1, 1)) * i

    it = EpochIterator(get_data_adapter(Infinite()), steps_per_epoch=3)
    assert it.num_batches == 3 and len(list(it)) == 3
    assert [int(b[0][0, 0]) for b in get_data_adapter(Infinite()).get_numpy_iterator()] == \
        [0, 1, 2, 3]


def test_py_dataset_num_batches_property_overrides_len():
    class Five(PyDataset):
        @property
        def num_batches(self):
            return 2

        def __getitem__(self, i):
            return np.full((1, 1), i)

    assert [int(b[0][0, 0]) for b in get_data_adapter(Five()).get_numpy_iterator()] == [0, 1]


def test_py_dataset_epoch_end_runs_at_epoch_end_with_steps_per_epoch():
    ds = _Data(n=4)
    it = EpochIterator(get_data_adapter(ds), steps_per_epoch=2)
    list(it)
    assert ds.epochs_ended == 0  # half of the data seen
    list(it)
    assert ds.epochs_ended == 1  # the pass finished exactly at this epoch's end
    it = EpochIterator(get_data_adapter(_Data(n=4)), steps_per_epoch=4)
    list(it)
    assert it.adapter.dataset.epochs_ended == 1
