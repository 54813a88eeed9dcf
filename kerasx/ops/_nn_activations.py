"""Activation functions (elementwise unless an axis is given)."""

from kerasx.ops._dispatch import make_op
from kerasx.ops._nn_activations_more import (  # noqa: F401
    glu,
    hard_shrink,
    hard_tanh,
    log_softmax,
    soft_shrink,
    softmax,
    sparse_plus,
    sparsemax,
    squareplus,
    tanh_shrink,
    threshold,
)


def relu(x):
    """Rectified linear unit: ``max(x, 0)``.

    Args:
        x: tensor.

    Returns:
        Tensor like ``x``.

    Example:
        >>> ops.relu([-1.0, 2.0])  # [0., 2.]
    """


relu = make_op(relu, "nn")


def relu6(x):
    """ReLU capped at 6: ``min(max(x, 0), 6)``.

    Args:
        x: tensor.

    Returns:
        Tensor like ``x``.

    Example:
        >>> ops.relu6([-1.0, 8.0])  # [0., 6.]
    """


relu6 = make_op(relu6, "nn")


def sigmoid(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))``.

    Args:
        x: tensor.

    Returns:
        Float tensor in (0, 1).

    Example:
        >>> ops.sigmoid([0.0])  # [0.5]
    """


sigmoid = make_op(sigmoid, "nn")


def sparse_sigmoid(x):
    """Piecewise-linear sigmoid: 0 for x <= -1, 1 for x >= 1, ``(x + 1) / 2`` between.

    Args:
        x: tensor.

    Returns:
        Float tensor in [0, 1].

    Example:
        >>> ops.sparse_sigmoid([-2.0, 0.0, 2.0])  # [0., 0.5, 1.]
    """


sparse_sigmoid = make_op(sparse_sigmoid, "nn")


def softplus(x):
    """Softplus ``log(1 + exp(x))``, computed stably.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.softplus([0.0])  # [0.693]
    """


softplus = make_op(softplus, "nn")


def softsign(x):
    """Softsign ``x / (1 + |x|)``.

    Args:
        x: tensor.

    Returns:
        Float tensor in (-1, 1).

    Example:
        >>> ops.softsign([1.0])  # [0.5]
    """


softsign = make_op(softsign, "nn")


def silu(x):
    """SiLU / swish: ``x * sigmoid(x)``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.silu([0.0])  # [0.]
    """


silu = make_op(silu, "nn")
swish = silu


def log_sigmoid(x):
    """``log(sigmoid(x))``, computed stably.

    Args:
        x: tensor.

    Returns:
        Float tensor (<= 0).

    Example:
        >>> ops.log_sigmoid([0.0])  # [-0.693]
    """


log_sigmoid = make_op(log_sigmoid, "nn")


def leaky_relu(x, negative_slope=0.2):
    """Leaky ReLU: ``x`` for positives, ``negative_slope * x`` otherwise.

    Args:
        x: tensor.
        negative_slope: slope for negative inputs.

    Returns:
        Float tensor.

    Example:
        >>> ops.leaky_relu([-1.0, 1.0])  # [-0.2, 1.]
    """


leaky_relu = make_op(leaky_relu, "nn")


def hard_sigmoid(x):
    """Piecewise-linear sigmoid ``relu6(x + 3) / 6``.

    Args:
        x: tensor.

    Returns:
        Float tensor in [0, 1].

    Example:
        >>> ops.hard_sigmoid([0.0])  # [0.5]
    """


hard_sigmoid = make_op(hard_sigmoid, "nn")


def hard_silu(x):
    """Hard SiLU / hard swish: ``x * hard_sigmoid(x)``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.hard_silu([3.0])  # [3.]
    """


hard_silu = make_op(hard_silu, "nn")
hard_swish = hard_silu


def elu(x, alpha=1.0):
    """Exponential linear unit: ``x`` if positive, else ``alpha * (exp(x) - 1)``.

    Args:
        x: tensor.
        alpha: scale of the negative part.

    Returns:
        Float tensor.

    Example:
        >>> ops.elu([-1.0, 1.0])  # [-0.632, 1.]
    """


elu = make_op(elu, "nn")


def selu(x):
    """Scaled ELU with the self-normalizing constants (alpha 1.67326, scale 1.05070).

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.selu([1.0])  # [1.0507]
    """


selu = make_op(selu, "nn")


def gelu(x, approximate=True):
    """Gaussian error linear unit ``x * Phi(x)``.

    Args:
        x: tensor.
        approximate: use the tanh approximation (True) or the exact erf form.

    Returns:
        Float tensor.

    Example:
        >>> ops.gelu([1.0], approximate=False)  # [0.8413]
    """


gelu = make_op(gelu, "nn")


def celu(x, alpha=1.0):
    """Continuously differentiable ELU: ``max(x, 0) + min(0, alpha * (exp(x / alpha) - 1))``.

    Args:
        x: tensor.
        alpha: scale.

    Returns:
        Float tensor.

    Example:
        >>> ops.celu([-1.0])  # [-0.632]
    """


celu = make_op(celu, "nn")
