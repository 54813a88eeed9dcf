"""Convolutions and pooling for the JAX backend (jax.lax windows, Keras kernel layout)."""

import jax
import jax.numpy as jnp
import numpy as np

from kerasx import config
from kerasx import dtypes
from kerasx.backends.jax._common import ARRAY_T, convert_to_tensor, std_dtype, to_float

# Eager calls on concrete arrays go through these cached jits (static window arguments):
# a jitted call dispatches from C++, an un-jitted lax.conv / lax.reduce_window binds its
# primitive from Python (~40-100 us per call on jax 0.10). Traced values use lax directly.


def _conv_lax(inputs, kernel, strides, pads, dilation, dn, groups):
    return jax.lax.conv_general_dilated(
        inputs, kernel, window_strides=strides, padding=pads, rhs_dilation=dilation,
        dimension_numbers=dn, feature_group_count=groups)


_conv_jit = jax.jit(_conv_lax, static_argnums=(2, 3, 4, 5, 6))


def _max_window(x, win, st, pd):
    # A NumPy (concrete) init value lets lax recognise the max monoid even under tracing,
    # which is what makes the pooled result differentiable.
    if jnp.issubdtype(x.dtype, jnp.floating):
        init = np.array(-np.inf, x.dtype)
    else:
        init = np.array(jnp.iinfo(x.dtype).min, x.dtype)
    return jax.lax.reduce_window(x, init, jax.lax.max, win, st, pd)


_max_window_jit = jax.jit(_max_window, static_argnums=(1, 2, 3))


def _sum_window(x, win, st, pd):
    return jax.lax.reduce_window(x, np.array(0, x.dtype), jax.lax.add, win, st, pd)


_sum_window_jit = jax.jit(_sum_window, static_argnums=(1, 2, 3))
_CONV_DT = {}


def _data_format(data_format, op):
    if data_format is None:
        return config.image_data_format()
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(
            f"ops.{op}: data_format must be 'channels_last' or 'channels_first', "
            f"got {data_format!r}.")
    return data_format


def _tuple(v, n, arg, op):
    if isinstance(v, int):
        return (v,) * n
    if type(v) is tuple and len(v) == n and all(type(e) is int for e in v):
        return v  # already what lax wants (the layers' case)
    v = tuple(int(e) for e in v)
    if len(v) == 1 and n > 1:
        return v * n
    if len(v) != n:
        raise ValueError(f"ops.{op}: {arg} must be an int or a tuple of {n} ints, got {v}.")
    return v


def _padding(padding, op, allowed=("valid", "same")):
    p = str(padding).lower()
    if p not in allowed:
        raise ValueError(f"ops.{op}: padding must be one of {allowed}, got {padding!r}.")
    return p


def _dimension_numbers(nd, data_format):
    sp = "DHW"[-nd:] if nd <= 3 else None
    lhs = "N" + sp + "C" if data_format == "channels_last" else "NC" + sp
    return (lhs, sp + "IO", lhs)


def _same_pads(sizes, kernel, strides, dilation):
    pads = []
    for n, k, s, d in zip(sizes, kernel, strides, dilation):
        k_eff = (k - 1) * d + 1
        out = -(-n // s)
        total = max((out - 1) * s + k_eff - n, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def _conv_dt(inputs, kernel):
    inputs, kernel = convert_to_tensor(inputs), convert_to_tensor(kernel)
    d1, d2 = inputs.dtype, kernel.dtype
    key = (d1, d2, config.floatx())
    dt = _CONV_DT.get(key)
    if dt is None:
        dt = dtypes.result_type(std_dtype(d1), std_dtype(d2))
        if not dtypes.is_float(dt):
            dt = config.floatx()
        dt = _CONV_DT[key] = jnp.dtype(dt)
    # astype is a real op even for the same dtype on jax 0.10: only cast what differs
    if d1 != dt:
        inputs = inputs.astype(dt)
    if d2 != dt:
        kernel = kernel.astype(dt)
    return inputs, kernel


_PLANS = {}


def _conv(inputs, kernel, strides, padding, data_format, dilation_rate, op, groups=None):
    inputs, kernel = _conv_dt(inputs, kernel)
    fmt = config.image_data_format() if data_format is None else data_format
    args = (inputs.shape, kernel.shape, strides, padding, fmt, dilation_rate, op, groups)
    key = args + (type(strides), type(dilation_rate))  # 1.0 must not reuse the plan of 1
    try:
        plan = _PLANS.get(key)  # the static arguments, checked once per configuration
    except TypeError:  # unhashable arguments (lists): no caching
        plan = key = None
    if plan is None:
        plan = _conv_plan(*args)
        if key is not None:
            if len(_PLANS) > 4096:
                _PLANS.clear()
            _PLANS[key] = plan
    conv_fn = _conv_jit if type(inputs) is ARRAY_T and type(kernel) is ARRAY_T else _conv_lax
    return conv_fn(inputs, kernel, *plan)


def _conv_plan(in_shape, k_shape, strides, padding, data_format, dilation_rate, op, groups):
    """``(strides, pads, dilation, dimension_numbers, groups)`` for lax, or a ValueError."""
    data_format = _data_format(data_format, op)
    nd = len(in_shape) - 2
    if nd not in (1, 2, 3) or len(k_shape) != nd + 2:
        raise ValueError(
            f"ops.{op}: expected a 3D/4D/5D input and a kernel of rank input rank; got input "
            f"shape {tuple(in_shape)} and kernel shape {tuple(k_shape)}.")
    strides = _tuple(strides, nd, "strides", op)
    dilation = _tuple(dilation_rate, nd, "dilation_rate", op)
    padding = _padding(padding, op, ("valid", "same", "causal"))
    ch_axis = -1 if data_format == "channels_last" else 1
    in_ch = in_shape[ch_axis]
    if groups is None:
        if in_ch % k_shape[-2]:
            raise ValueError(
                f"ops.{op}: input channels ({in_ch}) must be a multiple of the kernel's "
                f"input channels ({k_shape[-2]}).")
        groups = in_ch // k_shape[-2]
    spatial = in_shape[1:-1] if data_format == "channels_last" else in_shape[2:]
    if padding == "causal":
        if nd != 1:
            raise ValueError(f"ops.{op}: padding='causal' is only supported for 1D convolution, "
                             f"got a {nd}D input.")
        pads = [((k_shape[0] - 1) * dilation[0], 0)]
    elif padding == "same":
        pads = _same_pads(spatial, k_shape[:nd], strides, dilation)
    else:
        pads = [(0, 0)] * nd
    return strides, tuple(pads), dilation, _dimension_numbers(nd, data_format), groups


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    return _conv(inputs, kernel, strides, padding, data_format, dilation_rate, "conv")


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None,
                   dilation_rate=1):
    kernel = convert_to_tensor(kernel)
    nd = kernel.ndim - 2
    in_ch, mult = kernel.shape[-2], kernel.shape[-1]
    kernel = kernel.reshape(kernel.shape[:nd] + (1, in_ch * mult))
    return _conv(inputs, kernel, strides, padding, data_format, dilation_rate,
                 "depthwise_conv", groups=in_ch)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    x = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return _conv(x, pointwise_kernel, 1, "valid", data_format, 1, "separable_conv")


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    op = "conv_transpose"
    data_format = _data_format(data_format, op)
    inputs, kernel = _conv_dt(inputs, kernel)
    nd = inputs.ndim - 2
    strides = _tuple(strides, nd, "strides", op)
    dilation = _tuple(dilation_rate, nd, "dilation_rate", op)
    padding = _padding(padding, op)
    ops_ = [None] * nd if output_padding is None else _tuple(output_padding, nd,
                                                             "output_padding", op)
    spatial = inputs.shape[1:-1] if data_format == "channels_last" else inputs.shape[2:]
    pads = []
    for n, k, s, d, p in zip(spatial, kernel.shape[:nd], strides, dilation, ops_):
        k_eff = (k - 1) * d + 1
        if p is None:
            length = n * s if padding == "same" else n * s + max(k_eff - s, 0)
        else:
            pad = k_eff // 2 if padding == "same" else 0
            length = (n - 1) * s + k_eff - 2 * pad + p
        total = length - (n - 1) * s - 2 + k_eff
        if padding == "same":
            fwd_total = max((n - 1) * s + k_eff - length, 0)
            left = k_eff - 1 - fwd_total // 2
        else:
            left = k_eff - 1
        pads.append((left, total - left))
    # Keras transpose kernel is (spatial..., out, in): flip it and swap to (spatial..., in, out).
    k = jnp.flip(kernel, axis=tuple(range(nd)))
    k = jnp.swapaxes(k, -1, -2)
    return jax.lax.conv_general_dilated(
        inputs, k, window_strides=(1,) * nd, padding=pads, lhs_dilation=strides,
        rhs_dilation=dilation, dimension_numbers=_dimension_numbers(nd, data_format))


def _pool_args(inputs, pool_size, strides, padding, data_format, op):
    data_format = _data_format(data_format, op)
    inputs = convert_to_tensor(inputs)
    nd = inputs.ndim - 2
    pool = _tuple(pool_size, nd, "pool_size", op)
    strides = pool if strides is None else _tuple(strides, nd, "strides", op)
    padding = _padding(padding, op)
    spatial = inputs.shape[1:-1] if data_format == "channels_last" else inputs.shape[2:]
    pads = _same_pads(spatial, pool, strides, (1,) * nd) if padding == "same" else [(0, 0)] * nd
    if data_format == "channels_last":
        win, st, pd = (1,) + pool + (1,), (1,) + strides + (1,), ((0, 0), *pads, (0, 0))
    else:
        win, st, pd = (1, 1) + pool, (1, 1) + strides, ((0, 0), (0, 0), *pads)
    return inputs, win, st, pd


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, win, st, pd = _pool_args(inputs, pool_size, strides, padding, data_format, "max_pool")
    if type(x) is ARRAY_T:
        return _max_window_jit(x, win, st, pd)
    return _max_window(x, win, st, pd)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, win, st, pd = _pool_args(inputs, pool_size, strides, padding, data_format,
                                "average_pool")
    x = to_float(x)
    window_sum = _sum_window_jit if type(x) is ARRAY_T else _sum_window
    total = window_sum(x, win, st, pd)
    if any(p != (0, 0) for p in pd):
        ones = jnp.ones(x.shape, x.dtype)
        count = window_sum(ones, win, st, pd)
        return total / count
    return total / np.prod(win)
