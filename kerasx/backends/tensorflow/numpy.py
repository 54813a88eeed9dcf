"""TensorFlow backend: the NumPy-named ops (re-exported from the _np_* family files)."""

from kerasx.backends.tensorflow._np_math import (  # noqa: F401
    abs, absolute, add, angle, arccos, arccosh, arcsin, arcsinh, arctan, arctan2, arctanh,
    bitwise_and, bitwise_invert, bitwise_left_shift, bitwise_not, bitwise_or,
    bitwise_right_shift, bitwise_xor, cbrt, ceil, clip, conj, conjugate, cos, cosh, deg2rad,
    divide, divide_no_nan, equal, exp, exp2, expm1, floor, floor_divide, greater,
    greater_equal, heaviside, hypot, imag, isclose, isfinite, isinf, isnan, isneginf, isposinf,
    left_shift, less, less_equal, log, log10, log1p, log2, logaddexp, logaddexp2, logical_and,
    logical_not, logical_or, logical_xor, maximum, minimum, mod, multiply, nan_to_num,
    negative, not_equal, power, real, reciprocal, right_shift, round, sign, signbit, sin, sinh,
    sqrt, square, subtract, tan, tanh, true_divide, trunc,
)
from kerasx.backends.tensorflow._np_reduce import (  # noqa: F401
    all, amax, amin, any, argmax, argmin, average, count_nonzero, cumprod, cumsum, max, mean,
    median, min, prod, quantile, std, sum, var,
)
from kerasx.backends.tensorflow._np_create import (  # noqa: F401
    arange, array, copy, empty, eye, full, full_like, identity, linspace, logspace, meshgrid,
    ones, ones_like, tri, zeros, zeros_like,
)
from kerasx.backends.tensorflow._np_shape import (  # noqa: F401
    append, broadcast_to, concatenate, expand_dims, flip, hstack, moveaxis, ndim, pad, ravel,
    repeat, reshape, roll, rot90, size, split, squeeze, stack, swapaxes, tile, transpose,
    unravel_index, vstack,
)
from kerasx.backends.tensorflow._np_index import (  # noqa: F401
    argpartition, argsort, bincount, diag, diagflat, diagonal, digitize, get_item, histogram,
    nonzero, searchsorted, select, sort, take, take_along_axis, trace, tril, triu, where,
)
from kerasx.backends.tensorflow._np_linalg import (  # noqa: F401
    corrcoef, correlate, cross, diff, dot, einsum, inner, kron, matmul, outer, slogdet,
    tensordot, trapezoid, vander, vdot,
)


from kerasx.backends.tensorflow._common import wrap_errors  # noqa: E402

wrap_errors(globals(), "numpy")
