"""Elementwise one-argument NumPy ops, part 2: tests, logs, rounding, powers."""

from kerasx.ops._dispatch import make_op


def isfinite(x):
    """Elementwise test for finite values (not inf, not NaN).

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.isfinite([1.0, float("inf")])  # [True, False]
    """


isfinite = make_op(isfinite, "numpy")


def isinf(x):
    """Elementwise test for positive or negative infinity.

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.isinf([float("-inf")])  # [True]
    """


isinf = make_op(isinf, "numpy")


def isnan(x):
    """Elementwise test for NaN.

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.isnan([float("nan"), 1.0])  # [True, False]
    """


isnan = make_op(isnan, "numpy")


def isneginf(x):
    """Elementwise test for negative infinity.

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.isneginf([float("-inf"), 0.0])  # [True, False]
    """


isneginf = make_op(isneginf, "numpy")


def isposinf(x):
    """Elementwise test for positive infinity.

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.isposinf([float("inf"), 0.0])  # [True, False]
    """


isposinf = make_op(isposinf, "numpy")


def log(x):
    """Elementwise natural logarithm.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.log([1.0])  # [0.]
    """


log = make_op(log, "numpy")


def log10(x):
    """Elementwise base-10 logarithm.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.log10([100.0])  # [2.]
    """


log10 = make_op(log10, "numpy")


def log1p(x):
    """Elementwise ``log(1 + x)``, accurate for small ``x``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.log1p([0.0])  # [0.]
    """


log1p = make_op(log1p, "numpy")


def log2(x):
    """Elementwise base-2 logarithm.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.log2([8.0])  # [3.]
    """


log2 = make_op(log2, "numpy")


def logical_not(x):
    """Elementwise logical NOT (nonzero counts as True).

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.logical_not([True, False])  # [False, True]
    """


logical_not = make_op(logical_not, "numpy")


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    """Replaces NaN and infinities by finite numbers.

    Args:
        x: tensor.
        nan: value for NaN.
        posinf, neginf: values for +inf / -inf (default: the dtype's max / min).

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.nan_to_num([float("nan"), 1.0])  # [0., 1.]
    """


nan_to_num = make_op(nan_to_num, "numpy")


def negative(x):
    """Elementwise negation.

    Args:
        x: tensor.

    Returns:
        ``-x`` with the dtype of ``x``.

    Example:
        >>> ops.negative([1, -2])  # [-1, 2]
    """


negative = make_op(negative, "numpy")


def real(x):
    """Real part of each element (the input itself for real tensors).

    Args:
        x: tensor.

    Returns:
        Real tensor.

    Example:
        >>> ops.real([1.5])  # [1.5]
    """


real = make_op(real, "numpy")


def reciprocal(x):
    """Elementwise ``1 / x``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.reciprocal([4.0])  # [0.25]
    """


reciprocal = make_op(reciprocal, "numpy")


def round(x, decimals=0):
    """Rounds to ``decimals`` decimal places (halves to even, like NumPy).

    Args:
        x: tensor.
        decimals: number of decimal places.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.round([0.5, 1.5, 2.26], 0)  # [0., 2., 2.]
    """


round = make_op(round, "numpy")


def sign(x):
    """Elementwise sign: -1, 0 or 1.

    Args:
        x: tensor.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.sign([-3, 0, 2])  # [-1, 0, 1]
    """


sign = make_op(sign, "numpy")


def signbit(x):
    """Elementwise test whether the sign bit is set (True for negatives and -0.0).

    Args:
        x: tensor.

    Returns:
        Bool tensor.

    Example:
        >>> ops.signbit([-1.0, 2.0])  # [True, False]
    """


signbit = make_op(signbit, "numpy")


def sin(x):
    """Elementwise sine (radians).

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.sin([0.0])  # [0.]
    """


sin = make_op(sin, "numpy")


def sinh(x):
    """Elementwise hyperbolic sine.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.sinh([0.0])  # [0.]
    """


sinh = make_op(sinh, "numpy")


def sqrt(x):
    """Elementwise non-negative square root.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.sqrt([4.0])  # [2.]
    """


sqrt = make_op(sqrt, "numpy")


def square(x):
    """Elementwise ``x * x``.

    Args:
        x: tensor.

    Returns:
        Tensor with the dtype of ``x`` (bool gives int32).

    Example:
        >>> ops.square([3])  # [9]
    """


square = make_op(square, "numpy")


def tan(x):
    """Elementwise tangent (radians).

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.tan([0.0])  # [0.]
    """


tan = make_op(tan, "numpy")


def tanh(x):
    """Elementwise hyperbolic tangent.

    Args:
        x: tensor.

    Returns:
        Float tensor in (-1, 1).

    Example:
        >>> ops.tanh([0.0])  # [0.]
    """


tanh = make_op(tanh, "numpy")


def trunc(x):
    """Rounds each element toward zero.

    Args:
        x: tensor.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.trunc([-1.7, 1.7])  # [-1., 1.]
    """


trunc = make_op(trunc, "numpy")
