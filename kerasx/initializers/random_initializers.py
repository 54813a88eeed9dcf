"""Random initializers: the seeded base class, RandomNormal, RandomUniform,
TruncatedNormal, Orthogonal (VarianceScaling and its presets live in variance_scaling.py).

Seeds (Keras 3 behaviour): an int seed or no seed gives the same values on every
call of one initializer instance (no seed draws an int seed once, at construction,
reproducible under ``kerasx.utils.set_random_seed``); a ``SeedGenerator`` gives new
values on each call. No state is created, so building a layer allocates nothing extra.
"""

import math

from kerasx import ops
from kerasx import random as krandom
from kerasx.initializers.initializer import Initializer, float_dtype, standardize_shape
from kerasx.random.seed_generator import SeedGenerator, _make_default_seed

_SEED_MODULE = "keras.random"


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class RandomInitializer(Initializer):
    """Base class of initializers that draw random numbers; owns the seed handling.

    Args:
        seed: None (a seed drawn once: the same values on each call), an int (the same values on each
            call) or a ``kerasx.random.SeedGenerator``.
    """

    def __init__(self, seed=None):
        if isinstance(seed, dict):
            inner = seed.get("config", seed)
            seed = SeedGenerator(**{k: v for k, v in inner.items() if k in ("seed", "name")})
        if seed is not None and not _is_int(seed) and not isinstance(seed, SeedGenerator):
            raise ValueError(
                f"{type(self).__name__}: seed must be None, an int or a "
                f"kerasx.random.SeedGenerator, got seed={seed!r}."
            )
        self._init_seed = seed
        self._generator = seed if isinstance(seed, SeedGenerator) else None
        self._drawn_seed = None if seed is not None else _make_default_seed()

    @property
    def seed(self):
        """The seed given to the constructor (int, SeedGenerator or None)."""
        return self._init_seed

    def _next_seed(self):
        if _is_int(self._init_seed):
            return self._init_seed
        if self._generator is None:
            if self._drawn_seed is None:
                self._drawn_seed = _make_default_seed()
            return self._drawn_seed
        return self._generator

    def get_config(self):
        seed = self._init_seed
        if isinstance(seed, SeedGenerator):
            seed = {
                "module": _SEED_MODULE,
                "class_name": "SeedGenerator",
                "config": seed.get_config(),
                "registered_name": None,
            }
        return {"seed": seed}


class RandomNormal(RandomInitializer):
    """Draws from a normal distribution N(mean, stddev**2).

    Args:
        mean: mean of the distribution (default 0.0).
        stddev: standard deviation (default 0.05).
        seed: None, an int or a SeedGenerator.

    Example:
        >>> kerasx.initializers.RandomNormal(stddev=1.0, seed=1)((3, 3))
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "RandomNormal")
        dtype = float_dtype(dtype, "RandomNormal")
        return krandom.normal(shape, mean=self.mean, stddev=self.stddev, dtype=dtype,
                              seed=self._next_seed())

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, **super().get_config()}


class RandomUniform(RandomInitializer):
    """Draws from a uniform distribution on [minval, maxval).

    Args:
        minval: lower bound (default -0.05).
        maxval: upper bound (default 0.05).
        seed: None, an int or a SeedGenerator.

    Example:
        >>> kerasx.initializers.RandomUniform(-1.0, 1.0, seed=1)((3, 3))
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "RandomUniform")
        dtype = float_dtype(dtype, "RandomUniform")
        return krandom.uniform(shape, minval=self.minval, maxval=self.maxval, dtype=dtype,
                               seed=self._next_seed())

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, **super().get_config()}


class TruncatedNormal(RandomInitializer):
    """Draws from N(mean, stddev**2), redrawing values more than two stddevs from the mean.

    Args:
        mean: mean of the distribution (default 0.0).
        stddev: standard deviation before truncation (default 0.05).
        seed: None, an int or a SeedGenerator.

    Example:
        >>> kerasx.initializers.TruncatedNormal(stddev=1.0, seed=1)((3, 3))
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "TruncatedNormal")
        dtype = float_dtype(dtype, "TruncatedNormal")
        return krandom.truncated_normal(shape, mean=self.mean, stddev=self.stddev, dtype=dtype,
                                        seed=self._next_seed())

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, **super().get_config()}


class Orthogonal(RandomInitializer):
    """A random orthogonal matrix (times ``gain``), via the QR decomposition of a normal draw.

    For shapes of rank > 2 the weight is viewed as a ``(prod(shape[:-1]), shape[-1])``
    matrix; its rows (if fewer) or columns are orthonormal.

    Args:
        gain: multiplicative factor (default 1.0).
        seed: None, an int or a SeedGenerator.

    Raises:
        ValueError: when called with a shape of rank < 2.

    Example:
        >>> w = kerasx.initializers.Orthogonal(seed=0)((4, 4))   # w.T @ w == I
    """

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Orthogonal")
        dtype = float_dtype(dtype, "Orthogonal")
        if len(shape) < 2:
            raise ValueError(
                "Orthogonal initializer: expected a shape of rank >= 2, "
                f"got shape={shape} of rank {len(shape)}."
            )
        rows = math.prod(shape[:-1])
        cols = shape[-1]
        # QR in at least float32: half-precision QR is unsupported on several backends.
        work = "float64" if dtype == "float64" else "float32"
        draw = krandom.normal((max(rows, cols), min(rows, cols)), dtype=work, seed=self._next_seed())
        q, r = ops.qr(draw)
        # Fix the signs so that the result is uniformly distributed over orthogonal matrices.
        q = ops.multiply(q, ops.sign(ops.diagonal(r)))
        if rows < cols:
            q = ops.transpose(q)
        q = ops.reshape(q, shape)
        if self.gain != 1.0:
            q = ops.multiply(q, self.gain)
        return ops.cast(q, dtype)

    def get_config(self):
        return {"gain": self.gain, **super().get_config()}
