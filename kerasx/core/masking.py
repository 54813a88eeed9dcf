"""Keras masks attached to tensors, including tensors that refuse attributes."""

# Masks of tensors that cannot carry a ``_keras_mask`` attribute (traced JAX values):
# id -> (tensor, mask). The tensor is kept so that a reused id never matches; the table
# is emptied when an outermost layer call begins, so it holds one call's masks at most.
_SIDE_MASKS = {}


def keras_mask_of(x):
    """The Keras mask attached to tensor ``x`` by a masking layer, or None."""
    m = getattr(x, "_keras_mask", None)
    if m is None and _SIDE_MASKS:
        entry = _SIDE_MASKS.get(id(x))
        if entry is not None and entry[0] is x:
            m = entry[1]
    return m
