"""Elementwise two-argument NumPy ops (NumPy broadcasting; dtypes via kerasx.dtypes.result_type)."""

from kerasx.ops._dispatch import make_op


def add(x1, x2):
    """Elementwise sum with broadcasting.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 + x2`` in ``result_type(x1, x2)``.

    Example:
        >>> ops.add([1, 2], 10)  # [11, 12]
    """


add = make_op(add, "numpy")


def subtract(x1, x2):
    """Elementwise difference with broadcasting.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 - x2``.

    Example:
        >>> ops.subtract([5, 6], 1)  # [4, 5]
    """


subtract = make_op(subtract, "numpy")


def multiply(x1, x2):
    """Elementwise product with broadcasting.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 * x2``.

    Example:
        >>> ops.multiply([1, 2], 3)  # [3, 6]
    """


multiply = make_op(multiply, "numpy")


def divide(x1, x2):
    """Elementwise true division (integer inputs give floatx()).

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 / x2`` as a float tensor.

    Example:
        >>> ops.divide([1, 3], 2)  # [0.5, 1.5]
    """


divide = make_op(divide, "numpy")


def true_divide(x1, x2):
    """Elementwise true division (same as ``divide``).

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 / x2`` as a float tensor.

    Example:
        >>> ops.true_divide([1], [4])  # [0.25]
    """


true_divide = make_op(true_divide, "numpy")


def divide_no_nan(x1, x2):
    """Elementwise division that returns 0 where ``x2`` is 0.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Float tensor.

    Example:
        >>> ops.divide_no_nan([1.0, 1.0], [0.0, 2.0])  # [0., 0.5]
    """


divide_no_nan = make_op(divide_no_nan, "numpy")


def floor_divide(x1, x2):
    """Elementwise division rounded toward negative infinity (ints stay ints).

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 // x2``.

    Example:
        >>> ops.floor_divide([7, -7], 2)  # [3, -4]
    """


floor_divide = make_op(floor_divide, "numpy")


def mod(x1, x2):
    """Elementwise remainder with the sign of the divisor (Python/NumPy ``%``).

    Args:
        x1, x2: tensors or scalars.

    Returns:
        ``x1 % x2``.

    Example:
        >>> ops.mod([7, -7], 3)  # [1, 2]
    """


mod = make_op(mod, "numpy")


def power(x1, x2):
    """Elementwise ``x1 ** x2``.

    Args:
        x1: base tensor.
        x2: exponent tensor or scalar.

    Returns:
        Tensor in ``result_type(x1, x2)``.

    Example:
        >>> ops.power([2, 3], 2)  # [4, 9]
    """


power = make_op(power, "numpy")


def maximum(x1, x2):
    """Elementwise maximum with broadcasting (NaN propagates).

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Tensor of the larger values.

    Example:
        >>> ops.maximum([1, 5], 3)  # [3, 5]
    """


maximum = make_op(maximum, "numpy")


def minimum(x1, x2):
    """Elementwise minimum with broadcasting (NaN propagates).

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Tensor of the smaller values.

    Example:
        >>> ops.minimum([1, 5], 3)  # [1, 3]
    """


minimum = make_op(minimum, "numpy")


def arctan2(x1, x2):
    """Elementwise angle of the point ``(x2, x1)``, i.e. ``arctan(x1 / x2)`` in the right quadrant.

    Args:
        x1: y coordinates.
        x2: x coordinates.

    Returns:
        Float tensor of angles in [-pi, pi].

    Example:
        >>> ops.arctan2([1.0], [-1.0])  # [2.356]
    """


arctan2 = make_op(arctan2, "numpy")


def hypot(x1, x2):
    """Elementwise ``sqrt(x1**2 + x2**2)``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Float tensor.

    Example:
        >>> ops.hypot([3.0], [4.0])  # [5.]
    """


hypot = make_op(hypot, "numpy")


def logaddexp(x1, x2):
    """Elementwise ``log(exp(x1) + exp(x2))`` computed stably.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Float tensor.

    Example:
        >>> ops.logaddexp([0.0], [0.0])  # [0.693]
    """


logaddexp = make_op(logaddexp, "numpy")


def logaddexp2(x1, x2):
    """Elementwise ``log2(2**x1 + 2**x2)`` computed stably.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Float tensor.

    Example:
        >>> ops.logaddexp2([1.0], [1.0])  # [2.]
    """


logaddexp2 = make_op(logaddexp2, "numpy")


def heaviside(x1, x2):
    """Heaviside step: 0 where ``x1 < 0``, ``x2`` where ``x1 == 0``, 1 where ``x1 > 0``.

    Args:
        x1: input values.
        x2: value used where ``x1`` is zero.

    Returns:
        Tensor in ``result_type(x1, x2)`` (floatx for integer-only inputs).

    Example:
        >>> ops.heaviside([-1.0, 0.0, 2.0], 0.5)  # [0., 0.5, 1.]
    """


heaviside = make_op(heaviside, "numpy")


def equal(x1, x2):
    """Elementwise ``x1 == x2``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Bool tensor.

    Example:
        >>> ops.equal([1, 2], 2)  # [False, True]
    """


equal = make_op(equal, "numpy")


def not_equal(x1, x2):
    """Elementwise ``x1 != x2``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Bool tensor.

    Example:
        >>> ops.not_equal([1, 2], 2)  # [True, False]
    """


not_equal = make_op(not_equal, "numpy")


def greater(x1, x2):
    """Elementwise ``x1 > x2``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Bool tensor.

    Example:
        >>> ops.greater([1, 3], 2)  # [False, True]
    """


greater = make_op(greater, "numpy")


def greater_equal(x1, x2):
    """Elementwise ``x1 >= x2``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Bool tensor.

    Example:
        >>> ops.greater_equal([1, 2], 2)  # [False, True]
    """


greater_equal = make_op(greater_equal, "numpy")


def less(x1, x2):
    """Elementwise ``x1 < x2``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Bool tensor.

    Example:
        >>> ops.less([1, 3], 2)  # [True, False]
    """


less = make_op(less, "numpy")


def less_equal(x1, x2):
    """Elementwise ``x1 <= x2``.

    Args:
        x1, x2: tensors or scalars.

    Returns:
        Bool tensor.

    Example:
        >>> ops.less_equal([2, 3], 2)  # [True, False]
    """


less_equal = make_op(less_equal, "numpy")
