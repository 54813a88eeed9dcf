"""Linear algebra for the JAX backend (jax.numpy.linalg / jax.scipy.linalg)."""

import jax
import jax.numpy as jnp
import jax.scipy.linalg as jsl

from kerasx.backends.jax._common import promote, to_float


def cholesky(x, upper=False):
    x = to_float(x)
    out = jnp.linalg.cholesky(x, upper=upper)
    return out


def det(a):
    return jnp.linalg.det(to_float(a))


def eig(a):
    return jnp.linalg.eig(to_float(a))


def eigh(a):
    return jnp.linalg.eigh(to_float(a))


def inv(a):
    return jnp.linalg.inv(to_float(a))


def lu_factor(a):
    a = to_float(a)
    lu, piv, _ = jax.lax.linalg.lu(a)
    return lu, piv.astype(jnp.int32)


def norm(x, ord=None, axis=None, keepdims=False):
    x = to_float(x)
    if isinstance(axis, list):
        axis = tuple(axis)
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"ops.qr: mode must be 'reduced' or 'complete', got {mode!r}.")
    return jnp.linalg.qr(to_float(x), mode=mode)


def _float_pair(a, b):
    (a, b), dt = promote(a, b)
    if not jnp.issubdtype(a.dtype, jnp.inexact):
        a, b = to_float(a), to_float(b)
    return a, b


def solve(a, b):
    a, b = _float_pair(a, b)
    return jnp.linalg.solve(a, b)


def solve_triangular(a, b, lower=False):
    a, b = _float_pair(a, b)
    return jsl.solve_triangular(a, b, lower=lower)


def svd(x, full_matrices=True, compute_uv=True):
    x = to_float(x)
    if not compute_uv:
        return jnp.linalg.svd(x, full_matrices=full_matrices, compute_uv=False)
    u, s, vh = jnp.linalg.svd(x, full_matrices=full_matrices)
    return u, s, vh


def lstsq(a, b, rcond=None):
    a, b = _float_pair(a, b)
    return jnp.linalg.lstsq(a, b, rcond=rcond)[0]
