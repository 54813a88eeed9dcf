"""Weight initializers (``kerasx.initializers``), resolvable by name, config or object.

Example:
    >>> init = kerasx.initializers.get("glorot_uniform")
    >>> w = init((3, 4))
    >>> kerasx.initializers.serialize(init)["class_name"]
    'GlorotUniform'
"""

from kerasx.initializers import _lookup
from kerasx.initializers.constant_initializers import Constant, Identity, Ones, Zeros
from kerasx.initializers.initializer import Initializer, compute_fans
from kerasx.initializers.random_initializers import (
    Orthogonal,
    RandomInitializer,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
)
from kerasx.initializers.stft_initializer import STFT
from kerasx.initializers.variance_scaling import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    VarianceScaling,
)

_MODULE = "keras.initializers"

ALL_OBJECTS = (
    Initializer, Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform, HeNormal,
    HeUniform, LecunNormal, LecunUniform, Orthogonal, RandomNormal, RandomUniform,
    TruncatedNormal, VarianceScaling, STFT,
)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({_lookup.to_snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({
    "IdentityInitializer": Identity,
    "OrthogonalInitializer": Orthogonal,
    "STFTInitializer": STFT,
    "normal": RandomNormal,
    "uniform": RandomUniform,
    "one": Ones,
    "zero": Zeros,
})

# snake_case aliases, usable as classes: kerasx.initializers.glorot_uniform(seed=1)
IdentityInitializer = Identity
OrthogonalInitializer = Orthogonal
STFTInitializer = stft = STFT
zeros = zero = Zeros
ones = one = Ones
constant = Constant
identity = Identity
random_normal = normal = RandomNormal
random_uniform = uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
glorot_uniform = GlorotUniform
glorot_normal = GlorotNormal
he_uniform = HeUniform
he_normal = HeNormal
lecun_uniform = LecunUniform
lecun_normal = LecunNormal
orthogonal = Orthogonal


def serialize(initializer):
    """Returns Keras 3's config dict of ``initializer`` (None gives None).

    Example:
        >>> serialize(Zeros())
        {'module': 'keras.initializers', 'class_name': 'Zeros', 'config': {}, 'registered_name': None}
    """
    return _lookup.serialize_object(initializer, _MODULE)


def deserialize(config, custom_objects=None):
    """Builds an initializer from a name or a Keras 2/3 config dict.

    Args:
        config: e.g. ``"he_normal"`` or ``{"class_name": "HeNormal", "config": {"seed": 1}}``.
        custom_objects: optional ``{name: class}`` for custom initializers.

    Raises:
        ValueError: for an unknown name (listing close valid names).
    """
    return _lookup.deserialize_object("initializer", config, ALL_OBJECTS_DICT, custom_objects)


def get(identifier):
    """Resolves ``identifier`` to an initializer.

    Accepts None (returns None), a name (class or snake_case), a config dict, an
    initializer class (instantiated) or instance, or any callable
    ``f(shape, dtype=None)``.

    Raises:
        ValueError: if the identifier cannot be interpreted.

    Example:
        >>> get("he_normal")
        HeNormal(seed=None)
    """
    return _lookup.get_object("initializer", identifier, ALL_OBJECTS_DICT, deserialize)


__all__ = [
    "Initializer", "RandomInitializer", "Constant", "Identity", "IdentityInitializer", "Ones",
    "Zeros", "OrthogonalInitializer", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal",
    "LecunUniform", "Orthogonal", "RandomNormal", "RandomUniform", "TruncatedNormal",
    "VarianceScaling", "STFT", "STFTInitializer", "stft", "compute_fans", "get", "serialize",
    "deserialize",
    "zeros", "ones", "constant", "identity", "random_normal", "random_uniform", "normal",
    "uniform", "truncated_normal", "variance_scaling", "glorot_uniform", "glorot_normal",
    "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "orthogonal",
]
