"""Coordinate sampling (nearest/linear with fill modes) shared by the torch image ops."""

import itertools

import torch

from kerasx.backends.torch._common import convert_to_tensor, to_float

FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def check_fill_mode(fill_mode, op):
    if fill_mode not in FILL_MODES:
        raise ValueError(f"ops.{op}: fill_mode must be one of {FILL_MODES}, got {fill_mode!r}.")


def fix_index(idx, n, mode):
    """Maps integer indices into [0, n) by the fill mode; returns (index, in_bounds)."""
    valid = (idx >= 0) & (idx < n)
    if mode == "constant":
        return torch.clamp(idx, 0, n - 1), valid
    if mode == "nearest":
        return torch.clamp(idx, 0, n - 1), None
    if mode == "wrap":
        return torch.remainder(idx, n), None
    if mode == "mirror":  # reflect about the edge pixel centres: d c b | a b c d | c b a
        if n == 1:
            return torch.zeros_like(idx), None
        period = 2 * (n - 1)
        m = torch.remainder(idx, period)
        return torch.where(m < n, m, period - m), None
    # reflect about the edge: c b a | a b c d | d c b
    period = 2 * n
    m = torch.remainder(idx, period)
    return torch.where(m < n, m, period - 1 - m), None


def sample(flat_values, sizes, coords, order, fill_mode, fill_value, lead_index=None):
    """Samples ``flat_values`` (prod(sizes)[*lead], C?) at float ``coords`` (one per size).

    ``flat_values`` rows are indexed by the row-major flat index over ``sizes`` (plus an
    optional ``lead_index`` * prod(sizes) offset, used for the batch of images).
    """
    if order == 0:
        corners = [[(torch.floor(c + 0.5).long(), None)] for c in coords]
    elif order == 1:
        corners = []
        for c in coords:
            lo = torch.floor(c)
            w = c - lo
            lo = lo.long()
            corners.append([(lo, 1.0 - w), (lo + 1, w)])
    else:
        raise ValueError(f"ops.map_coordinates: order must be 0 or 1, got {order!r}.")
    total = None
    numel = 1
    for n in sizes:
        numel *= n
    for combo in itertools.product(*corners):
        flat = None
        weight = None
        valid = None
        for (idx, w), n in zip(combo, sizes):
            fixed, ok = fix_index(idx, n, fill_mode)
            flat = fixed if flat is None else flat * n + fixed
            if w is not None:
                weight = w if weight is None else weight * w
            if ok is not None:
                valid = ok if valid is None else valid & ok
        if lead_index is not None:
            flat = flat + lead_index * numel
        vals = flat_values[flat]
        if valid is not None:
            v = valid.reshape(valid.shape + (1,) * (vals.ndim - valid.ndim))
            vals = torch.where(v, vals, torch.as_tensor(fill_value, dtype=vals.dtype,
                                                        device=vals.device))
        if weight is not None:
            vals = vals * weight.reshape(weight.shape + (1,) * (vals.ndim - weight.ndim)).to(
                vals.dtype)
        total = vals if total is None else total + vals
    return total


def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    check_fill_mode(fill_mode, "map_coordinates")
    x = convert_to_tensor(inputs)
    coords = convert_to_tensor(coordinates)
    if coords.shape[0] != x.ndim:
        raise ValueError(f"ops.map_coordinates: coordinates must have {x.ndim} entries along "
                         f"axis 0 (one per input dim), got shape {tuple(coords.shape)}.")
    work = to_float(x)
    if work.dtype in (torch.float16, torch.bfloat16):
        work = work.float()
    coords = coords.to(work.dtype)
    out = sample(work.reshape(-1), tuple(x.shape), [coords[i] for i in range(x.ndim)],
                 int(order), fill_mode, fill_value)
    if not x.is_floating_point():
        out = torch.round(out)
    return out.to(x.dtype)
