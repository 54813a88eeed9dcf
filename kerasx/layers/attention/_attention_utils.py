"""Helpers shared by the attention layers: einsum equations, masks, sub-layer kwargs."""

import string

from kerasx import activations, initializers, ops
from kerasx.core.masking import keras_mask_of
from kerasx.layers import _kernel_bias
from kerasx.layers.core.dense import fused_dense
from kerasx.layers.layer import KNOWN_TENSOR_TYPES, dtype_name

_LETTERS = string.ascii_lowercase


def proj_equation(free_dims, bound_dims, output_dims):
    """Einsum equation of a projection: ``free + bound`` input letters, ``bound + out`` kernel.

    Returns ``(equation, bias_axes, output_rank)``; e.g. ``(2, 1, 2)`` gives
    ``("abc,cde->abde", "de", 4)``.
    """
    free = _LETTERS[:free_dims]
    bound = _LETTERS[free_dims:free_dims + bound_dims]
    out = _LETTERS[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    equation = f"{free}{bound},{bound}{out}->{free}{out}"
    return equation, out, free_dims + output_dims


def partial_output_shape(output_rank, known_last_dims):
    """``EinsumDense`` output shape without the batch axis: unknown leading sizes, then known."""
    known = list(known_last_dims)
    return tuple([None] * (output_rank - len(known)) + known)


def attention_equations(rank, attn_axes):
    """Einsum equations of multi-axis dot-product attention over projected tensors.

    ``rank`` is the rank of the projected query/key (``[B, <dims>, N, H]``); ``attn_axes``
    the attended axes. Returns ``(dot_equation, combine_equation, scores_rank)``: the dot
    equation maps ``(key, query)`` to scores laid out as ``[batch dims (incl. heads),
    query attended dims, key attended dims]``; the combine equation maps
    ``(scores, value)`` to the output laid out as the query.
    """
    target = _LETTERS[:rank]
    batch_dims = [i for i in range(rank) if i not in attn_axes and i != rank - 1]
    source = list(target)
    nxt = rank
    for axis in attn_axes:
        source[axis] = _LETTERS[nxt]
        nxt += 1
    source = "".join(source)
    product = ("".join(target[i] for i in batch_dims) + "".join(target[i] for i in attn_axes)
               + "".join(source[i] for i in attn_axes))
    dot_equation = f"{source},{target}->{product}"
    combine_equation = f"{product},{source}->{target}"
    return dot_equation, combine_equation, len(product)


def causal_mask(q_len, v_len):
    """Boolean ``(1, q_len, v_len)`` mask, True where the key index <= the query index."""
    rows = ops.expand_dims(ops.arange(q_len, dtype="int32"), -1)
    cols = ops.expand_dims(ops.arange(v_len, dtype="int32"), 0)
    return ops.expand_dims(ops.greater_equal(rows, cols), 0)


def sliding_window_mask(q_len, v_len, window):
    """Boolean ``(1, q_len, v_len)`` band: True where ``|i - j| <= window - 1``."""
    rows = ops.expand_dims(ops.arange(q_len, dtype="int32"), -1)
    cols = ops.expand_dims(ops.arange(v_len, dtype="int32"), 0)
    return ops.expand_dims(ops.less_equal(ops.abs(rows - cols), window - 1), 0)


def combine_masks(query, value, query_mask, value_mask, key_mask, attention_mask,
                  use_causal_mask, sliding_window=None):
    """Boolean attention mask ``[B, T, S]`` (or None) from all the mask sources.

    Query masks broadcast over keys, value/key masks over queries; the causal and
    sliding-window masks use the query and value lengths (axis 1).
    """
    if (query_mask is None and value_mask is None and key_mask is None
            and attention_mask is None and not use_causal_mask and sliding_window is None):
        return None
    auto = None

    def both(a, b):
        return b if a is None else ops.logical_and(a, b)

    if query_mask is not None:
        auto = ops.expand_dims(ops.cast(query_mask, "bool"), -1)
    if value_mask is not None:
        auto = both(auto, ops.expand_dims(ops.cast(value_mask, "bool"), -2))
    if key_mask is not None:
        auto = both(auto, ops.expand_dims(ops.cast(key_mask, "bool"), -2))
    q_len = ops.shape(query)[1]
    v_len = ops.shape(value)[1]
    if use_causal_mask:
        auto = both(auto, causal_mask(q_len, v_len))
    if sliding_window is not None:
        auto = both(auto, sliding_window_mask(q_len, v_len, sliding_window))
    if attention_mask is not None:
        attention_mask = ops.cast(attention_mask, "bool")
    if auto is not None:
        attention_mask = auto if attention_mask is None else ops.logical_and(attention_mask, auto)
    return attention_mask


def large_negative(dtype):
    """The logit offset of a masked key: large, yet finite in ``dtype`` (as in ``Softmax``)."""
    return -3e4 if dtype == "float16" else -1e9


def fused_attention(query, key, value, mask, scale, is_causal=False):
    """Attention of projected ``(B, T, N, H)`` tensors through ``ops.dot_product_attention``.

    Gives the general path's result (einsum scores, masked ``Softmax``, einsum): a masked
    key gets the ``Softmax`` layer's large negative logit offset, and a query whose keys are
    all masked gets zero output. ``mask`` is a boolean ``(B or 1, T, S)`` (True = attend) or
    None; ``is_causal`` applies the causal mask itself (then ``mask`` should be None).
    """
    if mask is None:
        return ops.dot_product_attention(query, key, value, scale=scale, is_causal=is_causal)
    dtype = ops.dtype(query)
    keep = ops.cast(mask, dtype)
    bias = ops.expand_dims((1.0 - keep) * large_negative(dtype), 1)
    out = ops.dot_product_attention(query, key, value, bias=bias, scale=scale,
                                    is_causal=is_causal)
    rows = ops.cast(ops.any(mask, axis=-1), dtype)
    return out * ops.expand_dims(ops.expand_dims(rows, -1), -1)


# keras_mask(x): the mask attached to ``x`` by a masking layer (``_keras_mask``), or None.
keras_mask = keras_mask_of


def check_positive_int(layer, arg, value, allow_none=False):
    """Returns ``value`` as an int, or raises a ValueError naming ``layer`` and ``arg``."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        try:
            ok = not isinstance(value, bool) and int(value) == value and int(value) > 0
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError(f"{type(layer).__name__} {layer.name!r}: {arg} must be a positive "
                             f"integer, got {arg}={value!r}.")
    return int(value)


def check_rate(layer, value):
    """Validates a dropout rate in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: dropout must be a float in "
                         f"[0, 1), got dropout={value!r}.")
    return float(value)


def check_flash(layer, flash_attention, dropout, return_attention_scores=False):
    """Rejects the combinations Keras rejects with ``flash_attention=True``."""
    if not flash_attention:
        return
    name = f"{type(layer).__name__} {layer.name!r}"
    if dropout > 0:
        raise ValueError(f"{name}: flash_attention=True cannot be combined with "
                         f"dropout={dropout}; set dropout=0.0 or flash_attention=None.")
    if return_attention_scores:
        raise ValueError(f"{name}: return_attention_scores=True is not supported with "
                         "flash_attention=True; set flash_attention=None.")


def sublayer_kwargs(layer):
    """Keyword arguments shared by a layer's projection sub-layers (fresh initializers)."""
    return dict(
        kernel_initializer=initializers.get(initializers.serialize(layer.kernel_initializer)),
        bias_initializer=initializers.get(initializers.serialize(layer.bias_initializer)),
        kernel_regularizer=layer.kernel_regularizer,
        bias_regularizer=layer.bias_regularizer,
        kernel_constraint=layer.kernel_constraint,
        bias_constraint=layer.bias_constraint,
        dtype=layer.dtype_policy,
    )


def weight_args_config(layer):
    """The serialized projection weight arguments (with the activity regularizer)."""
    return _kernel_bias.weight_args_config(layer, activity_regularizer=True)


set_weight_args = _kernel_bias.set_weight_args


def resolve_masks(fused, query, value, query_mask, value_mask, key_mask, attention_mask,
                  use_causal_mask, sliding_window):
    """``(mask, causal_only)`` for an attention call: a causal mask with nothing else to
    combine goes to the fused kernel as ``is_causal`` (``mask`` None); otherwise every mask
    is combined into one boolean ``(B, T, S)`` mask (or None when there is none)."""
    causal_only = (fused and use_causal_mask and sliding_window is None
                   and query_mask is None and value_mask is None and key_mask is None
                   and attention_mask is None)
    if causal_only:
        return None, True
    return combine_masks(query, value, query_mask, value_mask, key_mask, attention_mask,
                         use_causal_mask, sliding_window), False


def plain_projections(layer, *denses):
    """Whether ``layer``'s ``EinsumDense`` projections can go through ``project``'s
    shortcut: no activation, no activity regularizer and no mixed precision (variables
    in the compute dtype)."""
    compute = layer.compute_dtype
    return all(d.activation in (None, activations.linear)
               and d.activity_regularizer is None and d.compute_dtype == compute
               and d.variable_dtype == compute for d in denses)


def direct_projection(layer, *inputs):
    """The backend's fused dense op when ``layer``'s projections can use it, else None.

    That is when the backend has one (``fused_dense()``; torch: ``addmm``), the projections
    are plain (cached at build as ``layer._plain_projections``) and every input is already
    a backend tensor in the compute dtype: ``Layer.__call__`` of a projection would then
    only hand the input to ``call``, so one fused call on the sub-layer's own kernel and
    bias gives the same ``einsum + bias`` without that machinery and op chain.
    """
    fused = fused_dense()
    if fused is None or not getattr(layer, "_plain_projections", False):
        return None
    dtype = layer.compute_dtype
    seen = None
    for x in inputs:
        if x is seen:
            continue
        if type(x) in KNOWN_TENSOR_TYPES:  # a backend tensor: its dtype name without ops
            if dtype_name(x.dtype) != dtype:
                return None
        elif not (ops.is_tensor(x) and ops.dtype(x) == dtype):
            return None
        seen = x  # self-attention passes one tensor three times: check it once
    return fused


def project(fused, dense, x, contract_dims):
    """``dense(x)`` for an attention projection (an ``EinsumDense`` whose equation contracts
    the last ``contract_dims`` input axes with the kernel's first ones, as ``proj_equation``
    builds them), through ``fused`` from ``direct_projection`` when it is not None."""
    if fused is None:
        return dense(x)
    return fused(x, dense.kernel, dense.bias, contract_dims)


def attention_output(layer, fused, output, gate, scores, return_attention_scores):
    """The end of an attention call: the attended values times the optional ``gate``, then
    ``layer``'s output projection (``_output_dense``, contracting heads and head size;
    ``fused`` as for ``project``); with ``return_attention_scores`` also the ``scores``."""
    if gate is not None:
        output = output * gate
    output = project(fused, layer._output_dense, output, 2)
    if return_attention_scores:
        return output, scores
    return output
