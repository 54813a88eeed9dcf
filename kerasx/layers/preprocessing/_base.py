"""Shared helpers of the preprocessing layers: host (NumPy) conversion, adapt batches,
categorical encoding and symbolic output specs."""

import numpy as np

from kerasx import ops
from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.layer import Layer

ENCODE_MODES = ("one_hot", "multi_hot", "count")


def check_mode(layer_name, mode, allowed):
    if mode not in allowed:
        raise ValueError(
            f"{layer_name}: output_mode must be one of {', '.join(repr(m) for m in allowed)}, "
            f"got {mode!r}.")
    return mode


def to_host(x, layer_name):
    """Returns ``x`` (NumPy, Python list/scalar or eager backend tensor) as a NumPy array.

    Raises:
        ValueError: when ``x`` is a symbolic/traced tensor that has no concrete value.
    """
    if isinstance(x, np.ndarray):
        return x
    if isinstance(x, (str, bytes, int, float, np.generic)):
        return np.asarray(x)
    if isinstance(x, (list, tuple)):
        arr = np.asarray(x, dtype=object) if _has_str(x) else np.asarray(x)
        return arr
    if isinstance(x, KerasTensor) or B.core.is_tensor(x):
        try:
            return np.asarray(ops.convert_to_numpy(x))
        except Exception as e:  # traced values (jax jit, tf.function) cannot reach the host
            raise ValueError(
                f"{layer_name}: this layer processes its inputs on the host with NumPy and "
                f"cannot run on a symbolic or traced tensor ({type(x).__name__}). Apply it to "
                "NumPy arrays (for example in the data pipeline, before the model, or with "
                "dataset.as_numpy_iterator()) instead of inside a compiled function."
            ) from e
    if hasattr(x, "numpy"):
        return np.asarray(x.numpy())
    return np.asarray(x)


def _has_str(x):
    for v in x:
        if isinstance(v, (list, tuple)):
            if _has_str(v):
                return True
        elif isinstance(v, (str, bytes)):
            return True
    return False


def to_str_array(arr):
    """Object array of Python ``str`` (bytes decoded as UTF-8)."""
    arr = np.asarray(arr)
    out = np.empty(arr.shape, dtype=object)
    flat_in, flat_out = arr.reshape(-1), out.reshape(-1)
    for i, v in enumerate(flat_in):
        flat_out[i] = v.decode("utf-8") if isinstance(v, bytes) else str(v)
    return out


def is_string_array(arr):
    if arr.dtype.kind in "US":
        return True
    if arr.dtype.kind == "O":
        flat = arr.reshape(-1)
        return flat.size == 0 or isinstance(flat[0], (str, bytes))
    return False


def iter_adapt_batches(data, steps=None, layer_name="adapt"):
    """Yields the NumPy batches of ``data``: an array/tensor/list (one batch), a
    ``tf.data.Dataset`` or any iterable of batches (``(x, y)`` batches give ``x``)."""
    if data is None:
        raise ValueError(f"{layer_name}: adapt() needs data, got None.")
    if isinstance(data, (np.ndarray, list, str, bytes)) or B.core.is_tensor(data):
        yield to_host(data, layer_name)
        return
    if hasattr(data, "as_numpy_iterator"):
        iterator = data.as_numpy_iterator()
    else:
        try:
            iterator = iter(data)
        except TypeError:
            raise ValueError(
                f"{layer_name}: adapt() expects a NumPy array, a tensor, a list, a "
                f"tf.data.Dataset or an iterable of batches, got {type(data).__name__}.")
    for i, batch in enumerate(iterator):
        if steps is not None and i >= steps:
            break
        if isinstance(batch, tuple):
            batch = batch[0]
        yield to_host(batch, layer_name)


def encode(indices, mode, depth, count_weights=None, idf_weights=None, dtype="float32"):
    """Encodes integer ``indices`` (backend tensor) as one_hot / multi_hot / count / tf_idf.

    one_hot adds a last axis of size ``depth`` (a trailing axis of size 1 is replaced);
    the other modes reduce the last axis (rank-1 input is one sample). Indices outside
    ``[0, depth)`` contribute nothing.
    """
    if mode == "int":
        return indices
    rank = len(indices.shape)
    if mode == "one_hot":
        if rank >= 2 and indices.shape[-1] == 1:
            indices = ops.squeeze(indices, axis=-1)
        return ops.one_hot(indices, depth, dtype=dtype)
    if rank == 0:
        indices = ops.expand_dims(indices, -1)
    hot = ops.one_hot(indices, depth, dtype=dtype)
    if count_weights is not None:
        w = ops.cast(ops.convert_to_tensor(count_weights), dtype)
        hot = hot * ops.expand_dims(w, -1)
    if mode == "multi_hot":
        return ops.max(hot, axis=-2)
    counts = ops.sum(hot, axis=-2)
    if mode == "tf_idf":
        return counts * ops.cast(ops.convert_to_tensor(idf_weights), dtype)
    return counts


def encoded_shape(input_shape, mode, depth):
    input_shape = tuple(input_shape)
    if mode == "int":
        return input_shape
    if mode == "one_hot":
        if len(input_shape) >= 2 and input_shape[-1] == 1:
            input_shape = input_shape[:-1]
        return input_shape + (depth,)
    return input_shape[:-1] + (depth,) if input_shape else (depth,)


class HostLayer(Layer):
    """Base of layers that may take NumPy string arrays: NumPy inputs are kept on the
    host (not converted to backend tensors) so ``call`` can read strings."""

    def _convert_one(self, x):
        if isinstance(x, (np.ndarray, list, tuple, str, bytes)):
            return x
        return super()._convert_one(x)

    def _output_spec(self, shape, dtype):
        return KerasTensor(tuple(shape), dtype=dtype)
