"""Seeds as state: ``SeedGenerator`` holds its seed in a Variable; ``draw_seed`` resolves seeds.

Every random op takes ``seed`` as an int (the same numbers on every call), a
``SeedGenerator`` (new numbers on every call, reproducible from its seed), or
None (the global generator; allowed only outside traced/compiled functions).
"""

import random as _pyrandom

import numpy as np

from kerasx.backends import B

_GLOBAL = {"generator": None, "seed": None}

_UNSEEDED_TRACED = (
    "kerasx.random: an unseeded random op (seed=None) was called inside a traced or "
    "compiled function ({backend} backend), where the global seed generator cannot advance. "
    "Fix: create a kerasx.random.SeedGenerator(seed=...) outside the function (for example "
    "as a layer attribute in __init__) and pass it as seed=..., or pass an int seed."
)


class SeedGenerator:
    """A stateful source of seeds for random ops.

    Args:
        seed: optional int; the same seed gives the same sequence of draws.
        name: optional name of its state variable.

    Example:
        >>> gen = kerasx.random.SeedGenerator(42)
        >>> a = kerasx.random.normal((2,), seed=gen)
        >>> b = kerasx.random.normal((2,), seed=gen)   # different from a
    """

    def __init__(self, seed=None, name=None, **kwargs):
        if seed is None:
            seed = _make_default_seed()
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
            raise ValueError(f"SeedGenerator: seed must be an int or None, got {seed!r}.")
        self._initial_seed = int(seed)
        self.name = name or "seed_generator"
        dtype = B.core.random_seed_dtype()
        init = np.array([0, int(seed) % (2 ** 31)], dtype=dtype)
        self.state = B.core.Variable(init, dtype=dtype, trainable=False, name="seed_generator_state")

    def next(self, ordered=True):
        """Returns the current seed tensor and advances the state."""
        value = self.state.value
        self.state.assign(B.numpy.add(value, B.core.convert_to_tensor(
            np.array([1, 0], dtype=B.core.random_seed_dtype()))))
        return value

    def get_config(self):
        return {"seed": self._initial_seed}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _make_default_seed():
    if _GLOBAL["seed"] is not None:
        _GLOBAL["seed"] += 1
        return _GLOBAL["seed"]
    return _pyrandom.randint(1, 2 ** 30)


def global_seed_generator():
    """Returns the process-wide generator used when ``seed=None``."""
    if B.core.in_tracing():
        raise RuntimeError(_UNSEEDED_TRACED.format(backend=B.name))
    if _GLOBAL["generator"] is None:
        _GLOBAL["generator"] = SeedGenerator(name="global_seed_generator")
    return _GLOBAL["generator"]


def draw_seed(seed):
    """Turns ``seed`` (int, SeedGenerator, seed tensor or None) into a 2-element seed tensor."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if seed is None:
        return global_seed_generator().next()
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return B.core.convert_to_tensor(
            np.array([0, int(seed) % (2 ** 31)], dtype=B.core.random_seed_dtype()))
    if B.core.is_tensor(seed) or isinstance(seed, np.ndarray):
        return seed
    raise ValueError(
        f"kerasx.random: seed must be an int, a SeedGenerator, a seed tensor or None; got {seed!r}."
    )


def set_global_seed(seed):
    """Resets the global generator so that unseeded ops are reproducible (see utils.set_random_seed)."""
    _GLOBAL["seed"] = int(seed)
    _GLOBAL["generator"] = None
    if not B.core.in_tracing():
        _GLOBAL["generator"] = SeedGenerator(int(seed), name="global_seed_generator")
