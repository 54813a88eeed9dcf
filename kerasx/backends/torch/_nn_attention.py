"""Scaled dot-product attention of the torch backend (Keras layout (B, T, N, H))."""

import math

import torch

from kerasx.backends.torch._common import convert_to_tensor, result_dtype


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    dt = result_dtype(query, key, value)
    if not dt.is_floating_point:
        dt = torch.float32
    q = convert_to_tensor(query).to(dt)
    k = convert_to_tensor(key).to(dt)
    v = convert_to_tensor(value).to(dt)
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
    logits = torch.einsum("btnh,bsnh->bnts", q.to(work), k.to(work)) * scale
    if attn_logits_soft_cap is not None:
        cap = float(attn_logits_soft_cap)
        logits = torch.tanh(logits / cap) * cap
    if bias is not None:
        logits = logits + convert_to_tensor(bias).to(work)
    keep = None
    if mask is not None:
        keep = convert_to_tensor(mask).to(torch.bool)
    if is_causal:
        t, s = logits.shape[-2], logits.shape[-1]
        causal = torch.ones((t, s), dtype=torch.bool, device=logits.device).tril()
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = torch.where(keep, logits, torch.finfo(work).min)
    probs = torch.softmax(logits, dim=-1)
    out = torch.einsum("bnts,bsnh->btnh", probs, v.to(work))
    return out.to(dt)
