"""Indexing and selection: get_item, take, where, select, triangles, diagonals, diff."""

from kerasx.ops._dispatch import make_op
from kerasx.ops._frontend import concrete_only


def get_item(x, key):
    """``x[key]`` with NumPy basic and integer/boolean array indexing.

    Args:
        x: tensor.
        key: int, slice, None, Ellipsis, tuple of these, or an int/bool index tensor.

    Returns:
        The selected tensor.

    Example:
        >>> ops.get_item(ops.arange(5), slice(1, 3))  # [1, 2]
    """


get_item = make_op(get_item, "numpy")


def take(x, indices, axis=None):
    """Gathers elements at ``indices`` along ``axis`` (of the flattened tensor when None).

    Args:
        x: tensor.
        indices: int tensor (negative indices count from the end).
        axis: int or None.

    Returns:
        Tensor.

    Example:
        >>> ops.take([10, 20, 30], [2, 0])  # [30, 10]
    """


take = make_op(take, "numpy")


def take_along_axis(x, indices, axis=None):
    """Gathers values of ``x`` at ``indices`` matched element-by-element along ``axis``.

    Args:
        x: tensor.
        indices: int tensor broadcastable to ``x`` except along ``axis``.
        axis: int or None (flattened).

    Returns:
        Tensor shaped like ``indices`` (broadcast).

    Example:
        >>> ops.take_along_axis([[3, 1], [2, 4]], [[1], [0]], axis=1)  # [[1], [2]]
    """


take_along_axis = make_op(take_along_axis, "numpy")


def where(condition, x1=None, x2=None):
    """Chooses ``x1`` where ``condition`` is true, else ``x2``.

    With only ``condition`` it returns ``nonzero(condition)``, which needs concrete values.

    Args:
        condition: bool tensor.
        x1, x2: tensors or scalars, broadcast with ``condition``.

    Returns:
        Tensor in ``result_type(x1, x2)``, or a tuple of index tensors.

    Example:
        >>> ops.where([True, False], 1, 0)  # [1, 0]
    """


_where_op = make_op(where, "numpy")
_where_indices = concrete_only(_where_op, "condition (one-argument where)")


def where(condition, x1=None, x2=None):  # noqa: F811
    if x1 is None and x2 is None:
        return _where_indices(condition)
    return _where_op(condition, x1, x2)


where.__doc__ = _where_op.__doc__
where.__wrapped__ = _where_op


def select(condlist, choicelist, default=0):
    """Picks, per element, the value from the first choice whose condition is true.

    Args:
        condlist: list of bool tensors.
        choicelist: list of tensors (same length as ``condlist``).
        default: value where no condition holds.

    Returns:
        Tensor.

    Example:
        >>> ops.select([[True, False], [False, True]], [[1, 1], [2, 2]], 0)  # [1, 2]
    """


select = make_op(select, "numpy")


def diagonal(x, offset=0, axis1=0, axis2=1):
    """Returns the diagonal of ``x`` in the plane of ``axis1`` and ``axis2``.

    Args:
        x: tensor with at least 2 dims.
        offset: diagonal offset.
        axis1, axis2: the plane.

    Returns:
        Tensor with the diagonal as its last axis.

    Example:
        >>> ops.diagonal([[1, 2], [3, 4]])  # [1, 4]
    """


diagonal = make_op(diagonal, "numpy")


def tril(x, k=0):
    """Zeroes the elements above the ``k``-th diagonal (last two axes).

    Args:
        x: tensor with at least 2 dims.
        k: diagonal offset.

    Returns:
        Tensor.

    Example:
        >>> ops.tril([[1, 2], [3, 4]])  # [[1, 0], [3, 4]]
    """


tril = make_op(tril, "numpy")


def triu(x, k=0):
    """Zeroes the elements below the ``k``-th diagonal (last two axes).

    Args:
        x: tensor with at least 2 dims.
        k: diagonal offset.

    Returns:
        Tensor.

    Example:
        >>> ops.triu([[1, 2], [3, 4]])  # [[1, 2], [0, 4]]
    """


triu = make_op(triu, "numpy")


def unravel_index(indices, shape):
    """Converts flat indices into a tuple of coordinate tensors for ``shape``.

    Args:
        indices: int tensor of flat indices.
        shape: the array shape.

    Returns:
        Tuple of int tensors, one per dimension.

    Example:
        >>> ops.unravel_index([5], (2, 3))  # ([1], [2])
    """


unravel_index = make_op(unravel_index, "numpy")


def diff(a, n=1, axis=-1):
    """``n``-th discrete difference along ``axis``.

    Args:
        a: tensor.
        n: number of times to difference.
        axis: the axis.

    Returns:
        Tensor with ``axis`` shorter by ``n``.

    Example:
        >>> ops.diff([1, 4, 9])  # [3, 5]
    """


diff = make_op(diff, "numpy")
