"""Symbolic replay of a Functional graph: output specs, or output masks on KerasTensors."""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers._layer_utils import call_info
from kerasx.layers.layer import Layer
from kerasx.models import _masking


def symbolic_run(model, flat, mask=None, want_masks=False):
    """Output specs of ``model`` for the symbolic inputs ``flat`` (no new graph nodes).

    With ``want_masks``, follows each layer's mask rules and returns the flat list of the
    outputs' masks (or ``None`` when no output is masked) instead.
    """
    values = {id(t): x for t, x in zip(model._flat_inputs, flat)}
    masks = _input_masks(model._flat_inputs, flat, mask) if want_masks else {}
    for step in model._program:
        args = _substitute(step.args, values)
        kwargs = _substitute(step.kwargs, values)
        op = step.op
        prev_mask = _step_mask(step, masks) if masks else None
        if step.is_layer:
            if prev_mask is not None and "mask" not in kwargs and call_info(op).has_mask:
                kwargs["mask"] = prev_mask
            out = op.compute_output_spec(*args, **kwargs)
        else:
            out = op(*args, **kwargs)
        outs = tree.flatten(out) if step.multi else [out]
        for i, v in zip(step.out_ids, outs):
            values[i] = v
        if (want_masks and step.is_layer and args and op.supports_masking
                and (prev_mask is not None
                     or type(op).compute_mask is not Layer.compute_mask)):
            flat_m = op.compute_mask(args[0], prev_mask)
            if flat_m is not None:
                flat_m = (_masking.flat_or_none(flat_m)
                          if isinstance(flat_m, (list, tuple, dict))
                          else [flat_m] * len(step.out_ids))
                for i, m in zip(step.out_ids, flat_m):
                    if m is not None:
                        masks[i] = m
    if want_masks:
        return _masking.flat_output_masks(masks, model._flat_outputs)
    flat_out = [values[id(t)] for t in model._flat_outputs]
    if isinstance(model._outputs_struct, KerasTensor):
        return flat_out[0]
    return tree.pack_sequence_as(model._outputs_struct, flat_out)


def _input_masks(flat_inputs, flat, mask):
    """``{id(input tensor): mask}`` from an explicit ``mask`` or the values' own masks."""
    flat_masks = tree.flatten(mask) if mask is not None else [None] * len(flat)
    if len(flat_masks) != len(flat):
        flat_masks = [None] * len(flat)
    masks = {}
    for t, x, m in zip(flat_inputs, flat, flat_masks):
        if m is None:
            m = getattr(x, "_keras_mask", None)
        if m is not None:
            masks[id(t)] = m
    return masks


def _step_mask(step, masks):
    """The mask of a layer step's first input (a list for a list of inputs), or None."""
    if not step.is_layer or step.first_ids is None:
        return None
    if isinstance(step.first_ids, list):
        ms = [masks.get(i) for i in step.first_ids]
        return None if all(m is None for m in ms) else ms
    return masks.get(step.first_ids)


def _substitute(structure, values):
    if isinstance(structure, KerasTensor):
        return values[id(structure)]
    if isinstance(structure, tuple):
        return tuple(_substitute(v, values) for v in structure)
    if isinstance(structure, list):
        return [_substitute(v, values) for v in structure]
    if isinstance(structure, dict):
        return {k: _substitute(v, values) for k, v in structure.items()}
    return structure
