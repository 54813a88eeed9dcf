"""Argument checks shared by the activation layers."""


def non_negative(value, arg, layer, allow_none=False):
    """Returns ``float(value)``; raises a ValueError naming ``layer`` unless ``value >= 0``."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: {arg} must be a number >= 0, "
                         f"got {arg}={value!r}.")
    return float(value)
