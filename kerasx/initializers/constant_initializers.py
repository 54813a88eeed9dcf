"""Deterministic initializers: Zeros, Ones, Constant, Identity."""

import numpy as np

from kerasx import dtypes
from kerasx import ops
from kerasx.initializers.initializer import Initializer, standardize_shape


class Zeros(Initializer):
    """Fills the weight with 0.

    Example:
        >>> kerasx.initializers.Zeros()((2, 3))   # a 2x3 tensor of zeros
    """

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Zeros")
        return ops.zeros(shape, dtype=dtypes.standardize_dtype(dtype))


class Ones(Initializer):
    """Fills the weight with 1.

    Example:
        >>> kerasx.initializers.Ones()((2, 3))   # a 2x3 tensor of ones
    """

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Ones")
        return ops.ones(shape, dtype=dtypes.standardize_dtype(dtype))


class Constant(Initializer):
    """Fills the weight with ``value`` (a scalar, or an array broadcastable to the shape).

    Args:
        value: the fill value (default 0.0).

    Example:
        >>> kerasx.initializers.Constant(3.0)((2,))   # [3., 3.]
    """

    def __init__(self, value=0.0):
        if isinstance(value, np.ndarray):
            value = value.tolist()
        elif hasattr(value, "shape") and not isinstance(value, (int, float)):
            value = ops.convert_to_numpy(value).tolist()
        elif isinstance(value, np.generic):
            value = value.item()
        self.value = value

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Constant")
        dtype = dtypes.standardize_dtype(dtype)
        value = np.asarray(self.value)
        try:
            filled = np.broadcast_to(value, shape)
        except ValueError:
            raise ValueError(
                f"Constant: value of shape {value.shape} cannot be broadcast to the "
                f"requested shape {shape}."
            ) from None
        if value.ndim == 0:
            return ops.full(shape, value.item(), dtype=dtype)
        return ops.convert_to_tensor(np.array(filled), dtype=dtype)

    def get_config(self):
        return {"value": self.value}


class Identity(Initializer):
    """Fills a 2-D weight with ``gain`` times the identity matrix (rectangular allowed).

    Args:
        gain: multiplicative factor (default 1.0).

    Raises:
        ValueError: when called with a shape that is not 2-D.

    Example:
        >>> kerasx.initializers.Identity(gain=2.0)((2, 3))   # [[2,0,0],[0,2,0]]
    """

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "Identity")
        if len(shape) != 2:
            raise ValueError(
                "Identity initializer: expected a 2-D shape (rows, cols), "
                f"got shape={shape} of rank {len(shape)}."
            )
        dtype = dtypes.standardize_dtype(dtype)
        eye = ops.eye(shape[0], shape[1], dtype=dtype)
        if self.gain == 1.0:
            return eye
        return ops.multiply(eye, ops.cast(self.gain, dtype))

    def get_config(self):
        return {"gain": self.gain}
