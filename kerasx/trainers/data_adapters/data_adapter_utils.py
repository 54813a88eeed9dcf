"""Shared helpers for data adapters: structure handling, conversion, splitting, weights."""

import math

import numpy as np

from kerasx import tree

_SCALARS = (bool, int, float, complex, str, bytes, np.number, np.bool_, np.str_)


def to_numpy(x):
    """Converts one leaf (NumPy, backend tensor, Variable, pandas, ...) to a NumPy array."""
    if x is None or isinstance(x, np.ndarray):
        return x
    try:
        return np.asarray(x)
    except Exception:
        detach = getattr(x, "detach", None)  # framework tensors that track gradients
        if callable(detach):
            try:
                return np.asarray(detach().cpu())
            except Exception:
                pass
        from kerasx.backends import B
        return np.asarray(B.core.convert_to_numpy(x))


def _is_scalar_list(x):
    """True for a (nested) list/tuple whose leaves are all Python/NumPy scalars."""
    if not isinstance(x, (list, tuple)) or len(x) == 0:
        return False
    return all(isinstance(v, _SCALARS) or _is_scalar_list(v) for v in x)


def _same_mapping(original, converted):
    try:
        return type(original)(converted)
    except TypeError:  # mappings whose constructor takes other arguments (defaultdict)
        return converted


def _is_array_leaf(x):
    if isinstance(x, np.ndarray):
        return True
    if isinstance(x, (str, bytes)) or x is None or isinstance(x, (dict, list, tuple)):
        return False
    if hasattr(x, "__array__") or hasattr(x, "shape") and hasattr(x, "dtype"):
        return True
    return False


def is_array_structure(x):
    """True if ``x`` is an array, a tensor, or nested lists/dicts of them (or of scalar lists)."""
    if x is None:
        return False
    if _is_scalar_list(x):
        return True
    if isinstance(x, dict):
        return len(x) > 0 and all(v is None or is_array_structure(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return len(x) > 0 and all(v is None or is_array_structure(v) for v in x)
    return _is_array_leaf(x)


def convert_structure(x):
    """Converts every array-like leaf of ``x`` to NumPy; scalar lists become one array."""
    if x is None:
        return None
    if _is_scalar_list(x):
        try:
            return np.asarray(x)
        except ValueError:
            raise ValueError(
                "Data: a nested Python list has rows of different lengths (ragged); pad it "
                "to a rectangular shape or pass NumPy arrays.") from None
    if isinstance(x, dict):
        out = {k: convert_structure(v) for k, v in x.items()}
        return out if type(x) is dict else _same_mapping(x, out)
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return type(x)(*[convert_structure(v) for v in x])
    if isinstance(x, (list, tuple)):
        return type(x)(convert_structure(v) for v in x)
    return to_numpy(x)


def num_samples(x, name):
    """The common leading dimension of the leaves of ``x`` (None when ``x`` is None)."""
    if x is None:
        return None
    sizes = []
    for leaf in tree.flatten(x):
        if leaf is None:
            continue
        if np.ndim(leaf) == 0:
            raise ValueError(
                f"Data: {name} contains a scalar ({leaf!r}); every array needs a leading "
                "sample dimension. Reshape it to (num_samples, ...).")
        sizes.append(int(np.shape(leaf)[0]))
    if not sizes:
        return None
    if len(set(sizes)) > 1:
        raise ValueError(
            f"Data cardinality is ambiguous: the arrays in {name} have different numbers of "
            f"samples ({sizes}). Make sure all arrays contain the same number of samples.")
    return sizes[0]


def check_same_length(x, y=None, sample_weight=None):
    """Checks that x, y and sample_weight hold the same number of samples; returns it."""
    counts = [(n, num_samples(v, n)) for n, v in
              (("x", x), ("y", y), ("sample_weight", sample_weight))]
    counts = [(n, c) for n, c in counts if c is not None]
    if not counts:
        raise ValueError("Data: x is empty; expected at least one array.")
    first_name, first = counts[0]
    for name, c in counts[1:]:
        if c != first:
            raise ValueError(
                f"Data cardinality is ambiguous: {first_name} has {first} samples but {name} "
                f"has {c}. Make sure all arrays contain the same number of samples.")
    return first


def unpack_x_y_sample_weight(data):
    """Splits a batch into ``(x, y, sample_weight)``; missing parts are None.

    A list is treated like a tuple. A tuple must have 1, 2 or 3 elements.

    Example:
        >>> x, y, sw = unpack_x_y_sample_weight((features, labels))
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple) or hasattr(data, "_fields"):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`; "
        f"got a tuple of {len(data)} elements.")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """Inverse of ``unpack_x_y_sample_weight``: the shortest tuple holding the given parts."""
    if y is None:
        if not isinstance(x, (tuple, list)):
            return x
        return (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def train_validation_split(arrays, validation_split):
    """Splits arrays into training and validation parts; validation is the LAST fraction.

    Args:
        arrays: a structure (typically ``(x, y, sample_weight)``) of arrays or None.
        validation_split: float in (0, 1).

    Returns:
        ``(train_arrays, val_arrays)`` with the structure of ``arrays``.

    Raises:
        ValueError: for non-array inputs or when a part would be empty.
    """
    if not isinstance(validation_split, (float, int)) or not 0 < validation_split < 1:
        raise ValueError(
            f"validation_split must be a float between 0 and 1, got {validation_split!r}.")
    flat = tree.flatten(arrays)
    bad = [type(v).__name__ for v in flat if v is not None and not _is_array_leaf(v)]
    if bad:
        raise ValueError(
            "validation_split is only supported for NumPy arrays and tensors; found "
            f"{', '.join(sorted(set(bad)))}. Pass validation_data=... instead.")
    flat = [to_numpy(v) for v in flat]
    sizes = [v.shape[0] for v in flat if v is not None]
    if not sizes:
        raise ValueError("validation_split: no arrays were given to split.")
    n = sizes[0]
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(
            f"Training data contains {n} samples, which is not sufficient to split it into "
            f"a validation and training set as specified by validation_split={validation_split}."
            " Provide more data or a different validation_split.")
    train = [None if v is None else v[:split_at] for v in flat]
    val = [None if v is None else v[split_at:] for v in flat]
    return tree.pack_sequence_as(arrays, train), tree.pack_sequence_as(arrays, val)


def class_weight_to_sample_weight(y, class_weight, sample_weight=None):
    """Per-sample weights from ``class_weight`` and labels ``y`` (multiplied into sample_weight).

    ``y`` holds sparse labels ``(n,)``/``(n, 1)`` or one-hot rows ``(n, C)``.
    Classes missing from the dict get weight 1 (as in Keras).
    """
    from kerasx import config
    if y is None:
        raise ValueError("class_weight needs targets: y is missing. Pass y (or yield (x, y)).")
    if isinstance(y, dict) and len(y) == 1:
        y = next(iter(y.values()))
    if isinstance(y, (list, tuple)) and len(y) == 1:
        y = y[0]
    if isinstance(y, (dict, list, tuple)):
        raise ValueError("class_weight is only supported for models with a single output; "
                         f"y has {len(y)} parts. Use sample_weight instead.")
    y = to_numpy(y)
    if y.ndim == 2 and y.shape[1] > 1:
        labels = np.argmax(y, axis=-1)
    elif y.ndim == 2 and y.shape[1] == 1 or y.ndim == 1:
        labels = y.reshape(-1)
    else:
        raise ValueError(f"class_weight is not supported for targets of shape {y.shape}; "
                         "expected (n,), (n, 1) or one-hot (n, num_classes).")
    labels = np.round(labels).astype("int64")
    try:
        table = {int(k): float(w) for k, w in class_weight.items()}
    except (TypeError, ValueError, AttributeError):
        raise ValueError("class_weight must be a dict mapping integer class indices to "
                         f"float weights, got {class_weight!r}.") from None
    uniq, inverse = np.unique(labels, return_inverse=True)
    per_class = np.array([table.get(int(c), 1.0) for c in uniq], dtype="float64")
    weights = per_class[inverse.reshape(-1)].astype(config.floatx())
    if sample_weight is not None:
        sw = to_numpy(sample_weight).astype(config.floatx())
        weights = weights.reshape((-1,) + (1,) * (sw.ndim - 1)) * sw
    return weights
