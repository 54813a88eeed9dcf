"""Neural-network ops: ``kerasx.ops.nn`` (activations, convolutions, pooling, losses,
normalization, attention). Every name is also exported from ``kerasx.ops``."""

from kerasx.ops._dispatch import make_op
from kerasx.ops._nn_activations import (  # noqa: F401
    celu,
    elu,
    gelu,
    glu,
    hard_shrink,
    hard_sigmoid,
    hard_silu,
    hard_swish,
    hard_tanh,
    leaky_relu,
    log_sigmoid,
    log_softmax,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    soft_shrink,
    softmax,
    softplus,
    softsign,
    sparse_plus,
    sparse_sigmoid,
    sparsemax,
    squareplus,
    swish,
    tanh_shrink,
    threshold,
)
from kerasx.ops._nn_conv import (  # noqa: F401
    average_pool,
    conv,
    conv_transpose,
    depthwise_conv,
    max_pool,
    separable_conv,
)
from kerasx.ops._nn_losses import (  # noqa: F401
    binary_crossentropy,
    categorical_crossentropy,
    ctc_loss,
    multi_hot,
    one_hot,
    sparse_categorical_crossentropy,
)


def moments(x, axes, keepdims=False, synchronized=False):
    """Mean and (biased) variance of ``x`` over ``axes``.

    Args:
        x: tensor.
        axes: list of axes to reduce.
        keepdims: keep reduced axes with size 1.
        synchronized: accepted for Keras compatibility (single device).

    Returns:
        ``(mean, variance)``.

    Example:
        >>> mean, var = ops.moments(ops.array([1.0, 3.0]), axes=[0])  # 2., 1.
    """


moments = make_op(moments, "nn")


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=0.001):
    """Normalizes with given statistics: ``(x - mean) / sqrt(variance + epsilon) * scale + offset``.

    Args:
        x: tensor.
        mean, variance: 1-D tensors along ``axis``.
        axis: the feature axis.
        offset, scale: optional 1-D tensors (beta and gamma).
        epsilon: small float added to the variance.

    Returns:
        Tensor shaped like ``x``.

    Example:
        >>> ops.batch_normalization(x, mean, var, axis=-1)
    """


batch_normalization = make_op(batch_normalization, "nn")


def normalize(x, axis=-1, order=2, epsilon=None):
    """Divides ``x`` by its ``order``-norm along ``axis`` (at least ``epsilon``).

    Args:
        x: tensor.
        axis: the axis.
        order: the norm order (2 = Euclidean).
        epsilon: lower bound of the norm (default ``epsilon()``).

    Returns:
        Float tensor.

    Example:
        >>> ops.normalize([3.0, 4.0])  # [0.6, 0.8]
    """


normalize = make_op(normalize, "nn")


def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    """Root-mean-square normalization: ``x / sqrt(mean(x**2) + epsilon) * scale``.

    Args:
        x: tensor.
        scale: scalar or tensor broadcast along ``axis``.
        axis: the normalized axis.
        epsilon: small float (default ``epsilon()``).

    Returns:
        Float tensor.

    Example:
        >>> ops.rms_normalization([3.0, 4.0])  # [0.849, 1.131]
    """


rms_normalization = make_op(rms_normalization, "nn")


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None):
    """Layer normalization: ``(x - mean) / sqrt(var + epsilon) * gamma + beta`` along ``axis``.

    Args:
        x: tensor.
        gamma, beta: optional scale and offset.
        axis: int or tuple of normalized axes.
        epsilon: small float (default ``epsilon()``).

    Returns:
        Float tensor.

    Example:
        >>> ops.layer_normalization([1.0, 3.0])  # [-1., 1.]
    """


layer_normalization = make_op(layer_normalization, "nn")


def psnr(x1, x2, max_val):
    """Peak signal-to-noise ratio in dB: ``20 log10(max_val) - 10 log10(mse)``.

    Args:
        x1, x2: images of the same shape.
        max_val: the dynamic range (e.g. 1.0 or 255).

    Returns:
        Scalar float tensor.

    Example:
        >>> ops.psnr(a, b, max_val=1.0)
    """


psnr = make_op(psnr, "nn")


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    """Scaled dot-product attention ``softmax(q k^T * scale + bias) v``.

    Args:
        query: ``(batch, T, heads, head_dim)``.
        key, value: ``(batch, S, kv_heads, head_dim)``; ``kv_heads`` divides ``heads``.
        bias: optional tensor broadcastable to ``(batch, heads, T, S)``.
        mask: optional bool tensor broadcastable to ``(batch, heads, T, S)``; True = attend.
        scale: logit scale (default ``1 / sqrt(head_dim)``).
        is_causal: mask keys after each query position.
        flash_attention: request a fused kernel where available.
        attn_logits_soft_cap: optional ``cap * tanh(logits / cap)``.

    Returns:
        Tensor ``(batch, T, heads, head_dim)``.

    Example:
        >>> ops.dot_product_attention(q, k, v, is_causal=True)
    """


dot_product_attention = make_op(dot_product_attention, "nn")
