"""Logical and bitwise NumPy ops, and ``isclose``."""

from kerasx.ops._dispatch import make_op


def bitwise_and(x, y):
    """Elementwise bitwise AND.

    Args:
        x, y: int or bool tensors (broadcast together).

    Returns:
        Tensor in ``result_type(x, y)``.

    Example:
        >>> ops.bitwise_and([12], [10])  # [8]
    """


bitwise_and = make_op(bitwise_and, "numpy")


def bitwise_or(x, y):
    """Elementwise bitwise OR.

    Args:
        x, y: int or bool tensors.

    Returns:
        Tensor in ``result_type(x, y)``.

    Example:
        >>> ops.bitwise_or([12], [10])  # [14]
    """


bitwise_or = make_op(bitwise_or, "numpy")


def bitwise_xor(x, y):
    """Elementwise bitwise XOR.

    Args:
        x, y: int or bool tensors.

    Returns:
        Tensor in ``result_type(x, y)``.

    Example:
        >>> ops.bitwise_xor([12], [10])  # [6]
    """


bitwise_xor = make_op(bitwise_xor, "numpy")


def bitwise_left_shift(x, y):
    """Shifts the bits of ``x`` left by ``y``.

    Args:
        x: int tensor.
        y: int tensor or scalar shift amounts.

    Returns:
        Int tensor.

    Example:
        >>> ops.bitwise_left_shift([1], [3])  # [8]
    """


bitwise_left_shift = make_op(bitwise_left_shift, "numpy")


def bitwise_right_shift(x, y):
    """Shifts the bits of ``x`` right by ``y`` (arithmetic shift for signed ints).

    Args:
        x: int tensor.
        y: int tensor or scalar shift amounts.

    Returns:
        Int tensor.

    Example:
        >>> ops.bitwise_right_shift([8], [2])  # [2]
    """


bitwise_right_shift = make_op(bitwise_right_shift, "numpy")


def left_shift(x, y):
    """Shifts the bits of ``x`` left by ``y`` (same as ``bitwise_left_shift``).

    Args:
        x: int tensor.
        y: shift amounts.

    Returns:
        Int tensor.

    Example:
        >>> ops.left_shift([3], 1)  # [6]
    """


left_shift = make_op(left_shift, "numpy")


def right_shift(x, y):
    """Shifts the bits of ``x`` right by ``y`` (same as ``bitwise_right_shift``).

    Args:
        x: int tensor.
        y: shift amounts.

    Returns:
        Int tensor.

    Example:
        >>> ops.right_shift([6], 1)  # [3]
    """


right_shift = make_op(right_shift, "numpy")


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Elementwise ``|x1 - x2| <= atol + rtol * |x2|``.

    Args:
        x1, x2: tensors.
        rtol, atol: relative and absolute tolerances.
        equal_nan: whether two NaNs compare equal.

    Returns:
        Bool tensor.

    Example:
        >>> ops.isclose([1.0], [1.0 + 1e-9])  # [True]
    """


isclose = make_op(isclose, "numpy")


def logical_and(x1, x2):
    """Elementwise logical AND (nonzero counts as True).

    Args:
        x1, x2: tensors.

    Returns:
        Bool tensor.

    Example:
        >>> ops.logical_and([True, True], [True, False])  # [True, False]
    """


logical_and = make_op(logical_and, "numpy")


def logical_or(x1, x2):
    """Elementwise logical OR (nonzero counts as True).

    Args:
        x1, x2: tensors.

    Returns:
        Bool tensor.

    Example:
        >>> ops.logical_or([False, True], False)  # [False, True]
    """


logical_or = make_op(logical_or, "numpy")


def logical_xor(x1, x2):
    """Elementwise logical XOR (nonzero counts as True).

    Args:
        x1, x2: tensors.

    Returns:
        Bool tensor.

    Example:
        >>> ops.logical_xor([True, True], [True, False])  # [False, True]
    """


logical_xor = make_op(logical_xor, "numpy")
