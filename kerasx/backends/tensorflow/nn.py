"""TensorFlow backend: neural-network ops (activations and convolutions live in _nn_*)."""

import math as _pymath

import tensorflow as tf

from kerasx import config
from kerasx.backends.tensorflow._common import convert, promote, tf_dtype, to_float
from kerasx.backends.tensorflow._nn_act import (  # noqa: F401
    celu, elu, gelu, glu, hard_shrink, hard_sigmoid, hard_silu, hard_tanh, leaky_relu,
    log_sigmoid, log_softmax, relu, relu6, selu, sigmoid, silu, soft_shrink, softmax, softplus,
    softsign, sparse_plus, sparse_sigmoid, sparsemax, squareplus, tanh_shrink, threshold)
from kerasx.backends.tensorflow._nn_conv import (  # noqa: F401
    average_pool, conv, conv_transpose, depthwise_conv, max_pool, separable_conv)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("ops.one_hot: sparse=True is not supported on tensorflow; use sparse=False.")
    x = convert(x)
    return tf.one_hot(tf.cast(x, tf.int64), int(num_classes), axis=axis, dtype=tf_dtype(dtype))


def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("ops.multi_hot: sparse=True is not supported on tensorflow; use sparse=False.")
    if num_classes is None:
        raise ValueError("ops.multi_hot: num_classes is required, got None.")
    x = convert(inputs)
    reduce_axis = -1 if len(x.shape) <= 1 else -2
    oh = tf.one_hot(tf.cast(x, tf.int64), int(num_classes), axis=-1, dtype=tf.int32)
    r = tf.reduce_max(oh, axis=reduce_axis if len(x.shape) > 1 else 0)
    if axis != -1:
        r = tf.experimental.numpy.moveaxis(r, -1, axis)
    return tf.cast(r, tf_dtype(dtype))


def _loss_args(target, output):
    # The loss takes the output's dtype (floatx for non-float outputs).
    output = to_float(output)
    target = tf.cast(convert(target), output.dtype)
    if len(target.shape) != len(output.shape):
        raise ValueError(
            f"ops.crossentropy: target and output must have the same rank, got target shape "
            f"{tuple(target.shape)} and output shape {tuple(output.shape)}.")
    return target, output


def binary_crossentropy(target, output, from_logits=False):
    target, output = _loss_args(target, output)
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    eps = config.epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    return -(target * tf.math.log(output) + (1.0 - target) * tf.math.log(1.0 - output))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _loss_args(target, output)
    if from_logits:
        return -tf.reduce_sum(target * tf.nn.log_softmax(output, axis=axis), axis=axis)
    output = output / tf.reduce_sum(output, axis=axis, keepdims=True)
    eps = config.epsilon()
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    return -tf.reduce_sum(target * tf.math.log(output), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = to_float(output)
    target = convert(target)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf.squeeze(target, -1)
    target = tf.cast(target, tf.int64)
    if len(target.shape) != len(output.shape) - 1:
        raise ValueError(
            "ops.sparse_categorical_crossentropy: target must have the rank of output minus 1, "
            f"got target shape {tuple(target.shape)} and output shape {tuple(output.shape)}.")
    nd = len(output.shape)
    axis = axis % nd
    if axis != nd - 1:
        output = tf.experimental.numpy.moveaxis(output, axis, -1)
    if from_logits:
        logp = tf.nn.log_softmax(output, axis=-1)
    else:
        output = output / tf.reduce_sum(output, axis=-1, keepdims=True)
        eps = config.epsilon()
        logp = tf.math.log(tf.clip_by_value(output, eps, 1.0 - eps))
    oh = tf.one_hot(target, tf.shape(output)[-1], dtype=logp.dtype)
    return -tf.reduce_sum(oh * logp, axis=-1)


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    comp = tf.float32 if x.dtype.size < 4 else x.dtype
    xc = tf.cast(x, comp)
    ax = [axes] if isinstance(axes, int) else list(axes)
    mean = tf.reduce_mean(xc, axis=ax, keepdims=True)
    var = tf.reduce_mean(tf.square(xc - tf.stop_gradient(mean)), axis=ax, keepdims=True)
    if not keepdims:
        mean = tf.squeeze(mean, ax)
        var = tf.squeeze(var, ax)
    return tf.cast(mean, x.dtype), tf.cast(var, x.dtype)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=0.001):
    x = to_float(x)
    nd = len(x.shape)
    axis = axis % nd
    shp = [1] * nd
    shp[axis] = -1

    def b(t):
        return tf.reshape(tf.cast(convert(t), x.dtype), shp)

    inv = tf.math.rsqrt(b(variance) + tf.cast(epsilon, x.dtype))
    if scale is not None:
        inv = inv * b(scale)
    res = (x - b(mean)) * inv
    if offset is not None:
        res = res + b(offset)
    return res


def normalize(x, axis=-1, order=2, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    n = tf.norm(x, ord=order, axis=axis, keepdims=True)
    return x / tf.maximum(n, tf.cast(eps, x.dtype))


def psnr(x1, x2, max_val):
    x1, x2, dt = promote(x1, x2)
    if not dt.is_floating:
        x1, x2 = to_float(x1), to_float(x2)
    mse = tf.reduce_mean(tf.square(x1 - x2))
    mv = tf.cast(max_val, x1.dtype)
    return 20.0 * tf.math.log(mv) / _pymath.log(10.0) - 10.0 * tf.math.log(mse) / _pymath.log(10.0)


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    if flash_attention:
        raise ValueError("ops.dot_product_attention: flash_attention=True is not supported on "
                         "tensorflow; pass flash_attention=None or False.")
    q = to_float(query)
    k = tf.cast(convert(key), q.dtype)
    v = tf.cast(convert(value), q.dtype)
    if len(q.shape) != 4:
        raise ValueError(f"ops.dot_product_attention: query must be 4-D (B, T, N, H), got shape "
                         f"{tuple(q.shape)}.")
    nq, nk = q.shape[2], k.shape[2]
    if nq != nk:
        if nq % nk:
            raise ValueError(f"ops.dot_product_attention: query heads ({nq}) must be a multiple "
                             f"of key heads ({nk}).")
        k = tf.repeat(k, nq // nk, axis=2)
        v = tf.repeat(v, nq // nk, axis=2)
    h = q.shape[-1]
    sc = 1.0 / _pymath.sqrt(h) if scale is None else scale
    logits = tf.einsum("btnh,bsnh->bnts", q, k) * tf.cast(sc, q.dtype)
    if attn_logits_soft_cap is not None:
        cap = tf.cast(attn_logits_soft_cap, q.dtype)
        logits = cap * tf.tanh(logits / cap)
    if bias is not None:
        logits = logits + tf.cast(convert(bias), q.dtype)
    keep = None
    if mask is not None:
        keep = convert(mask, "bool")
    if is_causal:
        t, s = tf.shape(logits)[-2], tf.shape(logits)[-1]
        causal = tf.range(s)[None, :] <= tf.range(t)[:, None]
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        big = tf.cast(q.dtype.min, logits.dtype) if q.dtype.size >= 4 else tf.cast(-6e4, q.dtype)
        logits = tf.where(keep, logits, big)
    comp = tf.float32 if q.dtype.size < 4 else q.dtype
    probs = tf.cast(tf.nn.softmax(tf.cast(logits, comp), axis=-1), q.dtype)
    return tf.einsum("bnts,bsnh->btnh", probs, v)


def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    ms = tf.reduce_mean(tf.square(x), axis=axis, keepdims=True)
    return x * tf.math.rsqrt(ms + tf.cast(eps, x.dtype)) * tf.cast(convert(scale), x.dtype)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None):
    x = to_float(x)
    eps = config.epsilon() if epsilon is None else epsilon
    ax = [axis] if isinstance(axis, int) else list(axis)
    mean, var = moments(x, ax, keepdims=True)
    out = (x - mean) * tf.math.rsqrt(var + tf.cast(eps, x.dtype))
    if gamma is not None:
        out = out * tf.cast(convert(gamma), x.dtype)
    if beta is not None:
        out = out + tf.cast(convert(beta), x.dtype)
    return out


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = to_float(output)
    comp = tf.float32 if output.dtype.size < 4 else output.dtype
    loss = tf.nn.ctc_loss(labels=tf.cast(convert(target), tf.int32),
                          logits=tf.cast(output, comp),
                          label_length=tf.cast(convert(target_length), tf.int32),
                          logit_length=tf.cast(convert(output_length), tf.int32),
                          logits_time_major=False, blank_index=mask_index)
    return tf.cast(loss, output.dtype)


from kerasx.backends.tensorflow._common import wrap_errors  # noqa: E402

wrap_errors(globals(), "nn")
