"""TensorFlow backend: math ops (segments, top-k, FFT, special functions)."""

import tensorflow as tf

from kerasx.backends.tensorflow._common import axes, convert, to_float


def _num_segments(segment_ids, num_segments):
    if num_segments is None:
        return tf.reduce_max(segment_ids) + 1
    return num_segments


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    data = convert(data)
    ids = convert(segment_ids, "int32")
    n = _num_segments(ids, num_segments)
    comp = tf.int32 if data.dtype == tf.bool else data.dtype
    r = tf.math.unsorted_segment_sum(tf.cast(data, comp), ids, n)
    return tf.cast(r, data.dtype)


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    data = convert(data)
    ids = convert(segment_ids, "int32")
    n = _num_segments(ids, num_segments)
    r = tf.math.unsorted_segment_max(data, ids, n)
    if data.dtype.is_floating:
        # Empty segments: TF gives the dtype's lowest value; use -inf (the max identity).
        counts = tf.math.unsorted_segment_sum(tf.ones_like(ids), ids, n)
        shp = tf.concat([[-1], tf.ones([tf.rank(r) - 1], tf.int32)], 0)
        r = tf.where(tf.reshape(counts, shp) > 0, r, tf.constant(float("-inf"), r.dtype))
    return r


def top_k(x, k, sorted=True):
    x = convert(x)
    vals, idx = tf.math.top_k(x, k=k, sorted=sorted)
    return vals, tf.cast(idx, tf.int32)


def in_top_k(targets, predictions, k):
    predictions = to_float(predictions)
    targets = convert(targets)
    return tf.math.in_top_k(tf.cast(targets, tf.int32), tf.cast(predictions, tf.float32), k)


def logsumexp(x, axis=None, keepdims=False):
    return tf.reduce_logsumexp(to_float(x), axis=axes(axis), keepdims=keepdims)


def extract_sequences(x, sequence_length, sequence_stride):
    return tf.signal.frame(convert(x), sequence_length, sequence_stride, axis=-1, pad_end=False)


def _complex(x, op):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"ops.{op}: x must be a tuple (real, imag) of two tensors, got {x!r}.")
    re, im = to_float(x[0]), to_float(x[1])
    if re.shape.as_list() != im.shape.as_list():
        raise ValueError(f"ops.{op}: real and imag must have the same shape, got "
                         f"{tuple(re.shape)} and {tuple(im.shape)}.")
    if re.dtype not in (tf.float32, tf.float64):
        re, im = tf.cast(re, tf.float32), tf.cast(im, tf.float32)
    return tf.complex(re, im), re.dtype


def _split(c, dt):
    return tf.cast(tf.math.real(c), dt), tf.cast(tf.math.imag(c), dt)


def fft(x):
    c, dt = _complex(x, "fft")
    return _split(tf.signal.fft(c), dt)


def fft2(x):
    c, dt = _complex(x, "fft2")
    return _split(tf.signal.fft2d(c), dt)


def ifft2(x):
    c, dt = _complex(x, "ifft2")
    return _split(tf.signal.ifft2d(c), dt)


def rfft(x, fft_length=None):
    x = to_float(x)
    if x.dtype not in (tf.float32, tf.float64):
        x = tf.cast(x, tf.float32)
    if fft_length is None:
        fft_length = x.shape[-1]
    return _split(tf.signal.rfft(x, [fft_length]), x.dtype)


def irfft(x, fft_length=None):
    c, dt = _complex(x, "irfft")
    if fft_length is None:
        fft_length = 2 * (c.shape[-1] - 1)
    return tf.cast(tf.signal.irfft(c, [fft_length]), dt)


def rsqrt(x):
    return tf.math.rsqrt(to_float(x))


def erf(x):
    return tf.math.erf(to_float(x))


def erfinv(x):
    return tf.math.erfinv(to_float(x))


def logdet(x):
    return tf.linalg.slogdet(to_float(x))[1]


from kerasx.backends.tensorflow._common import wrap_errors  # noqa: E402

wrap_errors(globals(), "math")
