"""TensorFlow backend: image ops."""

import itertools

import tensorflow as tf

from kerasx import config
from kerasx.backends.tensorflow._common import TO_TF, convert, to_float

_RESIZE = {"bilinear": "bilinear", "nearest": "nearest", "bicubic": "bicubic", "area": "area",
           "lanczos3": "lanczos3", "lanczos5": "lanczos5", "gaussian": "gaussian",
           "mitchellcubic": "mitchellcubic"}
_FILL = ("constant", "nearest", "wrap", "mirror", "reflect")


def _fmt(data_format, op):
    fmt = config.image_data_format() if data_format is None else data_format
    if fmt not in ("channels_last", "channels_first"):
        raise ValueError(f"ops.image.{op}: data_format must be 'channels_last' or "
                         f"'channels_first', got {data_format!r}.")
    return fmt


def _to_last(x, fmt, op):
    nd = len(x.shape)
    if nd not in (3, 4):
        raise ValueError(f"ops.image.{op}: images must be 3-D (H, W, C) or 4-D (N, H, W, C), "
                         f"got shape {tuple(x.shape)}.")
    if fmt == "channels_first":
        return tf.transpose(x, [1, 2, 0] if nd == 3 else [0, 2, 3, 1])
    return x


def _from_last(x, fmt):
    if fmt == "channels_first":
        return tf.transpose(x, [2, 0, 1] if len(x.shape) == 3 else [0, 3, 1, 2])
    return x


def rgb_to_grayscale(images, data_format=None):
    fmt = _fmt(data_format, "rgb_to_grayscale")
    x = convert(images)
    x = _to_last(x, fmt, "rgb_to_grayscale")
    f = to_float(x)
    w = tf.constant([0.2989, 0.5870, 0.1140], f.dtype)
    g = tf.reduce_sum(f * w, axis=-1, keepdims=True)
    if not x.dtype.is_floating:
        g = tf.cast(tf.round(g) if x.dtype.is_integer else g, x.dtype)
    return _from_last(g, fmt)


def _hsv(images, data_format, op, fn):
    fmt = _fmt(data_format, op)
    x = convert(images)
    if not x.dtype.is_floating:
        raise ValueError(f"ops.image.{op}: images must be a float tensor, got dtype "
                         f"{x.dtype.name}.")
    x = _to_last(x, fmt, op)
    comp = tf.float32 if x.dtype.size < 4 else x.dtype
    return _from_last(tf.cast(fn(tf.cast(x, comp)), x.dtype), fmt)


def rgb_to_hsv(images, data_format=None):
    return _hsv(images, data_format, "rgb_to_hsv", tf.image.rgb_to_hsv)


def hsv_to_rgb(images, data_format=None):
    return _hsv(images, data_format, "hsv_to_rgb", tf.image.hsv_to_rgb)


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    fmt = _fmt(data_format, "resize")
    if interpolation not in _RESIZE:
        raise ValueError(f"ops.image.resize: interpolation must be one of {tuple(_RESIZE)}, got "
                         f"{interpolation!r}.")
    if len(size) != 2:
        raise ValueError(f"ops.image.resize: size must be (height, width), got {size!r}.")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError("ops.image.resize: crop_to_aspect_ratio and pad_to_aspect_ratio "
                         "cannot both be True.")
    x = convert(images)
    x = _to_last(x, fmt, "resize")
    th, tw = int(size[0]), int(size[1])
    h, w = x.shape[-3], x.shape[-2]
    if crop_to_aspect_ratio and h and w:
        ch = min(h, int(w * th / tw))
        cw = min(w, int(h * tw / th))
        oh, ow = (h - ch) // 2, (w - cw) // 2
        x = x[..., oh:oh + ch, ow:ow + cw, :]
    elif pad_to_aspect_ratio and h and w:
        ph = max(h, int(w * th / tw))
        pw = max(w, int(h * tw / th))
        top, left = (ph - h) // 2, (pw - w) // 2
        pads = [[top, ph - h - top], [left, pw - w - left], [0, 0]]
        if len(x.shape) == 4:
            pads = [[0, 0]] + pads
        x = tf.pad(x, pads, constant_values=tf.cast(fill_value, x.dtype))
    out = tf.image.resize(x, (th, tw), method=_RESIZE[interpolation], antialias=antialias)
    if x.dtype.is_floating:
        out = tf.cast(out, x.dtype)
    elif interpolation == "nearest":
        out = tf.cast(out, x.dtype)
    else:
        out = tf.cast(out, TO_TF[config.floatx()])
    return _from_last(out, fmt)


def _round_away(v):
    # Halves round away from zero (as jax.scipy.ndimage does), not to even like tf.round.
    return tf.sign(v) * tf.floor(tf.abs(v) + 0.5)


def _fix_index(idx, size, mode):
    if mode == "nearest":
        return tf.clip_by_value(idx, 0, size - 1)
    if mode == "wrap":
        return tf.math.floormod(idx, size)
    if mode == "mirror":
        s = tf.maximum(size - 1, 1)
        r = tf.abs(tf.math.floormod(idx + s, 2 * s) - s)
        return tf.where(size > 1, r, tf.zeros_like(idx))
    if mode == "reflect":
        r = tf.math.floormod(idx, 2 * size)
        return tf.where(r < size, r, 2 * size - 1 - r)
    return idx


def _sample(inputs, coords, order, fill_mode, fill_value):
    """Samples ``inputs`` (N-D) at float ``coords`` (list of N tensors of one shape)."""
    shape = tf.shape(inputs, out_type=tf.int64)
    if order == 0:
        corners = [[(tf.cast(_round_away(c), tf.int64), None)] for c in coords]
    else:
        corners = []
        for c in coords:
            lo = tf.floor(c)
            w_hi = c - lo
            lo = tf.cast(lo, tf.int64)
            corners.append([(lo, 1.0 - w_hi), (lo + 1, w_hi)])
    fill = tf.cast(fill_value, inputs.dtype)
    total = None
    for combo in itertools.product(*corners):
        idxs = []
        valid = None
        weight = None
        for axis, (ix, w) in enumerate(combo):
            size = shape[axis]
            if fill_mode == "constant":
                ok = (ix >= 0) & (ix < size)
                valid = ok if valid is None else valid & ok
                ix = tf.clip_by_value(ix, 0, size - 1)
            else:
                ix = _fix_index(ix, size, fill_mode)
            idxs.append(ix)
            if w is not None:
                weight = w if weight is None else weight * w
        val = tf.gather_nd(inputs, tf.stack(idxs, axis=-1))
        if valid is not None:
            val = tf.where(valid, val, fill)
        contrib = val if weight is None else val * tf.cast(weight, val.dtype)
        total = contrib if total is None else total + contrib
    return total


def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    if order not in (0, 1):
        raise ValueError(f"ops.image.map_coordinates: order must be 0 or 1, got {order!r}.")
    if fill_mode not in _FILL:
        raise ValueError(f"ops.image.map_coordinates: fill_mode must be one of {_FILL}, got "
                         f"{fill_mode!r}.")
    x = convert(inputs)
    coords = to_float(coordinates)
    if coords.shape[0] != len(x.shape):
        raise ValueError("ops.image.map_coordinates: coordinates.shape[0] must equal "
                         f"inputs.ndim ({len(x.shape)}), got {coords.shape[0]}.")
    comp = x.dtype if x.dtype.is_floating else tf.float32
    out = _sample(tf.cast(x, comp), [coords[i] for i in range(coords.shape[0])], order,
                  fill_mode, fill_value)
    if not x.dtype.is_floating:
        out = tf.cast(_round_away(out) if order else out, x.dtype)
    return out


def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    fmt = _fmt(data_format, "affine_transform")
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError("ops.image.affine_transform: interpolation must be 'nearest' or "
                         f"'bilinear', got {interpolation!r}.")
    if fill_mode not in _FILL:
        raise ValueError(f"ops.image.affine_transform: fill_mode must be one of {_FILL}, got "
                         f"{fill_mode!r}.")
    x = _to_last(convert(images), fmt, "affine_transform")
    single = len(x.shape) == 3
    if single:
        x = x[None]
    t = to_float(transform)
    if len(t.shape) == 1:
        t = t[None]
    comp = x.dtype if x.dtype.is_floating else tf.float32
    xf = tf.cast(x, comp)
    t = tf.cast(t, comp)
    n, h, w, c = tf.unstack(tf.shape(xf))
    ys, xs = tf.meshgrid(tf.range(h), tf.range(w), indexing="ij")
    xs = tf.cast(xs, comp)[None]
    ys = tf.cast(ys, comp)[None]
    a0, a1, a2, b0, b1, b2, c0, c1 = [t[:, i][:, None, None] for i in range(8)]
    k = c0 * xs + c1 * ys + 1.0
    src_x = (a0 * xs + a1 * ys + a2) / k
    src_y = (b0 * xs + b1 * ys + b2) / k
    src_x = tf.broadcast_to(src_x, tf.stack([n, h, w]))
    src_y = tf.broadcast_to(src_y, tf.stack([n, h, w]))
    # sample every channel: coordinates (batch, row, col, channel)
    bidx = tf.cast(tf.broadcast_to(tf.range(n)[:, None, None, None], tf.stack([n, h, w, c])), comp)
    cidx = tf.cast(tf.broadcast_to(tf.range(c)[None, None, None, :], tf.stack([n, h, w, c])), comp)
    sy = tf.broadcast_to(src_y[..., None], tf.stack([n, h, w, c]))
    sx = tf.broadcast_to(src_x[..., None], tf.stack([n, h, w, c]))
    order = 0 if interpolation == "nearest" else 1
    out = _sample_img(xf, bidx, sy, sx, cidx, order, fill_mode, fill_value)
    if not x.dtype.is_floating:
        out = tf.cast(_round_away(out), x.dtype)
    if single:
        out = out[0]
    return _from_last(out, fmt)


def _sample_img(xf, bidx, sy, sx, cidx, order, fill_mode, fill_value):
    # Batch and channel coordinates are exact integers; only rows/cols interpolate.
    shape = tf.shape(xf, out_type=tf.int64)
    b = tf.cast(bidx, tf.int64)
    ch = tf.cast(cidx, tf.int64)
    if order == 0:
        rows = [(tf.cast(_round_away(sy), tf.int64), None)]
        cols = [(tf.cast(_round_away(sx), tf.int64), None)]
    else:
        y0, x0 = tf.floor(sy), tf.floor(sx)
        wy, wx = sy - y0, sx - x0
        y0, x0 = tf.cast(y0, tf.int64), tf.cast(x0, tf.int64)
        rows = [(y0, 1.0 - wy), (y0 + 1, wy)]
        cols = [(x0, 1.0 - wx), (x0 + 1, wx)]
    fill = tf.cast(fill_value, xf.dtype)
    total = None
    for ry, wyv in rows:
        for cx, wxv in cols:
            if fill_mode == "constant":
                ok = (ry >= 0) & (ry < shape[1]) & (cx >= 0) & (cx < shape[2])
                iy = tf.clip_by_value(ry, 0, shape[1] - 1)
                ix = tf.clip_by_value(cx, 0, shape[2] - 1)
            else:
                ok = None
                iy = _fix_index(ry, shape[1], fill_mode)
                ix = _fix_index(cx, shape[2], fill_mode)
            val = tf.gather_nd(xf, tf.stack([b, iy, ix, ch], -1))
            if ok is not None:
                val = tf.where(ok, val, fill)
            if wyv is not None:
                val = val * wyv * wxv
            total = val if total is None else total + val
    return total


def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid",
                    data_format=None):
    fmt = _fmt(data_format, "extract_patches")
    if isinstance(size, int):
        size = (size, size)
    strides = size if strides is None else ((strides, strides) if isinstance(strides, int)
                                             else tuple(strides))
    rates = (dilation_rate, dilation_rate) if isinstance(dilation_rate, int) else dilation_rate
    if str(padding).lower() not in ("valid", "same"):
        raise ValueError(f"ops.image.extract_patches: padding must be 'valid' or 'same', got "
                         f"{padding!r}.")
    x = _to_last(convert(images), fmt, "extract_patches")
    single = len(x.shape) == 3
    if single:
        x = x[None]
    out = tf.image.extract_patches(x, sizes=[1, size[0], size[1], 1],
                                   strides=[1, strides[0], strides[1], 1],
                                   rates=[1, rates[0], rates[1], 1], padding=padding.upper())
    if single:
        out = out[0]
    return _from_last(out, fmt)


from kerasx.backends.tensorflow._common import wrap_errors  # noqa: E402

wrap_errors(globals(), "image")
