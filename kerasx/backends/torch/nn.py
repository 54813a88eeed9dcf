"""Neural-network group of the torch backend (re-exported from the family files)."""

import math

import torch as _torch

from kerasx.backends.torch._common import convert_to_tensor as _to_tensor
from kerasx.backends.torch.core import Variable as _Variable
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
from kerasx.backends.torch._nn_losses import layer_normalization as _layer_norm_general
from kerasx.backends.torch._nn_losses import (  # noqa: F401
    batch_normalization,
    binary_crossentropy,
    categorical_crossentropy,
    ctc_loss,
    moments,
    multi_hot,
    normalize,
    one_hot,
    psnr,
    rms_normalization,
    sparse_categorical_crossentropy,
)


_Tensor = _torch.Tensor
_F = _torch.nn.functional
_linear = _F.linear


# ---- layer normalization ------------------------------------------------------------
_LN_FLOATS = (_torch.float32, _torch.float64)


def _ln_param(p, x):
    """``p`` (a Variable or tensor) as a tensor fit for ``F.layer_norm`` over x's last axis,
    else None."""
    v = p.value if type(p) is _Variable else p
    if (isinstance(v, _Tensor) and v.dtype == x.dtype and v.ndim == 1
            and v.shape[0] == x.shape[-1]):
        return v
    return None


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None):
    """Layer normalization; the common case (a float32/float64 tensor normalized over its
    last axis, weights of that axis's size and dtype) goes straight to ``F.layer_norm``,
    which the general path (``_nn_losses.layer_normalization``) would reach as well."""
    if type(x) is _Tensor and x.dtype in _LN_FLOATS and epsilon is not None and x.ndim:
        a = axis[0] if type(axis) in (list, tuple) and len(axis) == 1 else axis
        if type(a) is int and (a == -1 or a == x.ndim - 1):
            w = None if gamma is None else _ln_param(gamma, x)
            b = None if beta is None else _ln_param(beta, x)
            if (w is None) == (gamma is None) and (b is None) == (beta is None):
                return _F.layer_norm(x, (x.shape[-1],), w, b, epsilon)
    return _layer_norm_general(x, gamma, beta, axis, epsilon)


# ---- dense projection -------------------------------------------------------------
def _weight(v):
    """A Variable's (scope-aware) value or a tensor as a torch tensor, in the fewest steps."""
    if isinstance(v, _Tensor):
        return v
    if hasattr(v, "_direct_assign"):  # a kerasx Variable
        v = v.value
        if isinstance(v, _Tensor):
            return v
    return _to_tensor(v)

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
    x = inputs if isinstance(inputs, _Tensor) else _to_tensor(inputs)
    w = kernel.value if type(kernel) is _Variable else kernel
    if not isinstance(w, _Tensor):
        w = _weight(w)
    if bias is not None:
        b = bias.value if type(bias) is _Variable else bias
        if not isinstance(b, _Tensor):
            b = _weight(b)
    else:
        b = None
    dt = x.dtype
    if w.dtype == dt and dt.is_floating_point and (b is None or b.dtype == dt):
        n = contract_dims
        if n == 1 and w.ndim == 2 and x.ndim >= 1 and (b is None or b.ndim == 1):
            if b is None:
                return _torch.matmul(x, w)
            if x.ndim == 2:
                return _torch.addmm(b, x, w)
            if x.ndim == 3 and x.is_contiguous():
                # linear folds a contiguous 3-D input into this same addmm in C++ (w.t() is
                # a view it transposes back): fewer Python-side view calls, same numbers.
                return _linear(x, w.t(), b)
            lead = x.shape[:-1]
            y = _torch.addmm(b, x.reshape(math.prod(lead), w.shape[0]), w)
            return y.reshape(lead + w.shape[1:])
        xs, ws = x.shape, w.shape
        if 0 < n < w.ndim and n <= x.ndim and xs[x.ndim - n:] == ws[:n] and (
                b is None or b.shape == ws[n:]):
            k, out = math.prod(ws[:n]), math.prod(ws[n:])
            w2 = w.reshape(k, out)
            x2 = x.reshape(math.prod(xs[:x.ndim - n]), k)
            if b is not None and b.ndim != 1:
                b = b.reshape(out)
            y = _torch.mm(x2, w2) if b is None else _torch.addmm(b, x2, w2)
            return y.reshape(xs[:x.ndim - n] + ws[n:])
    y = _tensordot(x, w, contract_dims)
    return y if b is None else _add(y, b)
