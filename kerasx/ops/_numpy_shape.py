"""Shape manipulation: reshape, transpose, concatenate, split, pad, tile ..."""

import math as _math

from kerasx.core.keras_tensor import KerasTensor
from kerasx.ops._dispatch import make_op
from kerasx.ops._numpy_layout import (  # noqa: F401
    flip,
    pad,
    repeat,
    roll,
    rot90,
    split,
    tile,
)


def ndim(x):
    """Number of dimensions of a tensor (static for a KerasTensor).

    Args:
        x: tensor, array-like or KerasTensor.

    Returns:
        int.

    Example:
        >>> ops.ndim(ops.zeros((2, 3)))  # 2
    """


_ndim_op = make_op(ndim, "numpy")


def ndim(x):  # noqa: F811
    if isinstance(x, KerasTensor):
        return len(x.shape)
    return _ndim_op(x)


ndim.__doc__ = _ndim_op.__doc__
ndim.__wrapped__ = _ndim_op


def size(x):
    """Number of elements of a tensor.

    For a KerasTensor with fully known shape this is a Python int; with unknown
    dims it is a symbolic scalar.

    Args:
        x: tensor, array-like or KerasTensor.

    Returns:
        int or scalar int tensor.

    Example:
        >>> ops.size(ops.zeros((2, 3)))  # 6
    """


_size_op = make_op(size, "numpy")


def size(x):  # noqa: F811
    if isinstance(x, KerasTensor) and None not in x.shape:
        return int(_math.prod(x.shape))
    return _size_op(x)


size.__doc__ = _size_op.__doc__
size.__wrapped__ = _size_op


def reshape(x, newshape):
    """Gives ``x`` a new shape with the same number of elements (one dim may be -1).

    Args:
        x: tensor.
        newshape: tuple of ints.

    Returns:
        Reshaped tensor.

    Example:
        >>> ops.reshape(ops.arange(6), (2, -1)).shape  # (2, 3)
    """


reshape = make_op(reshape, "numpy")


def ravel(x):
    """Flattens ``x`` to 1-D (row-major).

    Args:
        x: tensor.

    Returns:
        1-D tensor.

    Example:
        >>> ops.ravel([[1, 2], [3, 4]])  # [1, 2, 3, 4]
    """


ravel = make_op(ravel, "numpy")


def transpose(x, axes=None):
    """Permutes the axes of ``x`` (reverses them when ``axes`` is None).

    Args:
        x: tensor.
        axes: permutation of ``range(ndim)``.

    Returns:
        Transposed tensor.

    Example:
        >>> ops.transpose(ops.zeros((2, 3))).shape  # (3, 2)
    """


transpose = make_op(transpose, "numpy")


def swapaxes(x, axis1, axis2):
    """Interchanges two axes.

    Args:
        x: tensor.
        axis1, axis2: the axes.

    Returns:
        Tensor.

    Example:
        >>> ops.swapaxes(ops.zeros((1, 2, 3)), 0, 2).shape  # (3, 2, 1)
    """


swapaxes = make_op(swapaxes, "numpy")


def moveaxis(x, source, destination):
    """Moves axes to new positions; the others keep their order.

    Args:
        x: tensor.
        source: int or tuple of ints.
        destination: int or tuple of ints (same length).

    Returns:
        Tensor.

    Example:
        >>> ops.moveaxis(ops.zeros((1, 2, 3)), 0, -1).shape  # (2, 3, 1)
    """


moveaxis = make_op(moveaxis, "numpy")


def expand_dims(x, axis):
    """Inserts axes of size 1 at ``axis``.

    Args:
        x: tensor.
        axis: int or tuple of ints (positions in the result).

    Returns:
        Tensor.

    Example:
        >>> ops.expand_dims(ops.zeros((2,)), -1).shape  # (2, 1)
    """


expand_dims = make_op(expand_dims, "numpy")


def squeeze(x, axis=None):
    """Removes axes of size 1.

    Args:
        x: tensor.
        axis: int or tuple of ints to remove (each must have size 1); None = all.

    Returns:
        Tensor.

    Example:
        >>> ops.squeeze(ops.zeros((1, 2, 1))).shape  # (2,)
    """


squeeze = make_op(squeeze, "numpy")


def broadcast_to(x, shape):
    """Broadcasts ``x`` to ``shape`` (NumPy rules).

    Args:
        x: tensor.
        shape: target shape.

    Returns:
        Tensor of ``shape``.

    Example:
        >>> ops.broadcast_to([1, 2], (3, 2)).shape  # (3, 2)
    """


broadcast_to = make_op(broadcast_to, "numpy")


def concatenate(xs, axis=0):
    """Joins tensors along an existing axis.

    Args:
        xs: list of tensors with equal shapes except along ``axis``.
        axis: the axis (None flattens the inputs first).

    Returns:
        Tensor.

    Example:
        >>> ops.concatenate([ops.zeros((1, 2)), ops.ones((2, 2))]).shape  # (3, 2)
    """


concatenate = make_op(concatenate, "numpy")


def append(x1, x2, axis=None):
    """Appends ``x2`` to ``x1`` along ``axis`` (flattening both when None).

    Args:
        x1, x2: tensors.
        axis: int or None.

    Returns:
        Tensor.

    Example:
        >>> ops.append([1, 2], [3])  # [1, 2, 3]
    """


append = make_op(append, "numpy")


def stack(x, axis=0):
    """Joins same-shaped tensors along a new axis.

    Args:
        x: list of tensors.
        axis: position of the new axis.

    Returns:
        Tensor with one more dimension.

    Example:
        >>> ops.stack([ops.zeros((2,)), ops.ones((2,))]).shape  # (2, 2)
    """


stack = make_op(stack, "numpy")


def hstack(xs):
    """Stacks tensors horizontally (along axis 1, or axis 0 for 1-D tensors).

    Args:
        xs: list of tensors.

    Returns:
        Tensor.

    Example:
        >>> ops.hstack([[1], [2, 3]])  # [1, 2, 3]
    """


hstack = make_op(hstack, "numpy")


def vstack(xs):
    """Stacks tensors vertically (along axis 0; 1-D tensors become rows).

    Args:
        xs: list of tensors.

    Returns:
        Tensor.

    Example:
        >>> ops.vstack([[1, 2], [3, 4]]).shape  # (2, 2)
    """


vstack = make_op(vstack, "numpy")
