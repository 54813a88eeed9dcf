"""Extra math ops for the JAX backend: segments, top-k, FFTs, special functions."""

import jax
import jax.numpy as jnp
import jax.scipy as jsp

from kerasx.backends.jax._common import convert_to_tensor, to_float


def _segment(op, data, segment_ids, num_segments, sorted):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids).astype(jnp.int32)
    if num_segments is None:
        num_segments = int(jnp.max(ids)) + 1 if ids.size else 0
    return op(data, ids, num_segments=int(num_segments), indices_are_sorted=bool(sorted))


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment(jax.ops.segment_sum, data, segment_ids, num_segments, sorted)


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    return _segment(jax.ops.segment_max, data, segment_ids, num_segments, sorted)


def top_k(x, k, sorted=True):
    x = convert_to_tensor(x)
    values, indices = jax.lax.top_k(x, int(k))
    return values, indices.astype(jnp.int32)


def in_top_k(targets, predictions, k):
    targets = convert_to_tensor(targets).astype(jnp.int32)
    predictions = to_float(predictions)
    target_vals = jnp.take_along_axis(predictions, targets[:, None], axis=-1)
    # Ties count as in the top k (as in Keras): count strictly larger predictions.
    larger = jnp.sum(predictions > target_vals, axis=-1)
    return jnp.logical_and(larger < k, jnp.isfinite(target_vals[:, 0]))


def logsumexp(x, axis=None, keepdims=False):
    x = to_float(x)
    if isinstance(axis, list):
        axis = tuple(axis)
    return jsp.special.logsumexp(x, axis=axis, keepdims=keepdims)


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    n = x.shape[-1]
    num = 1 + (n - sequence_length) // sequence_stride
    if num <= 0:
        return jnp.zeros(x.shape[:-1] + (0, sequence_length), x.dtype)
    idx = (jnp.arange(num)[:, None] * sequence_stride + jnp.arange(sequence_length)[None, :])
    return x[..., idx]


def _complex_in(x, op):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"ops.{op}: x must be a (real, imag) tuple of tensors, got {type(x)}.")
    real = to_float(x[0])
    imag = convert_to_tensor(x[1], real.dtype)
    if real.shape != imag.shape:
        raise ValueError(f"ops.{op}: real and imag parts must have the same shape, got "
                         f"{tuple(real.shape)} and {tuple(imag.shape)}.")
    return jax.lax.complex(real, imag), real.dtype


def fft(x):
    c, dt = _complex_in(x, "fft")
    out = jnp.fft.fft(c)
    return jnp.real(out).astype(dt), jnp.imag(out).astype(dt)


def fft2(x):
    c, dt = _complex_in(x, "fft2")
    out = jnp.fft.fft2(c)
    return jnp.real(out).astype(dt), jnp.imag(out).astype(dt)


def ifft2(x):
    c, dt = _complex_in(x, "ifft2")
    out = jnp.fft.ifft2(c)
    return jnp.real(out).astype(dt), jnp.imag(out).astype(dt)


def rfft(x, fft_length=None):
    x = to_float(x)
    out = jnp.fft.rfft(x, n=fft_length, axis=-1)
    return jnp.real(out).astype(x.dtype), jnp.imag(out).astype(x.dtype)


def irfft(x, fft_length=None):
    c, dt = _complex_in(x, "irfft")
    return jnp.fft.irfft(c, n=fft_length, axis=-1).astype(dt)


def rsqrt(x):
    return jax.lax.rsqrt(to_float(x))


def erf(x):
    return jax.lax.erf(to_float(x))


def erfinv(x):
    return jax.lax.erf_inv(to_float(x))


def logdet(x):
    return jnp.linalg.slogdet(to_float(x))[1]
