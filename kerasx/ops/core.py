"""Core ops: tensor conversion, dtypes and shapes, control flow, scatter and slicing."""

import functools

from kerasx import dtypes as _dtypes
from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor
from kerasx.ops._dispatch import make_op
from kerasx.ops._core_flow import (  # noqa: F401
    associative_scan,
    cond,
    custom_gradient,
    fori_loop,
    map,
    scan,
    stop_gradient,
    switch,
    vectorized_map,
    while_loop,
)


def cast(x, dtype):
    """Casts a tensor to ``dtype``.

    Args:
        x: tensor or array-like.
        dtype: target dtype name, e.g. ``"int32"``.

    Returns:
        A tensor with the values of ``x`` in ``dtype``.

    Example:
        >>> ops.cast([1.7, -1.2], "int32")  # [1, -1]
    """


cast = make_op(cast, "core")


def saturate_cast(x, dtype):
    """Casts to ``dtype``, clipping values to the target dtype's range first.

    Args:
        x: tensor.
        dtype: target dtype name.

    Returns:
        A tensor in ``dtype`` without overflow wrap-around.

    Example:
        >>> ops.saturate_cast([300.0, -5.0], "uint8")  # [255, 0]
    """


saturate_cast = make_op(saturate_cast, "core")


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """Converts ``x`` (array-like, NumPy array, Variable, tensor) to a backend tensor.

    Python bools become ``bool``, ints ``int32``, floats ``floatx()``; NumPy arrays
    keep their dtype. A symbolic KerasTensor is returned as is (cast when ``dtype``
    differs).

    Args:
        x: the value.
        dtype: optional dtype to cast to.
        sparse, ragged: accepted for Keras compatibility.

    Returns:
        A backend tensor.

    Example:
        >>> ops.convert_to_tensor([1, 2])  # int32 tensor
    """


_convert_to_tensor_op = make_op(convert_to_tensor, "core")


@functools.wraps(_convert_to_tensor_op)
def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if isinstance(x, KerasTensor):
        if dtype is None or _dtypes.standardize_dtype(dtype) == x.dtype:
            return x
        return cast(x, dtype)
    return _convert_to_tensor_op(x, dtype=dtype, sparse=sparse, ragged=ragged)


def convert_to_numpy(x):
    """Returns the values of a tensor as a NumPy array.

    Args:
        x: tensor, Variable or array-like (not a symbolic KerasTensor).

    Returns:
        ``np.ndarray``.

    Raises:
        ValueError: if ``x`` is a symbolic KerasTensor (it has no values).

    Example:
        >>> ops.convert_to_numpy(ops.ones((2,)))  # array([1., 1.], dtype=float32)
    """
    if isinstance(x, KerasTensor):
        raise ValueError(
            f"ops.convert_to_numpy: x is a symbolic KerasTensor (shape {x.shape}, dtype "
            f"{x.dtype}) with no values; expected a concrete tensor. Call the model on real "
            "data and convert its outputs instead."
        )
    return B.core.convert_to_numpy(x)


def is_tensor(x):
    """Returns True if ``x`` is a tensor of the active backend.

    NumPy arrays, Python values and symbolic KerasTensors give False.

    Args:
        x: any object.

    Returns:
        bool.

    Example:
        >>> ops.is_tensor(ops.ones((1,)))  # True
    """
    if isinstance(x, KerasTensor):
        return False
    return B.core.is_tensor(x)


def shape(x):
    """Returns the shape of a tensor as a tuple.

    For a symbolic KerasTensor this is its static shape (None for unknown dims).

    Args:
        x: tensor, Variable, array-like or KerasTensor.

    Returns:
        Tuple of ints (or None).

    Example:
        >>> ops.shape(ops.zeros((2, 3)))  # (2, 3)
    """
    if isinstance(x, KerasTensor):
        return x.shape
    return B.core.shape(x)


def dtype(x):
    """Returns the standardized dtype name of a tensor, e.g. ``"float32"``.

    Args:
        x: tensor, Variable, array-like or KerasTensor.

    Returns:
        str.

    Example:
        >>> ops.dtype(ops.ones((1,), dtype="int8"))  # "int8"
    """
    if isinstance(x, KerasTensor):
        return x.dtype
    return B.core.dtype(x)


def scatter(indices, values, shape):
    """Returns a zeros tensor of ``shape`` with ``values`` added at ``indices``.

    Args:
        indices: int tensor of shape ``(..., index_depth)``.
        values: tensor of shape ``indices.shape[:-1] + shape[index_depth:]``.
        shape: output shape.

    Returns:
        A tensor of ``shape`` (duplicate indices accumulate).

    Example:
        >>> ops.scatter([[0], [2]], [1.0, 2.0], (3,))  # [1., 0., 2.]
    """


scatter = make_op(scatter, "core")


def scatter_update(inputs, indices, updates):
    """Returns ``inputs`` with the entries at ``indices`` overwritten by ``updates``.

    Args:
        inputs: tensor.
        indices: int tensor of shape ``(num_updates, index_depth)``.
        updates: tensor of shape ``(num_updates,) + inputs.shape[index_depth:]``.

    Returns:
        The updated tensor (``inputs`` is not modified).

    Example:
        >>> ops.scatter_update(ops.zeros((3,)), [[1]], [5.0])  # [0., 5., 0.]
    """


scatter_update = make_op(scatter_update, "core")


def slice(inputs, start_indices, shape):
    """Dynamic slice: the block of ``shape`` starting at ``start_indices``.

    Args:
        inputs: tensor.
        start_indices: one start index per axis (ints or an int tensor).
        shape: size of the block per axis.

    Returns:
        A tensor of ``shape``.

    Example:
        >>> ops.slice(ops.arange(10), (2,), (3,))  # [2, 3, 4]
    """


slice = make_op(slice, "core")


def slice_update(inputs, start_indices, updates):
    """Dynamic update slice: writes ``updates`` into ``inputs`` at ``start_indices``.

    Args:
        inputs: tensor.
        start_indices: one start index per axis.
        updates: block with the same rank as ``inputs``.

    Returns:
        The updated tensor.

    Example:
        >>> ops.slice_update(ops.zeros((5,)), (1,), ops.ones((2,)))  # [0,1,1,0,0]
    """


slice_update = make_op(slice_update, "core")


def unstack(x, num=None, axis=0):
    """Splits a tensor along ``axis`` into a list of tensors of one rank less.

    Args:
        x: tensor.
        num: expected number of pieces (defaults to ``x.shape[axis]``).
        axis: the axis to unpack.

    Returns:
        List of tensors.

    Example:
        >>> a, b = ops.unstack(ops.ones((2, 3)))
    """


unstack = make_op(unstack, "core")
