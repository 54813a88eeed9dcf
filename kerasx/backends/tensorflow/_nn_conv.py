"""TensorFlow backend: convolution and pooling.

Everything is computed channels_last: TF's CPU kernels (2.21) do not implement NCHW
for most convolution/pooling ops, so channels_first inputs are transposed in and out.
"""

import tensorflow as tf

from kerasx import config
from kerasx.backends.tensorflow._common import TO_TF, convert, promote

_PADDINGS = ("valid", "same", "causal")


def _fmt(data_format, op):
    fmt = config.image_data_format() if data_format is None else data_format
    if fmt not in ("channels_last", "channels_first"):
        raise ValueError(
            f"ops.{op}: data_format must be 'channels_last' or 'channels_first', got {data_format!r}.")
    return fmt


def _tuple(v, n, name, op):
    if isinstance(v, int):
        return (v,) * n
    v = tuple(int(e) for e in v)
    if len(v) != n:
        raise ValueError(f"ops.{op}: {name} must be an int or a tuple of {n} ints, got {v!r}.")
    return v


def _to_last(x, fmt):
    if fmt == "channels_first":
        nd = len(x.shape)
        return tf.transpose(x, [0] + list(range(2, nd)) + [1])
    return x


def _from_last(x, fmt):
    if fmt == "channels_first":
        nd = len(x.shape)
        return tf.transpose(x, [0, nd - 1] + list(range(1, nd - 1)))
    return x


# TF 2.21's 3D conv/pool gradients read the data_format attribute, which is unset
# unless passed explicitly; always pass it.
_TF_FMT = {1: "NWC", 2: "NHWC", 3: "NDHWC"}


def _check_padding(padding, op, allow_causal=False):
    p = str(padding).lower()
    if p not in _PADDINGS or (p == "causal" and not allow_causal):
        allowed = "'valid', 'same' or 'causal' (1D only)" if allow_causal else "'valid' or 'same'"
        raise ValueError(f"ops.{op}: padding must be {allowed}, got {padding!r}.")
    return p


def _float_pair(x, k):
    x, k, dt = promote(x, k)
    if not dt.is_floating:
        f = TO_TF[config.floatx()]
        x, k = tf.cast(x, f), tf.cast(k, f)
    return x, k


def _dilate_kernel(kernel, rates):
    """Inserts zeros between kernel taps (TF cannot combine strides>1 with dilation>1)."""
    for i, r in enumerate(rates):
        if r == 1:
            continue
        k = kernel.shape[i]
        moved = tf.experimental.numpy.moveaxis(kernel, i, 0)
        rest = tf.shape(moved)[1:]
        z = tf.zeros(tf.concat([[k, r - 1], rest], 0), kernel.dtype)
        inter = tf.concat([moved[:, None], z], 1)
        inter = tf.reshape(inter, tf.concat([[k * r], rest], 0))[: (k - 1) * r + 1]
        kernel = tf.experimental.numpy.moveaxis(inter, 0, i)
    return kernel


def _causal_pad(x, kernel, rates):
    left = rates[0] * (kernel.shape[0] - 1)
    return tf.pad(x, [[0, 0], [left, 0], [0, 0]])


def _conv_last(x, kernel, strides, padding, rates):
    nsp = len(strides)
    if any(s > 1 for s in strides) and any(r > 1 for r in rates):
        kernel = _dilate_kernel(kernel, rates)
        rates = (1,) * nsp
    in_ch = x.shape[-1]
    kin = kernel.shape[-2]
    groups = in_ch // kin if in_ch is not None else 1
    pad = padding.upper()
    if groups == 1:
        return tf.nn.convolution(x, kernel, strides=list(strides), padding=pad,
                                 dilations=list(rates), data_format=_TF_FMT[nsp])
    xs = tf.split(x, groups, axis=-1)
    ks = tf.split(kernel, groups, axis=-1)
    return tf.concat([tf.nn.convolution(a, b, strides=list(strides), padding=pad,
                                        dilations=list(rates), data_format=_TF_FMT[nsp])
                      for a, b in zip(xs, ks)], -1)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    fmt = _fmt(data_format, "conv")
    x, k = _float_pair(inputs, kernel)
    nsp = len(k.shape) - 2
    if len(x.shape) != nsp + 2:
        raise ValueError(
            f"ops.conv: inputs must have rank {nsp + 2} for a kernel of rank {nsp + 2}, "
            f"got inputs of shape {tuple(x.shape)}.")
    p = _check_padding(padding, "conv", allow_causal=True)
    strides = _tuple(strides, nsp, "strides", "conv")
    rates = _tuple(dilation_rate, nsp, "dilation_rate", "conv")
    x = _to_last(x, fmt)
    in_ch = x.shape[-1]
    if in_ch is not None and in_ch % k.shape[-2]:
        raise ValueError(
            f"ops.conv: the input has {in_ch} channels, which is not a multiple of the kernel's "
            f"input channels {k.shape[-2]} (kernel shape {tuple(k.shape)}).")
    if p == "causal":
        if nsp != 1:
            raise ValueError("ops.conv: padding='causal' is only supported for 1D convolution.")
        x = _causal_pad(x, k, rates)
        p = "valid"
    return _from_last(_conv_last(x, k, strides, p, rates), fmt)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None,
                   dilation_rate=1):
    fmt = _fmt(data_format, "depthwise_conv")
    x, k = _float_pair(inputs, kernel)
    nsp = len(k.shape) - 2
    p = _check_padding(padding, "depthwise_conv", allow_causal=True)
    strides = _tuple(strides, nsp, "strides", "depthwise_conv")
    rates = _tuple(dilation_rate, nsp, "dilation_rate", "depthwise_conv")
    x = _to_last(x, fmt)
    if p == "causal":
        x = _causal_pad(x, k, rates)
        p = "valid"
    if any(s > 1 for s in strides) and any(r > 1 for r in rates):
        k = _dilate_kernel(k, rates)
        rates = (1,) * nsp
    if nsp == 1:
        out = tf.nn.depthwise_conv2d(x[:, None], k[None], strides=[1, 1, strides[0], 1],
                                     padding=p.upper(), dilations=[1, rates[0]],
                                     data_format="NHWC")[:, 0]
    elif nsp == 2:
        out = tf.nn.depthwise_conv2d(x, k, strides=[1, strides[0], strides[1], 1],
                                     padding=p.upper(), dilations=list(rates),
                                     data_format="NHWC")
    else:
        in_ch, mult = k.shape[-2], k.shape[-1]
        k2 = tf.reshape(k, k.shape[:-2].as_list() + [1, in_ch * mult])
        out = _conv_last(x, k2, strides, p, rates)
    return _from_last(out, fmt)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    fmt = _fmt(data_format, "separable_conv")
    y = depthwise_conv(inputs, depthwise_kernel, strides=strides, padding=padding,
                       data_format=fmt, dilation_rate=dilation_rate)
    return conv(y, pointwise_kernel, strides=1, padding="valid", data_format=fmt)


def _transpose_length(n, k, s, p, d, output_padding):
    k_eff = (k - 1) * d + 1
    if output_padding is None:
        if p == "valid":
            return n * s + max(k_eff - s, 0)
        return n * s
    pad = k_eff // 2 if p == "same" else 0
    return (n - 1) * s + k_eff - 2 * pad + output_padding


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    fmt = _fmt(data_format, "conv_transpose")
    x, k = _float_pair(inputs, kernel)
    nsp = len(k.shape) - 2
    p = _check_padding(padding, "conv_transpose")
    strides = _tuple(strides, nsp, "strides", "conv_transpose")
    rates = _tuple(dilation_rate, nsp, "dilation_rate", "conv_transpose")
    ops_ = None if output_padding is None else _tuple(output_padding, nsp, "output_padding",
                                                      "conv_transpose")
    x = _to_last(x, fmt)
    if any(r > 1 for r in rates):
        k = _dilate_kernel(k, rates)
    ksz = k.shape[:nsp].as_list()
    dyn = tf.shape(x)
    out_sp = []
    for i in range(nsp):
        n = x.shape[1 + i]
        if n is None:
            n = dyn[1 + i]
        out_sp.append(_transpose_length(n, ksz[i], strides[i], p, 1,
                                        None if ops_ is None else ops_[i]))
    out_shape = tf.stack([dyn[0]] + [tf.cast(o, tf.int32) for o in out_sp] + [k.shape[-2]])
    out = tf.nn.conv_transpose(x, k, out_shape, strides=list(strides), padding=p.upper(),
                               data_format=_TF_FMT[nsp])
    return _from_last(out, fmt)


def _pool(inputs, pool_size, strides, padding, data_format, op, fn):
    fmt = _fmt(data_format, op)
    x = convert(inputs)
    nsp = len(x.shape) - 2
    if nsp < 1:
        raise ValueError(f"ops.{op}: inputs must have rank 3, 4 or 5, got shape {tuple(x.shape)}.")
    pool = _tuple(pool_size, nsp, "pool_size", op)
    strides = pool if strides is None else _tuple(strides, nsp, "strides", op)
    p = _check_padding(padding, op)
    x = _to_last(x, fmt)
    cast_back = None
    if not x.dtype.is_floating or x.dtype == tf.bfloat16:
        cast_back = x.dtype
        x = tf.cast(x, TO_TF[config.floatx()] if not x.dtype.is_floating else tf.float32)
    out = fn(x, ksize=list(pool), strides=list(strides), padding=p.upper(),
             data_format=_TF_FMT[nsp])
    if cast_back is not None and cast_back == tf.bfloat16:
        out = tf.cast(out, cast_back)
    return _from_last(out, fmt)


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    return _pool(inputs, pool_size, strides, padding, data_format, "max_pool", tf.nn.max_pool)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    return _pool(inputs, pool_size, strides, padding, data_format, "average_pool", tf.nn.avg_pool)
