"""The JAX backend's neural-network ops (re-exported from the family files)."""

from kerasx.backends.jax._nn_activations import (  # noqa: F401
    celu, elu, gelu, glu, hard_shrink, hard_sigmoid, hard_silu, hard_tanh, leaky_relu,
    log_sigmoid, log_softmax, relu, relu6, selu, sigmoid, silu, soft_shrink, softmax, softplus,
    softsign, sparse_plus, sparse_sigmoid, sparsemax, squareplus, tanh_shrink, threshold,
)
from kerasx.backends.jax._nn_conv import (  # noqa: F401
    average_pool, conv, conv_transpose, depthwise_conv, max_pool, separable_conv,
)
from kerasx.backends.jax._nn_misc import (  # noqa: F401
    batch_normalization, binary_crossentropy, categorical_crossentropy, ctc_loss,
    dot_product_attention, layer_normalization, moments, multi_hot, normalize, one_hot, psnr,
    rms_normalization, sparse_categorical_crossentropy,
)
