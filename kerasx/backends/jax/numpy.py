"""The JAX backend's NumPy-named ops (re-exported from the family files)."""

from kerasx.backends.jax._numpy_create import (  # noqa: F401
    arange, array, cross, dot, einsum, empty, eye, full, full_like, identity, inner, kron,
    linspace, logspace, matmul, ones, ones_like, outer, slogdet, tensordot, trace, tri, vander,
    vdot, zeros, zeros_like,
)
from kerasx.backends.jax._numpy_elementwise import (  # noqa: F401
    abs, absolute, add, angle, arccos, arccosh, arcsin, arcsinh, arctan, arctan2, arctanh,
    bitwise_and, bitwise_invert, bitwise_left_shift, bitwise_not, bitwise_or,
    bitwise_right_shift, bitwise_xor, cbrt, ceil, clip, conj, conjugate, copy, cos, cosh,
    deg2rad, divide, divide_no_nan, equal, exp, exp2, expm1, floor, floor_divide, greater,
    greater_equal, heaviside, hypot, imag, isclose, isfinite, isinf, isnan, isneginf, isposinf,
    left_shift, less, less_equal, log, log10, log1p, log2, logaddexp, logaddexp2, logical_and,
    logical_not, logical_or, logical_xor, maximum, minimum, mod, multiply, nan_to_num, negative,
    not_equal, power, real, reciprocal, right_shift, round, select, sign, signbit, sin, sinh,
    sqrt, square, subtract, tan, tanh, true_divide, trunc, where,
)
from kerasx.backends.jax._numpy_reduce import (  # noqa: F401
    all, amax, amin, any, argmax, argmin, argpartition, argsort, average, bincount, correlate,
    corrcoef, count_nonzero, cumprod, cumsum, digitize, histogram, max, mean, median, min,
    nonzero, prod, quantile, searchsorted, sort, std, sum, trapezoid, var,
)
from kerasx.backends.jax._numpy_shape import (  # noqa: F401
    append, broadcast_to, concatenate, diag, diagflat, diagonal, diff, expand_dims, flip,
    get_item, hstack, meshgrid, moveaxis, ndim, pad, ravel, repeat, reshape, roll, rot90, size,
    split, squeeze, stack, swapaxes, take, take_along_axis, tile, transpose, tril, triu,
    unravel_index, vstack,
)
