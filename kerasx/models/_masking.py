"""Output masks of Functional / Sequential models used as layers inside other models.

A model run computes the Keras mask of each of its outputs (for example the padding mask
of ``Embedding(mask_zero=True)`` carried through an ``LSTM``). Tensors of some backends
cannot hold a ``_keras_mask`` attribute (JAX arrays), so the run remembers the output masks
together with the identity of the inputs it was called on; ``compute_mask`` called right
after the call (as ``Layer.__call__`` and the model runners do) reads them back instead of
running the model twice. A call without any mask only drops the memo, and a model that
makes no mask of its own is asked for masks only when one comes in, so unmasked calls pay
nothing. Inputs are held by weak reference only.
"""

import weakref

CACHE = "_kx_mask_cache"


def input_key(inputs):
    """Identity of a call's inputs: ids of the tensors (lists/dicts: of their items)."""
    if isinstance(inputs, (list, tuple)):
        return tuple([id(v) for v in inputs])
    if isinstance(inputs, dict):
        return tuple([id(v) for v in inputs.values()])
    return id(inputs)


def _items(inputs):
    if isinstance(inputs, (list, tuple)):
        return list(inputs)
    if isinstance(inputs, dict):
        return list(inputs.values())
    return [inputs]


def remember(model, inputs, flat_masks):
    """Stores the flat output masks (``None``: no output masked) of a call on ``inputs``.

    Called when masks took part in the call; an unmasked call calls ``forget`` instead, as
    callers ask for masks after it only when the model makes masks of its own (see
    ``owns_masks``), and a miss then recomputes them.
    """
    try:
        refs = [weakref.ref(v) for v in _items(inputs)]
    except TypeError:
        refs = None
    model.__dict__[CACHE] = (input_key(inputs), refs, flat_masks)


def forget(model):
    model.__dict__[CACHE] = None


def recall(model, inputs):
    """``(True, flat_masks)`` when the last call of ``model`` was on ``inputs``, else
    ``(False, None)``."""
    cache = model.__dict__.get(CACHE)
    if cache is None:
        return False, None
    key, refs, flat_masks = cache
    if key != input_key(inputs):
        return False, None
    if refs is not None:
        for r, v in zip(refs, _items(inputs)):
            if r() is not v:
                return False, None
    return True, flat_masks


def owns_masks(flat_outputs):
    """Whether a graph makes output masks by itself (e.g. ``Embedding(mask_zero=True)``):
    its symbolic outputs then carry a mask. Otherwise masks leave it only when one came in."""
    return any(getattr(t, "_keras_mask", None) is not None for t in flat_outputs)


def lower_mask_mode(model):
    """After ``Layer._prepare_fast_path``: a model that makes no mask of its own needs its
    ``compute_mask`` only when a mask comes in, so the unmasked call path skips it."""
    if model.__dict__.get("_mask_mode") == 2 and not model._kx_owns_masks():
        model.__dict__["_mask_mode"] = 1


def pack_masks(outputs_struct, flat_masks):
    """Arranges flat output masks like the model's outputs (one, a list, or a dict)."""
    if flat_masks is None:
        return None
    if isinstance(outputs_struct, dict):
        keys = sorted(outputs_struct)
        return {k: m for k, m in zip(keys, flat_masks)}
    if isinstance(outputs_struct, (list, tuple)):
        return list(flat_masks)
    return flat_masks[0]


def flat_output_masks(values_masks, flat_outputs):
    """Masks of ``flat_outputs`` from a ``{id(tensor): mask}`` dict; ``None`` when none."""
    if not values_masks:
        return None
    out = [values_masks.get(id(t)) for t in flat_outputs]
    if all(m is None for m in out):
        return None
    return out


def flat_or_none(mask):
    """A model's structured output mask as a flat list, or ``None``."""
    if mask is None:
        return None
    if isinstance(mask, dict):
        return [mask[k] for k in sorted(mask)]
    if isinstance(mask, (list, tuple)):
        return list(mask)
    return [mask]
