"""Elementwise NumPy-named ops for the torch backend."""

import torch

from kerasx.backends.torch._common import (
    convert_to_tensor,
    float_pair,
    floatx,
    is_float_dtype,
    pair,
    pair_scalar,
    to_float,
)

_t = convert_to_tensor


def add(x1, x2):
    x1, x2 = pair_scalar(x1, x2)
    return torch.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = pair_scalar(x1, x2)
    if x1.dtype == torch.bool:
        return torch.logical_xor(x1, x2)
    return torch.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = pair_scalar(x1, x2)
    return torch.multiply(x1, x2)


def true_divide(x1, x2):
    if type(x1) is torch.Tensor and (type(x2) is float or type(x2) is int):
        return torch.true_divide(to_float(x1), x2)
    x1, x2 = float_pair(x1, x2)
    return torch.true_divide(x1, x2)


def divide(x1, x2):
    return true_divide(x1, x2)


def divide_no_nan(x1, x2):
    x1, x2 = float_pair(x1, x2)
    safe = torch.where(x2 == 0, torch.ones_like(x2), x2)
    return torch.where(x2 == 0, torch.zeros_like(x1 * x2), x1 / safe)


def floor_divide(x1, x2):
    x1, x2 = pair(x1, x2)
    if x1.dtype == torch.bool:
        x1, x2 = x1.to(torch.int32), x2.to(torch.int32)
    return torch.floor_divide(x1, x2)


def mod(x1, x2):
    x1, x2 = pair(x1, x2)
    if x1.dtype == torch.bool:
        x1, x2 = x1.to(torch.int32), x2.to(torch.int32)
    return torch.remainder(x1, x2)


def power(x1, x2):
    x1, x2 = pair_scalar(x1, x2)
    return torch.pow(x1, x2)


def maximum(x1, x2):
    x1, x2 = pair(x1, x2)
    return torch.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = pair(x1, x2)
    return torch.minimum(x1, x2)


def arctan2(x1, x2):
    x1, x2 = float_pair(x1, x2)
    return torch.atan2(x1, x2)


def hypot(x1, x2):
    x1, x2 = float_pair(x1, x2)
    return torch.hypot(x1, x2)


def logaddexp(x1, x2):
    x1, x2 = float_pair(x1, x2)
    return torch.logaddexp(x1, x2)


def logaddexp2(x1, x2):
    x1, x2 = float_pair(x1, x2)
    return torch.logaddexp2(x1, x2)


def heaviside(x1, x2):
    x1, x2 = pair(x1, x2)
    if x1.dtype == torch.bool or not (is_float_dtype(x1.dtype)):
        x1, x2 = x1.to(floatx()), x2.to(floatx())
    return torch.heaviside(x1, x2)


def _cmp(fn):
    def op(x1, x2):
        a, b = pair_scalar(x1, x2)
        return fn(a, b)
    return op


equal = _cmp(torch.eq)
not_equal = _cmp(torch.ne)
greater = _cmp(torch.gt)
greater_equal = _cmp(torch.ge)
less = _cmp(torch.lt)
less_equal = _cmp(torch.le)


def logical_and(x1, x2):
    return torch.logical_and(_t(x1), _t(x2))


def logical_or(x1, x2):
    return torch.logical_or(_t(x1), _t(x2))


def logical_xor(x1, x2):
    return torch.logical_xor(_t(x1), _t(x2))


def logical_not(x):
    return torch.logical_not(_t(x))


def _bitwise(fn):
    def op(x, y):
        a, b = pair(x, y)
        return fn(a, b)
    return op


bitwise_and = _bitwise(torch.bitwise_and)
bitwise_or = _bitwise(torch.bitwise_or)
bitwise_xor = _bitwise(torch.bitwise_xor)
bitwise_left_shift = _bitwise(torch.bitwise_left_shift)
bitwise_right_shift = _bitwise(torch.bitwise_right_shift)
left_shift = _bitwise(torch.bitwise_left_shift)
right_shift = _bitwise(torch.bitwise_right_shift)


def bitwise_invert(x):
    return torch.bitwise_not(_t(x))


def bitwise_not(x):
    return torch.bitwise_not(_t(x))


def _float_unary(fn):
    def op(x):
        return fn(to_float(x))
    return op


sin = _float_unary(torch.sin)
cos = _float_unary(torch.cos)
tan = _float_unary(torch.tan)
arcsin = _float_unary(torch.asin)
arccos = _float_unary(torch.acos)
arctan = _float_unary(torch.atan)
arcsinh = _float_unary(torch.asinh)
arccosh = _float_unary(torch.acosh)
arctanh = _float_unary(torch.atanh)
sinh = _float_unary(torch.sinh)
cosh = _float_unary(torch.cosh)
tanh = _float_unary(torch.tanh)
exp = _float_unary(torch.exp)
exp2 = _float_unary(torch.exp2)
expm1 = _float_unary(torch.expm1)
log = _float_unary(torch.log)
log2 = _float_unary(torch.log2)
log10 = _float_unary(torch.log10)
log1p = _float_unary(torch.log1p)
sqrt = _float_unary(torch.sqrt)
deg2rad = _float_unary(torch.deg2rad)
reciprocal = _float_unary(torch.reciprocal)


def cbrt(x):
    x = to_float(x)
    return torch.sign(x) * torch.pow(torch.abs(x), 1.0 / 3.0)


def _keep_int_unary(fn):
    def op(x):
        x = _t(x)
        if x.dtype == torch.bool or not (is_float_dtype(x.dtype) or x.is_complex()):
            return x.clone()
        return fn(x)
    return op


ceil = _keep_int_unary(torch.ceil)
floor = _keep_int_unary(torch.floor)
trunc = _keep_int_unary(torch.trunc)


def abs(x):
    x = _t(x)
    if x.dtype == torch.bool:
        return x.clone()
    return torch.abs(x)


absolute = abs


def negative(x):
    x = _t(x)
    if x.dtype == torch.bool:
        return torch.logical_not(x)
    return torch.negative(x)


def sign(x):
    x = _t(x)
    if x.dtype == torch.bool:
        return x.clone()
    return torch.sign(x)


def signbit(x):
    x = _t(x)
    if x.dtype == torch.bool:
        return torch.zeros_like(x)
    if not is_float_dtype(x.dtype):
        return x < 0
    return torch.signbit(x)


def square(x):
    x = _t(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    return torch.square(x)


def round(x, decimals=0):
    x = _t(x)
    if not is_float_dtype(x.dtype):
        if decimals >= 0 or x.dtype == torch.bool:
            return x.clone()
        factor = 10 ** (-decimals)
        return (torch.round(x.double() / factor) * factor).to(x.dtype)
    return torch.round(x, decimals=int(decimals))


def clip(x, x_min, x_max):
    x = _t(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    lo = x_min if isinstance(x_min, (int, float)) else _t(x_min).to(x.dtype)
    hi = x_max if isinstance(x_max, (int, float)) else _t(x_max).to(x.dtype)
    return torch.clamp(x, lo, hi)


def isfinite(x):
    return torch.isfinite(_t(x))


def isinf(x):
    return torch.isinf(_t(x))


def isnan(x):
    return torch.isnan(_t(x))


def isneginf(x):
    return torch.isneginf(_t(x))


def isposinf(x):
    return torch.isposinf(_t(x))


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = pair(x1, x2)
    return torch.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = _t(x)
    if not is_float_dtype(x.dtype) and not x.is_complex():
        return x
    return torch.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def real(x):
    x = _t(x)
    return torch.real(x) if x.is_complex() else x


def imag(x):
    x = _t(x)
    return torch.imag(x) if x.is_complex() else torch.zeros_like(x)


def conj(x):
    x = _t(x)
    return torch.conj_physical(x) if x.is_complex() else x


conjugate = conj


def angle(x):
    x = _t(x)
    if not x.is_complex():
        x = to_float(x)
    return torch.angle(x)
