"""CRC-32 of saved arrays from memory: pieces, the helper thread, work sharing, combine."""

import threading
import zlib

import numpy as np
import pytest

from kerasx.saving import array_crc, zip_inplace


def _arrays():
    rng = np.random.default_rng(0)
    return [rng.normal(size=(37, 41)).astype("float32"),       # several pieces, ragged end
            np.arange(250, dtype="int64"),                     # exactly 2 pieces of 1000 B
            np.array([7], dtype="uint8"),                      # one byte
            np.zeros((0, 3), "float32"),                       # empty: not covered
            np.array([True, False, True]),                     # bool
            np.arange(10.0)[::2],                              # not contiguous: not covered
            np.array(["a", "bc"], dtype=object)]               # objects: not covered


def _expected(arrays):
    return [zlib.crc32(a.tobytes()) if a.dtype.kind in "biuf" and a.flags.c_contiguous
            and a.nbytes else None for a in arrays]


@pytest.mark.parametrize("threaded", [True, False, None])
def test_piecewise_crcs_equal_zlib_of_each_array(monkeypatch, threaded):
    monkeypatch.setattr(array_crc, "PIECE_BYTES", 1000)
    arrays = _arrays()
    checks = array_crc.ArrayChecksums(threaded=threaded)
    checks.start(arrays)
    assert len(checks._pieces) == 7 + 2 + 1 + 1  # 6068 B float32 -> 7 pieces
    assert checks.result() == _expected(arrays)


def test_result_without_start_and_with_no_arrays():
    assert array_crc.ArrayChecksums().result() == []
    checks = array_crc.ArrayChecksums(threaded=True)
    checks.start([])
    assert checks.result() == []


def _hold_back_helper(monkeypatch, seconds=0.2):
    """Makes the helper thread start only ``seconds`` after it is asked to."""
    release = threading.Event()
    real_start = array_crc._thread.start_new_thread

    def delayed_start(fn, args):
        def late():
            release.wait(10)
            fn(*args)
        return real_start(late, ())

    monkeypatch.setattr(array_crc._thread, "start_new_thread", delayed_start)
    timer = threading.Timer(seconds, release.set)
    timer.start()
    return timer


def test_the_saving_thread_takes_the_pieces_the_helper_has_not_reached(monkeypatch):
    # The helper thread is held back; result() computes every piece itself, then
    # waits for the helper to finish (which finds nothing left).
    monkeypatch.setattr(array_crc, "PIECE_BYTES", 1000)
    arrays = _arrays()
    want = _expected(arrays)
    who = []
    real_crc = zlib.crc32
    monkeypatch.setattr(array_crc.zlib, "crc32",
                        lambda data, *a: (who.append(threading.get_ident()), real_crc(data, *a))[1])
    timer = _hold_back_helper(monkeypatch)
    checks = array_crc.ArrayChecksums(threaded=True)
    checks.start(arrays)
    assert checks.result() == want
    timer.join()
    assert len(who) == len(checks._pieces) and set(who) == {threading.get_ident()}
    assert checks._helper_done.acquire(blocking=False)  # result() waited for the helper


def test_cancel_stops_handing_out_pieces_and_waits_for_the_helper(monkeypatch):
    monkeypatch.setattr(array_crc, "PIECE_BYTES", 1000)
    timer = _hold_back_helper(monkeypatch)
    checks = array_crc.ArrayChecksums(threaded=True)
    checks.start([np.arange(10_000, dtype="float64")])
    assert len(checks._pieces) == 80
    checks.cancel()
    timer.join()
    assert checks._crcs == [None] * 80  # the helper, released later, took nothing
    assert checks._helper_done.acquire(blocking=False)
    checks._work()
    assert checks._crcs == [None] * 80


@pytest.mark.parametrize("threaded", [True, False])
def test_checksum_errors_are_reported(threaded):
    checks = array_crc.ArrayChecksums(threaded=threaded)

    class Broken:
        @property
        def dtype(self):
            raise RuntimeError("broken array")

    checks.start([np.arange(4.0), Broken()])
    with pytest.raises(RuntimeError, match="broken array"):
        checks.result()


def test_errors_while_computing_are_reported(monkeypatch):
    def failing(data, *args):
        raise MemoryError("simulated")

    monkeypatch.setattr(array_crc.zlib, "crc32", failing)
    for threaded in (True, False):
        checks = array_crc.ArrayChecksums(threaded=threaded)
        checks.start([np.arange(4.0)])
        with pytest.raises(MemoryError, match="simulated"):
            checks.result()


@pytest.mark.parametrize("len2", [0, 1, 3, 8, 1000, 65537, 4 << 20])
def test_crc32_combine_matches_zlib_of_the_concatenation(len2):
    rng = np.random.default_rng(len2)
    for len1 in (0, 777):
        a = rng.integers(0, 256, size=len1, dtype=np.uint8).tobytes()
        b = rng.integers(0, 256, size=len2, dtype=np.uint8).tobytes()
        got = zip_inplace.crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b))
        assert got == zlib.crc32(a + b)


def test_crc32_combine_matches_the_bitwise_product_for_huge_lengths():
    # Lengths beyond what can be materialized: check against x**(8n) built by squaring.
    rng = np.random.default_rng(1)
    for _ in range(200):
        crc1, crc2 = (int(v) for v in rng.integers(0, 2**32, size=2))
        n = int(rng.integers(0, 2**62))
        power, square, m = 1 << 31, 1 << 23, n
        while m:
            if m & 1:
                power = zip_inplace._crc_mulmod(square, power)
            square = zip_inplace._crc_mulmod(square, square)
            m >>= 1
        assert zip_inplace.crc32_combine(crc1, crc2, n) == \
            zip_inplace._crc_mulmod(power, crc1) ^ crc2
    with pytest.raises(ValueError, match="len2"):
        zip_inplace.crc32_combine(0, 0, -1)


def test_no_helper_thread_available_computes_everything_inline(monkeypatch):
    def refuse(fn, args):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(array_crc._thread, "start_new_thread", refuse)
    monkeypatch.setattr(array_crc, "PIECE_BYTES", 1000)
    arrays = _arrays()
    checks = array_crc.ArrayChecksums(threaded=True)
    checks.start(arrays)
    assert checks._helper_done is None
    assert checks.result() == _expected(arrays)
    checks.cancel()  # returns at once: no helper to wait for
