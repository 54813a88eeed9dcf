"""Tensor conversion and dtype helpers shared by the JAX backend modules."""

import jax
import jax.numpy as jnp
import numpy as np

from kerasx import config
from kerasx import dtypes
from kerasx.core.variable import Variable as _BaseVariable

_PY_SCALARS = (bool, int, float)
_DT_CACHE = {}


def std_dtype(dtype):
    """Standardized dtype string for any dtype object, cached."""
    try:
        return _DT_CACHE[dtype]
    except (KeyError, TypeError):
        pass
    name = dtypes.standardize_dtype(dtype)
    if dtype is not None and dtype is not float:  # these follow floatx(), which may change
        try:
            _DT_CACHE[dtype] = name
        except TypeError:
            pass
    return name


_JDT_CACHE = {}


def jdt(dtype):
    """The jnp dtype object for a kerasx dtype name (or None -> floatx)."""
    try:
        return _JDT_CACHE[dtype]
    except (KeyError, TypeError):
        pass
    name = std_dtype(dtype)
    if name == "string":
        raise ValueError("ops.convert_to_tensor: the JAX backend has no string tensors; "
                         "got dtype='string'.")
    out = jnp.dtype(name)
    if dtype is not None and dtype is not float:
        try:
            _JDT_CACHE[dtype] = out
        except TypeError:
            pass
    return out


def _infer_list(x):
    arr = np.asarray(x)
    if arr.dtype == np.float64:
        return arr.astype(config.floatx())
    if arr.dtype == np.int64:
        return arr.astype(np.int32)
    return arr


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """Converts ``x`` (array, Variable, NumPy, scalar, list) to a jax.Array."""
    if isinstance(x, jax.Array):
        if dtype is not None:
            d = jdt(dtype)
            if x.dtype != d:
                return x.astype(d)
        return x
    if isinstance(x, _BaseVariable):
        return convert_to_tensor(x.value, dtype)
    if dtype is not None:
        dtype = jdt(dtype)
    if isinstance(x, bool):
        return jnp.asarray(x, dtype=dtype or jnp.bool_)
    if isinstance(x, int):
        if dtype is None and not -2 ** 31 <= x < 2 ** 31:
            return jnp.asarray(x, dtype=jnp.int64)  # too big for int32
        return jnp.asarray(x, dtype=dtype or jnp.int32)
    if isinstance(x, float):
        return jnp.asarray(x, dtype=dtype or jdt(config.floatx()))
    if isinstance(x, (np.ndarray, np.generic)):
        if x.dtype.kind in "US" or x.dtype == object:
            raise ValueError(
                f"ops.convert_to_tensor: the JAX backend has no string/object tensors; "
                f"got a NumPy array of dtype {x.dtype}."
            )
        return jnp.asarray(x, dtype=dtype or x.dtype)
    if isinstance(x, (list, tuple)):
        try:
            arr = _infer_list(x)
        except Exception:
            # Lists holding traced values: convert each element and stack.
            parts = [convert_to_tensor(e) for e in x]
            dt = dtypes.result_type(*[std_dtype(p.dtype) for p in parts]) if parts else config.floatx()
            out = jnp.stack([p.astype(dt) for p in parts]) if parts else jnp.zeros((0,), dt)
            return out.astype(dtype) if dtype is not None else out
        if arr.dtype.kind in "USO":
            raise ValueError(
                f"ops.convert_to_tensor: the JAX backend has no string/object tensors; got {x!r}."
            )
        return jnp.asarray(arr, dtype=dtype or arr.dtype)
    if hasattr(x, "__jax_array__"):
        return convert_to_tensor(x.__jax_array__(), dtype)
    if hasattr(x, "__array__") or hasattr(x, "numpy"):
        arr = np.asarray(x)
        return jnp.asarray(arr, dtype=dtype or arr.dtype)
    return jnp.asarray(x, dtype=dtype)


def dtype_or_scalar(x):
    """The argument to pass to ``result_type``: a Python scalar itself, else a dtype name."""
    if isinstance(x, _PY_SCALARS):
        return x
    dt = getattr(x, "dtype", None)
    if dt is not None:
        return std_dtype(dt)
    return std_dtype(convert_to_tensor(x).dtype)


_RT_CACHE = {}


def _result2(k1, k2):
    """result_type of two keys (dtype names or the Python scalar types), cached per floatx."""
    key = (k1, k2, config.floatx())
    try:
        return _RT_CACHE[key]
    except KeyError:
        out = dtypes.result_type(k1, k2)
        _RT_CACHE[key] = out
        return out


def _key_of(x):
    if isinstance(x, _PY_SCALARS):
        return type(x)
    dt = getattr(x, "dtype", None)
    if dt is not None:
        return std_dtype(dt)
    return std_dtype(convert_to_tensor(x).dtype)


_ARRAY_T = type(jnp.zeros((), jnp.float32))  # the concrete array class: a cheaper check than the ABC
ARRAY_T = _ARRAY_T
# jnp dtype objects of the floating dtypes (a set lookup instead of a name round trip).
JFLOATS = frozenset(jnp.dtype(d) for d in ("float16", "bfloat16", "float32", "float64"))


def binary(x1, x2):
    """Converts two operands to tensors of their promoted dtype; returns (x1, x2, dtype).

    A Python scalar next to a tensor that already has the result dtype is passed through:
    JAX treats it as weakly typed and keeps that dtype, which avoids a device transfer.
    """
    if type(x1) is _ARRAY_T:
        if type(x2) is _ARRAY_T:
            d = x1.dtype
            if d == x2.dtype:
                return x1, x2, std_dtype(d)  # the common case: nothing to promote
        elif isinstance(x2, _BaseVariable):  # a layer weight: its value, then the same checks
            return binary(x1, x2.value)
    elif isinstance(x1, _BaseVariable):
        return binary(x1.value, x2)
    k1, k2 = _key_of(x1), _key_of(x2)
    dt = _result2(k1, k2)
    return _cast_pair(x1, x2, k1, k2, dt)


def _cast_pair(x1, x2, k1, k2, dt):
    if k1 is float or k1 is int:
        if k2 == dt:
            return x1, convert_to_tensor(x2), dt
    elif k2 is float or k2 is int:
        if k1 == dt:
            return convert_to_tensor(x1), x2, dt
    return convert_to_tensor(x1, dt), convert_to_tensor(x2, dt), dt


def promote(*xs):
    """Converts many operands to their common dtype; returns (list, dtype)."""
    dt = dtypes.result_type(*[dtype_or_scalar(x) for x in xs]) if xs else config.floatx()
    return [convert_to_tensor(x, dt) for x in xs], dt


_FLOATS = frozenset(dtypes.FLOAT_TYPES + dtypes.COMPLEX_TYPES)


def to_float(x):
    """Converts ``x`` to a tensor; int/bool tensors become floatx()."""
    x = convert_to_tensor(x)
    if std_dtype(x.dtype) not in _FLOATS:
        return x.astype(config.floatx())
    return x


def float_binary(x1, x2):
    """Like ``binary`` but int/bool results are computed in floatx()."""
    k1, k2 = _key_of(x1), _key_of(x2)
    dt = _result2(k1, k2)
    if dt not in _FLOATS:
        dt = config.floatx()
    return _cast_pair(x1, x2, k1, k2, dt)


def standardize_axis(axis, ndim=None):
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return tuple(int(a) for a in axis)
    return int(axis)


def sum_dtype(dt):
    """Accumulation dtype of sum/prod/cumsum/cumprod for a given input dtype."""
    if dt in ("bool", "int8", "int16"):
        return "int32"
    if dt in ("uint8", "uint16"):
        return "uint32"
    return dt
