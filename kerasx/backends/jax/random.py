"""Seeded random ops for the JAX backend (stateless keys built from kerasx seed tensors)."""

import jax
import jax.numpy as jnp

from kerasx import config
from kerasx.backends.jax._common import convert_to_tensor, jdt


def _key(seed):
    # Imported here: kerasx.random imports the backend package, which imports this module.
    from kerasx.random.seed_generator import draw_seed

    data = convert_to_tensor(draw_seed(seed)).astype(jnp.uint32)
    return jax.random.wrap_key_data(data, impl="threefry2x32")


def _shape(shape):
    return (shape,) if isinstance(shape, int) else tuple(int(s) for s in shape)


def _fdt(dtype):
    return jdt(dtype or config.floatx())


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dt = _fdt(dtype)
    return jax.random.normal(_key(seed), _shape(shape), dt) * stddev + mean


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dt = _fdt(dtype)
    return jax.random.uniform(_key(seed), _shape(shape), dt, minval=minval, maxval=maxval)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dt = _fdt(dtype)
    return jax.random.truncated_normal(_key(seed), -2.0, 2.0, _shape(shape), dt) * stddev + mean


def randint(shape, minval, maxval, dtype="int32", seed=None):
    return jax.random.randint(_key(seed), _shape(shape), minval, maxval, jdt(dtype))


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = convert_to_tensor(logits)
    if logits.ndim != 2:
        raise ValueError(f"ops.categorical: logits must be 2D (batch, classes), got shape "
                         f"{tuple(logits.shape)}.")
    out = jax.random.categorical(_key(seed), logits[..., None, :], axis=-1,
                                 shape=(logits.shape[0], int(num_samples)))
    return out.astype(jdt(dtype))


def dropout(inputs, rate, noise_shape=None, seed=None):
    inputs = convert_to_tensor(inputs)
    if not isinstance(rate, jax.Array) and not 0 <= float(rate) < 1:
        raise ValueError(f"ops.dropout: rate must be in [0, 1), got {rate}.")
    if noise_shape is None:
        noise_shape = inputs.shape
    else:
        noise_shape = tuple(inputs.shape[i] if d is None else int(d)
                            for i, d in enumerate(noise_shape))
    keep = 1.0 - rate
    mask = jax.random.bernoulli(_key(seed), keep, noise_shape)
    mask = jnp.broadcast_to(mask, inputs.shape)
    return jnp.where(mask, inputs / jnp.asarray(keep, inputs.dtype), jnp.zeros_like(inputs))


def shuffle(x, axis=0, seed=None):
    return jax.random.permutation(_key(seed), convert_to_tensor(x), axis=axis, independent=False)


def gamma(shape, alpha, dtype=None, seed=None):
    dt = _fdt(dtype)
    return jax.random.gamma(_key(seed), convert_to_tensor(alpha, dt), _shape(shape), dt)


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dt = _fdt(dtype)
    counts = convert_to_tensor(counts, dt)
    probabilities = convert_to_tensor(probabilities, dt)
    return jax.random.binomial(_key(seed), counts, probabilities, _shape(shape), dt)


def beta(shape, alpha, beta, dtype=None, seed=None):
    dt = _fdt(dtype)
    return jax.random.beta(_key(seed), convert_to_tensor(alpha, dt), convert_to_tensor(beta, dt),
                           _shape(shape), dt)
