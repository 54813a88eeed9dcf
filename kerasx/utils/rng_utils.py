"""``set_random_seed``: one call to make a run reproducible."""

import random

import numpy as np


def set_random_seed(seed):
    """Seeds Python's ``random``, NumPy and kerasx's global seed generator.

    The active backend's own generator is seeded too when the backend provides
    a ``set_framework_seed(seed)`` hook in its ``random`` module.

    Args:
        seed: a non-negative int.

    Raises:
        ValueError: if ``seed`` is not an int.

    Example:
        >>> kerasx.utils.set_random_seed(1337)
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"set_random_seed: seed must be an int, got {seed!r}.")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed % (2 ** 32))
    from kerasx.random import seed_generator
    seed_generator.set_global_seed(seed)
    from kerasx.backends import B
    hook = getattr(B.random, "set_framework_seed", None)
    if hook is not None:
        hook(seed)
