"""Activations, part 2: shrink family, gated and normalized (softmax-like) activations."""

from kerasx.ops._dispatch import make_op


def glu(x, axis=-1):
    """Gated linear unit: splits ``x`` in halves ``a, b`` along ``axis``, returns ``a * sigmoid(b)``.

    Args:
        x: tensor with an even size along ``axis``.
        axis: the split axis.

    Returns:
        Float tensor with half the size along ``axis``.

    Example:
        >>> ops.glu([[1.0, 0.0]])  # [[0.5]]
    """


glu = make_op(glu, "nn")


def hard_tanh(x):
    """Clips to [-1, 1].

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.hard_tanh([-3.0, 0.5])  # [-1., 0.5]
    """


hard_tanh = make_op(hard_tanh, "nn")


def hard_shrink(x, threshold=0.5):
    """Zeroes values with ``|x| <= threshold``, keeps the others.

    Args:
        x: tensor.
        threshold: the cut-off.

    Returns:
        Float tensor.

    Example:
        >>> ops.hard_shrink([0.3, 1.0])  # [0., 1.]
    """


hard_shrink = make_op(hard_shrink, "nn")


def soft_shrink(x, threshold=0.5):
    """Moves values toward zero by ``threshold``; zero inside ``[-threshold, threshold]``.

    Args:
        x: tensor.
        threshold: the shrink amount.

    Returns:
        Float tensor.

    Example:
        >>> ops.soft_shrink([0.3, 1.0])  # [0., 0.5]
    """


soft_shrink = make_op(soft_shrink, "nn")


def tanh_shrink(x):
    """``x - tanh(x)``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.tanh_shrink([0.0])  # [0.]
    """


tanh_shrink = make_op(tanh_shrink, "nn")


def squareplus(x, b=4):
    """Smooth ReLU ``(x + sqrt(x**2 + b)) / 2``.

    Args:
        x: tensor.
        b: smoothness (>= 0).

    Returns:
        Float tensor.

    Example:
        >>> ops.squareplus([0.0])  # [1.]
    """


squareplus = make_op(squareplus, "nn")


def sparse_plus(x):
    """0 for x <= -1, x for x >= 1, ``(x + 1)**2 / 4`` in between.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.sparse_plus([0.0])  # [0.25]
    """


sparse_plus = make_op(sparse_plus, "nn")


def threshold(x, threshold, default_value):
    """Keeps values greater than ``threshold``, replaces the rest by ``default_value``.

    Args:
        x: tensor.
        threshold: the cut-off.
        default_value: the replacement.

    Returns:
        Tensor.

    Example:
        >>> ops.threshold([0.5, 2.0], 1.0, 0.0)  # [0., 2.]
    """


threshold = make_op(threshold, "nn")


def sparsemax(x, axis=-1):
    """Sparsemax: the Euclidean projection onto the probability simplex along ``axis``.

    Args:
        x: tensor of scores.
        axis: the class axis.

    Returns:
        Float tensor summing to 1 along ``axis`` (with exact zeros).

    Example:
        >>> ops.sparsemax([0.0, 2.0])  # [0., 1.]
    """


sparsemax = make_op(sparsemax, "nn")


def softmax(x, axis=-1):
    """Softmax along ``axis``: ``exp(x) / sum(exp(x))``.

    Args:
        x: tensor of logits.
        axis: int or tuple of ints.

    Returns:
        Float tensor summing to 1 along ``axis``.

    Example:
        >>> ops.softmax([0.0, 0.0])  # [0.5, 0.5]
    """


softmax = make_op(softmax, "nn")


def log_softmax(x, axis=-1):
    """Log of the softmax along ``axis``, computed stably.

    Args:
        x: tensor of logits.
        axis: int or tuple of ints.

    Returns:
        Float tensor.

    Example:
        >>> ops.log_softmax([0.0, 0.0])  # [-0.693, -0.693]
    """


log_softmax = make_op(log_softmax, "nn")
