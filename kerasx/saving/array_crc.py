"""CRC-32 of the arrays being saved, computed from memory while h5py writes them.

``.keras`` saving needs the zip CRC-32 of the weights member. Most of its bytes are
the arrays themselves, so their CRCs are computed from the arrays in memory
instead of reading the written file back. The work is cut into pieces of at most
``PIECE_BYTES``: a helper thread takes pieces while the saving thread writes the
file, and when the saving thread is done writing it takes the pieces still left
instead of waiting. On an idle second core the CRCs are ready when the writing
ends; on a busy machine the work is shared by whichever thread gets to run. zlib
releases the GIL while it computes, and h5py while it writes.
"""

import _thread
import zlib

import numpy as np

from kerasx.saving.zip_inplace import crc32_combine

PIECE_BYTES = 4 << 20
# Below this many bytes in all, one thread does everything (a thread costs more).
THREAD_MIN_BYTES = 8 << 20


def _flat_bytes(arr):
    """The array's bytes as a flat uint8 view, or None when it is not checksummed here
    (not plain numbers, not contiguous, or empty: such datasets are read back)."""
    if arr.dtype.kind in "biuf" and arr.flags.c_contiguous and arr.nbytes:
        return arr.reshape(-1).view(np.uint8)
    return None


class ArrayChecksums:
    """CRC-32 of each array of a list, computed by a helper thread and the caller.

    Call ``start(arrays)`` before writing them and ``result()`` after: it returns one
    CRC per array (None for arrays not covered, see ``_flat_bytes``).

    Args:
        threaded: True/False forces the helper thread on/off; None (default) uses it
            when the arrays hold at least ``THREAD_MIN_BYTES``.

    Example:
        >>> checks = ArrayChecksums()
        >>> checks.start([np.arange(4.0)])
        >>> checks.result() == [zlib.crc32(np.arange(4.0).tobytes())]
        True
    """

    def __init__(self, threaded=None):
        self._threaded = threaded
        self._pieces, self._crcs, self._owner = [], [], []
        self._next, self._n_arrays = 0, 0
        self._take = _thread.allocate_lock()  # guards _next
        self._helper_done = None
        self._error = None

    def start(self, arrays):
        """Plans the pieces of ``arrays`` and starts the helper thread (if used).

        An error while planning is raised by ``result()``, like one while computing.
        """
        pieces, owner, total = [], [], 0
        try:
            for i, arr in enumerate(arrays):
                flat = _flat_bytes(arr)
                if flat is None:
                    continue
                for lo in range(0, flat.size, PIECE_BYTES):
                    pieces.append(flat[lo:lo + PIECE_BYTES])
                    owner.append(i)
                total += flat.size
        except BaseException as e:
            self._error = e
            return
        self._n_arrays = len(arrays)
        self._pieces, self._owner, self._crcs = pieces, owner, [None] * len(pieces)
        threaded = total >= THREAD_MIN_BYTES if self._threaded is None else self._threaded
        if threaded and pieces:
            done = _thread.allocate_lock()
            done.acquire()
            self._helper_done = done
            try:  # a low-level thread: threading.Thread.start blocks until the thread runs
                _thread.start_new_thread(self._helper, ())
            except RuntimeError:  # no thread (interpreter shutting down): result() does it all
                self._helper_done = None

    def _helper(self):
        try:
            self._work()
        finally:
            self._helper_done.release()

    def _work(self):
        while self._error is None:
            with self._take:
                k = self._next
                self._next += 1
            if k >= len(self._pieces):
                return
            try:
                self._crcs[k] = zlib.crc32(self._pieces[k])
            except BaseException as e:  # reported by result()
                self._error = e

    def cancel(self):
        """Stops handing out pieces and waits for the helper (the save failed)."""
        with self._take:
            self._next = len(self._pieces)
        self._wait_helper()

    def _wait_helper(self):
        if self._helper_done is not None:
            self._helper_done.acquire()  # the helper's last piece
            self._helper_done.release()

    def result(self):
        """Finishes the pieces left (in this thread), then returns one CRC per array."""
        self._work()
        self._wait_helper()
        if self._error is not None:
            raise self._error
        out = [None] * self._n_arrays
        for crc, piece, i in zip(self._crcs, self._pieces, self._owner):
            out[i] = crc if out[i] is None else crc32_combine(out[i], crc, piece.size)
        return out
