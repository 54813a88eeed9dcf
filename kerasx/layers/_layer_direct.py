"""Replaying a built layer's call from a graph runner without ``Layer.__call__``.

A Functional model's eager run calls each built layer; for the common case (no masks, no
activity regularizer, no mixed precision, inputs already backend tensors of the right
dtype) all ``Layer.__call__`` adds is the ``training`` flag. ``direct_call`` does exactly
that, and declines (``NOT_DIRECT``) every other case, which then takes ``Layer.__call__``.
"""

from kerasx.core.masking import _SIDE_MASKS
from kerasx.layers.layer import _DT_NAMES, _FLOATS, _TENSOR_TYPES, Layer, _dtname


def plain_call_protocol(cls):
    """Whether layers of class ``cls`` run ``Layer.__call__``'s own call machinery unchanged
    (no override of ``__call__`` or of its input conversion / failure diagnosis), so that a
    graph runner may replay that machinery itself for a built layer (see ``direct_call``)."""
    return (cls.__call__ is Layer.__call__ and cls._convert_inputs is Layer._convert_inputs
            and cls._convert_one is Layer._convert_one
            and cls._diagnose_call is Layer._diagnose_call)


NOT_DIRECT = object()


def direct_call(layer, args, tensors, training):
    """Runs ``layer.call(*args)`` as ``Layer.__call__`` would inside an outer call, or
    returns ``NOT_DIRECT`` (nothing run) when that needs more than passing ``training``.

    For graph runners replaying a built layer of a ``plain_call_protocol`` class: ``args``
    are the call's positional arguments, ``tensors`` every tensor in them, ``training`` the
    outer call's flag. The call is direct when the layer is prepared (``_call_ready``), has
    no activity regularizer and no mixed-precision variable autocast, no mask is held in the
    side table, and each tensor is of a known backend type, carries no Keras mask and needs
    no autocast cast. Output masks are left to the caller (``compute_mask``).
    """
    if (not layer._call_ready or layer.activity_regularizer is not None
            or layer._var_autocast is not None or _SIDE_MASKS):
        return NOT_DIRECT
    want = layer._autocast_dtype
    masked = layer._has_mask or layer._mask_mode
    for x in tensors:
        if type(x) not in _TENSOR_TYPES or (
                masked and getattr(x, "_keras_mask", None) is not None):
            return NOT_DIRECT
        if want is not None:
            name = _DT_NAMES.get(x.dtype) or _dtname(x.dtype)
            if name != want and name in _FLOATS:
                return NOT_DIRECT
    try:
        if training is not None and layer._has_training:
            return layer.call(*args, training=training)
        return layer.call(*args)
    except Exception:
        layer._diagnose_call(args)
        raise
