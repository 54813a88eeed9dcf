"""Learning-rate schedules (``kerasx.optimizers.schedules``).

Example:
    >>> s = kerasx.optimizers.schedules.ExponentialDecay(0.1, 100, 0.96)
    >>> opt = kerasx.optimizers.SGD(learning_rate=s)
"""

from kerasx.initializers import _lookup
from kerasx.optimizers.schedules.learning_rate_schedule import (
    CosineDecay,
    CosineDecayRestarts,
    ExponentialDecay,
    InverseTimeDecay,
    LearningRateSchedule,
    PiecewiseConstantDecay,
    PolynomialDecay,
)

_MODULE = "keras.optimizers.schedules"
ALL_OBJECTS = {c.__name__: c for c in (
    CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay,
    PiecewiseConstantDecay, PolynomialDecay, LearningRateSchedule)}


def serialize(schedule):
    """Keras 3 config dict of a schedule."""
    return _lookup.serialize_object(schedule, _MODULE)


def deserialize(config, custom_objects=None):
    """Schedule from a config dict (Keras 2 or 3 layout).

    Raises:
        ValueError: for an unknown class name (lists close names).
    """
    return _lookup.deserialize_object("learning rate schedule", config, ALL_OBJECTS,
                                      custom_objects)


__all__ = list(ALL_OBJECTS) + ["serialize", "deserialize"]
