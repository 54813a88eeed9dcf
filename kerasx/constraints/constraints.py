"""Weight constraints: projections applied to a weight after each optimizer update."""

from kerasx import config
from kerasx import ops


class Constraint:
    """Base class of constraints: a callable ``c(weight) -> projected weight``.

    The base class returns the weight unchanged. Subclasses implement
    ``__call__(w)`` and ``get_config()``.

    Example:
        >>> class Clip(kerasx.constraints.Constraint):
        ...     def __call__(self, w):
        ...         return kerasx.ops.clip(w, -1.0, 1.0)
    """

    def __call__(self, w):
        return w

    def get_config(self):
        """Returns the constructor arguments as a JSON-serializable dict."""
        return {}

    @classmethod
    def from_config(cls, config):
        """Builds a constraint from ``get_config()``'s output."""
        return cls(**config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


def _axis(axis, cls):
    if isinstance(axis, list):
        axis = tuple(axis)
    if isinstance(axis, bool) or not (
            isinstance(axis, int) or (isinstance(axis, tuple) and all(isinstance(a, int) for a in axis))):
        raise ValueError(f"{cls}: axis must be an int or a tuple of ints, got axis={axis!r}.")
    return axis


def _axis_config(axis):
    return list(axis) if isinstance(axis, tuple) else axis


class MaxNorm(Constraint):
    """Rescales each slice along ``axis`` whose L2 norm exceeds ``max_value`` down to it.

    Args:
        max_value: the maximum norm (default 2).
        axis: the axis (or axes) the norm is computed over (default 0: for a Dense
            kernel ``(in, out)`` each output unit's incoming weights).

    Example:
        >>> kerasx.constraints.MaxNorm(1.0)(np.array([[3.0], [4.0]]))   # [[0.6], [0.8]]
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = _axis(axis, "MaxNorm")

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, 0, self.max_value)
        return ops.multiply(w, ops.divide(desired, ops.add(norms, config.epsilon())))

    def get_config(self):
        return {"max_value": self.max_value, "axis": _axis_config(self.axis)}


class MinMaxNorm(Constraint):
    """Moves each slice's L2 norm into [min_value, max_value], at speed ``rate``.

    The new norm is ``rate * clip(norm, min_value, max_value) + (1 - rate) * norm``.

    Args:
        min_value: minimum norm (default 0.0).
        max_value: maximum norm (default 1.0).
        rate: 1.0 (default) projects exactly; smaller values move part of the way.
        axis: the axis (or axes) the norm is computed over (default 0).

    Example:
        >>> kerasx.constraints.MinMaxNorm(1.0, 2.0)(np.array([[0.3], [0.4]]))   # [[0.6], [0.8]]
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        if min_value > max_value:
            raise ValueError(
                f"MinMaxNorm: min_value must be <= max_value, got min_value={min_value!r}, "
                f"max_value={max_value!r}."
            )
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = _axis(axis, "MinMaxNorm")

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        clipped = ops.clip(norms, self.min_value, self.max_value)
        desired = ops.add(ops.multiply(self.rate, clipped), ops.multiply(1.0 - self.rate, norms))
        return ops.multiply(w, ops.divide(desired, ops.add(norms, config.epsilon())))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": _axis_config(self.axis)}


class NonNeg(Constraint):
    """Sets negative weights to zero.

    Example:
        >>> kerasx.constraints.NonNeg()(np.array([-1.0, 2.0]))   # [0., 2.]
    """

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.multiply(w, ops.cast(ops.greater_equal(w, 0.0), ops.dtype(w)))


class UnitNorm(Constraint):
    """Rescales each slice along ``axis`` to unit L2 norm.

    Args:
        axis: the axis (or axes) the norm is computed over (default 0).

    Example:
        >>> kerasx.constraints.UnitNorm()(np.array([[3.0], [4.0]]))   # [[0.6], [0.8]]
    """

    def __init__(self, axis=0):
        self.axis = _axis(axis, "UnitNorm")

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.divide(w, ops.add(_norms(w, self.axis), config.epsilon()))

    def get_config(self):
        return {"axis": _axis_config(self.axis)}
