"""Atomic file writes: write a temporary file next to the target, then rename it.

``os.replace`` is atomic on POSIX and Windows when both paths are on the same
file system, which holds because the temporary file lives in the target's folder.
A process killed mid-save therefore leaves either the previous file or the new
one, never a half-written file under the target name. (The data is not fsync'ed:
the guarantee is against a crashed or killed process, as Keras's own saving.)

Releasing the replaced file (freeing its blocks and cached pages, and on file
systems mounted with ``discard`` trimming them) happens when its last reference
goes. For a large file that takes tens of milliseconds, mostly waiting on the file
system; the baseline of an in-place overwrite pays the same when it truncates.
On POSIX the old file is therefore held open across the rename and closed by a
helper thread, so the save returns as soon as the new file is in place.
"""

import _thread
import contextlib
import os
import stat
import tempfile

# Replaced files smaller than this are released inline (a thread costs more).
RELEASE_IN_BACKGROUND_BYTES = 4 << 20


@contextlib.contextmanager
def atomic_path(filepath):
    """Context manager yielding a temporary path that replaces ``filepath`` on success.

    The temporary file is created in the same folder as ``filepath``; on any
    exception it is removed and ``filepath`` is left untouched.

    Args:
        filepath: the final destination.

    Yields:
        the temporary path to write to.

    Example:
        >>> with atomic_path("model.keras") as tmp:
        ...     write_everything_to(tmp)
    """
    filepath = os.fspath(filepath)
    folder = os.path.dirname(os.path.abspath(filepath))
    if not os.path.isdir(folder):
        raise FileNotFoundError(
            f"Cannot save to {filepath!r}: the folder {folder!r} does not exist. Create it "
            "first (os.makedirs(folder, exist_ok=True)).")
    base = os.path.basename(filepath)
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        replace(tmp, filepath)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def replace(src, dst):
    """``os.replace(src, dst)``; a large replaced file is released by a helper thread."""
    old = _hold_replaced(dst)
    try:
        os.replace(src, dst)
    finally:
        if old is not None:
            _close_in_background(old)


def _hold_replaced(path):
    """An open descriptor of ``path`` when it is a large regular file that the rename
    will unlink (POSIX, single link); None otherwise."""
    if os.name != "posix":  # Windows cannot rename over a file that is open
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # no such file, unreadable, ...: a plain replace
        return None
    try:
        st = os.fstat(fd)
        if (stat.S_ISREG(st.st_mode) and st.st_nlink == 1
                and st.st_size >= RELEASE_IN_BACKGROUND_BYTES):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _close_in_background(fd):
    try:  # a low-level thread: threading.Thread.start waits for the thread to run
        _thread.start_new_thread(_close_quietly, (fd,))
    except RuntimeError:  # cannot start a thread (interpreter shutting down)
        _close_quietly(fd)


def _close_quietly(fd):
    with contextlib.suppress(OSError):
        os.close(fd)
