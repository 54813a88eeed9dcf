"""Weight regularizers (``kerasx.regularizers``), resolvable by name, config or object.

Example:
    >>> reg = kerasx.regularizers.get("l2")
    >>> kerasx.regularizers.serialize(reg)["config"]
    {'l2': 0.01}
"""

from kerasx.initializers import _lookup
from kerasx.regularizers.regularizers import L1, L1L2, L2, OrthogonalRegularizer, Regularizer

_MODULE = "keras.regularizers"

ALL_OBJECTS = (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({_lookup.to_snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({
    "l1": L1,
    "l2": L2,
    "l1_l2": L1L2,
    "l1l2": L1L2,
    "orthogonal_regularizer": OrthogonalRegularizer,
})

l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer


def serialize(regularizer):
    """Returns Keras 3's config dict of ``regularizer`` (None gives None)."""
    return _lookup.serialize_object(regularizer, _MODULE)


def deserialize(config, custom_objects=None):
    """Builds a regularizer from a name or a Keras 2/3 config dict.

    Args:
        config: e.g. ``"l2"`` or ``{"class_name": "L2", "config": {"l2": 0.001}}``.
        custom_objects: optional ``{name: class}`` for custom regularizers.

    Raises:
        ValueError: for an unknown name (listing close valid names).
    """
    return _lookup.deserialize_object("regularizer", config, ALL_OBJECTS_DICT, custom_objects)


def get(identifier):
    """Resolves ``identifier`` (None, name, config dict, class, instance or callable)
    to a regularizer; None gives None.

    Raises:
        ValueError: if the identifier cannot be interpreted.

    Example:
        >>> get("l1")
        L1(l1=0.01)
    """
    return _lookup.get_object("regularizer", identifier, ALL_OBJECTS_DICT, deserialize)


__all__ = [
    "Regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
    "orthogonal_regularizer", "get", "serialize", "deserialize",
]
