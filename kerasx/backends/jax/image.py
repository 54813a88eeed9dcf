"""Image ops for the JAX backend (jax.image, jax.scipy.ndimage)."""

import jax
import jax.numpy as jnp
import jax.scipy.ndimage as jnd

from kerasx.backends.jax._common import convert_to_tensor, to_float
from kerasx.backends.jax._nn_conv import _data_format, _same_pads, _tuple

_RESIZE_METHODS = {"bilinear": "linear", "nearest": "nearest", "bicubic": "cubic",
                   "lanczos3": "lanczos3", "lanczos5": "lanczos5"}
_FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def _to_last(images, data_format, op):
    data_format = _data_format(data_format, op)
    images = convert_to_tensor(images)
    if images.ndim not in (3, 4):
        raise ValueError(f"ops.{op}: images must be 3D (H, W, C) or 4D (N, H, W, C), got shape "
                         f"{tuple(images.shape)}.")
    if data_format == "channels_first":
        images = jnp.moveaxis(images, -3, -1)
    return images, data_format


def _from_last(images, data_format):
    return jnp.moveaxis(images, -1, -3) if data_format == "channels_first" else images


def rgb_to_grayscale(images, data_format=None):
    x, df = _to_last(images, data_format, "rgb_to_grayscale")
    x = to_float(x)
    w = jnp.asarray([0.2989, 0.5870, 0.1140], x.dtype)
    return _from_last(jnp.sum(x * w, axis=-1, keepdims=True), df)


def rgb_to_hsv(images, data_format=None):
    x, df = _to_last(images, data_format, "rgb_to_hsv")
    x = to_float(x)
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    v = jnp.max(x, axis=-1)
    delta = v - jnp.min(x, axis=-1)
    safe_v = jnp.where(v > 0, v, 1)
    s = jnp.where(v > 0, delta / safe_v, 0)
    safe_d = jnp.where(delta > 0, delta, 1)
    h = jnp.where(v == r, (g - b) / safe_d,
                  jnp.where(v == g, 2.0 + (b - r) / safe_d, 4.0 + (r - g) / safe_d))
    h = jnp.where(delta > 0, jnp.mod(h / 6.0, 1.0), 0)
    return _from_last(jnp.stack([h, s, v], axis=-1).astype(x.dtype), df)


def hsv_to_rgb(images, data_format=None):
    x, df = _to_last(images, data_format, "hsv_to_rgb")
    x = to_float(x)
    h, s, v = x[..., 0], x[..., 1], x[..., 2]
    dh = h * 6.0
    dr = jnp.clip(jnp.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = jnp.clip(2.0 - jnp.abs(dh - 2.0), 0.0, 1.0)
    db = jnp.clip(2.0 - jnp.abs(dh - 4.0), 0.0, 1.0)
    rgb = (jnp.stack([dr, dg, db], axis=-1) - 1.0) * s[..., None] + 1.0
    return _from_last((rgb * v[..., None]).astype(x.dtype), df)


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    if interpolation not in _RESIZE_METHODS:
        raise ValueError(f"ops.resize: interpolation must be one of "
                         f"{tuple(_RESIZE_METHODS)} on the JAX backend, got {interpolation!r}.")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError("ops.resize: crop_to_aspect_ratio and pad_to_aspect_ratio cannot both "
                         "be True.")
    if len(size) != 2:
        raise ValueError(f"ops.resize: size must be (height, width), got {size}.")
    x, df = _to_last(images, data_format, "resize")
    th, tw = int(size[0]), int(size[1])
    h, w = x.shape[-3], x.shape[-2]
    if crop_to_aspect_ratio:
        ch = max(min(h, int(float(w * th) / tw)), 1)
        cw = max(min(w, int(float(h * tw) / th)), 1)
        hs, ws = int(float(h - ch) / 2), int(float(w - cw) / 2)
        x = x[..., hs:hs + ch, ws:ws + cw, :]
    elif pad_to_aspect_ratio:
        if fill_mode != "constant":
            raise ValueError(f"ops.resize: fill_mode must be 'constant' with "
                             f"pad_to_aspect_ratio, got {fill_mode!r}.")
        ph = max(h, int(float(w * th) / tw))
        pw = max(w, int(float(h * tw) / th))
        hs, ws = int(float(ph - h) / 2), int(float(pw - w) / 2)
        pads = [(0, 0)] * (x.ndim - 3) + [(hs, ph - h - hs), (ws, pw - w - ws), (0, 0)]
        x = jnp.pad(x, pads, constant_values=jnp.asarray(fill_value, x.dtype))
    out_shape = x.shape[:-3] + (th, tw, x.shape[-1])
    dt = x.dtype
    xf = to_float(x)
    out = jax.image.resize(xf, out_shape, method=_RESIZE_METHODS[interpolation],
                           antialias=bool(antialias))
    if jnp.issubdtype(dt, jnp.integer):
        info = jnp.iinfo(dt)
        out = jnp.clip(jnp.round(out), info.min, info.max).astype(dt)
    return _from_last(out, df)


def _check_fill(fill_mode, op):
    if fill_mode not in _FILL_MODES:
        raise ValueError(f"ops.{op}: fill_mode must be one of {_FILL_MODES}, got {fill_mode!r}.")


def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"ops.affine_transform: interpolation must be 'nearest' or "
                         f"'bilinear', got {interpolation!r}.")
    _check_fill(fill_mode, "affine_transform")
    x, df = _to_last(images, data_format, "affine_transform")
    unbatched = x.ndim == 3
    if unbatched:
        x = x[None]
    dt = x.dtype
    x = to_float(x)
    t = convert_to_tensor(transform, x.dtype)
    if t.ndim == 1:
        t = t[None]
    if t.shape[-1] != 8:
        raise ValueError(f"ops.affine_transform: transform must have shape (8,) or (N, 8), "
                         f"got {tuple(t.shape)}.")
    t = jnp.broadcast_to(t, (x.shape[0], 8))
    h, w = x.shape[1], x.shape[2]
    yy, xx = jnp.meshgrid(jnp.arange(h, dtype=x.dtype), jnp.arange(w, dtype=x.dtype),
                          indexing="ij")
    order = 1 if interpolation == "bilinear" else 0

    def one(img, tr):
        k = tr[6] * xx + tr[7] * yy + 1.0
        xin = (tr[0] * xx + tr[1] * yy + tr[2]) / k
        yin = (tr[3] * xx + tr[4] * yy + tr[5]) / k

        def chan(c):
            return jnd.map_coordinates(c, [yin, xin], order=order, mode=fill_mode,
                                       cval=fill_value)
        return jax.vmap(chan, in_axes=-1, out_axes=-1)(img)

    out = jax.vmap(one)(x, t)
    if jnp.issubdtype(dt, jnp.integer):
        out = jnp.round(out).astype(dt)
    out = out[0] if unbatched else out
    return _from_last(out, df)


def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    if order not in (0, 1):
        raise ValueError(f"ops.map_coordinates: order must be 0 or 1, got {order!r}.")
    _check_fill(fill_mode, "map_coordinates")
    inputs = convert_to_tensor(inputs)
    coords = [to_float(c) for c in coordinates] if isinstance(coordinates, (list, tuple)) \
        else list(to_float(coordinates))
    if len(coords) != inputs.ndim:
        raise ValueError(f"ops.map_coordinates: coordinates must have one entry per input "
                         f"dimension ({inputs.ndim}), got {len(coords)}.")
    return jnd.map_coordinates(inputs, coords, order=order, mode=fill_mode, cval=fill_value)


def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid",
                    data_format=None):
    x, df = _to_last(images, data_format, "extract_patches")
    unbatched = x.ndim == 3
    if unbatched:
        x = x[None]
    size = _tuple(size, 2, "size", "extract_patches")
    strides = size if strides is None else _tuple(strides, 2, "strides", "extract_patches")
    dil = _tuple(dilation_rate, 2, "dilation_rate", "extract_patches")
    padding = str(padding).lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"ops.extract_patches: padding must be 'valid' or 'same', got "
                         f"{padding!r}.")
    pads = _same_pads(x.shape[1:3], size, strides, dil) if padding == "same" else [(0, 0)] * 2
    c = x.shape[-1]
    p = jax.lax.conv_general_dilated_patches(
        x, size, strides, pads, rhs_dilation=dil, dimension_numbers=("NHWC", "HWIO", "NHWC"))
    # Features come out channel-major (C, kh, kw); Keras orders them (kh, kw, C).
    p = p.reshape(p.shape[:3] + (c, size[0] * size[1]))
    p = jnp.swapaxes(p, -1, -2).reshape(p.shape[:3] + (size[0] * size[1] * c,))
    p = p[0] if unbatched else p
    return _from_last(p, df)
