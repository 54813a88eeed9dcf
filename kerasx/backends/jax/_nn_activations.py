"""Activation functions for the JAX backend.

Eager calls on concrete float arrays go through one cached ``jax.jit`` of the same
``jax.nn`` function: jitted calls dispatch from C++ in a few microseconds, while an
un-jitted ``jax.nn.relu`` (a ``custom_jvp``) costs ~100 us of Python per call on
jax 0.10. Traced values (inside jit/grad) and int/bool inputs take the plain path.
"""

import jax
import jax.numpy as jnp

from kerasx.backends.jax._common import ARRAY_T, JFLOATS, to_float

_relu = jax.jit(jax.nn.relu)
_relu6 = jax.jit(jax.nn.relu6)
_sigmoid = jax.jit(jax.nn.sigmoid)
_softplus = jax.jit(jax.nn.softplus)
_silu = jax.jit(jax.nn.silu)
_log_sigmoid = jax.jit(jax.nn.log_sigmoid)
_leaky_relu = jax.jit(jax.nn.leaky_relu)
_elu = jax.jit(jax.nn.elu)
_selu = jax.jit(jax.nn.selu)
_gelu = jax.jit(jax.nn.gelu, static_argnames="approximate")
_softmax = jax.jit(jax.nn.softmax, static_argnames="axis")
_log_softmax = jax.jit(jax.nn.log_softmax, static_argnames="axis")


def _eager_float(x):
    """True when ``x`` is a concrete float array (the cached-jit fast path applies)."""
    return type(x) is ARRAY_T and x.dtype in JFLOATS


def _static_axis(axis):
    return isinstance(axis, int) or (isinstance(axis, tuple) and all(
        isinstance(a, int) for a in axis))


def relu(x):
    if _eager_float(x):
        return _relu(x)
    return jax.nn.relu(to_float(x))


def relu6(x):
    if _eager_float(x):
        return _relu6(x)
    return jax.nn.relu6(to_float(x))


def sigmoid(x):
    if _eager_float(x):
        return _sigmoid(x)
    return jax.nn.sigmoid(to_float(x))


def sparse_sigmoid(x):
    x = to_float(x)
    return jnp.where(x <= -1, 0.0, jnp.where(x >= 1, 1.0, 0.5 * (x + 1))).astype(x.dtype)


def softplus(x):
    if _eager_float(x):
        return _softplus(x)
    return jax.nn.softplus(to_float(x))


def softsign(x):
    x = to_float(x)
    return x / (1 + jnp.abs(x))


def silu(x):
    if _eager_float(x):
        return _silu(x)
    return jax.nn.silu(to_float(x))


def log_sigmoid(x):
    if _eager_float(x):
        return _log_sigmoid(x)
    return jax.nn.log_sigmoid(to_float(x))


def leaky_relu(x, negative_slope=0.2):
    if _eager_float(x) and type(negative_slope) in (int, float):
        return _leaky_relu(x, negative_slope)
    return jax.nn.leaky_relu(to_float(x), negative_slope=negative_slope)


def hard_sigmoid(x):
    x = to_float(x)
    return jax.nn.relu6(x + 3.0) / 6.0


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


def elu(x, alpha=1.0):
    if _eager_float(x) and type(alpha) in (int, float):
        return _elu(x, alpha)
    return jax.nn.elu(to_float(x), alpha=alpha)


def selu(x):
    if _eager_float(x):
        return _selu(x)
    return jax.nn.selu(to_float(x))


def gelu(x, approximate=True):
    if _eager_float(x) and isinstance(approximate, bool):
        return _gelu(x, approximate=approximate)
    return jax.nn.gelu(to_float(x), approximate=approximate)


def celu(x, alpha=1.0):
    return jax.nn.celu(to_float(x), alpha=alpha)


def glu(x, axis=-1):
    x = to_float(x)
    if x.shape[axis] % 2:
        raise ValueError(
            f"ops.glu: the size of axis {axis} must be even, got shape {tuple(x.shape)}.")
    a, b = jnp.split(x, 2, axis=axis)
    return a * jax.nn.sigmoid(b)


def hard_tanh(x):
    return jnp.clip(to_float(x), -1.0, 1.0)


def hard_shrink(x, threshold=0.5):
    x = to_float(x)
    return jnp.where(jnp.abs(x) > threshold, x, jnp.zeros_like(x))


def soft_shrink(x, threshold=0.5):
    x = to_float(x)
    return jnp.where(x > threshold, x - threshold,
                     jnp.where(x < -threshold, x + threshold, jnp.zeros_like(x)))


def tanh_shrink(x):
    x = to_float(x)
    return x - jnp.tanh(x)


def squareplus(x, b=4):
    x = to_float(x)
    return (x + jnp.sqrt(jnp.square(x) + b)) / 2


def sparse_plus(x):
    x = to_float(x)
    return jnp.where(x <= -1, jnp.zeros_like(x),
                     jnp.where(x >= 1, x, 0.25 * jnp.square(x + 1)))


def threshold(x, threshold, default_value):
    x = to_float(x)
    return jnp.where(x > threshold, x, jnp.asarray(default_value, x.dtype))


def sparsemax(x, axis=-1):
    x = to_float(x)
    z = jnp.moveaxis(x, axis, -1)
    zs = jnp.flip(jnp.sort(z, axis=-1), axis=-1)
    k = jnp.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cs = jnp.cumsum(zs, axis=-1)
    support = (1 + k * zs) > cs
    kz = jnp.sum(support, axis=-1, keepdims=True)
    tau = (jnp.take_along_axis(cs, kz.astype(jnp.int32) - 1, axis=-1) - 1) / kz.astype(z.dtype)
    out = jnp.maximum(z - tau, 0)
    return jnp.moveaxis(out, -1, axis)


def softmax(x, axis=-1):
    if _eager_float(x) and _static_axis(axis):
        return _softmax(x, axis=axis)
    return jax.nn.softmax(to_float(x), axis=axis)


def log_softmax(x, axis=-1):
    if _eager_float(x) and _static_axis(axis):
        return _log_softmax(x, axis=axis)
    return jax.nn.log_softmax(to_float(x), axis=axis)
