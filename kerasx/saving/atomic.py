"""Atomic file writes: write a temporary file next to the target, then rename it.

``os.replace`` is atomic on POSIX and Windows when both paths are on the same
file system, which holds because the temporary file lives in the target's folder.
A process killed mid-save therefore leaves either the previous file or the new
one, never a half-written file under the target name. (The data is not fsync'ed:
the guarantee is against a crashed or killed process, as Keras's own saving.)
"""

import contextlib
import os
import tempfile


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
        os.replace(tmp, filepath)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise

