import random

import numpy as np
import pytest

import kerasx
from kerasx import utils


def test_set_random_seed_makes_python_numpy_and_kerasx_reproducible():
    def draw():
        return (random.random(), np.random.rand(),
                kerasx.ops.convert_to_numpy(kerasx.random.normal((4,))))

    utils.set_random_seed(123)
    a = draw()
    b = draw()
    utils.set_random_seed(123)
    c = draw()
    assert a[0] == c[0] and a[1] == c[1]
    np.testing.assert_array_equal(a[2], c[2])
    assert not np.array_equal(a[2], b[2])  # the global generator advances between draws


def test_set_random_seed_rejects_non_int():
    with pytest.raises(ValueError, match="seed must be an int"):
        utils.set_random_seed(1.5)


def test_exports():
    assert utils.Sequence is utils.PyDataset
    for name in ("to_categorical", "normalize", "Progbar", "PyDataset", "set_random_seed"):
        assert callable(getattr(utils, name))
    with pytest.raises(AttributeError, match="no_such_helper"):
        utils.no_such_helper


def test_py_dataset_defaults_and_num_batches():
    class D(utils.PyDataset):
        def __len__(self):
            return 7

        def __getitem__(self, i):
            return np.zeros((1, 1))

    d = D(workers=3, max_queue_size=4)
    assert (d.workers, d.use_multiprocessing, d.max_queue_size, d.num_batches) == (3, False, 4, 7)
    assert utils.PyDataset().num_batches is None
