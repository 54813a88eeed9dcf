"""Public saving API: ``save_model``, ``load_model``, ``save_weights``, ``load_weights``.

Formats, chosen by the file name:

- ``.keras``: Keras 3 zip (config + weights + optimizer state), the default.
- ``.h5`` / ``.hdf5``: Keras 2 HDF5 (whole model with ``save``/``save_model``;
  Keras 2 weights layout with ``save_weights``).
- ``.weights.h5``: Keras 3 weights layout (``save_weights`` only).

``load_weights`` recognises the layout from the file's contents. Every save is
atomic; every load reads and checks everything before assigning anything.
"""

import os
import zipfile

import h5py

from kerasx.saving import h5_io, keras3_layout, keras_zip, legacy_h5
from kerasx.saving.atomic import atomic_path

_UNSAFE = [False]
_EXT_HELP = (".keras (whole model, recommended), .h5 or .hdf5 (Keras 2 HDF5 whole model), "
             "and for weights only .weights.h5 (Keras 3 layout) or .h5/.hdf5 (Keras 2 layout)")


def enable_unsafe_deserialization():
    """Allows loading Python bytecode (Lambda layers holding lambdas) in this process.

    Equivalent to passing ``safe_mode=False`` to every loading function. Only use it
    for files from a trusted source.
    """
    _UNSAFE[0] = True


def _effective_safe_mode(safe_mode):
    return bool(safe_mode) and not _UNSAFE[0]


def _fspath(filepath, what):
    try:
        return os.fspath(filepath)
    except TypeError:
        raise TypeError(f"{what}: filepath must be a str or os.PathLike, got "
                        f"{type(filepath).__name__}.") from None


def _kind(path):
    lower = path.lower()
    if lower.endswith(".keras"):
        return "keras"
    if lower.endswith(".weights.h5"):
        return "weights"
    if lower.endswith((".h5", ".hdf5")):
        return "h5"
    return None


def _check_overwrite(path, overwrite, what):
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"{what}: {path!r} already exists and overwrite=False.")


def save_model(model, filepath, overwrite=True, zipped=None, include_optimizer=True, **kwargs):
    """Saves a whole model: architecture, weights and compile state (optimizer included).

    Args:
        model: the model.
        filepath: ends with ``.keras`` (Keras 3 zip) or ``.h5``/``.hdf5`` (Keras 2 HDF5).
        overwrite: False raises if the file exists.
        zipped: accepted for Keras compatibility; only zipped ``.keras`` files are written.
        include_optimizer: save the optimizer state (``.h5`` also its config).

    Raises:
        ValueError: unsupported extension, or ``zipped=False``.

    Example:
        >>> kerasx.saving.save_model(model, "model.keras")
    """
    path = _fspath(filepath, "save_model")
    if kwargs.pop("save_format", None) not in (None, "keras", "h5", "tf"):
        raise ValueError("save_model: save_format is not supported; choose the format with "
                         "the file extension (.keras or .h5).")
    if kwargs:
        raise TypeError(f"save_model: unexpected keyword argument(s) {sorted(kwargs)}.")
    if zipped is False:
        raise ValueError("save_model: zipped=False (an unzipped folder) is not supported; "
                         "save to a .keras file.")
    kind = _kind(path)
    _check_overwrite(path, overwrite, "save_model")
    if kind == "keras":
        keras_zip.save_keras(model, path, include_optimizer=include_optimizer)
    elif kind == "h5":
        legacy_h5.save_model_h5(model, path, include_optimizer=include_optimizer)
    elif kind == "weights":
        raise ValueError(
            f"save_model: {path!r} ends with .weights.h5, which holds weights only; use "
            "model.save_weights(...) for it, or save the whole model to a .keras file.")
    else:
        raise ValueError(f"save_model: unsupported file extension in {path!r}. Supported: "
                         f"{_EXT_HELP}.")


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a model saved with ``save_model``/``model.save`` (or by Keras 3 / Keras 2).

    Args:
        filepath: a ``.keras`` file or a Keras 2 ``.h5``/``.hdf5`` model file.
        custom_objects: ``{name: class_or_function}`` for custom layers, losses...
        compile: restore the compile state (optimizer with its variables).
        safe_mode: False allows Lambda layers holding Python bytecode.

    Returns:
        the model.

    Raises:
        FileNotFoundError: no such file.
        ValueError: unknown extension, truncated or corrupted file, a file without a
            model, unknown custom class (the message says how to register it).

    Example:
        >>> model = kerasx.saving.load_model("model.keras")
    """
    path = _fspath(filepath, "load_model")
    if not os.path.exists(path):
        raise FileNotFoundError(f"load_model: no file at {path!r}.")
    if os.path.isdir(path):
        raise ValueError(f"load_model: {path!r} is a folder; expected a .keras or .h5 file "
                         "(SavedModel folders are not supported).")
    safe = _effective_safe_mode(safe_mode)
    kind = _kind(path)
    if kind == "keras" or (kind is None and zipfile.is_zipfile(path)):
        return keras_zip.load_keras(path, custom_objects=custom_objects, compile=compile,
                                    safe_mode=safe)
    if kind in ("h5", "weights") or (kind is None and h5py.is_hdf5(path)):
        f = _open_h5(path, "load_model")
        with f:
            if "model_config" not in f.attrs:
                hint = (" It holds weights only: build the model and call "
                        "model.load_weights(...)." if _has_weights(f) else "")
                raise ValueError(f"load_model: the HDF5 file {path!r} holds no model "
                                 f"(no 'model_config' attribute).{hint}")
            try:
                return legacy_h5.load_model_h5(f, path, custom_objects=custom_objects,
                                               compile=compile, safe_mode=safe)
            except ValueError as e:
                raise keras_zip._with_unsafe_hint(e) from None
    raise ValueError(f"load_model: unsupported file extension in {path!r}. Supported: "
                     f"{_EXT_HELP}.")


def _open_h5(path, what):
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise ValueError(f"{what}: cannot read {path!r} as an HDF5 file (truncated or "
                         f"corrupted?): {e}") from None


def _has_weights(f):
    return "layer_names" in f.attrs or "vars" in f or "layers" in f


def save_weights(model, filepath, overwrite=True):
    """Saves the model's weights (``.weights.h5``: Keras 3 layout; ``.h5``/``.hdf5``: Keras 2).

    Raises:
        ValueError: any other extension.

    Example:
        >>> model.save_weights("model.weights.h5")
    """
    path = _fspath(filepath, "save_weights")
    kind = _kind(path)
    _check_overwrite(path, overwrite, "save_weights")
    if kind == "weights":
        with atomic_path(path) as tmp:
            with h5py.File(tmp, "w") as f:
                keras3_layout.write_entries(f, model, include_optimizer=True)
    elif kind == "h5":
        legacy_h5.save_weights_h5(model, path)
    else:
        raise ValueError(
            f"save_weights: the filename must end in .weights.h5 (Keras 3 layout) or .h5/.hdf5 "
            f"(Keras 2 layout); got {path!r}. To save the whole model use model.save(...) with "
            ".keras.")


def load_weights(model, filepath, skip_mismatch=False, by_name=False, **kwargs):
    """Loads weights into ``model`` from ``.weights.h5``, Keras 2 ``.h5``, or ``.keras``.

    The layout is detected from the file. Everything is read and checked first,
    so a failing load leaves the model's weights unchanged.

    Args:
        skip_mismatch: skip (with a warning) layers whose weights do not match.
        by_name: Keras 2 layout only: match layers by name instead of by order.

    Raises:
        ValueError: unknown extension, unreadable file, no weights in the file, or a
            mismatch naming the first layer that differs and both shapes.
    """
    path = _fspath(filepath, "load_weights")
    if kwargs:
        raise TypeError(f"load_weights: unexpected keyword argument(s) {sorted(kwargs)}.")
    if not os.path.exists(path):
        raise FileNotFoundError(f"load_weights: no file at {path!r}.")
    kind = _kind(path)
    if kind == "keras":
        zf, _ = keras_zip.open_archive(path)
        with zf:
            with keras_zip.open_weights(zf, path) as f:
                _load_keras3(f, model, path, skip_mismatch, by_name)
        return
    if kind not in ("h5", "weights"):
        raise ValueError(f"load_weights: unsupported file extension in {path!r}. Supported: "
                         ".weights.h5, .h5, .hdf5 and .keras.")
    with _open_h5(path, "load_weights") as f:
        if "layer_names" in f.attrs or "model_weights" in f:
            group = f["model_weights"] if "model_weights" in f else f
            pairs = legacy_h5.read_weights_plan(group, model, by_name=by_name,
                                                skip_mismatch=skip_mismatch,
                                                source=f"{path!r} ")
            h5_io.assign_pairs(pairs)
        elif "vars" in f or "layers" in f:
            _load_keras3(f, model, path, skip_mismatch, by_name)
        else:
            raise ValueError(f"load_weights: the HDF5 file {path!r} holds no model weights "
                             f"(top-level keys: {sorted(f.keys())[:10]}).")


def _load_keras3(f, model, path, skip_mismatch, by_name):
    if by_name:
        raise ValueError("load_weights: by_name=True only applies to Keras 2 (.h5) weight "
                         f"files; {path!r} uses the Keras 3 layout, which matches by structure.")
    pairs = keras3_layout.read_plan(f, model, skip_mismatch=skip_mismatch, source=f"{path!r} ")
    keras3_layout.assign_plan(pairs)
