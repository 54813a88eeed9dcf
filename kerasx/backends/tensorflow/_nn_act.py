"""TensorFlow backend: activation functions."""

import math as _pymath

import tensorflow as tf

from kerasx.backends.tensorflow._common import to_float


def relu(x):
    return tf.nn.relu(to_float(x))


def relu6(x):
    return tf.nn.relu6(to_float(x))


def sigmoid(x):
    return tf.sigmoid(to_float(x))


def sparse_sigmoid(x):
    x = to_float(x)
    return tf.clip_by_value((x + 1.0) / 2.0, 0.0, 1.0)


def softplus(x):
    return tf.nn.softplus(to_float(x))


def softsign(x):
    return tf.nn.softsign(to_float(x))


def silu(x):
    x = to_float(x)
    return x * tf.sigmoid(x)


def log_sigmoid(x):
    return tf.math.log_sigmoid(to_float(x))


def leaky_relu(x, negative_slope=0.2):
    x = to_float(x)
    return tf.where(x >= 0, x, x * tf.cast(negative_slope, x.dtype))


def hard_sigmoid(x):
    x = to_float(x)
    return tf.nn.relu6(x + 3.0) / 6.0


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


def elu(x, alpha=1.0):
    x = to_float(x)
    return tf.where(x > 0, x, tf.cast(alpha, x.dtype) * tf.math.expm1(tf.minimum(x, 0.0)))


def selu(x):
    x = to_float(x)
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    return scale * tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0.0)))


def gelu(x, approximate=True):
    x = to_float(x)
    if approximate:
        c = _pymath.sqrt(2.0 / _pymath.pi)
        return 0.5 * x * (1.0 + tf.tanh(c * (x + 0.044715 * x * x * x)))
    return 0.5 * x * (1.0 + tf.math.erf(x / _pymath.sqrt(2.0)))


def celu(x, alpha=1.0):
    x = to_float(x)
    a = tf.cast(alpha, x.dtype)
    return tf.nn.relu(x) + tf.minimum(0.0, a * tf.math.expm1(tf.minimum(x, 0.0) / a))


def glu(x, axis=-1):
    x = to_float(x)
    n = x.shape[axis]
    if n is not None and n % 2:
        raise ValueError(
            f"ops.glu: the size of axis {axis} must be even, got {n} (x has shape {tuple(x.shape)}).")
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.sigmoid(b)


def hard_tanh(x):
    return tf.clip_by_value(to_float(x), -1.0, 1.0)


def hard_shrink(x, threshold=0.5):
    x = to_float(x)
    return tf.where(tf.abs(x) > threshold, x, tf.zeros_like(x))


def soft_shrink(x, threshold=0.5):
    x = to_float(x)
    t = tf.cast(threshold, x.dtype)
    return tf.where(x > t, x - t, tf.where(x < -t, x + t, tf.zeros_like(x)))


def tanh_shrink(x):
    x = to_float(x)
    return x - tf.tanh(x)


def squareplus(x, b=4):
    x = to_float(x)
    return (x + tf.sqrt(x * x + tf.cast(b, x.dtype))) / 2.0


def sparse_plus(x):
    x = to_float(x)
    mid = (x + 1.0) * (x + 1.0) / 4.0
    return tf.where(x <= -1.0, tf.zeros_like(x), tf.where(x >= 1.0, x, mid))


def threshold(x, threshold, default_value):
    x = to_float(x)
    return tf.where(x > threshold, x, tf.cast(default_value, x.dtype))


def sparsemax(x, axis=-1):
    x = to_float(x)
    nd = len(x.shape)
    axis = axis % nd
    perm = [i for i in range(nd) if i != axis] + [axis]
    xt = tf.transpose(x, perm)
    z = tf.sort(xt, axis=-1, direction="DESCENDING")
    k = tf.cast(tf.range(1, tf.shape(z)[-1] + 1), x.dtype)
    cs = tf.cumsum(z, axis=-1)
    support = tf.cast(1.0 + k * z > cs, x.dtype)
    k_z = tf.reduce_sum(support, axis=-1, keepdims=True)
    tau = (tf.reduce_sum(support * z, axis=-1, keepdims=True) - 1.0) / k_z
    out = tf.maximum(xt - tau, 0.0)
    inv = [perm.index(i) for i in range(nd)]
    return tf.transpose(out, inv)


def _axes_list(axis, nd):
    return [a % nd for a in ([axis] if isinstance(axis, int) else axis)]


def softmax(x, axis=-1):
    x = to_float(x)
    if isinstance(axis, int):
        return tf.nn.softmax(x, axis=axis)
    ax = _axes_list(axis, len(x.shape))
    m = tf.stop_gradient(tf.reduce_max(x, axis=ax, keepdims=True))
    e = tf.exp(x - m)
    return e / tf.reduce_sum(e, axis=ax, keepdims=True)


def log_softmax(x, axis=-1):
    x = to_float(x)
    if isinstance(axis, int):
        return tf.nn.log_softmax(x, axis=axis)
    ax = _axes_list(axis, len(x.shape))
    return x - tf.reduce_logsumexp(x, axis=ax, keepdims=True)
