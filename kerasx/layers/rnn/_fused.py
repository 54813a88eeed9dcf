"""Dispatch of LSTM/GRU layers to an optional fused backend kernel (``B.rnn``).

A backend may provide ``kerasx.backends.<name>.rnn`` with ``lstm(...)`` and/or
``gru(...)`` taking Keras-layout weights (see kerasx/backends/torch/rnn.py). It is
used only when the fused kernel computes exactly what the generic loop computes:
default activations (tanh / sigmoid), no recurrent dropout in training, no
unrolling, and ``use_cudnn`` not False. Input dropout is applied to the whole
sequence first (the same mask at every step, like the loop). A mask is passed on
(``mask=``, ``zero_output_for_mask=``) only when there is one, so a kernel without
mask support never sees it; a kernel may return None for any case it does not cover
(a dtype, a mask that is not right-padded, ...); the layer then runs its generic loop.
Initial states are None when they are the default zeros (the kernel makes them). A
backend whose ``rnn`` module has a ``KernelCache`` class gets one per layer (``cache=``)
for its prepared weights.
"""

from kerasx import activations, ops
from kerasx.backends import B


def backend_kernel(name):
    """``B.rnn.<name>`` or None when the active backend has no fused kernel."""
    mod = getattr(B, "rnn", None)
    return getattr(mod, name, None) if mod is not None else None


def eligible(layer, mask, training):
    """Whether the layer's configuration allows the fused kernel."""
    cell = layer.cell
    if layer.use_cudnn is False or layer.unroll:
        return False
    if cell.activation is not activations.tanh:
        return False
    if cell.recurrent_activation is not activations.sigmoid:
        return False
    if training and cell.recurrent_dropout > 0:
        return False
    return layer.compute_dtype in ("float32", "float64")


def dropped_inputs(layer, sequences, training):
    """The sequence with the cell's input dropout mask applied (training only)."""
    cell = layer.cell
    if training and cell.dropout > 0:
        mask = cell.get_dropout_mask(sequences[:, 0])
        return sequences * ops.expand_dims(mask, 1)
    return sequences


def _extra_kwargs(layer, mask):
    """``mask``/``zero_output_for_mask`` when masked; ``cache`` where the backend has one."""
    kw = {}
    if mask is not None:
        kw = {"mask": mask, "zero_output_for_mask": layer.zero_output_for_mask}
    cache_cls = getattr(getattr(B, "rnn", None), "KernelCache", None)
    if cache_cls is not None:
        cache = layer.__dict__.get("_kernel_cache")
        if cache is None:
            cache = cache_cls()
            object.__setattr__(layer, "_kernel_cache", cache)
        kw["cache"] = cache
    return kw


def _states(flat, n):
    return [None] * n if flat is None else flat


def fused_lstm(layer, sequences, flat, mask, training):
    fn = backend_kernel("lstm")
    if fn is None or not eligible(layer, mask, training):
        return None
    cell = layer.cell
    x = dropped_inputs(layer, sequences, training)
    h0, c0 = _states(flat, 2)
    out = fn(x, h0, c0, cell.kernel.value, cell.recurrent_kernel.value,
             None if cell.bias is None else cell.bias.value, go_backwards=layer.go_backwards,
             **_extra_kwargs(layer, mask))
    if out is None:
        return None
    last, outputs, h, c = out
    return last, outputs, [h, c]


def fused_gru(layer, sequences, flat, mask, training):
    fn = backend_kernel("gru")
    cell = layer.cell
    if fn is None or not cell.reset_after or not eligible(layer, mask, training):
        return None
    x = dropped_inputs(layer, sequences, training)
    out = fn(x, _states(flat, 1)[0], cell.kernel.value, cell.recurrent_kernel.value,
             None if cell.bias is None else cell.bias.value, go_backwards=layer.go_backwards,
             **_extra_kwargs(layer, mask))
    if out is None:
        return None
    last, outputs, h = out
    return last, outputs, [h]
