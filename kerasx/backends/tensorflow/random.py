"""TensorFlow backend: random ops on TF's stateless RNG (explicit 2-element seeds)."""

import tensorflow as tf

from kerasx.backends.tensorflow._common import convert, tf_dtype


def _seed(seed):
    # Imported lazily: kerasx.random imports the backend package.
    from kerasx.random.seed_generator import draw_seed
    return tf.cast(convert(draw_seed(seed)), tf.int64)


def _shape(shape):
    if isinstance(shape, int):
        return [shape]
    return shape if tf.is_tensor(shape) else [int(s) if not tf.is_tensor(s) else s for s in shape]


def _float_dtype(dtype, op):
    dt = tf_dtype(dtype)
    if not dt.is_floating:
        raise ValueError(f"ops.random.{op}: dtype must be a float dtype, got {dtype!r}.")
    return dt


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dt = _float_dtype(dtype, "normal")
    return tf.random.stateless_normal(_shape(shape), _seed(seed), mean=tf.cast(mean, dt),
                                      stddev=tf.cast(stddev, dt), dtype=dt)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dt = _float_dtype(dtype, "uniform")
    return tf.random.stateless_uniform(_shape(shape), _seed(seed), minval=tf.cast(minval, dt),
                                       maxval=tf.cast(maxval, dt), dtype=dt)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dt = _float_dtype(dtype, "truncated_normal")
    return tf.random.stateless_truncated_normal(_shape(shape), _seed(seed),
                                                mean=tf.cast(mean, dt),
                                                stddev=tf.cast(stddev, dt), dtype=dt)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    dt = tf_dtype(dtype)
    if not dt.is_integer:
        raise ValueError(f"ops.random.randint: dtype must be an integer dtype, got {dtype!r}.")
    comp = tf.int64 if dt in (tf.int64, tf.uint32, tf.uint64) else tf.int32
    r = tf.random.stateless_uniform(_shape(shape), _seed(seed), minval=tf.cast(minval, comp),
                                    maxval=tf.cast(maxval, comp), dtype=comp)
    return tf.cast(r, dt)


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = convert(logits)
    dt = tf_dtype(dtype)
    comp = tf.int64 if dt == tf.int64 else tf.int32
    r = tf.random.stateless_categorical(logits, num_samples, _seed(seed), dtype=comp)
    return tf.cast(r, dt)


def dropout(inputs, rate, noise_shape=None, seed=None):
    x = convert(inputs)
    if not 0 <= float(rate) < 1:
        raise ValueError(f"ops.random.dropout: rate must be in [0, 1), got {rate!r}.")
    if noise_shape is None:
        ns = tf.shape(x)
    else:
        dyn = tf.shape(x)
        ns = tf.stack([dyn[i] if d is None else tf.constant(int(d), tf.int32)
                       for i, d in enumerate(noise_shape)])
    keep = tf.random.stateless_uniform(ns, _seed(seed), dtype=tf.float32) >= float(rate)
    scale = tf.cast(1.0 / (1.0 - float(rate)), x.dtype)
    return tf.where(keep, x * scale, tf.zeros_like(x))


def shuffle(x, axis=0, seed=None):
    x = convert(x)
    n = tf.shape(x)[axis]
    keys = tf.random.stateless_uniform([n], _seed(seed), dtype=tf.float32)
    return tf.gather(x, tf.argsort(keys), axis=axis)


def gamma(shape, alpha, dtype=None, seed=None):
    dt = _float_dtype(dtype, "gamma")
    comp = tf.float32 if dt.size < 4 else dt
    r = tf.random.stateless_gamma(_shape(shape), _seed(seed), alpha=tf.cast(alpha, comp),
                                  dtype=comp)
    return tf.cast(r, dt)


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dt = _float_dtype(dtype, "binomial")
    comp = tf.float32 if dt.size < 4 else dt
    r = tf.random.stateless_binomial(_shape(shape), _seed(seed),
                                     counts=tf.cast(convert(counts), comp),
                                     probs=tf.cast(convert(probabilities), comp),
                                     output_dtype=comp)
    return tf.cast(r, dt)


def beta(shape, alpha, beta, dtype=None, seed=None):
    dt = _float_dtype(dtype, "beta")
    comp = tf.float32 if dt.size < 4 else dt
    s1, s2 = tf.unstack(tf.random.experimental.stateless_split(_seed(seed), 2))
    ga = tf.random.stateless_gamma(_shape(shape), s1, alpha=tf.cast(alpha, comp), dtype=comp)
    gb = tf.random.stateless_gamma(_shape(shape), s2, alpha=tf.cast(beta, comp), dtype=comp)
    return tf.cast(ga / (ga + gb), dt)


from kerasx.backends.tensorflow._common import wrap_errors  # noqa: E402

wrap_errors(globals(), "random")
