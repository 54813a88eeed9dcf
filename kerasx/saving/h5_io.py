"""Moving arrays between variables and HDF5 datasets with as few copies as possible.

Reading: after the loader has checked every shape, each dataset is read by h5py
straight into a fresh buffer that the variable then takes over without a copy
(``Variable._load_buffer`` / ``Variable._adopt_loaded``). Everything is read
before anything is adopted, so a failing read leaves the model unchanged.
Datasets whose dtype differs from the variable's (or that are empty, or of a
dtype the fast path does not cover) are read into NumPy and assigned as usual.

Writing: h5py receives a read-only view of the variable's memory where the
backend provides one, instead of a copy.
"""

import numpy as np
from h5py import h5s

# dtypes the direct read covers (plain numeric types stored as-is in HDF5).
_DIRECT_KINDS = "fiu"


class Loaded:
    """A filled ``Variable._load_buffer()`` array, to be adopted by its variable."""

    __slots__ = ("buffer",)

    def __init__(self, buffer):
        self.buffer = buffer

    @property
    def shape(self):
        return self.buffer.shape


def dataset_array(dataset):
    """The whole dataset as a NumPy array (the general path)."""
    return np.asarray(dataset[()])


def _direct_ok(variable, dataset):
    if not hasattr(variable, "_load_buffer"):
        return False
    try:
        want = np.dtype(variable._dtype)
    except TypeError:  # bfloat16, string: no plain NumPy dtype
        return False
    have = dataset.dtype
    return (have == want and have.kind in _DIRECT_KINDS and have.isnative
            and dataset.size > 0 and tuple(dataset.shape) == tuple(variable.shape))


def read_for(variable, dataset):
    """Reads ``dataset`` for ``variable``: a ``Loaded`` buffer or a NumPy array.

    The shapes must already have been checked.
    """
    if not _direct_ok(variable, dataset):
        return dataset_array(dataset)
    buffer = variable._load_buffer()
    dataset.id.read(h5s.ALL, h5s.ALL, buffer)
    return Loaded(buffer)


def assign_pairs(pairs):
    """Assigns ``[(variable, value)]`` read by ``read_for`` (or plain arrays)."""
    for variable, value in pairs:
        if isinstance(value, Loaded):
            variable._adopt_loaded(value.buffer)
        else:
            variable.assign(value)


def write_array(value):
    """A NumPy array (a view where possible) of a variable or tensor, for h5py to write."""
    if hasattr(value, "_numpy_view"):  # a kerasx Variable: its stored value, no copy
        arr = value._numpy_view()
    elif hasattr(value, "numpy"):
        arr = value.numpy()
    else:
        arr = value
    return np.asarray(arr)
