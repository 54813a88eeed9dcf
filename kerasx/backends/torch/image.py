"""Image group of the torch backend (images (N, H, W, C) or (H, W, C) by default)."""

import torch
import torch.nn.functional as F

from kerasx.backends.torch._common import convert_to_tensor, to_float
from kerasx.backends.torch._image_sample import check_fill_mode, map_coordinates, sample  # noqa: F401
from kerasx.backends.torch._nn_conv import data_format_of, same_pads, tuple_arg

_t = convert_to_tensor
_RESIZE_MODES = {"bilinear": "bilinear", "nearest": "nearest-exact", "bicubic": "bicubic",
                 "area": "area", "lanczos3": "lanczos3", "lanczos5": "lanczos5"}


def _keys_cubic(x):
    # Keys cubic with a = -0.5 (TF/JAX); torch's own bicubic uses a = -0.75 (2.x).
    return torch.where(x < 1.0, ((1.5 * x - 2.5) * x) * x + 1.0,
                       torch.where(x < 2.0, ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0,
                                   torch.zeros_like(x)))


def _lanczos(a):
    def kernel(x):
        safe = torch.where(x == 0, torch.ones_like(x), x)
        y = a * torch.sin(torch.pi * safe) * torch.sin(torch.pi * safe / a) / (torch.pi * safe) ** 2
        return torch.where(x == 0, torch.ones_like(x), torch.where(x < a, y, torch.zeros_like(x)))
    return kernel


_KERNELS = {"bicubic": _keys_cubic, "lanczos3": _lanczos(3.0), "lanczos5": _lanczos(5.0)}


def _weights(n_in, n_out, kernel, antialias, device):
    """(n_out, n_in) resampling matrix with half-pixel centres (as jax.image.resize)."""
    inv_scale = n_in / n_out
    kscale = max(inv_scale, 1.0) if antialias else 1.0
    sample = (torch.arange(n_out, dtype=torch.float64, device=device) + 0.5) * inv_scale - 0.5
    dist = torch.abs(sample[:, None] - torch.arange(n_in, dtype=torch.float64, device=device)[None])
    w = kernel(dist / kscale)
    total = torch.sum(w, dim=1, keepdim=True)
    w = torch.where(torch.abs(total) > 1e-12, w / torch.where(total == 0, 1.0, total), 0.0)
    inside = (sample >= -0.5) & (sample <= n_in - 0.5)
    return torch.where(inside[:, None], w, 0.0)


def _kernel_resize(x, th, tw, interpolation, antialias):
    kernel = _KERNELS[interpolation]
    wh = _weights(x.shape[-2], th, kernel, antialias, x.device).to(x.dtype)
    ww = _weights(x.shape[-1], tw, kernel, antialias, x.device).to(x.dtype)
    return torch.einsum("oh,nchw,pw->ncop", wh, x, ww)


def _channel_axis(images, data_format, op):
    fmt = data_format_of(data_format, op)
    if images.ndim not in (3, 4):
        raise ValueError(f"ops.image.{op}: images must be rank 3 (H, W, C) or 4 (N, H, W, C), "
                         f"got shape {tuple(images.shape)}.")
    return -1 if fmt == "channels_last" else -3


def _float_work(x):
    x = to_float(x)
    return x.float() if x.dtype in (torch.float16, torch.bfloat16) else x


def rgb_to_grayscale(images, data_format=None):
    images = _t(images)
    axis = _channel_axis(images, data_format, "rgb_to_grayscale")
    w = torch.tensor([0.2989, 0.5870, 0.1140], dtype=_float_work(images).dtype,
                     device=images.device)
    shape = [1] * images.ndim
    shape[axis] = 3
    gray = torch.sum(_float_work(images) * w.reshape(shape), dim=axis, keepdim=True)
    if not images.is_floating_point():
        gray = torch.round(gray)
    return gray.to(images.dtype)


def _check_float(images, op):
    if not images.is_floating_point():
        raise ValueError(f"ops.image.{op}: images must be a float tensor, got dtype "
                         f"{images.dtype}. Cast it first, e.g. ops.cast(images, 'float32').")


def rgb_to_hsv(images, data_format=None):
    images = _t(images)
    _check_float(images, "rgb_to_hsv")
    axis = _channel_axis(images, data_format, "rgb_to_hsv")
    x = _float_work(images)
    r, g, b = torch.unbind(x, dim=axis)
    v = torch.maximum(torch.maximum(r, g), b)
    mn = torch.minimum(torch.minimum(r, g), b)
    rng = v - mn
    s = torch.where(v > 0, rng / torch.where(v > 0, v, torch.ones_like(v)), torch.zeros_like(v))
    safe = torch.where(rng > 0, rng, torch.ones_like(rng))
    h = torch.where(v == r, (g - b) / safe,
                    torch.where(v == g, 2.0 + (b - r) / safe, 4.0 + (r - g) / safe))
    h = torch.where(rng > 0, torch.remainder(h / 6.0, 1.0), torch.zeros_like(h))
    return torch.stack([h, s, v], dim=axis).to(images.dtype)


def hsv_to_rgb(images, data_format=None):
    images = _t(images)
    _check_float(images, "hsv_to_rgb")
    axis = _channel_axis(images, data_format, "hsv_to_rgb")
    h, s, v = torch.unbind(_float_work(images), dim=axis)

    def channel(n):
        k = torch.remainder(n + h * 6.0, 6.0)
        return v - v * s * torch.clamp(torch.minimum(k, 4.0 - k), 0.0, 1.0)

    return torch.stack([channel(5.0), channel(3.0), channel(1.0)], dim=axis).to(images.dtype)


def _to_nchw(images, fmt):
    return images.permute(0, 3, 1, 2) if fmt == "channels_last" else images


def _from_nchw(x, fmt):
    return x.permute(0, 2, 3, 1) if fmt == "channels_last" else x


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    images = _t(images)
    fmt = data_format_of(data_format, "resize")
    _channel_axis(images, fmt, "resize")
    if interpolation not in _RESIZE_MODES:
        raise ValueError(f"ops.image.resize: interpolation must be one of "
                         f"{tuple(_RESIZE_MODES)} on the torch backend, got {interpolation!r}.")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError("ops.image.resize: crop_to_aspect_ratio and pad_to_aspect_ratio cannot "
                         "both be True.")
    if len(size) != 2:
        raise ValueError(f"ops.image.resize: size must be (height, width), got {size!r}.")
    th, tw = int(size[0]), int(size[1])
    unbatched = images.ndim == 3
    x = _to_nchw(images.unsqueeze(0) if unbatched else images, fmt)
    h, w = x.shape[-2], x.shape[-1]
    if crop_to_aspect_ratio:
        ch = max(min(h, int(w * th / tw)), 1)
        cw = max(min(w, int(h * tw / th)), 1)
        hs, ws = int((h - ch) / 2), int((w - cw) / 2)
        x = x[:, :, hs:hs + ch, ws:ws + cw]
    elif pad_to_aspect_ratio:
        ph = max(h, int(w * th / tw))
        pw = max(w, int(h * tw / th))
        hs, ws = int((ph - h) / 2), int((pw - w) / 2)
        x = F.pad(x, (ws, pw - w - ws, hs, ph - h - hs), value=float(fill_value))
    work = _float_work(x)
    mode = _RESIZE_MODES[interpolation]
    if interpolation in _KERNELS:
        out = _kernel_resize(work, th, tw, interpolation, bool(antialias))
    else:
        kwargs = {"align_corners": False, "antialias": bool(antialias)} if mode == "bilinear" \
            else {}
        out = F.interpolate(work, size=(th, tw), mode=mode, **kwargs)
    if not images.is_floating_point():
        out = torch.round(out)
        if images.dtype == torch.uint8:
            out = torch.clamp(out, 0, 255)
    out = _from_nchw(out.to(images.dtype), fmt)
    return out[0] if unbatched else out


def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    images = _t(images)
    fmt = data_format_of(data_format, "affine_transform")
    _channel_axis(images, fmt, "affine_transform")
    check_fill_mode(fill_mode, "image.affine_transform")
    orders = {"nearest": 0, "bilinear": 1}
    if interpolation not in orders:
        raise ValueError(f"ops.image.affine_transform: interpolation must be 'nearest' or "
                         f"'bilinear', got {interpolation!r}.")
    unbatched = images.ndim == 3
    x = images.unsqueeze(0) if unbatched else images
    if fmt == "channels_first":
        x = x.permute(0, 2, 3, 1)
    n, h, w, c = x.shape
    work = _float_work(x)
    t = _t(transform).to(work.dtype)
    if t.ndim == 1:
        t = t.unsqueeze(0)
    if t.shape[-1] != 8:
        raise ValueError(f"ops.image.affine_transform: transform must have shape (8,) or (N, 8), "
                         f"got {tuple(t.shape)}.")
    t = torch.broadcast_to(t, (n, 8))
    ys, xs = torch.meshgrid(torch.arange(h, dtype=work.dtype, device=work.device),
                            torch.arange(w, dtype=work.dtype, device=work.device), indexing="ij")
    a = [t[:, i].reshape(n, 1, 1) for i in range(8)]
    k = a[6] * xs + a[7] * ys + 1.0
    x_in = (a[0] * xs + a[1] * ys + a[2]) / k
    y_in = (a[3] * xs + a[4] * ys + a[5]) / k
    batch = torch.arange(n, device=work.device).reshape(n, 1, 1)
    out = sample(work.reshape(n * h * w, c), (h, w), [y_in, x_in], orders[interpolation],
                 fill_mode, fill_value, lead_index=batch)
    if not images.is_floating_point():
        out = torch.round(out)
    out = out.to(images.dtype)
    if fmt == "channels_first":
        out = out.permute(0, 3, 1, 2)
    return out[0] if unbatched else out


def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid",
                    data_format=None):
    images = _t(images)
    fmt = data_format_of(data_format, "extract_patches")
    _channel_axis(images, fmt, "extract_patches")
    ks = tuple_arg(size, 2, "size", "image.extract_patches")
    st = ks if strides is None else tuple_arg(strides, 2, "strides", "image.extract_patches")
    dil = tuple_arg(dilation_rate, 2, "dilation_rate", "image.extract_patches")
    padding = str(padding).lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"ops.image.extract_patches: padding must be 'valid' or 'same', got "
                         f"{padding!r}.")
    unbatched = images.ndim == 3
    x = _to_nchw(images.unsqueeze(0) if unbatched else images, fmt)
    if padding == "same":
        (t0, b0), (l0, r0) = [same_pads(x.shape[2 + i], ks[i], st[i], dil[i]) for i in range(2)]
        x = F.pad(x, (l0, r0, t0, b0))
    n, c, h, w = x.shape
    work = x if x.is_floating_point() else x.double()
    cols = F.unfold(work, ks, dilation=dil, stride=st)  # (N, C*kh*kw, L)
    oh = (h - (ks[0] - 1) * dil[0] - 1) // st[0] + 1
    ow = (w - (ks[1] - 1) * dil[1] - 1) // st[1] + 1
    cols = cols.reshape(n, c, ks[0] * ks[1], oh, ow).permute(0, 3, 4, 2, 1)
    out = cols.reshape(n, oh, ow, ks[0] * ks[1] * c).to(images.dtype)
    if fmt == "channels_first":
        out = out.permute(0, 3, 1, 2)
    return out[0] if unbatched else out
