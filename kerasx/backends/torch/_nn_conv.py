"""Convolutions and pooling of the torch backend, with Keras layouts and TF 'same' padding.

Keras tensors are channels_last; torch kernels want (N, C, spatial...). A channels_last
tensor permuted to (N, C, spatial...) is a view whose strides already are
``torch.channels_last``, so no copy is made on the way in or out.
"""

import math

import torch
import torch.nn.functional as F

from kerasx import config
from kerasx.backends.torch._common import convert_to_tensor, float_pair, to_float

_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_T = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
_MAX = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_AVG = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}


def data_format_of(data_format, op):
    if data_format is None:
        return config.image_data_format()
    value = str(data_format).lower()
    if value not in ("channels_last", "channels_first"):
        raise ValueError(f"ops.{op}: data_format must be 'channels_last' or 'channels_first' "
                         f"(or None), got {data_format!r}.")
    return value


def _padding_of(padding, op, allow_causal=False):
    value = str(padding).lower()
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    if value not in allowed:
        raise ValueError(f"ops.{op}: padding must be one of {allowed}, got {padding!r}.")
    return value


def tuple_arg(value, n, name, op):
    if isinstance(value, int):
        return (value,) * n
    value = tuple(int(v) for v in value)
    if len(value) == 1:
        return value * n
    if len(value) != n:
        raise ValueError(f"ops.{op}: {name} must be an int or a tuple of {n} ints, got {value!r}.")
    return value


def to_channels_first(x, data_format):
    if data_format == "channels_first":
        return x
    nd = x.ndim - 2
    return x.permute(0, nd + 1, *range(1, nd + 1))


def from_channels_first(y, data_format):
    if data_format == "channels_first":
        return y
    nd = y.ndim - 2
    return y.permute(0, *range(2, nd + 2), 1)


def same_pads(n, k, s, d):
    """TF 'same' rule: total padding, the extra element on the right."""
    total = max((math.ceil(n / s) - 1) * s + (k - 1) * d + 1 - n, 0)
    return total // 2, total - total // 2


def _flat_pads(pads):
    flat = []
    for lo, hi in reversed(pads):
        flat += [lo, hi]
    return flat


def _check_rank(x, op, name="inputs"):
    if x.ndim not in (3, 4, 5):
        raise ValueError(f"ops.{op}: {name} must be rank 3, 4 or 5 (batch, spatial..., channels), "
                         f"got shape {tuple(x.shape)}.")
    return x.ndim - 2


def _conv_nc(x, wt, strides, padding, dilation, groups, op):
    """x (N, C, spatial...) and torch weight (out, in/groups, k...)."""
    nd = x.ndim - 2
    ks = wt.shape[2:]
    if padding == "valid":
        pad_arg = 0
    elif padding == "causal":
        if nd != 1:
            raise ValueError(f"ops.{op}: padding='causal' is only supported for 1D inputs, got "
                             f"{nd}D.")
        x = F.pad(x, (dilation[0] * (ks[0] - 1), 0))
        pad_arg = 0
    else:
        pads = [same_pads(x.shape[2 + i], ks[i], strides[i], dilation[i]) for i in range(nd)]
        if all(lo == hi for lo, hi in pads):
            pad_arg = tuple(lo for lo, _ in pads)
        else:
            x = F.pad(x, _flat_pads(pads))
            pad_arg = 0
    return _CONV[nd](x, wt, None, strides, pad_arg, dilation, groups)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    x, w = float_pair(inputs, kernel)
    nd = _check_rank(x, "conv")
    fmt = data_format_of(data_format, "conv")
    padding = _padding_of(padding, "conv", allow_causal=True)
    strides = tuple_arg(strides, nd, "strides", "conv")
    dilation = tuple_arg(dilation_rate, nd, "dilation_rate", "conv")
    if w.ndim != nd + 2:
        raise ValueError(f"ops.conv: kernel must have rank {nd + 2} (spatial..., in, out) for "
                         f"inputs of rank {x.ndim}, got kernel shape {tuple(w.shape)}.")
    xc = to_channels_first(x, fmt)
    in_ch = xc.shape[1]
    if in_ch % w.shape[-2]:
        raise ValueError(f"ops.conv: the inputs have {in_ch} channels, which is not a multiple "
                         f"of the kernel's input channels {w.shape[-2]} (kernel shape "
                         f"{tuple(w.shape)}).")
    groups = in_ch // w.shape[-2]
    wt = w.permute(nd + 1, nd, *range(nd))
    y = _conv_nc(xc, wt, strides, padding, dilation, groups, "conv")
    return from_channels_first(y, fmt)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    x, w = float_pair(inputs, kernel)
    nd = _check_rank(x, "depthwise_conv")
    fmt = data_format_of(data_format, "depthwise_conv")
    padding = _padding_of(padding, "depthwise_conv")
    strides = tuple_arg(strides, nd, "strides", "depthwise_conv")
    dilation = tuple_arg(dilation_rate, nd, "dilation_rate", "depthwise_conv")
    xc = to_channels_first(x, fmt)
    in_ch = xc.shape[1]
    if w.shape[-2] != in_ch:
        raise ValueError(f"ops.depthwise_conv: kernel shape {tuple(w.shape)} expects "
                         f"{w.shape[-2]} input channels, the inputs have {in_ch}.")
    w = w.reshape(tuple(w.shape[:nd]) + (1, in_ch * w.shape[-1]))
    wt = w.permute(nd + 1, nd, *range(nd))
    y = _conv_nc(xc, wt, strides, padding, dilation, in_ch, "depthwise_conv")
    return from_channels_first(y, fmt)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    y = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return conv(y, pointwise_kernel, 1, "valid", data_format, 1)


def _transpose_geometry(n, k_eff, s, padding, out_pad):
    """(crop on the left of the full output, output length), as TF/Keras define them."""
    full = (n - 1) * s + k_eff
    if out_pad is None:
        if padding == "valid":
            return 0, n * s + max(k_eff - s, 0)
        out_len = n * s
    else:
        pad = k_eff // 2 if padding == "same" else 0
        out_len = full - 2 * pad + out_pad
        if padding == "valid":
            return 0, out_len
    # TF 'same': the forward conv of the output would pad (full - out_len), extra on the right
    return max(full - out_len, 0) // 2, out_len


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    x, w = float_pair(inputs, kernel)
    nd = _check_rank(x, "conv_transpose")
    fmt = data_format_of(data_format, "conv_transpose")
    padding = _padding_of(padding, "conv_transpose")
    strides = tuple_arg(strides, nd, "strides", "conv_transpose")
    dilation = tuple_arg(dilation_rate, nd, "dilation_rate", "conv_transpose")
    out_pads = (None,) * nd if output_padding is None else \
        tuple_arg(output_padding, nd, "output_padding", "conv_transpose")
    xc = to_channels_first(x, fmt)
    if w.shape[-1] != xc.shape[1]:
        raise ValueError(f"ops.conv_transpose: kernel shape {tuple(w.shape)} expects "
                         f"{w.shape[-1]} input channels (last axis), the inputs have "
                         f"{xc.shape[1]}.")
    wt = w.permute(nd + 1, nd, *range(nd))  # (in, out, k...)
    native_pad, native_extra, crops = [], [], []
    for i in range(nd):
        n, k, s, d = xc.shape[2 + i], w.shape[i], strides[i], dilation[i]
        k_eff = (k - 1) * d + 1
        full = (n - 1) * s + k_eff
        crop, out_len = _transpose_geometry(n, k_eff, s, padding, out_pads[i])
        crops.append((crop, out_len - (full - crop)))
        native_pad.append(crop)
        native_extra.append(out_len - (full - 2 * crop))
    if all(p >= 0 and 0 <= e < max(s, d)
           for p, e, s, d in zip(native_pad, native_extra, strides, dilation)):
        y = _CONV_T[nd](xc, wt, None, strides, tuple(native_pad), tuple(native_extra), 1,
                        dilation)
    else:
        y = _CONV_T[nd](xc, wt, None, strides, 0, 0, 1, dilation)
        y = F.pad(y, _flat_pads([(-c, extra) for c, extra in crops]))
    return from_channels_first(y, fmt)


def _pool_args(inputs, pool_size, strides, padding, data_format, op):
    x = convert_to_tensor(inputs)
    nd = _check_rank(x, op)
    fmt = data_format_of(data_format, op)
    padding = _padding_of(padding, op)
    ps = tuple_arg(pool_size, nd, "pool_size", op)
    st = ps if strides is None else tuple_arg(strides, nd, "strides", op)
    xc = to_channels_first(x, fmt)
    pads = [(0, 0)] * nd
    if padding == "same":
        pads = [same_pads(xc.shape[2 + i], ps[i], st[i], 1) for i in range(nd)]
    return xc, nd, fmt, ps, st, pads


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    xc, nd, fmt, ps, st, pads = _pool_args(inputs, pool_size, strides, padding, data_format,
                                           "max_pool")
    if any(lo or hi for lo, hi in pads):
        if xc.is_floating_point():
            fill = float("-inf")
        else:
            fill = torch.iinfo(xc.dtype).min
        xc = F.pad(xc, _flat_pads(pads), value=fill)
    return from_channels_first(_MAX[nd](xc, ps, st), fmt)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    xc, nd, fmt, ps, st, pads = _pool_args(inputs, pool_size, strides, padding, data_format,
                                           "average_pool")
    xc = to_float(xc)
    if not any(lo or hi for lo, hi in pads):
        y = _AVG[nd](xc, ps, st)
    elif all(lo == hi and lo <= k // 2 for (lo, hi), k in zip(pads, ps)):
        y = _AVG[nd](xc, ps, st, tuple(lo for lo, _ in pads), False, False)
    else:
        # asymmetric TF padding: average over the real (unpadded) cells only
        flat = _flat_pads(pads)
        ones = torch.ones((1, 1) + tuple(xc.shape[2:]), dtype=xc.dtype, device=xc.device)
        y = _AVG[nd](F.pad(xc, flat), ps, st) / _AVG[nd](F.pad(ones, flat), ps, st)
    return from_channels_first(y, fmt)
