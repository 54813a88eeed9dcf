"""The ``Initializer`` base class and the fan computation shared by the scaling initializers."""

import math

from kerasx import dtypes


class Initializer:
    """Base class of weight initializers: a callable ``init(shape, dtype=None)``.

    Subclasses implement ``__call__(shape, dtype=None)`` returning a tensor of
    that shape and dtype, and ``get_config()`` if their constructor takes
    arguments.

    Example:
        >>> class Fives(kerasx.initializers.Initializer):
        ...     def __call__(self, shape, dtype=None):
        ...         return kerasx.ops.full(shape, 5.0, dtype=dtype)
    """

    def __call__(self, shape, dtype=None):
        raise TypeError(
            f"{type(self).__name__} is an Initializer subclass without __call__(shape, dtype=None); "
            "define it to return a tensor of the requested shape and dtype."
        )

    def get_config(self):
        """Returns the constructor arguments as a JSON-serializable dict."""
        return {}

    @classmethod
    def from_config(cls, config):
        """Builds an initializer from ``get_config()``'s output."""
        config = dict(config)
        config.pop("dtype", None)  # TF1-era configs carried a dtype no constructor takes
        return cls(**config)

    def clone(self):
        """Returns a new initializer with the same config."""
        return self.__class__.from_config(self.get_config())

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def standardize_shape(shape, who):
    """Returns ``shape`` as a tuple of non-negative ints, or raises naming ``who``."""
    if isinstance(shape, int):
        shape = (shape,)
    try:
        shape = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise ValueError(
            f"{who}: shape must be a tuple of non-negative ints, got {shape!r}."
        ) from None
    if any(d < 0 for d in shape):
        raise ValueError(f"{who}: shape must be a tuple of non-negative ints, got {shape!r}.")
    return shape


def float_dtype(dtype, who):
    """Returns the standardized float ``dtype`` (floatx when None), or raises naming ``who``."""
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_float(dtype):
        raise ValueError(
            f"{who}: random initializers produce floats; expected a float dtype, got dtype={dtype!r}. "
            "Use a float dtype, or Zeros/Ones/Constant for integer weights."
        )
    return dtype


def compute_fans(shape):
    """Returns ``(fan_in, fan_out)`` of a weight of ``shape``, as Keras computes them.

    Scalars give (1, 1); vectors (n, n); matrices (rows, cols); convolution
    kernels ``(*spatial, in_channels, out_channels)`` multiply the channels by the
    receptive field size (the product of the spatial dims).

    Example:
        >>> compute_fans((3, 3, 16, 32))
        (144, 288)
    """
    shape = tuple(shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return int(shape[0]), int(shape[0])
    if len(shape) == 2:
        return int(shape[0]), int(shape[1])
    receptive_field = math.prod(int(d) for d in shape[:-2])
    return int(shape[-2]) * receptive_field, int(shape[-1]) * receptive_field
