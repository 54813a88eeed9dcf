"""NumPy loop references for convolutions and pooling (channels_last), used by test_ops_nn*."""

import itertools
import math

import numpy as np


def _tuple(v, n):
    return tuple(v) if isinstance(v, (list, tuple)) else (v,) * n


def same_pads(sizes, k_eff, strides):
    pads = []
    for n, k, s in zip(sizes, k_eff, strides):
        total = max((math.ceil(n / s) - 1) * s + k - n, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def conv(x, k, strides=1, padding="valid", dilation=1):
    nd = x.ndim - 2
    s, d = _tuple(strides, nd), _tuple(dilation, nd)
    k_eff = [(k.shape[i] - 1) * d[i] + 1 for i in range(nd)]
    if padding == "same":
        pads = same_pads(x.shape[1:-1], k_eff, s)
    elif padding == "causal":
        pads = [(k_eff[0] - 1, 0)]
    else:
        pads = [(0, 0)] * nd
    xp = np.pad(x.astype("float64"), [(0, 0)] + pads + [(0, 0)])
    out_sp = [(xp.shape[i + 1] - k_eff[i]) // s[i] + 1 for i in range(nd)]
    cin_g, cout = k.shape[-2], k.shape[-1]
    groups = x.shape[-1] // cin_g
    cout_g = cout // groups
    out = np.zeros((x.shape[0], *out_sp, cout))
    for idx in itertools.product(*[range(o) for o in out_sp]):
        win = xp[(slice(None),) + tuple(slice(idx[i] * s[i], idx[i] * s[i] + k_eff[i], d[i])
                                         for i in range(nd))]
        for g in range(groups):
            w = win[..., g * cin_g:(g + 1) * cin_g]
            kk = k[..., g * cout_g:(g + 1) * cout_g]
            out[(slice(None),) + idx + (slice(g * cout_g, (g + 1) * cout_g),)] = np.tensordot(
                w, kk, axes=(list(range(1, nd + 2)), list(range(nd + 1))))
    return out


def depthwise_conv(x, k, strides=1, padding="valid", dilation=1):
    cin, mult = k.shape[-2], k.shape[-1]
    return conv(x, k.reshape(k.shape[:-2] + (1, cin * mult)), strides, padding, dilation)


def conv_transpose(x, k, strides=1, padding="valid", output_padding=None, dilation=1):
    """Full transposed convolution, then Keras's crop/pad for the requested padding."""
    nd = x.ndim - 2
    s, d = _tuple(strides, nd), _tuple(dilation, nd)
    op = None if output_padding is None else _tuple(output_padding, nd)
    k_eff = [(k.shape[i] - 1) * d[i] + 1 for i in range(nd)]
    n = x.shape[1:-1]
    full_sp = [(n[i] - 1) * s[i] + k_eff[i] for i in range(nd)]
    full = np.zeros((x.shape[0], *full_sp, k.shape[-2]))
    for i_idx in itertools.product(*[range(v) for v in n]):
        xi = x[(slice(None),) + i_idx].astype("float64")  # (N, cin)
        for j_idx in itertools.product(*[range(v) for v in k.shape[:nd]]):
            pos = tuple(i_idx[a] * s[a] + j_idx[a] * d[a] for a in range(nd))
            full[(slice(None),) + pos] += xi @ k[j_idx].T
    crops, lengths = [], []
    for a in range(nd):
        ke = k_eff[a]
        if padding == "valid":
            p = max(ke, s[a]) - ke if op is None else op[a]
            left, right = ke - 1, ke - 1 + p
        else:
            pad_len = s[a] + ke - 2 if op is None else ke + ke % 2 - 2 + op[a]
            left = min(pad_len // 2 + pad_len % 2, ke - 1)
            right = pad_len - left
        crops.append(ke - 1 - left)
        lengths.append((n[a] - 1) * s[a] + 1 + left + right - ke + 1)
    big = np.pad(full, [(0, 0)] + [(0, max(lengths[a] + crops[a] - full_sp[a], 0)) for a in range(nd)]
                 + [(0, 0)])
    return big[(slice(None),) + tuple(slice(crops[a], crops[a] + lengths[a]) for a in range(nd))]


def pool(x, pool_size, strides=None, padding="valid", kind="max"):
    nd = x.ndim - 2
    p = _tuple(pool_size, nd)
    s = _tuple(strides if strides is not None else pool_size, nd)
    pads = same_pads(x.shape[1:-1], p, s) if padding == "same" else [(0, 0)] * nd
    xp = np.pad(x.astype("float64"), [(0, 0)] + pads + [(0, 0)], constant_values=np.nan)
    out_sp = [(xp.shape[i + 1] - p[i]) // s[i] + 1 for i in range(nd)]
    out = np.zeros((x.shape[0], *out_sp, x.shape[-1]))
    reduce = np.nanmax if kind == "max" else np.nanmean
    for idx in itertools.product(*[range(o) for o in out_sp]):
        win = xp[(slice(None),) + tuple(slice(idx[i] * s[i], idx[i] * s[i] + p[i]) for i in range(nd))]
        out[(slice(None),) + idx] = reduce(win.reshape(x.shape[0], -1, x.shape[-1]), axis=1)
    return out


def to_channels_first(x):
    return np.moveaxis(x, -1, 1)


def to_channels_last(x):
    return np.moveaxis(x, 1, -1)
