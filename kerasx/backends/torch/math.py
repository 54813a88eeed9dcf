"""Math group of the torch backend: segments, top-k, FFTs and special functions."""

import torch

from kerasx.backends.torch._common import canon_axis, convert_to_tensor, float_pair, to_float

_t = convert_to_tensor


def _segment(data, segment_ids, num_segments, reduce):
    data = _t(data)
    ids = _t(segment_ids).long().to(data.device)
    if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
        raise ValueError(f"ops.segment_{reduce}: segment_ids must be 1-D with one id per row of "
                         f"data (length {data.shape[0]}), got shape {tuple(ids.shape)}.")
    n = (int(ids.max()) + 1 if ids.numel() else 0) if num_segments is None else int(num_segments)
    out_shape = (n,) + tuple(data.shape[1:])
    valid = (ids >= 0) & (ids < n)
    ids, data = ids[valid], data[valid]
    if reduce == "sum":
        out = torch.zeros(out_shape, dtype=data.dtype, device=data.device)
        return out.index_add_(0, ids, data)
    if data.is_floating_point():
        init = float("-inf")
    elif data.dtype == torch.bool:
        init = False
    else:
        init = torch.iinfo(data.dtype).min
    out = torch.full(out_shape, init, dtype=data.dtype, device=data.device)
    index = ids.reshape((-1,) + (1,) * (data.ndim - 1)).expand(data.shape)
    return out.scatter_reduce_(0, index, data, reduce="amax", include_self=True)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, "sum")


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    return _segment(data, segment_ids, num_segments, "max")


def top_k(x, k, sorted=True):
    x = _t(x)
    values, indices = torch.topk(x, int(k), dim=-1, largest=True, sorted=True)
    return values, indices.to(torch.int32)


def in_top_k(targets, predictions, k):
    predictions = _t(predictions)
    targets = _t(targets).long().to(predictions.device)
    target_scores = torch.gather(predictions, 1, targets.unsqueeze(1))
    higher = torch.sum((predictions > target_scores).to(torch.int32), dim=1)
    finite = torch.isfinite(target_scores.squeeze(1)) if predictions.is_floating_point() else True
    return (higher < int(k)) & finite


def logsumexp(x, axis=None, keepdims=False):
    x = to_float(x)
    if axis is None:
        out = torch.logsumexp(x.reshape(-1), dim=0)
        return out.reshape((1,) * x.ndim) if keepdims else out
    dims = canon_axis(axis, x.ndim)
    dims = dims if isinstance(dims, tuple) else (dims,)
    return torch.logsumexp(x, dim=dims, keepdim=keepdims)


def extract_sequences(x, sequence_length, sequence_stride):
    x = _t(x)
    return x.unfold(-1, int(sequence_length), int(sequence_stride))


def _complex(x, op):
    if not isinstance(x, (list, tuple)) or len(x) != 2:
        raise ValueError(f"ops.{op}: x must be a tuple (real, imag) of two tensors, got "
                         f"{type(x).__name__}.")
    real, imag = float_pair(x[0], x[1])
    if real.shape != imag.shape:
        raise ValueError(f"ops.{op}: real and imag must have the same shape, got "
                         f"{tuple(real.shape)} and {tuple(imag.shape)}.")
    if real.dtype in (torch.float16, torch.bfloat16):
        real, imag = real.float(), imag.float()
    return torch.complex(real, imag), real.dtype


def _split(z, dtype):
    return z.real.to(dtype), z.imag.to(dtype)


def fft(x):
    z, dt = _complex(x, "fft")
    return _split(torch.fft.fft(z, dim=-1), dt)


def fft2(x):
    z, dt = _complex(x, "fft2")
    return _split(torch.fft.fft2(z, dim=(-2, -1)), dt)


def ifft2(x):
    z, dt = _complex(x, "ifft2")
    return _split(torch.fft.ifft2(z, dim=(-2, -1)), dt)


def rfft(x, fft_length=None):
    x = to_float(x)
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    n = None if fft_length is None else int(fft_length)
    return _split(torch.fft.rfft(work, n=n, dim=-1), x.dtype)


def irfft(x, fft_length=None):
    z, dt = _complex(x, "irfft")
    n = None if fft_length is None else int(fft_length)
    return torch.fft.irfft(z, n=n, dim=-1).to(dt)


def rsqrt(x):
    return torch.rsqrt(to_float(x))


def erf(x):
    return torch.erf(to_float(x))


def erfinv(x):
    return torch.erfinv(to_float(x))


def logdet(x):
    x = to_float(x)
    if x.dtype in (torch.float16, torch.bfloat16):  # no low-precision linalg kernels (2.x)
        return torch.logdet(x.float()).to(x.dtype)
    return torch.logdet(x)
