"""Neural-network group of the torch backend (re-exported from the family files)."""

import math

import torch as _torch

from kerasx.backends.torch._common import convert_to_tensor as _to_tensor
from kerasx.backends.torch._np_elementwise import add as _add
from kerasx.backends.torch._np_products import tensordot as _tensordot

from kerasx.backends.torch._nn_activations import (  # noqa: F401
    celu,
    elu,
    gelu,
    glu,
    hard_shrink,
    hard_sigmoid,
    hard_silu,
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
    tanh_shrink,
    threshold,
)
from kerasx.backends.torch._nn_attention import dot_product_attention  # noqa: F401
from kerasx.backends.torch._nn_conv import (  # noqa: F401
    average_pool,
    conv,
    conv_transpose,
    depthwise_conv,
    max_pool,
    separable_conv,
)
from kerasx.backends.torch._nn_losses import (  # noqa: F401
    batch_normalization,
    binary_crossentropy,
    categorical_crossentropy,
    ctc_loss,
    layer_normalization,
    moments,
    multi_hot,
    normalize,
    one_hot,
    psnr,
    rms_normalization,
    sparse_categorical_crossentropy,
)


# ---- dense projection -------------------------------------------------------------
# Not (yet) a contract name: the frontend reaches it as ``getattr(B.nn, "dense", None)`` and
# falls back to ``matmul`` + ``add`` where a backend lacks it.

def dense(inputs, kernel, bias=None, contract_dims=1):
    """``tensordot(inputs, kernel, contract_dims) + bias`` (the Dense/EinsumDense projection).

    Contracts the last ``contract_dims`` axes of ``inputs`` with the first ones of
    ``kernel``; ``bias`` broadcasts against the result. When the operands share a float
    dtype and ``bias`` is a vector (or has exactly the kernel's output shape) this is one
    ``addmm`` on 2-D views, the bias fused as in ``torch.nn.Linear``; anything else goes
    through ``tensordot`` + ``add`` with the usual dtype promotion.
    """
    x, w = _to_tensor(inputs), _to_tensor(kernel)
    b = None if bias is None else _to_tensor(bias)
    dt = x.dtype
    if w.dtype == dt and dt.is_floating_point and (b is None or b.dtype == dt):
        n = contract_dims
        if n == 1 and w.ndim == 2 and x.ndim >= 1 and (b is None or b.ndim == 1):
            if b is None:
                return _torch.matmul(x, w)
            if x.ndim == 2:
                return _torch.addmm(b, x, w)
            lead = x.shape[:-1]
            y = _torch.addmm(b, x.reshape(math.prod(lead), w.shape[0]), w)
            return y.reshape(lead + w.shape[1:])
        xs, ws = x.shape, w.shape
        if 0 < n < w.ndim and n <= x.ndim and xs[x.ndim - n:] == ws[:n] and (
                b is None or b.shape == ws[n:]):
            k, out = math.prod(ws[:n]), math.prod(ws[n:])
            w2 = w.reshape(k, out)
            x2 = x.reshape(math.prod(xs[:x.ndim - n]), k)
            y = _torch.mm(x2, w2) if b is None else _torch.addmm(b.reshape(out), x2, w2)
            return y.reshape(xs[:x.ndim - n] + ws[n:])
    y = _tensordot(x, w, contract_dims)
    return y if b is None else _add(y, b)
