"""Array creation and products (dot, matmul, einsum, ...) with NumPy names."""

import jax
import jax.numpy as jnp

from kerasx import config
from kerasx import dtypes
from kerasx.backends.jax._common import (
    binary, convert_to_tensor, dtype_or_scalar, jdt, promote, std_dtype, to_float,
)
from kerasx.core.variable import Variable as _BaseVariable


def _shape(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(s) for s in shape)


def _fdt(dtype):
    return jdt(dtype if dtype is not None else config.floatx())


def zeros(shape, dtype=None):
    return jnp.zeros(_shape(shape), _fdt(dtype))


def ones(shape, dtype=None):
    return jnp.ones(_shape(shape), _fdt(dtype))


def empty(shape, dtype=None):
    return jnp.zeros(_shape(shape), _fdt(dtype))


def full(shape, fill_value, dtype=None):
    return jnp.full(_shape(shape), convert_to_tensor(fill_value, _fdt(dtype)))


def _like_dt(x, dtype):
    return jdt(dtype) if dtype is not None else x.dtype


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return jnp.zeros(x.shape, _like_dt(x, dtype))


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return jnp.ones(x.shape, _like_dt(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    dt = _like_dt(x, dtype)
    return jnp.full(x.shape, convert_to_tensor(fill_value, dt))


def array(x, dtype=None):
    return convert_to_tensor(x, dtype)


def eye(N, M=None, k=0, dtype=None):
    return jnp.eye(N, M, k=k, dtype=_fdt(dtype))


def identity(n, dtype=None):
    return jnp.identity(n, dtype=_fdt(dtype))


def tri(N, M=None, k=0, dtype=None):
    return jnp.tri(N, M, k=k, dtype=_fdt(dtype))


def arange(start, stop=None, step=1, dtype=None):
    if dtype is None:
        vals = [v for v in (start, stop, step) if v is not None]
        dtype = dtypes.result_type(*[dtype_or_scalar(v) for v in vals])
        if dtype == "bool":
            dtype = "int32"
    dt = jdt(dtype)
    return jnp.arange(start, stop, step, dtype=dt)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    dt = _fdt(dtype)
    out = jnp.linspace(convert_to_tensor(start, "float64"), convert_to_tensor(stop, "float64"),
                       num, endpoint=endpoint, retstep=retstep, axis=axis)
    if retstep:
        return out[0].astype(dt), out[1].astype(dt)
    return out.astype(dt)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    dt = _fdt(dtype)
    return jnp.logspace(convert_to_tensor(start, "float64"), convert_to_tensor(stop, "float64"),
                        num, endpoint=endpoint, base=base, axis=axis).astype(dt)


def _mm_dt(x1, x2):
    a, b, dt = binary(x1, x2)
    if dt == "bool":
        a, b = a.astype(jnp.int32), b.astype(jnp.int32)
    return a, b, dt


# A cached jit dispatches from C++; jnp.matmul first runs its Python argument checks.
_matmul_jit = jax.jit(jnp.matmul)
_FAST_MM = frozenset(jnp.dtype(d) for d in ("float32", "float16", "bfloat16", "float64"))


_ARRAY_T = type(jnp.zeros((), jnp.float32))  # the concrete array class: a cheaper check than the ABC


def matmul(x1, x2):
    if isinstance(x2, _BaseVariable):  # Dense's kernel: read it once, then the same checks
        x2 = x2.value
    if type(x1) is _ARRAY_T and type(x2) is _ARRAY_T:
        d = x1.dtype
        if d == x2.dtype and d in _FAST_MM:
            return _matmul_jit(x1, x2)  # same float dtype: nothing to promote or cast
    a, b, dt = _mm_dt(x1, x2)
    out = jnp.matmul(a, b)
    # astype is a real op even for the same dtype on jax 0.10: skip it on the common path
    return out if out.dtype == a.dtype and dt != "bool" else out.astype(dt)


def dot(x1, x2):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.dot(a, b).astype(dt)


def vdot(x1, x2):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.vdot(a, b).astype(dt)


def inner(x1, x2):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.inner(a, b).astype(dt)


def outer(x1, x2):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.outer(a, b).astype(dt)


def tensordot(x1, x2, axes=2):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.tensordot(a, b, axes=axes).astype(dt)


def kron(x1, x2):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.kron(a, b).astype(dt)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    a, b, dt = _mm_dt(x1, x2)
    return jnp.cross(a, b, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis).astype(dt)


def einsum(subscripts, *operands, **kwargs):
    ops, dt = promote(*operands)
    if dt == "bool":
        ops = [o.astype(jnp.int32) for o in ops]
    return jnp.einsum(subscripts, *ops, **kwargs).astype(dt)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    dt = std_dtype(x.dtype)
    if dt == "bool" or dt in ("int8", "int16"):
        dt = "int32"
    elif dt in ("uint8", "uint16"):
        dt = "uint32"
    return jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2, dtype=dt)


def vander(x, N=None, increasing=False):
    x = convert_to_tensor(x)
    return jnp.vander(x, N=N, increasing=increasing)


def slogdet(x):
    x = to_float(x)
    sign, logabs = jnp.linalg.slogdet(x)
    return sign, logabs
