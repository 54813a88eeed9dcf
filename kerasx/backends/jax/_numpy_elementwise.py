"""Elementwise NumPy-named ops: arithmetic, float math, comparisons, bitwise."""

import jax
import jax.numpy as jnp

from kerasx import dtypes
from kerasx.backends.jax._common import (
    ARRAY_T, JFLOATS, binary, convert_to_tensor, dtype_or_scalar, float_binary, std_dtype,
    to_float,
)
from kerasx.core.variable import Variable as _BaseVariable

# Fast paths: concrete arrays that need no conversion or promotion call a cached
# ``jax.jit`` of the same jnp function. It dispatches from C++, skipping the Python
# argument checks of jnp's ufunc objects (~10 us per call on jax 0.10); every other
# input (Variables, NumPy, scalars, mixed dtypes, tracers) takes the general path.


def _same(fn):
    fast = jax.jit(fn)

    def op(x):
        if type(x) is ARRAY_T:
            return fast(x)
        return fn(convert_to_tensor(x))
    return op


def _floaty(fn):
    fast = jax.jit(fn)

    def op(x):
        if type(x) is ARRAY_T and x.dtype in JFLOATS:
            return fast(x)
        return fn(to_float(x))
    return op


def _bin(fn):
    fast = jax.jit(fn)

    def op(x1, x2):
        if type(x1) is ARRAY_T:
            if type(x2) is ARRAY_T:
                if x1.dtype == x2.dtype:
                    return fast(x1, x2)
            elif isinstance(x2, _BaseVariable):  # a layer weight (bias): its value
                return op(x1, x2.value)
        a, b, _ = binary(x1, x2)
        return fn(a, b)
    return op


def _fbin(fn):
    fast = jax.jit(fn)

    def op(x1, x2):
        if type(x1) is ARRAY_T and type(x2) is ARRAY_T:
            d = x1.dtype
            if d == x2.dtype and d in JFLOATS:
                return fast(x1, x2)
        a, b, _ = float_binary(x1, x2)
        return fn(a, b)
    return op


_cmp = _bin


abs = _same(jnp.abs)
absolute = abs
negative = _same(jnp.negative)
square = _same(jnp.square)
sign = _same(jnp.sign)
conj = _same(jnp.conjugate)
conjugate = conj


def copy(x):
    return jnp.array(convert_to_tensor(x))  # always a new array (no jit input forwarding)


arccos = _floaty(jnp.arccos)
arccosh = _floaty(jnp.arccosh)
arcsin = _floaty(jnp.arcsin)
arcsinh = _floaty(jnp.arcsinh)
arctan = _floaty(jnp.arctan)
arctanh = _floaty(jnp.arctanh)
cbrt = _floaty(jnp.cbrt)
cos = _floaty(jnp.cos)
cosh = _floaty(jnp.cosh)
deg2rad = _floaty(jnp.deg2rad)
exp = _floaty(jnp.exp)
exp2 = _floaty(jnp.exp2)
expm1 = _floaty(jnp.expm1)
log = _floaty(jnp.log)
log10 = _floaty(jnp.log10)
log1p = _floaty(jnp.log1p)
log2 = _floaty(jnp.log2)
sin = _floaty(jnp.sin)
sinh = _floaty(jnp.sinh)
sqrt = _floaty(jnp.sqrt)
tan = _floaty(jnp.tan)
tanh = _floaty(jnp.tanh)
reciprocal = _floaty(jnp.reciprocal)
angle = _floaty(jnp.angle)

add = _bin(jnp.add)
subtract = _bin(jnp.subtract)
maximum = _bin(jnp.maximum)
minimum = _bin(jnp.minimum)
mod = _bin(jnp.mod)
floor_divide = _bin(jnp.floor_divide)
arctan2 = _fbin(jnp.arctan2)
hypot = _fbin(jnp.hypot)
logaddexp = _fbin(jnp.logaddexp)
logaddexp2 = _fbin(jnp.logaddexp2)
true_divide = _fbin(jnp.true_divide)
divide = true_divide
heaviside = _bin(jnp.heaviside)

equal = _cmp(jnp.equal)
not_equal = _cmp(jnp.not_equal)
greater = _cmp(jnp.greater)
greater_equal = _cmp(jnp.greater_equal)
less = _cmp(jnp.less)
less_equal = _cmp(jnp.less_equal)

bitwise_invert = _same(jnp.invert)
bitwise_not = bitwise_invert


def bitwise_and(x, y):
    a, b, _ = binary(x, y)
    return jnp.bitwise_and(a, b)


def bitwise_or(x, y):
    a, b, _ = binary(x, y)
    return jnp.bitwise_or(a, b)


def bitwise_xor(x, y):
    a, b, _ = binary(x, y)
    return jnp.bitwise_xor(a, b)


def bitwise_left_shift(x, y):
    a, b, _ = binary(x, y)
    return jnp.left_shift(a, b)


def bitwise_right_shift(x, y):
    a, b, _ = binary(x, y)
    return jnp.right_shift(a, b)


left_shift = bitwise_left_shift
right_shift = bitwise_right_shift


_multiply_jit = jax.jit(jnp.multiply)


def multiply(x1, x2):
    if type(x1) is ARRAY_T and type(x2) is ARRAY_T:
        d = x1.dtype
        if d == x2.dtype and d in JFLOATS:
            return _multiply_jit(x1, x2)
    a, b, dt = binary(x1, x2)
    if dt == "bool":
        return jnp.logical_and(a, b)
    return jnp.multiply(a, b)


def power(x1, x2):
    a, b, _ = binary(x1, x2)
    return jnp.power(a, b)


def divide_no_nan(x1, x2):
    a, b, _ = float_binary(x1, x2)
    safe = jnp.where(b == 0, jnp.ones_like(b), b)
    return jnp.where(b == 0, jnp.zeros_like(a * b), a / safe)


def _bool_logic(fn):
    def op(x1, x2):
        return fn(convert_to_tensor(x1).astype(bool), convert_to_tensor(x2).astype(bool))
    return op


logical_and = _bool_logic(jnp.logical_and)
logical_or = _bool_logic(jnp.logical_or)
logical_xor = _bool_logic(jnp.logical_xor)


def logical_not(x):
    return jnp.logical_not(convert_to_tensor(x).astype(bool))


def _int_keep(fn):
    def op(x):
        x = convert_to_tensor(x)
        if not jnp.issubdtype(x.dtype, jnp.inexact):
            return x
        return fn(x)
    return op


ceil = _int_keep(jnp.ceil)
floor = _int_keep(jnp.floor)
trunc = _int_keep(jnp.trunc)


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if not jnp.issubdtype(x.dtype, jnp.inexact):
        if decimals >= 0:
            return x
        factor = 10 ** (-decimals)
        return (jnp.round(x.astype(jnp.float64) / factor) * factor).astype(x.dtype)
    return jnp.round(x, decimals)


def signbit(x):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        return jnp.zeros(x.shape, bool)
    return jnp.signbit(x)


def isfinite(x):
    return jnp.isfinite(convert_to_tensor(x))


def isinf(x):
    return jnp.isinf(convert_to_tensor(x))


def isnan(x):
    return jnp.isnan(convert_to_tensor(x))


def isneginf(x):
    return jnp.isneginf(convert_to_tensor(x))


def isposinf(x):
    return jnp.isposinf(convert_to_tensor(x))


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    a, b, _ = binary(x1, x2)
    return jnp.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def clip(x, x_min, x_max):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        x = x.astype(jnp.int32)
    dt = dtypes.result_type(std_dtype(x.dtype), dtype_or_scalar(x_min), dtype_or_scalar(x_max)) \
        if not isinstance(x_min, (int, float)) or not isinstance(x_max, (int, float)) \
        else std_dtype(x.dtype)
    x = x.astype(dt)
    return jnp.clip(x, convert_to_tensor(x_min, dt), convert_to_tensor(x_max, dt))


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def real(x):
    return jnp.real(convert_to_tensor(x))


def imag(x):
    return jnp.imag(convert_to_tensor(x))


def where(condition, x1=None, x2=None):
    condition = convert_to_tensor(condition).astype(bool)
    if x1 is None and x2 is None:
        return tuple(i.astype(jnp.int32) for i in jnp.nonzero(condition))
    if x1 is None or x2 is None:
        raise ValueError("ops.where: give both x1 and x2, or neither (got only one).")
    a, b, _ = binary(x1, x2)
    return jnp.where(condition, a, b)


def select(condlist, choicelist, default=0):
    conds = [convert_to_tensor(c).astype(bool) for c in condlist]
    choices = [convert_to_tensor(c) for c in choicelist]
    dt = dtypes.result_type(*[std_dtype(c.dtype) for c in choices], default)
    return jnp.select(conds, [c.astype(dt) for c in choices], convert_to_tensor(default, dt))
