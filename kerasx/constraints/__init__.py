"""Weight constraints (``kerasx.constraints``), resolvable by name, config or object.

Example:
    >>> c = kerasx.constraints.get("max_norm")
    >>> kerasx.constraints.serialize(c)["config"]
    {'max_value': 2, 'axis': 0}
"""

from kerasx.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm
from kerasx.initializers import _lookup

_MODULE = "keras.constraints"

ALL_OBJECTS = (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({_lookup.to_snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
# Keras 2 spellings still found in old model files.
ALL_OBJECTS_DICT.update({"maxnorm": MaxNorm, "nonneg": NonNeg, "unitnorm": UnitNorm,
                         "minmaxnorm": MinMaxNorm})

max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm


def serialize(constraint):
    """Returns Keras 3's config dict of ``constraint`` (None gives None)."""
    return _lookup.serialize_object(constraint, _MODULE)


def deserialize(config, custom_objects=None):
    """Builds a constraint from a name or a Keras 2/3 config dict.

    Args:
        config: e.g. ``"non_neg"`` or ``{"class_name": "MaxNorm", "config": {"max_value": 3}}``.
        custom_objects: optional ``{name: class}`` for custom constraints.

    Raises:
        ValueError: for an unknown name (listing close valid names).
    """
    return _lookup.deserialize_object("constraint", config, ALL_OBJECTS_DICT, custom_objects)


def get(identifier):
    """Resolves ``identifier`` (None, name, config dict, class, instance or callable)
    to a constraint; None gives None.

    Raises:
        ValueError: if the identifier cannot be interpreted.

    Example:
        >>> get("non_neg")
        NonNeg()
    """
    return _lookup.get_object("constraint", identifier, ALL_OBJECTS_DICT, deserialize)


__all__ = [
    "Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "max_norm", "min_max_norm",
    "non_neg", "unit_norm", "get", "serialize", "deserialize",
]
