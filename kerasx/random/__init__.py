"""Random number generation: ``kerasx.random``.

Every function takes ``seed``: an int (the same numbers on every call), a
``SeedGenerator`` (new, reproducible numbers on each call; use it inside
layers and traced functions), or None (the global generator; eager code only).
"""

from kerasx.ops._dispatch import make_op
from kerasx.random.seed_generator import SeedGenerator, draw_seed  # noqa: F401


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from a normal distribution.

    Args:
        shape: output shape.
        mean, stddev: distribution parameters.
        dtype: float dtype (default floatx()).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor of ``shape``.

    Example:
        >>> kerasx.random.normal((2, 3), seed=1)
    """


normal = make_op(normal, "random")


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Samples uniformly from ``[minval, maxval)``.

    Args:
        shape: output shape.
        minval, maxval: bounds.
        dtype: float dtype (default floatx()).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor of ``shape``.

    Example:
        >>> kerasx.random.uniform((4,), -1.0, 1.0, seed=0)
    """


uniform = make_op(uniform, "random")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from a normal distribution truncated to ``mean +/- 2 * stddev``.

    Args:
        shape: output shape.
        mean, stddev: parameters of the untruncated distribution.
        dtype: float dtype (default floatx()).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor of ``shape``.

    Example:
        >>> kerasx.random.truncated_normal((3,), seed=2)
    """


truncated_normal = make_op(truncated_normal, "random")


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Samples integers uniformly from ``[minval, maxval)``.

    Args:
        shape: output shape.
        minval, maxval: bounds (``maxval`` excluded).
        dtype: integer dtype.
        seed: int, SeedGenerator or None.

    Returns:
        Int tensor of ``shape``.

    Example:
        >>> kerasx.random.randint((5,), 0, 10, seed=3)
    """


randint = make_op(randint, "random")


def categorical(logits, num_samples, dtype="int32", seed=None):
    """Draws class indices from the categorical distributions given by ``logits``.

    Args:
        logits: tensor ``(batch, num_classes)`` of unnormalized log-probabilities.
        num_samples: draws per row.
        dtype: integer dtype of the result.
        seed: int, SeedGenerator or None.

    Returns:
        Tensor ``(batch, num_samples)``.

    Example:
        >>> kerasx.random.categorical([[0.0, 0.0]], 5, seed=1)
    """


categorical = make_op(categorical, "random")


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zeroes each element with probability ``rate`` and scales the rest by ``1 / (1 - rate)``.

    Args:
        inputs: tensor.
        rate: drop probability in [0, 1).
        noise_shape: shape of the keep mask, broadcast to ``inputs`` (None entries take
            the input's size).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor shaped like ``inputs``.

    Example:
        >>> kerasx.random.dropout(ops.ones((4,)), 0.5, seed=1)  # entries 0. or 2.
    """


dropout = make_op(dropout, "random")


def shuffle(x, axis=0, seed=None):
    """Randomly permutes ``x`` along ``axis``.

    Args:
        x: tensor.
        axis: the shuffled axis.
        seed: int, SeedGenerator or None.

    Returns:
        Shuffled tensor.

    Example:
        >>> kerasx.random.shuffle(ops.arange(5), seed=1)
    """


shuffle = make_op(shuffle, "random")


def gamma(shape, alpha, dtype=None, seed=None):
    """Samples from a gamma distribution with shape ``alpha`` and scale 1.

    Args:
        shape: output shape.
        alpha: concentration (> 0).
        dtype: float dtype (default floatx()).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor of ``shape``.

    Example:
        >>> kerasx.random.gamma((3,), alpha=2.0, seed=1)
    """


gamma = make_op(gamma, "random")


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    """Samples from binomial distributions.

    Args:
        shape: output shape.
        counts: number of trials (broadcastable to ``shape``).
        probabilities: success probability (broadcastable to ``shape``).
        dtype: float dtype of the result (default floatx()).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor of ``shape`` holding success counts.

    Example:
        >>> kerasx.random.binomial((4,), counts=10, probabilities=0.5, seed=1)
    """


binomial = make_op(binomial, "random")


def beta(shape, alpha, beta, dtype=None, seed=None):
    """Samples from a beta distribution.

    Args:
        shape: output shape.
        alpha, beta: concentrations (> 0, broadcastable to ``shape``).
        dtype: float dtype (default floatx()).
        seed: int, SeedGenerator or None.

    Returns:
        Tensor of ``shape`` with values in [0, 1].

    Example:
        >>> kerasx.random.beta((3,), alpha=2.0, beta=5.0, seed=1)
    """


beta = make_op(beta, "random")
