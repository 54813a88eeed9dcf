"""Shared helpers for the TensorFlow backend: dtype maps, conversion, promotion."""

import functools

import numpy as np
import tensorflow as tf

from kerasx import config, dtypes

_NAMES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bfloat16", "float16", "float32", "float64", "complex64", "complex128", "string")
TO_TF = {n: tf.as_dtype(n) for n in _NAMES}
FROM_TF = {v: k for k, v in TO_TF.items()}
_TF_LOOKUP = dict(TO_TF)
_TF_LOOKUP.update({v: v for v in TO_TF.values()})
FLOATS = frozenset(dtypes.FLOAT_TYPES)
INTS = frozenset(dtypes.INT_TYPES)
_PY = (bool, int, float)
_PROMO = {}
_VAR_CLASS = []  # filled by core: the kerasx Variable subclass


def tf_dtype(d):
    """Returns the tf.DType for any dtype spelling (None -> floatx)."""
    if d is None:
        return TO_TF[config.floatx()]
    try:
        r = _TF_LOOKUP.get(d)
    except TypeError:
        r = None
    if r is None:
        r = TO_TF[dtypes.standardize_dtype(d)]
        try:
            _TF_LOOKUP[d] = r
        except TypeError:
            pass
    return r


def dname(x):
    """Standard dtype string of a tensor."""
    return FROM_TF[x.dtype.base_dtype]


def _infer_np(arr):
    k = arr.dtype.kind
    if k == "f":
        return TO_TF[config.floatx()]
    if k in "iu":
        return tf.int32 if arr.dtype.itemsize <= 4 or _fits32(arr) else tf.int64
    if k == "b":
        return tf.bool
    return None


def _fits32(arr):
    return arr.size == 0 or (arr.min() >= -(2 ** 31) and arr.max() < 2 ** 31)


def _contains_tensor(x):
    if isinstance(x, (list, tuple)):
        return any(_contains_tensor(e) for e in x)
    return tf.is_tensor(x) or (_VAR_CLASS and isinstance(x, _VAR_CLASS[0]))


def _pack_list(x, dtype):
    items = [_pack_list(e, None) if isinstance(e, (list, tuple)) else convert(e) for e in x]
    if dtype is None:
        dtype = dtypes.result_type(*[dname(t) for t in items]) if items else config.floatx()
    dt = tf_dtype(dtype)
    return tf.stack([tf.cast(t, dt) for t in items]) if items else tf.zeros((0,), dt)


def convert(x, dtype=None):
    """convert_to_tensor with kerasx's inference rules (Python int -> int32, float -> floatx)."""
    if isinstance(x, tf.Tensor):
        if dtype is None:
            return x
        dt = tf_dtype(dtype)
        return x if x.dtype == dt else tf.cast(x, dt)
    if _VAR_CLASS and isinstance(x, _VAR_CLASS[0]):
        v = x.value
        # tf.Variable.value() is what convert_to_tensor calls for a variable (same
        # ReadVariableOp, same tape recording), without its dispatch layers (~5 us, TF 2.21).
        v = v.value() if isinstance(v, tf.Variable) else tf.convert_to_tensor(v)
        return v if dtype is None else convert(v, dtype)
    if isinstance(x, tf.Variable):
        return convert(tf.convert_to_tensor(x), dtype)
    if isinstance(x, (np.ndarray, np.generic)):
        if dtype is None:
            if x.dtype.kind in "US":
                return tf.convert_to_tensor(x.astype(object).astype(bytes))
            return tf.convert_to_tensor(x)
        dt = tf_dtype(dtype)
        if x.dtype.kind in "fiub" and dt != tf.bfloat16:
            return tf.convert_to_tensor(np.asarray(x).astype(dt.as_numpy_dtype))
        return tf.cast(tf.convert_to_tensor(x), dt)
    if isinstance(x, bool):
        return tf.constant(x, tf.bool if dtype is None else tf_dtype(dtype))
    if isinstance(x, int):
        if dtype is None:
            return tf.constant(x, tf.int32 if -(2 ** 31) <= x < 2 ** 31 else tf.int64)
        dt = tf_dtype(dtype)
        return tf.constant(x, dt) if dt != tf.bool else tf.constant(bool(x))
    if isinstance(x, float):
        dt = tf_dtype(dtype)
        if dt.is_integer or dt == tf.bool:
            return tf.cast(tf.constant(x, tf.float64), dt)
        return tf.constant(x, dt)
    if isinstance(x, (list, tuple)):
        if _contains_tensor(x):
            return _pack_list(x, dtype)
        arr = np.asarray(x)
        if arr.dtype.kind in "US":
            return tf.convert_to_tensor(x)
        dt = tf_dtype(dtype) if dtype is not None else _infer_np(arr)
        if dt is None:
            return tf.convert_to_tensor(x)
        if dt == tf.bfloat16:
            return tf.cast(tf.convert_to_tensor(arr.astype(np.float32)), dt)
        return tf.convert_to_tensor(arr.astype(dt.as_numpy_dtype))
    if isinstance(x, complex):
        return tf.constant(x, tf.complex64 if dtype is None else tf_dtype(dtype))
    t = tf.convert_to_tensor(x)
    return t if dtype is None else tf.cast(t, tf_dtype(dtype))


def raw_operand(x):
    """``x`` as a value a raw TF op takes directly, or None.

    A tf.Tensor is returned as is; a kerasx Variable gives its ``value`` (a tf.Variable
    outside a stateless scope: the raw op reads it in C++ and records the read on any
    GradientTape, like convert_to_tensor would). Anything else (Python scalars, NumPy
    arrays, lists) gives None: the caller then takes its general path.
    """
    if isinstance(x, tf.Tensor):
        return x
    if _VAR_CLASS and type(x) is _VAR_CLASS[0]:
        v = x.value
        if isinstance(v, (tf.Tensor, tf.Variable)):
            return v
    return None


def promote(x1, x2):
    """Converts two operands to their common dtype (Python scalars weak); returns (a, b, dtype)."""
    s1 = type(x1) in _PY
    s2 = type(x2) in _PY
    if s1 and s2:
        x1, x2, s1, s2 = convert(x1), convert(x2), False, False
    if not s1:
        x1 = convert(x1)
        d1 = x1.dtype
    else:
        d1 = type(x1)
    if not s2:
        x2 = convert(x2)
        d2 = x2.dtype
    else:
        d2 = type(x2)
    if not (s1 or s2) and (d1 is d2 or d1 == d2):
        return x1, x2, d1
    key = (d1, d2, config.floatx())
    out = _PROMO.get(key)
    if out is None:
        a = d1 if s1 else FROM_TF[d1]
        b = d2 if s2 else FROM_TF[d2]
        out = TO_TF[dtypes.result_type(a, b)]
        _PROMO[key] = out
    x1 = _scalar(x1, out) if s1 else (x1 if x1.dtype == out else tf.cast(x1, out))
    x2 = _scalar(x2, out) if s2 else (x2 if x2.dtype == out else tf.cast(x2, out))
    return x1, x2, out


def promote_many(xs):
    """Converts a list of operands to one common dtype."""
    args = []
    ts = []
    for x in xs:
        if type(x) in _PY:
            args.append(x)
            ts.append(x)
        else:
            t = convert(x)
            args.append(dname(t))
            ts.append(t)
    if all(type(a) in _PY for a in args) and ts:
        ts = [convert(a) for a in ts]
        args = [dname(t) for t in ts]
    dt = TO_TF[dtypes.result_type(*args)]
    return [tf.cast(t, dt) if tf.is_tensor(t) else _scalar(t, dt) for t in ts], dt


def _scalar(v, dt):
    # tf.constant refuses Python bools for most numeric dtypes.
    if type(v) is bool and dt != tf.bool:
        v = int(v)
    return tf.constant(v, dt)


def to_float(x):
    """Casts int/bool tensors to floatx (float-only math)."""
    x = convert(x)
    if x.dtype.is_floating or x.dtype.is_complex:
        return x
    return tf.cast(x, TO_TF[config.floatx()])


def axes(axis):
    """Normalises an axis argument for tf.reduce_* (None, int or list)."""
    if axis is None or isinstance(axis, int):
        return axis
    return list(axis)


def norm_axis(axis, ndim):
    return axis + ndim if axis < 0 else axis


def _clean_message(msg):
    # "{{function_node __wrapped__Sum_device_...}} Invalid reduction ... [Op:Sum] name: "
    if msg.startswith("{{") and "}}" in msg:
        msg = msg[msg.index("}}") + 2:]
    if " [Op:" in msg:
        msg = msg[:msg.index(" [Op:")]
    return msg.strip()


def _raise_as_value_error(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except tf.errors.OpError as e:
            raise ValueError(_clean_message(e.message)) from e
    return wrapper


def wrap_errors(namespace, group, skip=()):
    """Makes the contract functions of ``group`` raise ValueError for TF's runtime errors.

    TF reports bad arguments found while running a kernel (shape mismatch, axis out of
    range) as tf.errors.InvalidArgumentError, which is not a ValueError.
    """
    from kerasx.backends._contract import names
    for name in names(group):
        if name not in skip and name in namespace:
            namespace[name] = _raise_as_value_error(namespace[name])
