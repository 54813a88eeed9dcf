"""Activation functions with Keras 3's names, signatures and defaults.

Each takes a tensor (backend tensor, Variable, NumPy array or symbolic
KerasTensor) and returns a tensor of the same shape (``glu`` halves ``axis``).
"""

from kerasx import ops


def _keep_logits(output, logits):
    # Losses recognise a softmax/sigmoid output by this attribute and use the
    # logits for numerical stability; tensors that refuse attributes skip it.
    try:
        output._keras_logits = logits
    except (AttributeError, TypeError):
        pass
    return output


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """Rectified linear unit, optionally leaky, capped and shifted.

    ``max_value`` if ``x >= max_value``; ``x`` if ``threshold <= x < max_value``;
    ``negative_slope * (x - threshold)`` otherwise.

    Args:
        x: input tensor.
        negative_slope: slope below the threshold (>= 0, default 0.0).
        max_value: optional cap (>= 0).
        threshold: values below it are damped (default 0.0).

    Raises:
        ValueError: for a negative or None ``negative_slope`` or a negative ``max_value``.

    Example:
        >>> relu(np.array([-1.0, 0.5, 8.0]), max_value=6.0)   # [0., 0.5, 6.]
    """
    if negative_slope is None or negative_slope < 0:
        raise ValueError(
            f"activations.relu: negative_slope must be a float >= 0, got {negative_slope!r}."
        )
    if max_value is not None and max_value < 0:
        raise ValueError(
            f"activations.relu: max_value must be None or a float >= 0, got {max_value!r}."
        )
    if max_value is None and threshold == 0:
        if negative_slope == 0:
            return ops.relu(x)
        return ops.leaky_relu(x, negative_slope=negative_slope)
    x = ops.convert_to_tensor(x)
    if threshold != 0:
        out = ops.where(ops.greater(x, threshold), x, ops.zeros_like(x))
    else:
        out = ops.relu(x)
    if max_value is not None:
        out = ops.clip(out, 0.0, max_value)
    if negative_slope != 0:
        out = ops.subtract(out, ops.multiply(negative_slope, ops.relu(ops.subtract(threshold, x))))
    return out


def relu6(x):
    """``min(max(x, 0), 6)``. Example: ``relu6(np.array([-1.0, 7.0]))`` -> ``[0., 6.]``."""
    return ops.relu6(x)


def leaky_relu(x, negative_slope=0.2):
    """``x`` for ``x >= 0`` else ``negative_slope * x``.

    Example: ``leaky_relu(np.array([-1.0, 2.0]))`` -> ``[-0.2, 2.]``.
    """
    return ops.leaky_relu(x, negative_slope=negative_slope)


def elu(x, alpha=1.0):
    """``x`` for ``x > 0`` else ``alpha * (exp(x) - 1)``. Example: ``elu(np.array([-1.0]))``."""
    return ops.elu(x, alpha=alpha)


def selu(x):
    """Scaled ELU: ``1.0507 * elu(x, alpha=1.67326)``. Example: ``selu(np.array([1.0]))``."""
    return ops.selu(x)


def gelu(x, approximate=False):
    """Gaussian error linear unit ``x * Phi(x)``.

    Args:
        x: input tensor.
        approximate: use the tanh approximation (Keras's activation default is False,
            the exact erf form).

    Example: ``gelu(np.array([1.0]))`` -> ``[0.8413]``.
    """
    return ops.gelu(x, approximate=approximate)


def celu(x, alpha=1.0):
    """``max(0, x) + min(0, alpha * (exp(x / alpha) - 1))``. Example: ``celu(np.array([-1.0]))``."""
    return ops.celu(x, alpha=alpha)


def glu(x, axis=-1):
    """Gated linear unit: splits ``x`` in two halves ``a, b`` on ``axis``; returns ``a * sigmoid(b)``.

    Example: ``glu(np.ones((2, 4))).shape`` -> ``(2, 2)``.
    """
    return ops.glu(x, axis=axis)


def silu(x):
    """Swish: ``x * sigmoid(x)``. Example: ``silu(np.array([0.0]))`` -> ``[0.]``."""
    return ops.silu(x)


swish = silu


def mish(x):
    """``x * tanh(softplus(x))``. Example: ``mish(np.array([0.0]))`` -> ``[0.]``."""
    x = ops.convert_to_tensor(x)
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def sigmoid(x):
    """``1 / (1 + exp(-x))``. Example: ``sigmoid(np.array([0.0]))`` -> ``[0.5]``."""
    return _keep_logits(ops.sigmoid(x), x)


def hard_sigmoid(x):
    """Piecewise-linear sigmoid ``clip(x / 6 + 0.5, 0, 1)``.

    Example: ``hard_sigmoid(np.array([-4.0, 0.0]))`` -> ``[0., 0.5]``.
    """
    return ops.hard_sigmoid(x)


def hard_silu(x):
    """Hard swish: ``x * hard_sigmoid(x)``. Example: ``hard_silu(np.array([3.0]))`` -> ``[3.]``."""
    return ops.hard_silu(x)


hard_swish = hard_silu


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x), axis)``, normalized along ``axis`` (an int or a tuple).

    Example: ``softmax(np.zeros((1, 4)))`` -> ``[[0.25, 0.25, 0.25, 0.25]]``.
    """
    return _keep_logits(ops.softmax(x, axis=axis), x)


def log_softmax(x, axis=-1):
    """``x - logsumexp(x, axis)``. Example: ``log_softmax(np.zeros((1, 2)))`` -> ``[[-0.693, -0.693]]``."""
    return ops.log_softmax(x, axis=axis)


def softplus(x):
    """``log(exp(x) + 1)``. Example: ``softplus(np.array([0.0]))`` -> ``[0.693]``."""
    return ops.softplus(x)


def softsign(x):
    """``x / (abs(x) + 1)``. Example: ``softsign(np.array([1.0]))`` -> ``[0.5]``."""
    return ops.softsign(x)


def tanh(x):
    """Hyperbolic tangent. Example: ``tanh(np.array([0.0]))`` -> ``[0.]``."""
    return ops.tanh(x)


def exponential(x):
    """``exp(x)``. Example: ``exponential(np.array([0.0]))`` -> ``[1.]``."""
    return ops.exp(x)


def linear(x):
    """Identity: returns ``x`` unchanged. Example: ``linear(3.0)`` -> ``3.0``."""
    return x


def hard_tanh(x):
    """``clip(x, -1, 1)``. Example: ``hard_tanh(np.array([-2.0, 0.5]))`` -> ``[-1., 0.5]``."""
    return ops.hard_tanh(x)


def hard_shrink(x, threshold=0.5):
    """``x`` where ``abs(x) > threshold`` else 0. Example: ``hard_shrink(np.array([0.3, 1.0]))`` -> ``[0., 1.]``."""
    return ops.hard_shrink(x, threshold=threshold)


def soft_shrink(x, threshold=0.5):
    """``x - threshold`` above it, ``x + threshold`` below ``-threshold``, else 0.

    Example: ``soft_shrink(np.array([1.0, 0.2]))`` -> ``[0.5, 0.]``.
    """
    return ops.soft_shrink(x, threshold=threshold)


def tanh_shrink(x):
    """``x - tanh(x)``. Example: ``tanh_shrink(np.array([0.0]))`` -> ``[0.]``."""
    return ops.tanh_shrink(x)


def log_sigmoid(x):
    """``log(sigmoid(x)) = -softplus(-x)``. Example: ``log_sigmoid(np.array([0.0]))`` -> ``[-0.693]``."""
    return ops.log_sigmoid(x)


def sparse_plus(x):
    """0 for ``x <= -1``, ``(x + 1)**2 / 4`` for ``-1 < x < 1``, ``x`` for ``x >= 1``.

    Example: ``sparse_plus(np.array([0.0]))`` -> ``[0.25]``.
    """
    return ops.sparse_plus(x)


def sparse_sigmoid(x):
    """0 for ``x <= -1``, ``(x + 1) / 2`` for ``-1 < x < 1``, 1 for ``x >= 1``.

    Example: ``sparse_sigmoid(np.array([0.0]))`` -> ``[0.5]``.
    """
    return ops.sparse_sigmoid(x)


def squareplus(x, b=4):
    """``(x + sqrt(x**2 + b)) / 2``. Example: ``squareplus(np.array([0.0]))`` -> ``[1.]``."""
    return ops.squareplus(x, b=b)


def threshold(x, threshold, default_value):
    """``x`` where ``x > threshold`` else ``default_value``.

    Example: ``threshold(np.array([0.5, 2.0]), 1.0, -1.0)`` -> ``[-1., 2.]``.
    """
    return ops.threshold(x, threshold, default_value)


def sparsemax(x, axis=-1):
    """Euclidean projection of ``x`` onto the probability simplex along ``axis``.

    Example: ``sparsemax(np.array([[1.0, 0.0]]))`` -> ``[[1., 0.]]``.
    """
    return ops.sparsemax(x, axis=axis)
