"""Elementwise one-argument NumPy ops, part 1 (int/bool inputs of float math give floatx())."""

from kerasx.ops._dispatch import make_op


def abs(x):
    """Elementwise absolute value.

    Args:
        x: tensor.

    Returns:
        ``|x|`` with the dtype of ``x``.

    Example:
        >>> ops.abs([-1, 2])  # [1, 2]
    """


abs = make_op(abs, "numpy")


def absolute(x):
    """Elementwise absolute value (same as ``abs``).

    Args:
        x: tensor.

    Returns:
        ``|x|`` with the dtype of ``x``.

    Example:
        >>> ops.absolute([-1.5])  # [1.5]
    """


absolute = make_op(absolute, "numpy")


def angle(x):
    """Elementwise argument (phase angle) of complex or real values, in radians.

    Args:
        x: tensor.

    Returns:
        Float tensor of angles.

    Example:
        >>> ops.angle([-1.0, 1.0])  # [pi, 0.]
    """


angle = make_op(angle, "numpy")


def arccos(x):
    """Elementwise inverse cosine.

    Args:
        x: tensor with values in [-1, 1].

    Returns:
        Float tensor of angles in [0, pi].

    Example:
        >>> ops.arccos([1.0])  # [0.]
    """


arccos = make_op(arccos, "numpy")


def arccosh(x):
    """Elementwise inverse hyperbolic cosine.

    Args:
        x: tensor with values >= 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.arccosh([1.0])  # [0.]
    """


arccosh = make_op(arccosh, "numpy")


def arcsin(x):
    """Elementwise inverse sine.

    Args:
        x: tensor with values in [-1, 1].

    Returns:
        Float tensor of angles in [-pi/2, pi/2].

    Example:
        >>> ops.arcsin([0.0])  # [0.]
    """


arcsin = make_op(arcsin, "numpy")


def arcsinh(x):
    """Elementwise inverse hyperbolic sine.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.arcsinh([0.0])  # [0.]
    """


arcsinh = make_op(arcsinh, "numpy")


def arctan(x):
    """Elementwise inverse tangent.

    Args:
        x: tensor.

    Returns:
        Float tensor of angles in (-pi/2, pi/2).

    Example:
        >>> ops.arctan([0.0])  # [0.]
    """


arctan = make_op(arctan, "numpy")


def arctanh(x):
    """Elementwise inverse hyperbolic tangent.

    Args:
        x: tensor with values in (-1, 1).

    Returns:
        Float tensor.

    Example:
        >>> ops.arctanh([0.0])  # [0.]
    """


arctanh = make_op(arctanh, "numpy")


def bitwise_invert(x):
    """Elementwise bitwise NOT of an integer or bool tensor.

    Args:
        x: int or bool tensor.

    Returns:
        Tensor of the same dtype.

    Example:
        >>> ops.bitwise_invert([0])  # [-1]
    """


bitwise_invert = make_op(bitwise_invert, "numpy")


def bitwise_not(x):
    """Elementwise bitwise NOT (same as ``bitwise_invert``).

    Args:
        x: int or bool tensor.

    Returns:
        Tensor of the same dtype.

    Example:
        >>> ops.bitwise_not([1])  # [-2]
    """


bitwise_not = make_op(bitwise_not, "numpy")


def cbrt(x):
    """Elementwise cube root (negative inputs give negative roots).

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.cbrt([-8.0])  # [-2.]
    """


cbrt = make_op(cbrt, "numpy")


def ceil(x):
    """Elementwise ceiling.

    Args:
        x: tensor.

    Returns:
        Float tensor of the smallest integers >= x.

    Example:
        >>> ops.ceil([1.2])  # [2.]
    """


ceil = make_op(ceil, "numpy")


def clip(x, x_min, x_max):
    """Limits values to the interval ``[x_min, x_max]``.

    Args:
        x: tensor.
        x_min, x_max: scalars or broadcastable tensors.

    Returns:
        Tensor with the dtype of ``x``.

    Example:
        >>> ops.clip([-2, 0, 5], 0, 3)  # [0, 0, 3]
    """


clip = make_op(clip, "numpy")


def conj(x):
    """Elementwise complex conjugate (real inputs are returned unchanged).

    Args:
        x: tensor.

    Returns:
        Tensor of the same dtype.

    Example:
        >>> ops.conj([1.0])  # [1.]
    """


conj = make_op(conj, "numpy")


def conjugate(x):
    """Elementwise complex conjugate (same as ``conj``).

    Args:
        x: tensor.

    Returns:
        Tensor of the same dtype.

    Example:
        >>> ops.conjugate([2.0])  # [2.]
    """


conjugate = make_op(conjugate, "numpy")


def copy(x):
    """Returns a copy of ``x``.

    Args:
        x: tensor or array-like.

    Returns:
        A new tensor with the same values and dtype.

    Example:
        >>> y = ops.copy(x)
    """


copy = make_op(copy, "numpy")


def cos(x):
    """Elementwise cosine (radians).

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.cos([0.0])  # [1.]
    """


cos = make_op(cos, "numpy")


def cosh(x):
    """Elementwise hyperbolic cosine.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.cosh([0.0])  # [1.]
    """


cosh = make_op(cosh, "numpy")


def deg2rad(x):
    """Converts angles from degrees to radians.

    Args:
        x: tensor of degrees.

    Returns:
        Float tensor of radians.

    Example:
        >>> ops.deg2rad([180.0])  # [3.14159]
    """


deg2rad = make_op(deg2rad, "numpy")


def exp(x):
    """Elementwise ``e ** x``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.exp([0.0])  # [1.]
    """


exp = make_op(exp, "numpy")


def exp2(x):
    """Elementwise ``2 ** x``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.exp2([3.0])  # [8.]
    """


exp2 = make_op(exp2, "numpy")


def expm1(x):
    """Elementwise ``exp(x) - 1``, accurate for small ``x``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.expm1([0.0])  # [0.]
    """


expm1 = make_op(expm1, "numpy")


def floor(x):
    """Elementwise floor.

    Args:
        x: tensor.

    Returns:
        Float tensor of the largest integers <= x.

    Example:
        >>> ops.floor([1.7])  # [1.]
    """


floor = make_op(floor, "numpy")


def imag(x):
    """Imaginary part of each element (zeros for real input).

    Args:
        x: tensor.

    Returns:
        Real tensor.

    Example:
        >>> ops.imag([1.0])  # [0.]
    """


imag = make_op(imag, "numpy")
