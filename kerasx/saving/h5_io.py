"""Moving arrays between variables and HDF5 datasets with as few copies as possible.

Reading: after the loader has checked every shape, each dataset is read by h5py
straight into a fresh buffer that the variable then takes over without a copy
(``Variable._load_buffer`` / ``Variable._adopt_loaded``). Everything is read
before anything is adopted, so a failing read leaves the model unchanged.
Datasets whose dtype differs from the variable's (or that are empty, or of a
dtype the fast path does not cover) are read into NumPy and assigned as usual.

Large loads read in parallel: a dataset stored as one contiguous, unfiltered block
of native bytes (the layout h5py writes by default) is read with positioned reads
(``os.preadv``) in pieces spread over a few threads, straight into the variables'
buffers; HDF5 itself reads on one thread. Anything else goes through h5py.
(Starting the reads before the model is built, to overlap the two, was measured
slower on a 2-core machine: the reader and the model building compete for the
cores, and first-touch page faults of fresh buffers do not overlap well.)

Writing: h5py receives a read-only view of the variable's memory where the
backend provides one, instead of a copy.
"""

import math
import os
import threading

import h5py
import numpy as np
from h5py import h5d, h5o, h5s

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


class DatasetRef:
    """A dataset opened through h5py's low-level API, with what the loaders use of an
    ``h5py.Dataset`` (``id``, ``name``, ``file``, ``shape``, ``dtype``, ``size`` and
    ``[()]``); opening one costs a fraction of a high-level ``group[name]``."""

    __slots__ = ("id", "name", "file", "shape", "dtype", "size")

    def __init__(self, dsid, name, file):
        self.id, self.name, self.file = dsid, name, file
        shape = dsid.shape
        self.shape = tuple(shape) if shape is not None else None
        self.dtype = dsid.dtype
        self.size = 0 if shape is None else math.prod(shape)

    def __getitem__(self, key):
        return h5py.Dataset(self.id)[key]


def open_member(group, name, where=None):
    """``group[name]`` of an h5py Group or File: a ``DatasetRef`` for a dataset (cheaper
    to open than an ``h5py.Dataset``), the h5py object otherwise. KeyError when missing.

    ``where``: ``member_context(group)``, when opening many members of one group."""
    base, file = where if where is not None else member_context(group)
    try:
        obj = h5o.open(group.id, name.encode("utf-8", "surrogateescape"))
    except KeyError:
        raise KeyError(f"no object {name!r} in HDF5 group {base or '/'!r}") from None
    if not isinstance(obj, h5d.DatasetID):
        return group[name]
    return DatasetRef(obj, f"{base}/{name}", file)


def member_context(group):
    """What ``open_member`` needs of ``group``, computed once: its path and file."""
    return group.name.rstrip("/"), group.file


class GroupIndex:
    """Every link of an open ``h5py.File``, listed once (one ``H5Lvisit``), so that the
    members of a group are known without opening it: ``datasets(path)``."""

    def __init__(self, h5file):
        self.file = h5file
        self._members = members = {}
        self._names = names = set()

        def add(name):
            name = name.decode("utf-8", "surrogateescape")
            names.add(name)
            parent, _, leaf = name.rpartition("/")
            members.setdefault(parent, []).append(leaf)

        h5file.id.links.visit(add)

    def datasets(self, path):
        """``{name: dataset}`` of the group at ``path``, or None when there is no such
        group. Members that are not datasets come as h5py objects."""
        key = path.strip("/")
        if key not in self._members:
            # no members: an empty group, a dataset, or nothing
            if key not in self._names or not isinstance(
                    h5o.open(self.file.id, key.encode("utf-8", "surrogateescape")),
                    h5py.h5g.GroupID):
                return None
            return {}
        where = ("", self.file)
        return {leaf: open_member(self.file, f"{key}/{leaf}", where)
                for leaf in self._members[key]}


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


# Parallel reads pay off for large data only (thread hand-off costs ~100 µs).
PARALLEL_MIN_BYTES = 8 << 20
_PIECE_BYTES = 4 << 20
_pool = None
_pool_lock = threading.Lock()


def _workers():
    return max(1, min(4, os.cpu_count() or 1))


def _executor():
    global _pool
    with _pool_lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor
            _pool = ThreadPoolExecutor(_workers(), thread_name_prefix="kerasx-h5-read")
        return _pool


def _plain_file(obj):
    """``(file number, file name)`` of the file holding an h5py object (dataset, group
    or file) when it is a plain file on disk (h5py's default driver), else None."""
    f = obj.file
    return (obj.id.fileno, f.filename) if f.driver == "sec2" else None


def _raw_extent(dataset):
    """``(file offset, nbytes)`` when the dataset's bytes sit as is in one block of the
    file (contiguous, no filters, fully allocated); otherwise None."""
    try:
        dsid = dataset.id
        plist = dsid.get_create_plist()
        if plist.get_layout() != h5d.CONTIGUOUS or plist.get_nfilters():
            return None
        offset = dsid.get_offset()
        nbytes = dataset.size * dataset.dtype.itemsize
        if offset is None or dsid.get_storage_size() != nbytes:
            return None
        return int(offset), int(nbytes)
    except (AttributeError, ValueError, RuntimeError, OSError):
        return None


def read_all(pairs):
    """Reads ``[(variable, dataset)]`` (shapes already checked) like ``read_for`` each.

    Returns ``[(variable, Loaded or NumPy array)]`` in the same order. Raises
    ValueError naming the dataset when its bytes cannot all be read (a truncated
    file); nothing is assigned here, so the caller's model is untouched.
    """
    pairs = list(pairs)
    # (os.preadv: POSIX only; elsewhere every dataset goes through h5py)
    parallel = pairs and _workers() > 1 and hasattr(os, "preadv")
    source = _plain_file(pairs[0][1]) if parallel else None
    extents, total = [], 0
    for variable, dataset in pairs:
        extent = None
        if source is not None and _direct_ok(variable, dataset) \
                and dataset.id.fileno == source[0]:
            extent = _raw_extent(dataset)
            total += extent[1] if extent is not None else 0
        extents.append(extent)
    if total == 0 or total < PARALLEL_MIN_BYTES:  # small: h5py, one dataset after another
        return [(v, read_for(v, d)) for v, d in pairs]
    out, jobs = [], []
    for (variable, dataset), extent in zip(pairs, extents):
        if extent is None:
            out.append((variable, read_for(variable, dataset)))
            continue
        buffer = variable._load_buffer()
        out.append((variable, Loaded(buffer)))
        jobs.append((dataset, buffer, extent))
    _parallel_read(source[1], jobs)
    return out


def _byte_view(buffer):
    return memoryview(buffer.reshape(-1).view(np.uint8))


def _start_reads(fd, filename, ranges):
    """Reads ``[(dataset name, byte view, file offset)]`` on the worker threads.

    The bytes are split into one job per worker; a job reads runs of adjacent ranges
    with one ``preadv`` each, so a worker needs the GIL only a few times (a thread
    waiting for the GIL can wait a whole switch interval while the caller runs
    Python). Returns the jobs' futures.
    """
    ranges = sorted(ranges, key=lambda r: r[2])
    total = sum(len(view) for _, view, _ in ranges)
    share = max(1, -(-total // _workers()))
    out, current, filled = [], [], 0
    for name, view, offset in ranges:
        pos = 0
        while pos < len(view):
            n = min(len(view) - pos, share - filled, _PIECE_BYTES)
            current.append((name, view[pos:pos + n], offset + pos))
            pos += n
            filled += n
            if filled >= share:
                out.append(current)
                current, filled = [], 0
    if current:
        out.append(current)
    pool = _executor()
    return [pool.submit(_run_job, fd, filename, job) for job in out]


# Bytes between two datasets (object headers) are read into scratch memory rather
# than splitting a worker's reads, up to this size.
_MAX_GAP = 1 << 20
_MAX_IOV = 512


def _run_job(fd, filename, job):
    """Reads one worker's ranges with as few ``preadv`` calls as the gaps allow."""
    i = 0
    while i < len(job):
        name, view, offset = job[i]
        items, end, j = [(name, view)], offset + len(view), i + 1
        while j < len(job) and len(items) < _MAX_IOV - 1 and 0 <= job[j][2] - end <= _MAX_GAP:
            gap = job[j][2] - end
            if gap:
                items.append((None, memoryview(bytearray(gap))))
            items.append((job[j][0], job[j][1]))
            end = job[j][2] + len(job[j][1])
            j += 1
        _read_fully(fd, filename, items, offset)
        i = j


def _read_fully(fd, filename, items, offset):
    """``preadv`` into ``[(dataset name or None for a gap, view)]`` from ``offset`` on."""
    while items:
        got = os.preadv(fd, [view for _, view in items], offset)
        if got <= 0:
            name = next((n for n, _ in items if n is not None), "?")
            raise ValueError(
                f"Could not read the weights dataset {name!r} from {filename!r}: the file "
                f"ends {sum(len(v) for _, v in items)} bytes early (truncated or damaged). "
                "Nothing was loaded.")
        offset += got
        while items and got >= len(items[0][1]):
            got -= len(items[0][1])
            items = items[1:]
        if got:
            items = [(items[0][0], items[0][1][got:])] + items[1:]


def _parallel_read(filename, jobs):
    fd = os.open(filename, os.O_RDONLY)
    try:
        _wait(_start_reads(fd, filename, [(dataset.name, _byte_view(buffer), offset)
                                          for dataset, buffer, (offset, _) in jobs]))
    finally:
        os.close(fd)


def _wait(futures):
    """Waits for every future (so none still uses the file), then raises the first error."""
    error = None
    for future in futures:
        try:
            future.result()
        except Exception as e:  # noqa: BLE001 - re-raised below, after the others finish
            error = error or e
    if error is not None:
        raise error


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
