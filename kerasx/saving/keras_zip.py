"""The ``.keras`` format: a zip of ``config.json``, ``metadata.json`` and ``model.weights.h5``.

Members are stored uncompressed, as Keras 3 writes them; the weights file uses
the Keras 3 layout (see ``keras3_layout``), so files load in Keras 3 and files
written by Keras 3 load here.
"""

import contextlib
import datetime
import os
import json
import shutil
import tempfile
import zipfile

import h5py
import numpy as np

from kerasx.saving import keras3_layout, zip_inplace
from kerasx.saving.array_crc import ArrayChecksums
from kerasx.saving.atomic import atomic_path

CONFIG = "config.json"
METADATA = "metadata.json"
WEIGHTS = "model.weights.h5"
# The Keras release whose file format kerasx writes (recorded as "keras_version").
KERAS_FORMAT_VERSION = "3.15.1"


def write_weights_file(model, path, include_optimizer=True):
    """Writes a Keras 3 layout weights file for ``model`` at ``path`` (not atomic)."""
    with h5py.File(path, "w") as f:
        keras3_layout.write_entries(f, model, include_optimizer=include_optimizer)


def model_config_json(model):
    """The ``config.json`` text: the model's Keras 3 config (with compile_config)."""
    from kerasx.saving.serialization_lib import serialize_keras_object
    return json.dumps(serialize_keras_object(model))


def save_keras(model, filepath, include_optimizer=True):
    """Writes ``model`` to a ``.keras`` zip at ``filepath`` (atomically)."""
    from kerasx import __version__
    config = model_config_json(model)
    metadata = json.dumps({
        "keras_version": KERAS_FORMAT_VERSION,
        "kerasx_version": __version__,
        "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
    })
    members = [(METADATA, metadata.encode("utf8")), (CONFIG, config.encode("utf8"))]
    prefix, entries, userblock, dos = zip_inplace.userblock_layout(members, WEIGHTS)
    with atomic_path(filepath) as tmp:
        # h5py writes the weights straight into the archive after a user block that
        # then receives the zip records (see zip_inplace): no copy of the arrays. The
        # member's CRC-32 is computed from the arrays in memory, by a helper thread
        # while h5py writes them (see array_crc); only the HDF5 metadata in between
        # is read back.
        checksums = ArrayChecksums()
        try:
            with h5py.File(tmp, "w", userblock_size=userblock) as f:
                written = keras3_layout.write_entries(f, model, include_optimizer=include_optimizer,
                                                      on_arrays=checksums.start)
                places = [_raw_place(ds, arr) for ds, arr in written]
        except BaseException:
            checksums.cancel()
            raise
        crcs = checksums.result()
        with open(tmp, "r+b") as fileobj:
            known = _known_ranges(fileobj, places, crcs)
            zip_inplace.finish_archive(fileobj, prefix, entries, userblock, dos, WEIGHTS, known)


def _raw_place(dataset, arr):
    """``(file offset, nbytes, array)`` when the dataset's bytes in the file are exactly
    the array's (contiguous, unfiltered, same dtype); None otherwise."""
    offset = dataset.id.get_offset()
    if (offset is None or dataset.chunks is not None or dataset.compression is not None
            or dataset.dtype != arr.dtype or not arr.dtype.isnative
            or dataset.id.get_storage_size() != arr.nbytes or not arr.nbytes):
        return None
    return offset, arr.nbytes, arr


def _known_ranges(fileobj, places, crcs):
    # Each claimed range is spot-checked (its first and last bytes) against the array.
    known = []
    for place, crc in zip(places, crcs):
        if place is None or crc is None:
            continue
        offset, nbytes, arr = place
        flat = arr.reshape(-1).view(np.uint8)
        k = min(64, nbytes)
        fileobj.seek(offset)
        head = fileobj.read(k)
        fileobj.seek(offset + nbytes - k)
        tail = fileobj.read(k)
        if head == flat[:k].tobytes() and tail == flat[nbytes - k:].tobytes():
            known.append((offset, nbytes, crc))
    return known


def open_archive(filepath):
    """Opens a ``.keras`` file; returns ``(zipfile, config_dict)``.

    Raises:
        ValueError: the file is not a valid ``.keras`` archive (truncated, corrupted,
            or missing ``config.json``/``model.weights.h5``).
    """
    try:
        zf = zipfile.ZipFile(filepath, "r")
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        raise ValueError(
            f"Cannot read {filepath!r} as a .keras file: it is not a valid zip archive "
            f"(truncated or corrupted?): {e}") from None
    names = set(zf.namelist())
    missing = [n for n in (CONFIG, WEIGHTS) if n not in names]
    if missing:
        zf.close()
        raise ValueError(
            f"{filepath!r} is a zip file but not a .keras model: it lacks {missing} "
            f"(found {sorted(names)[:10]}).")
    try:
        config = json.loads(zf.read(CONFIG).decode("utf-8"))
    except (ValueError, zipfile.BadZipFile, EOFError, OSError) as e:
        zf.close()
        raise ValueError(f"{filepath!r}: config.json is corrupted ({e}).") from None
    return zf, config


def _direct_offset(zf, filepath):
    """Offset of the weights member's bytes when h5py can open the archive in place.

    That is the case for files kerasx writes (stored member starting at a user-block
    boundary); None otherwise (then the member is extracted to a temporary file).
    """
    info = zf.getinfo(WEIGHTS)
    if info.compress_type != zipfile.ZIP_STORED:
        return None
    with open(filepath, "rb") as f:
        f.seek(info.header_offset)
        head = f.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            return None
        start = info.header_offset + 30 + int.from_bytes(head[26:28], "little") + \
            int.from_bytes(head[28:30], "little")
        f.seek(start)
        if f.read(8) != b"\x89HDF\r\n\x1a\n":
            return None
    if start < 512 or start & (start - 1):
        return None
    return start


@contextlib.contextmanager
def open_weights(zf, filepath):
    """Context manager: ``model.weights.h5`` of an open archive as a read-only ``h5py.File``.

    Files written by kerasx are read in place. Other archives have the member
    copied (CRC-checked) to a temporary file, which h5py reads much faster than an
    in-memory file object; the copy is removed on exit.
    """
    offset = _direct_offset(zf, filepath)
    if offset is not None:
        try:
            f = h5py.File(filepath, "r")
        except OSError:
            f = None
        if f is not None and f.userblock_size == offset:
            with f:
                yield f
            return
        if f is not None:
            f.close()
    fd, tmp = tempfile.mkstemp(prefix="kerasx-", suffix=".weights.h5")
    try:
        try:
            with os.fdopen(fd, "wb") as out, zf.open(WEIGHTS) as src:
                shutil.copyfileobj(src, out, 16 << 20)
            f = h5py.File(tmp, "r")
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
            raise ValueError(
                f"{filepath!r}: model.weights.h5 is truncated or corrupted ({e}).") from None
        with f:
            yield f
    finally:
        with contextlib.suppress(OSError):
            os.remove(tmp)


def load_keras(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a ``.keras`` file: rebuilds the model, its weights and compile state."""
    from kerasx.core.scope import skip_initializers
    from kerasx.saving.serialization_lib import deserialize_keras_object
    zf, config = open_archive(filepath)
    try:
        with zf:
            with open_weights(zf, filepath) as h5:
                if not compile:
                    config = {k: v for k, v in config.items() if k != "compile_config"}
                with skip_initializers():  # every weight is read from the file next
                    model = deserialize_keras_object(config, custom_objects=custom_objects,
                                                     safe_mode=safe_mode)
                _ensure_compiled(model, config, compile, custom_objects)
                pairs = keras3_layout.read_plan(h5, model, source=f"{filepath!r} ")
                keras3_layout.assign_plan(pairs)
    except ValueError as e:
        raise _with_unsafe_hint(e) from None
    return model


def _ensure_compiled(model, config, compile, custom_objects):
    # The serializer compiles the model when it has from_config/compile_config;
    # a subclassed model restored another way is compiled here.
    compile_config = config.get("compile_config")
    if compile and compile_config and not getattr(model, "compiled", False):
        from kerasx.saving.compile_state import compile_from_config
        compile_from_config(model, compile_config, custom_objects)


def _with_unsafe_hint(err):
    text = str(err)
    if "safe_mode=False" in text and "enable_unsafe_deserialization" not in text:
        return ValueError(text + " Or allow it for the whole process with "
                          "kerasx.saving.enable_unsafe_deserialization().")
    return err
