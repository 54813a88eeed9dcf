"""Scaled dot-product attention of the torch backend (Keras layout (B, T, N, H)).

The common case runs torch's fused ``F.scaled_dot_product_attention`` on (B, N, T, H)
views; only ``attn_logits_soft_cap`` (a tanh between the product and the softmax, which the
fused kernel cannot express) takes the explicit einsum path.
"""

import math

import torch
import torch.nn.functional as F

from kerasx.backends.torch._common import convert_to_tensor, result_dtype


def _heads_first(x, work):
    x = x if x.dtype == work else x.to(work)
    return x.transpose(1, 2)


def _fused(q, k, v, bias, keep, scale, is_causal, work):
    """``F.scaled_dot_product_attention`` with the mask/bias folded into one float mask.

    Masked logits are pushed to ``finfo.min`` (not ``-inf``): a query whose keys are all
    masked then gets uniform weights, like the explicit path, instead of NaN.
    """
    attn = None
    if bias is not None:
        attn = convert_to_tensor(bias).to(work)
    if keep is not None and is_causal:
        t, s = q.shape[1], k.shape[1]
        keep = keep & torch.ones((t, s), dtype=torch.bool, device=q.device).tril()
        is_causal = False
    if keep is not None:
        low = torch.finfo(work).min
        if attn is None:
            attn = torch.zeros(keep.shape, dtype=work, device=q.device).masked_fill_(~keep, low)
        else:
            attn = attn.masked_fill(~keep, low)
    if attn is not None and is_causal:
        t, s = q.shape[1], k.shape[1]
        causal = torch.ones((t, s), dtype=torch.bool, device=q.device).tril()
        attn = attn.masked_fill(~causal, torch.finfo(work).min)
        is_causal = False
    out = F.scaled_dot_product_attention(_heads_first(q, work), _heads_first(k, work),
                                         _heads_first(v, work), attn_mask=attn,
                                         is_causal=is_causal, scale=scale)
    return out.transpose(1, 2)


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    q = convert_to_tensor(query)
    k = convert_to_tensor(key)
    v = convert_to_tensor(value)
    dt = q.dtype if q.dtype == k.dtype == v.dtype else result_dtype(q, k, v)
    if not dt.is_floating_point:
        dt = torch.float32
    if q.ndim != 4 or k.ndim != 4 or v.ndim != 4:
        raise ValueError(f"ops.dot_product_attention: query, key and value must be rank 4 "
                         f"(batch, length, heads, head_dim); got shapes {tuple(q.shape)}, "
                         f"{tuple(k.shape)}, {tuple(v.shape)}.")
    n, kn = q.shape[2], k.shape[2]
    if kn != n:
        if n % kn:
            raise ValueError(f"ops.dot_product_attention: query has {n} heads and key has {kn}; "
                             "the key heads must divide the query heads.")
        k = torch.repeat_interleave(k, n // kn, dim=2)
        v = torch.repeat_interleave(v, n // kn, dim=2)
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else float(scale)
    work = torch.float32 if dt in (torch.float16, torch.bfloat16) else dt
    keep = None if mask is None else convert_to_tensor(mask).to(torch.bool)
    if attn_logits_soft_cap is None:
        out = _fused(q, k, v, bias, keep, scale, is_causal, work)
        return out if out.dtype == dt else out.to(dt)
    logits = torch.einsum("btnh,bsnh->bnts", q.to(work), k.to(work)) * scale
    cap = float(attn_logits_soft_cap)
    logits = torch.tanh(logits / cap) * cap
    if bias is not None:
        logits = logits + convert_to_tensor(bias).to(work)
    if is_causal:
        t, s = logits.shape[-2], logits.shape[-1]
        causal = torch.ones((t, s), dtype=torch.bool, device=logits.device).tril()
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = torch.where(keep, logits, torch.finfo(work).min)
    probs = torch.softmax(logits, dim=-1)
    out = torch.einsum("bnts,bsnh->btnh", probs, v.to(work))
    return out.to(dt)
