"""Encodings, losses, normalization and attention for the JAX backend."""

import math as _math

import jax
import jax.numpy as jnp

from kerasx import config
from kerasx import dtypes
from kerasx.backends.jax._common import convert_to_tensor, jdt, std_dtype, to_float


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("ops.one_hot: sparse=True is not supported on the JAX backend; "
                         "use sparse=False.")
    x = convert_to_tensor(x)
    return jax.nn.one_hot(x.astype(jnp.int32), int(num_classes), axis=axis,
                          dtype=jdt(dtype or config.floatx()))


def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False):
    if num_classes is None:
        raise ValueError("ops.multi_hot: num_classes is required, got None.")
    if sparse:
        raise ValueError("ops.multi_hot: sparse=True is not supported on the JAX backend; "
                         "use sparse=False.")
    x = convert_to_tensor(inputs)
    reduce_axis = 1 if x.ndim > 1 else 0
    return jnp.max(one_hot(x, num_classes, axis=axis, dtype=dtype), axis=reduce_axis)


def _pair(target, output):
    output = to_float(output)
    target = convert_to_tensor(target, output.dtype)
    return target, output


def binary_crossentropy(target, output, from_logits=False):
    target, output = _pair(target, output)
    if target.shape != output.shape:
        raise ValueError(
            f"ops.binary_crossentropy: target and output must have the same shape, got "
            f"{tuple(target.shape)} and {tuple(output.shape)}.")
    if from_logits:
        return (jnp.maximum(output, 0) - output * target
                + jnp.log1p(jnp.exp(-jnp.abs(output))))
    eps = config.epsilon()
    output = jnp.clip(output, eps, 1.0 - eps)
    return -(target * jnp.log(output) + (1.0 - target) * jnp.log(1.0 - output))


def _log_probs(output, from_logits, axis):
    if from_logits:
        return jax.nn.log_softmax(output, axis=axis)
    output = output / jnp.sum(output, axis=axis, keepdims=True)
    eps = config.epsilon()
    return jnp.log(jnp.clip(output, eps, 1.0 - eps))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _pair(target, output)
    if target.shape != output.shape:
        raise ValueError(
            f"ops.categorical_crossentropy: target and output must have the same shape, got "
            f"{tuple(target.shape)} and {tuple(output.shape)}.")
    return -jnp.sum(target * _log_probs(output, from_logits, axis), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = to_float(output)
    target = convert_to_tensor(target)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, -1)
    if target.ndim != output.ndim - 1:
        raise ValueError(
            f"ops.sparse_categorical_crossentropy: target must have the rank of output minus "
            f"one, got target shape {tuple(target.shape)} and output shape "
            f"{tuple(output.shape)}.")
    oh = jax.nn.one_hot(target.astype(jnp.int32), output.shape[axis], axis=axis,
                        dtype=output.dtype)
    return -jnp.sum(oh * _log_probs(output, from_logits, axis), axis=axis)


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    dt = x.dtype
    if dt in (jnp.float16, jnp.bfloat16):
        x = x.astype(jnp.float32)
    axes = tuple(axes) if isinstance(axes, (list, tuple)) else (axes,)
    mean = jnp.mean(x, axis=axes, keepdims=True)
    variance = jnp.mean(jnp.square(x - jax.lax.stop_gradient(mean)), axis=axes, keepdims=True)
    if not keepdims:
        mean = jnp.squeeze(mean, axes)
        variance = jnp.squeeze(variance, axes)
    return mean.astype(dt), variance.astype(dt)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=0.001):
    x = to_float(x)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]

    def b(v):
        return convert_to_tensor(v, x.dtype).reshape(shape)

    inv = jax.lax.rsqrt(b(variance) + epsilon)
    if scale is not None:
        inv = inv * b(scale)
    out = (x - b(mean)) * inv
    if offset is not None:
        out = out + b(offset)
    return out


def normalize(x, axis=-1, order=2, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    norm = jnp.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    return x / jnp.maximum(norm, eps)


def psnr(x1, x2, max_val):
    x1 = to_float(x1)
    x2 = convert_to_tensor(x2, x1.dtype)
    if x1.shape != x2.shape:
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape, got "
                         f"{tuple(x1.shape)} and {tuple(x2.shape)}.")
    mse = jnp.mean(jnp.square(x1 - x2))
    return 20.0 * jnp.log10(jnp.asarray(max_val, x1.dtype)) - 10.0 * jnp.log10(mse)


def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    ms = jnp.mean(jnp.square(x), axis=axis, keepdims=True)
    return x * jax.lax.rsqrt(ms + eps) * convert_to_tensor(scale, x.dtype)


def _layer_norm(x, gamma, beta, axes, eps):
    dt = x.dtype
    bshape = [x.shape[i] if i in axes else 1 for i in range(x.ndim)]

    def b(v):
        return v.reshape(bshape) if v.size == _math.prod(bshape) else v

    xf = x.astype(jnp.float32) if dt in (jnp.float16, jnp.bfloat16) else x
    mean = jnp.mean(xf, axis=axes, keepdims=True)
    var = jnp.mean(jnp.square(xf - mean), axis=axes, keepdims=True)
    out = ((xf - mean) * jax.lax.rsqrt(var + eps)).astype(dt)
    if gamma is not None:
        out = out * b(gamma)
    if beta is not None:
        out = out + b(beta)
    return out


# One compiled dispatch per eager call instead of ~10 jnp ops; inlined inside a jit.
_layer_norm_jit = jax.jit(_layer_norm, static_argnames=("axes", "eps"))


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    axes = tuple(a % x.ndim for a in (axis if isinstance(axis, (list, tuple)) else (axis,)))
    gamma = None if gamma is None else convert_to_tensor(gamma, x.dtype)
    beta = None if beta is None else convert_to_tensor(beta, x.dtype)
    fn = _layer_norm if isinstance(x, jax.core.Tracer) else _layer_norm_jit
    try:
        hash(eps)
    except TypeError:  # a traced epsilon cannot be a static argument
        fn = _layer_norm
    return fn(x, gamma, beta, axes=axes, eps=eps)


def _attention(q, k, v, bias, mask, scale, is_causal, cap):
    """softmax(q k^T * scale [soft-capped] + bias, masked) v over (B, T, N, H) arrays."""
    n, kh = q.shape[2], k.shape[2]
    if n != kh:
        k = jnp.repeat(k, n // kh, axis=2)
        v = jnp.repeat(v, n // kh, axis=2)
    logits = jnp.einsum("btnh,bsnh->bnts", q, k).astype(jnp.float32) * scale
    if cap is not None:
        logits = cap * jnp.tanh(logits / cap)
    if bias is not None:
        logits = logits + bias
    big_neg = jnp.asarray(-0.7 * jnp.finfo(jnp.float32).max, jnp.float32)
    if mask is not None:
        logits = jnp.where(mask, logits, big_neg)
    if is_causal:
        t, s = logits.shape[-2], logits.shape[-1]
        logits = jnp.where(jnp.tril(jnp.ones((t, s), bool)), logits, big_neg)
    probs = jax.nn.softmax(logits, axis=-1).astype(q.dtype)
    return jnp.einsum("bnts,bsnh->btnh", probs, v)


# One compiled dispatch per eager call instead of one per jnp op; inlined inside a jit.
_attention_jit = jax.jit(_attention, static_argnames=("scale", "is_causal", "cap"))


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    if flash_attention:
        raise ValueError("ops.dot_product_attention: flash_attention=True is not supported on "
                         "the JAX backend of kerasx; use flash_attention=None or False.")
    q, k, v = to_float(query), to_float(key), to_float(value)
    dt = dtypes.result_type(std_dtype(q.dtype), std_dtype(k.dtype), std_dtype(v.dtype))
    q, k, v = q.astype(dt), k.astype(dt), v.astype(dt)
    unbatched = q.ndim == 3
    if unbatched:
        q, k, v = q[None], k[None], v[None]
    if q.ndim != 4 or k.ndim != 4 or v.ndim != 4:
        raise ValueError(
            "ops.dot_product_attention: query/key/value must be 4D (batch, seq, heads, "
            f"head_dim), got shapes {tuple(query.shape)}, {tuple(key.shape)}, "
            f"{tuple(value.shape)}.")
    n, kh = q.shape[2], k.shape[2]
    if n != kh and n % kh:
        raise ValueError(
            f"ops.dot_product_attention: query heads ({n}) must be a multiple of key "
            f"heads ({kh}).")
    scale = 1.0 / (q.shape[-1] ** 0.5) if scale is None else scale
    if bias is not None:
        bias = convert_to_tensor(bias, "float32")
        bias = bias[None] if unbatched and bias.ndim == 3 else bias
    if mask is not None:
        mask = convert_to_tensor(mask).astype(bool)
        mask = mask[None] if unbatched and mask.ndim == 3 else mask
    cap = attn_logits_soft_cap
    # Eager calls: one compiled dispatch; traced calls inline the plain function.
    fn = _attention if isinstance(q, jax.core.Tracer) else _attention_jit
    try:
        hash((scale, cap))
    except TypeError:  # a traced scale/cap cannot be a static argument
        fn = _attention
    out = fn(q, k, v, bias, mask, scale=scale, is_causal=bool(is_causal), cap=cap)
    return out[0] if unbatched else out


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    logp = jax.nn.log_softmax(to_float(output), axis=-1)
    target = convert_to_tensor(target).astype(jnp.int32)
    tl = convert_to_tensor(target_length).astype(jnp.int32)
    ol = convert_to_tensor(output_length).astype(jnp.int32)
    bsz, steps, _ = logp.shape
    s = target.shape[1]
    ext = jnp.full((bsz, 2 * s + 1), mask_index, jnp.int32).at[:, 1::2].set(target)
    neg = jnp.asarray(-1e30, logp.dtype)
    prev2 = jnp.concatenate([jnp.full((bsz, 2), -1, jnp.int32), ext[:, :-2]], axis=1)
    skip = (ext != mask_index) & (ext != prev2)
    emit = jnp.take_along_axis(logp, jnp.broadcast_to(ext[:, None], (bsz, steps, 2 * s + 1)),
                               axis=2)
    alpha0 = jnp.full((bsz, 2 * s + 1), neg).at[:, 0].set(emit[:, 0, 0])
    if s > 0:
        alpha0 = alpha0.at[:, 1].set(emit[:, 0, 1])

    def step(alpha, t):
        a1 = jnp.concatenate([jnp.full((bsz, 1), neg), alpha[:, :-1]], axis=1)
        a2 = jnp.concatenate([jnp.full((bsz, 2), neg), alpha[:, :-2]], axis=1)
        a2 = jnp.where(skip, a2, neg)
        new = jnp.logaddexp(jnp.logaddexp(alpha, a1), a2) + emit[:, t]
        return jnp.where((t < ol)[:, None], new, alpha), None

    alpha, _ = jax.lax.scan(step, alpha0, jnp.arange(1, steps))
    last = jnp.take_along_axis(alpha, (2 * tl)[:, None], axis=1)[:, 0]
    before = jnp.take_along_axis(alpha, jnp.maximum(2 * tl - 1, 0)[:, None], axis=1)[:, 0]
    before = jnp.where(tl > 0, before, neg)
    return -jnp.logaddexp(last, before)
