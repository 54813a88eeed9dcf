"""Sorting, searching, counting and histograms."""

from kerasx.core.keras_tensor import KerasTensor
from kerasx.core.node import Node
from kerasx import dtypes as _dtypes
from kerasx.ops._dispatch import make_op
from kerasx.ops._frontend import concrete_only


def sort(x, axis=-1):
    """Sorts values along ``axis`` in ascending order.

    Args:
        x: tensor.
        axis: int, or None to sort the flattened tensor.

    Returns:
        Sorted tensor.

    Example:
        >>> ops.sort([3, 1, 2])  # [1, 2, 3]
    """


sort = make_op(sort, "numpy")


def argsort(x, axis=-1):
    """Indices that sort ``x`` along ``axis`` (stable).

    Args:
        x: tensor.
        axis: int, or None for the flattened tensor.

    Returns:
        int32 tensor of indices.

    Example:
        >>> ops.argsort([3, 1, 2])  # [1, 2, 0]
    """


argsort = make_op(argsort, "numpy")


def argpartition(x, kth, axis=-1):
    """Indices that partition ``x`` around its ``kth`` smallest element along ``axis``.

    Elements before position ``kth`` are <= it, after it are >= it.

    Args:
        x: tensor.
        kth: element index to partition by.
        axis: int.

    Returns:
        int32 tensor of indices.

    Example:
        >>> ops.argpartition([3, 4, 2, 1], 2)  # index 0 (value 3) lands at position 2
    """


argpartition = make_op(argpartition, "numpy")


def searchsorted(sorted_sequence, values, side="left"):
    """Indices where ``values`` would be inserted to keep ``sorted_sequence`` sorted.

    Args:
        sorted_sequence: 1-D ascending tensor.
        values: tensor of query values.
        side: "left" (first suitable index) or "right" (last).

    Returns:
        int32 tensor shaped like ``values``.

    Example:
        >>> ops.searchsorted([1, 3, 5], [3, 4])  # [1, 2]
    """


searchsorted = make_op(searchsorted, "numpy")


def digitize(x, bins):
    """Index of the bin each value falls into (NumPy ``digitize``, right=False).

    Args:
        x: tensor of values.
        bins: 1-D increasing tensor of bin edges.

    Returns:
        int32 tensor shaped like ``x``.

    Example:
        >>> ops.digitize([0.5, 1.5, 3.0], [1.0, 2.0])  # [0, 1, 2]
    """


digitize = make_op(digitize, "numpy")


def histogram(x, bins=10, range=None):
    """Histogram of a 1-D tensor with equal-width bins.

    Args:
        x: 1-D tensor.
        bins: number of bins.
        range: ``(min, max)``; defaults to the data's range.

    Returns:
        ``(counts, bin_edges)`` with ``bins`` counts and ``bins + 1`` edges.

    Example:
        >>> counts, edges = ops.histogram([1.0, 2.0, 2.5], bins=2)  # counts [1, 2]
    """


histogram = make_op(histogram, "numpy")


def bincount(x, weights=None, minlength=0, sparse=False):
    """Counts occurrences of each non-negative integer in ``x`` (per row for 2-D input).

    On a symbolic tensor the length of the count axis is unknown (None).

    Args:
        x: 1-D or 2-D int tensor of non-negative values.
        weights: optional tensor like ``x``; sums weights instead of counting.
        minlength: minimum length of the output.
        sparse: accepted for Keras compatibility.

    Returns:
        Tensor of length ``max(max(x) + 1, minlength)`` (int32, or the weights' dtype).

    Example:
        >>> ops.bincount([0, 1, 1, 3])  # [1, 2, 0, 1]
    """


_bincount_op = make_op(bincount, "numpy")


def bincount(x, weights=None, minlength=0, sparse=False):  # noqa: F811
    if isinstance(x, KerasTensor) or isinstance(weights, KerasTensor):
        if not isinstance(x, KerasTensor):
            raise ValueError("ops.bincount: weights is symbolic but x is not; pass both as KerasTensors.")
        if len(x.shape) not in (1, 2):
            raise ValueError(f"ops.bincount: x must be 1-D or 2-D, got shape {x.shape}.")
        dtype = "int32"
        if weights is not None:
            dtype = _dtypes.standardize_dtype(getattr(weights, "dtype", None))
        out = KerasTensor(tuple(x.shape[:-1]) + (None,), dtype=dtype)
        Node(_bincount_op, (x,), {"weights": weights, "minlength": minlength, "sparse": sparse}, out)
        return out
    return _bincount_op(x, weights=weights, minlength=minlength, sparse=sparse)


bincount.__doc__ = _bincount_op.__doc__
bincount.__wrapped__ = _bincount_op


def nonzero(x):
    """Indices of the nonzero elements, one int32 tensor per axis.

    Only for concrete tensors: the number of results depends on the values.

    Args:
        x: tensor.

    Returns:
        Tuple of 1-D int32 tensors.

    Raises:
        ValueError: if ``x`` is a symbolic KerasTensor.

    Example:
        >>> ops.nonzero([0, 3, 0, 5])  # ([1, 3],)
    """


nonzero = concrete_only(make_op(nonzero, "numpy"), "x")
