"""Reductions and statistics: sum, mean, max, argmax, cumsum, quantile ..."""

from kerasx.ops._dispatch import make_op


def all(x, axis=None, keepdims=False):
    """Tests whether all elements along ``axis`` are true (nonzero).

    Args:
        x: tensor.
        axis: int, tuple of ints or None (all axes).
        keepdims: keep reduced axes with size 1.

    Returns:
        Bool tensor.

    Example:
        >>> ops.all([[True, False], [True, True]], axis=1)  # [False, True]
    """


all = make_op(all, "numpy")


def any(x, axis=None, keepdims=False):
    """Tests whether any element along ``axis`` is true (nonzero).

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Bool tensor.

    Example:
        >>> ops.any([[True, False], [False, False]], axis=1)  # [True, False]
    """


any = make_op(any, "numpy")


def amax(x, axis=None, keepdims=False):
    """Maximum along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.amax([[1, 5], [3, 2]], axis=0)  # [3, 5]
    """


amax = make_op(amax, "numpy")


def amin(x, axis=None, keepdims=False):
    """Minimum along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.amin([[1, 5], [3, 2]], axis=0)  # [1, 2]
    """


amin = make_op(amin, "numpy")


def max(x, axis=None, keepdims=False, initial=None):
    """Maximum along ``axis``, optionally also against ``initial``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.
        initial: optional lower bound included in the reduction.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.max([1, 7, 3])  # 7
    """


max = make_op(max, "numpy")


def min(x, axis=None, keepdims=False, initial=None):
    """Minimum along ``axis``, optionally also against ``initial``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.
        initial: optional upper bound included in the reduction.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.min([4, 1, 3])  # 1
    """


min = make_op(min, "numpy")


def argmax(x, axis=None, keepdims=False):
    """Index of the maximum along ``axis`` (of the flattened tensor when None).

    Args:
        x: tensor.
        axis: int or None.
        keepdims: keep the reduced axis with size 1.

    Returns:
        int32 tensor of indices.

    Example:
        >>> ops.argmax([1, 9, 3])  # 1
    """


argmax = make_op(argmax, "numpy")


def argmin(x, axis=None, keepdims=False):
    """Index of the minimum along ``axis`` (of the flattened tensor when None).

    Args:
        x: tensor.
        axis: int or None.
        keepdims: keep the reduced axis with size 1.

    Returns:
        int32 tensor of indices.

    Example:
        >>> ops.argmin([4, 1, 3])  # 1
    """


argmin = make_op(argmin, "numpy")


def sum(x, axis=None, keepdims=False):
    """Sum along ``axis`` (bool and small ints accumulate in int32).

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Tensor.

    Example:
        >>> ops.sum([[1, 2], [3, 4]], axis=-1)  # [3, 7]
    """


sum = make_op(sum, "numpy")


def prod(x, axis=None, keepdims=False, dtype=None):
    """Product along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.
        dtype: optional accumulation/result dtype.

    Returns:
        Tensor.

    Example:
        >>> ops.prod([1, 2, 3, 4])  # 24
    """


prod = make_op(prod, "numpy")


def mean(x, axis=None, keepdims=False):
    """Arithmetic mean along ``axis`` (int inputs give floatx()).

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.mean([1, 2, 3, 4])  # 2.5
    """


mean = make_op(mean, "numpy")


def median(x, axis=None, keepdims=False):
    """Median along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.median([3, 1, 2, 10])  # 2.5
    """


median = make_op(median, "numpy")


def std(x, axis=None, keepdims=False):
    """Population standard deviation (ddof=0) along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.std([1.0, 3.0])  # 1.
    """


std = make_op(std, "numpy")


def var(x, axis=None, keepdims=False):
    """Population variance (ddof=0) along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.var([1.0, 3.0])  # 1.
    """


var = make_op(var, "numpy")


def average(x, axis=None, weights=None):
    """Weighted average along ``axis``.

    Args:
        x: tensor.
        axis: int or None (all elements).
        weights: optional tensor broadcastable to ``x`` or 1-D along ``axis``.

    Returns:
        Float tensor.

    Example:
        >>> ops.average([1.0, 3.0], weights=[3.0, 1.0])  # 1.5
    """


average = make_op(average, "numpy")


def quantile(x, q, axis=None, method="linear", keepdims=False):
    """``q``-th quantile(s) along ``axis``.

    Args:
        x: tensor.
        q: scalar or 1-D tensor of probabilities in [0, 1].
        axis: int, tuple of ints or None.
        method: "linear", "lower", "higher", "midpoint" or "nearest".
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor; a leading axis of ``len(q)`` when ``q`` is 1-D.

    Example:
        >>> ops.quantile([1.0, 2.0, 3.0, 4.0], 0.5)  # 2.5
    """


quantile = make_op(quantile, "numpy")


def count_nonzero(x, axis=None):
    """Counts nonzero elements along ``axis``.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.

    Returns:
        int32 tensor.

    Example:
        >>> ops.count_nonzero([0, 1, 2, 0])  # 2
    """


count_nonzero = make_op(count_nonzero, "numpy")


def cumsum(x, axis=None, dtype=None):
    """Cumulative sum along ``axis`` (of the flattened tensor when None).

    Args:
        x: tensor.
        axis: int or None.
        dtype: optional result dtype.

    Returns:
        Tensor.

    Example:
        >>> ops.cumsum([1, 2, 3])  # [1, 3, 6]
    """


cumsum = make_op(cumsum, "numpy")


def cumprod(x, axis=None, dtype=None):
    """Cumulative product along ``axis`` (of the flattened tensor when None).

    Args:
        x: tensor.
        axis: int or None.
        dtype: optional result dtype.

    Returns:
        Tensor.

    Example:
        >>> ops.cumprod([1, 2, 3])  # [1, 2, 6]
    """


cumprod = make_op(cumprod, "numpy")
