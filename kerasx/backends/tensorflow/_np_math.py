"""TensorFlow backend: elementwise NumPy math (unary and binary)."""

import math as _pymath

import tensorflow as tf

from kerasx import config
from kerasx.backends.tensorflow._common import TO_TF, convert, promote, raw_operand, to_float


def _named(fn, name):
    fn.__name__ = name
    fn.__qualname__ = name
    return fn


def _float_unary(name, tf_fn):
    def op(x):
        return tf_fn(to_float(x))
    return _named(op, name)


def _same_unary(name, tf_fn, bool_fn=None):
    def op(x):
        x = convert(x)
        if x.dtype == tf.bool and bool_fn is not None:
            return bool_fn(x)
        return tf_fn(x)
    return _named(op, name)


sin = _float_unary("sin", tf.sin)
cos = _float_unary("cos", tf.cos)
tan = _float_unary("tan", tf.tan)
arcsin = _float_unary("arcsin", tf.asin)
arccos = _float_unary("arccos", tf.acos)
arctan = _float_unary("arctan", tf.atan)
arcsinh = _float_unary("arcsinh", tf.asinh)
arccosh = _float_unary("arccosh", tf.acosh)
arctanh = _float_unary("arctanh", tf.atanh)
sinh = _float_unary("sinh", tf.sinh)
cosh = _float_unary("cosh", tf.cosh)
tanh = _float_unary("tanh", tf.tanh)
exp = _float_unary("exp", tf.exp)
expm1 = _float_unary("expm1", tf.math.expm1)
log = _float_unary("log", tf.math.log)
log1p = _float_unary("log1p", tf.math.log1p)
sqrt = _float_unary("sqrt", tf.sqrt)
reciprocal = _float_unary("reciprocal", tf.math.reciprocal)
deg2rad = _float_unary("deg2rad", lambda x: x * tf.constant(_pymath.pi / 180.0, x.dtype))
exp2 = _float_unary("exp2", lambda x: tf.pow(tf.constant(2.0, x.dtype), x))
log2 = _float_unary("log2", lambda x: tf.math.log(x) / tf.constant(_pymath.log(2.0), x.dtype))
log10 = _float_unary("log10", lambda x: tf.math.log(x) / tf.constant(_pymath.log(10.0), x.dtype))
cbrt = _float_unary("cbrt", lambda x: tf.sign(x) * tf.pow(tf.abs(x), tf.constant(1.0 / 3.0, x.dtype)))
ceil = _float_unary("ceil", tf.math.ceil)
floor = _float_unary("floor", tf.math.floor)


def _abs(x):
    return tf.abs(x) if x.dtype.is_complex or not x.dtype.is_unsigned else x


abs = _same_unary("abs", _abs, lambda x: x)
absolute = _same_unary("absolute", _abs, lambda x: x)
negative = _same_unary("negative", lambda x: tf.negative(x) if not x.dtype.is_unsigned
                      else tf.zeros_like(x) - x)
square = _same_unary("square", tf.square, lambda x: x)
sign = _same_unary("sign", lambda x: tf.sign(x) if not x.dtype.is_unsigned else tf.cast(x > 0, x.dtype),
                   lambda x: x)
trunc = _same_unary("trunc", lambda x: tf.truncatediv(x, tf.ones_like(x)) if x.dtype.is_integer
                    else tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x)), lambda x: x)
conj = _same_unary("conj", lambda x: tf.math.conj(x) if x.dtype.is_complex else x)
conjugate = _same_unary("conjugate", lambda x: tf.math.conj(x) if x.dtype.is_complex else x)


def _invert(x):
    if not x.dtype.is_integer:
        raise ValueError(f"ops.bitwise_invert: expected integer or bool input, got dtype "
                         f"{x.dtype.name}.")
    return tf.bitwise.invert(x)


bitwise_invert = _same_unary("bitwise_invert", _invert, tf.logical_not)
bitwise_not = _same_unary("bitwise_not", _invert, tf.logical_not)


def real(x):
    x = convert(x)
    return tf.math.real(x) if x.dtype.is_complex else x


def imag(x):
    x = convert(x)
    return tf.math.imag(x) if x.dtype.is_complex else tf.zeros_like(x)


def angle(x):
    x = convert(x)
    if x.dtype.is_complex:
        return tf.math.angle(x)
    x = to_float(x)
    return tf.where(x < 0, tf.constant(_pymath.pi, x.dtype), tf.zeros_like(x))


def round(x, decimals=0):
    x = convert(x)
    if x.dtype.is_integer or x.dtype == tf.bool:
        if decimals >= 0:
            return x
        f = 10 ** (-decimals)
        y = tf.round(tf.cast(x, tf.float64) / f) * f
        return tf.cast(y, x.dtype)
    if decimals == 0:
        return tf.round(x)
    f = tf.constant(10.0 ** decimals, x.dtype)
    return tf.round(x * f) / f


def _pred_unary(name, float_fn, int_value):
    def op(x):
        x = convert(x)
        if x.dtype.is_floating:
            return float_fn(x)
        return tf.fill(tf.shape(x), int_value)
    return _named(op, name)


isnan = _pred_unary("isnan", tf.math.is_nan, False)
isinf = _pred_unary("isinf", tf.math.is_inf, False)
isfinite = _pred_unary("isfinite", tf.math.is_finite, True)
isposinf = _pred_unary("isposinf", lambda x: tf.equal(x, tf.constant(float("inf"), x.dtype)), False)
isneginf = _pred_unary("isneginf", lambda x: tf.equal(x, tf.constant(float("-inf"), x.dtype)), False)


def signbit(x):
    x = convert(x)
    if x.dtype.is_floating:
        return _float_signbit(x)
    if x.dtype == tf.bool or x.dtype.is_unsigned:
        return tf.zeros(tf.shape(x), tf.bool)
    return x < 0


def _float_signbit(x):
    # Negative zero and negative NaN have their sign bit set; compare the raw bits.
    bits = {2: tf.int16, 4: tf.int32, 8: tf.int64}[x.dtype.size]
    return tf.bitcast(x, bits) < 0


def logical_not(x):
    return tf.logical_not(convert(x, "bool"))


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert(x)
    if not x.dtype.is_floating:
        return x
    big = x.dtype.max
    x = tf.where(tf.math.is_nan(x), tf.constant(nan, x.dtype), x)
    x = tf.where(tf.equal(x, float("inf")), tf.constant(big if posinf is None else posinf, x.dtype), x)
    return tf.where(tf.equal(x, float("-inf")),
                    tf.constant(x.dtype.min if neginf is None else neginf, x.dtype), x)


def clip(x, x_min, x_max):
    x = convert(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int32)
    return tf.clip_by_value(x, tf.cast(x_min, x.dtype), tf.cast(x_max, x.dtype))


# ---- binary ------------------------------------------------------------------------


# The raw ops skip tf.add's dispatch layer (a few microseconds per eager call in TF 2.21);
# promote() has already given both operands one dtype.
_ADD = tf.raw_ops.AddV2
_SUB = tf.raw_ops.Sub
_MUL = tf.raw_ops.Mul


def add(x1, x2):
    a, b = raw_operand(x1), raw_operand(x2)
    if a is not None and b is not None:
        dt = a.dtype
        if dt is b.dtype and dt is not tf.bool:
            # Same-dtype tensors/variables (e.g. a layer's output plus its bias): no promotion.
            return _ADD(x=a, y=b)
    x1, x2, dt = promote(x1, x2)
    return tf.logical_or(x1, x2) if dt == tf.bool else _ADD(x=x1, y=x2)


def subtract(x1, x2):
    x1, x2, dt = promote(x1, x2)
    if dt == tf.bool:
        return tf.math.logical_xor(x1, x2)
    return _SUB(x=x1, y=x2)


def multiply(x1, x2):
    x1, x2, dt = promote(x1, x2)
    return tf.logical_and(x1, x2) if dt == tf.bool else _MUL(x=x1, y=x2)


def _to_floatx_pair(x1, x2):
    x1, x2, dt = promote(x1, x2)
    if not (dt.is_floating or dt.is_complex):
        f = TO_TF[config.floatx()]
        x1, x2 = tf.cast(x1, f), tf.cast(x2, f)
    return x1, x2


def true_divide(x1, x2):
    x1, x2 = _to_floatx_pair(x1, x2)
    return tf.math.truediv(x1, x2)


divide = _named(lambda x1, x2: true_divide(x1, x2), "divide")


def divide_no_nan(x1, x2):
    x1, x2 = _to_floatx_pair(x1, x2)
    return tf.math.divide_no_nan(x1, x2)


def _int_safe(fn, x1, x2):
    # TF raises on integer division by zero; NumPy (and the other backends) give 0.
    zero = tf.equal(x2, tf.zeros_like(x2))
    r = fn(x1, tf.where(zero, tf.ones_like(x2), x2))
    return tf.where(zero, tf.zeros_like(r), r)


def floor_divide(x1, x2):
    x1, x2, dt = promote(x1, x2)
    if dt == tf.bool:
        x1, x2, dt = tf.cast(x1, tf.int8), tf.cast(x2, tf.int8), tf.int8
    if dt.is_integer:
        return _int_safe(tf.math.floordiv, x1, x2)
    return tf.math.floordiv(x1, x2)


def mod(x1, x2):
    x1, x2, dt = promote(x1, x2)
    if dt == tf.bool:
        x1, x2, dt = tf.cast(x1, tf.int8), tf.cast(x2, tf.int8), tf.int8
    if dt.is_integer:
        return _int_safe(tf.math.floormod, x1, x2)
    return tf.math.floormod(x1, x2)


def power(x1, x2):
    x1, x2, dt = promote(x1, x2)
    if dt == tf.bool:
        return tf.logical_or(x1, tf.logical_not(x2))
    if dt.is_integer and (dt.size < 4 or dt.is_unsigned):
        comp = tf.int64 if dt.size >= 4 else tf.int32
        return tf.cast(tf.pow(tf.cast(x1, comp), tf.cast(x2, comp)), dt)
    return tf.pow(x1, x2)


def _minmax(name, tf_fn, bool_fn):
    def op(x1, x2):
        x1, x2, dt = promote(x1, x2)
        if dt == tf.bool:
            return bool_fn(x1, x2)
        if dt.is_integer and dt.size == 1 and not dt.is_unsigned:
            return tf.cast(tf_fn(tf.cast(x1, tf.int32), tf.cast(x2, tf.int32)), dt)
        return tf_fn(x1, x2)
    return _named(op, name)


maximum = _minmax("maximum", tf.maximum, tf.logical_or)
minimum = _minmax("minimum", tf.minimum, tf.logical_and)


def _float_binary(name, tf_fn):
    def op(x1, x2):
        x1, x2 = _to_floatx_pair(x1, x2)
        return tf_fn(x1, x2)
    return _named(op, name)


arctan2 = _float_binary("arctan2", tf.math.atan2)
hypot = _float_binary("hypot", lambda a, b: tf.sqrt(a * a + b * b))


def _logaddexp(a, b):
    m = tf.maximum(a, b)
    d = -tf.abs(a - b)
    return tf.where(tf.math.is_inf(m) & (a == b), m, m + tf.math.log1p(tf.exp(d)))


logaddexp = _float_binary("logaddexp", _logaddexp)
logaddexp2 = _float_binary("logaddexp2", lambda a, b: _logaddexp(
    a * _pymath.log(2.0), b * _pymath.log(2.0)) / _pymath.log(2.0))


def heaviside(x1, x2):
    x1, x2, dt = promote(x1, x2)
    if not dt.is_floating:
        f = TO_TF[config.floatx()]
        x1, x2 = tf.cast(x1, f), tf.cast(x2, f)
    return tf.where(x1 < 0, tf.zeros_like(x1), tf.where(x1 > 0, tf.ones_like(x1), x2))


def _compare(name, tf_fn):
    def op(x1, x2):
        x1, x2, dt = promote(x1, x2)
        if dt == tf.bool and tf_fn not in (tf.equal, tf.not_equal):
            x1, x2 = tf.cast(x1, tf.int8), tf.cast(x2, tf.int8)
        return tf_fn(x1, x2)
    return _named(op, name)


equal = _compare("equal", tf.equal)
not_equal = _compare("not_equal", tf.not_equal)
greater = _compare("greater", tf.greater)
greater_equal = _compare("greater_equal", tf.greater_equal)
less = _compare("less", tf.less)
less_equal = _compare("less_equal", tf.less_equal)


def _logical(name, tf_fn):
    def op(x1, x2):
        return tf_fn(convert(x1, "bool"), convert(x2, "bool"))
    return _named(op, name)


logical_and = _logical("logical_and", tf.logical_and)
logical_or = _logical("logical_or", tf.logical_or)
logical_xor = _logical("logical_xor", tf.math.logical_xor)


def _int_only(name, dt):
    raise ValueError(f"ops.{name}: expected integer or bool inputs, got dtype {dt.name}.")


def _bitwise(name, tf_fn, bool_fn):
    def op(x, y):
        x, y, dt = promote(x, y)
        if dt == tf.bool:
            return bool_fn(x, y)
        if not dt.is_integer:
            _int_only(name, dt)
        return tf_fn(x, y)
    return _named(op, name)


bitwise_and = _bitwise("bitwise_and", tf.bitwise.bitwise_and, tf.logical_and)
bitwise_or = _bitwise("bitwise_or", tf.bitwise.bitwise_or, tf.logical_or)
bitwise_xor = _bitwise("bitwise_xor", tf.bitwise.bitwise_xor, tf.math.logical_xor)


def _shift(name, tf_fn):
    def op(x, y):
        x, y, dt = promote(x, y)
        if dt == tf.bool:
            x, y = tf.cast(x, tf.int32), tf.cast(y, tf.int32)
        elif not dt.is_integer:
            _int_only(name, dt)
        return tf_fn(x, y)
    return _named(op, name)


bitwise_left_shift = _shift("bitwise_left_shift", tf.bitwise.left_shift)
left_shift = _shift("left_shift", tf.bitwise.left_shift)
bitwise_right_shift = _shift("bitwise_right_shift", tf.bitwise.right_shift)
right_shift = _shift("right_shift", tf.bitwise.right_shift)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2, dt = promote(x1, x2)
    if not dt.is_floating:
        return tf.equal(x1, x2)
    close = tf.abs(x1 - x2) <= (atol + rtol * tf.abs(x2))
    close = tf.logical_or(close, tf.equal(x1, x2))
    if equal_nan:
        close = tf.logical_or(close, tf.math.is_nan(x1) & tf.math.is_nan(x2))
    return close
