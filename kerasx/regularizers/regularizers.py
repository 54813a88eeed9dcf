"""Weight regularizers: penalties added to the loss, computed from a weight tensor."""

import math

from kerasx import dtypes
from kerasx import ops


def _non_negative_float(value, cls, name):
    if (not isinstance(value, (int, float)) or isinstance(value, bool)
            or math.isnan(value) or math.isinf(value) or value < 0):
        raise ValueError(
            f"{cls}: {name} must be a non-negative finite float, got {name}={value!r}."
        )
    return float(value)


class Regularizer:
    """Base class of regularizers: a callable ``reg(weight) -> scalar penalty``.

    Subclasses implement ``__call__(x)`` and ``get_config()``.

    Example:
        >>> class SumAbs(kerasx.regularizers.Regularizer):
        ...     def __call__(self, x):
        ...         return kerasx.ops.sum(kerasx.ops.abs(x))
    """

    def __call__(self, x):
        return 0.0

    def get_config(self):
        """Returns the constructor arguments as a JSON-serializable dict."""
        return {}

    @classmethod
    def from_config(cls, config):
        """Builds a regularizer from ``get_config()``'s output."""
        return cls(**config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class L1(Regularizer):
    """Penalty ``l1 * sum(abs(x))``.

    Args:
        l1: non-negative factor (default 0.01; None means 0.01).

    Example:
        >>> kerasx.regularizers.L1(0.1)(np.array([1.0, -2.0]))   # 0.3
    """

    def __init__(self, l1=0.01):
        self.l1 = _non_negative_float(0.01 if l1 is None else l1, "L1", "l1")

    def __call__(self, x):
        return ops.multiply(self.l1, ops.sum(ops.absolute(x)))

    def get_config(self):
        return {"l1": float(self.l1)}


class L2(Regularizer):
    """Penalty ``l2 * sum(square(x))``.

    Args:
        l2: non-negative factor (default 0.01; None means 0.01).

    Example:
        >>> kerasx.regularizers.L2(0.1)(np.array([1.0, -2.0]))   # 0.5
    """

    def __init__(self, l2=0.01):
        self.l2 = _non_negative_float(0.01 if l2 is None else l2, "L2", "l2")

    def __call__(self, x):
        return ops.multiply(self.l2, ops.sum(ops.square(x)))

    def get_config(self):
        return {"l2": float(self.l2)}


class L1L2(Regularizer):
    """Penalty ``l1 * sum(abs(x)) + l2 * sum(square(x))``.

    Args:
        l1: non-negative L1 factor (default 0.0).
        l2: non-negative L2 factor (default 0.0).

    Example:
        >>> kerasx.regularizers.L1L2(l1=0.1, l2=0.1)(np.array([1.0, -2.0]))   # 0.8
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _non_negative_float(0.0 if l1 is None else l1, "L1L2", "l1")
        self.l2 = _non_negative_float(0.0 if l2 is None else l2, "L1L2", "l2")

    def __call__(self, x):
        penalty = ops.convert_to_tensor(0.0, dtype=_dtype_of(x))
        if self.l1:
            penalty = ops.add(penalty, ops.multiply(self.l1, ops.sum(ops.absolute(x))))
        if self.l2:
            penalty = ops.add(penalty, ops.multiply(self.l2, ops.sum(ops.square(x))))
        return penalty

    def get_config(self):
        return {"l1": float(self.l1), "l2": float(self.l2)}


def _dtype_of(x):
    dtype = getattr(x, "dtype", None)
    if dtype is None:
        return None
    dtype = dtypes.standardize_dtype(dtype)
    return dtype if dtypes.is_float(dtype) else None


class OrthogonalRegularizer(Regularizer):
    """Pushes the rows (or columns) of a 2-D weight towards being mutually orthogonal.

    The rows (``mode="rows"``) or columns (``mode="columns"``) are L2-normalized;
    the penalty is ``factor`` times the mean absolute cosine similarity over all
    distinct pairs of them.

    Args:
        factor: non-negative factor (default 0.01).
        mode: "rows" (default) or "columns".

    Raises:
        ValueError: for a bad factor/mode, or when applied to a weight that is not 2-D.

    Example:
        >>> reg = kerasx.regularizers.OrthogonalRegularizer(factor=0.1)
        >>> reg(np.eye(3))   # 0.0: the rows are already orthogonal
    """

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = _non_negative_float(factor, "OrthogonalRegularizer", "factor")
        if mode not in ("rows", "columns"):
            raise ValueError(
                "OrthogonalRegularizer: mode must be 'rows' or 'columns', "
                f"got mode={mode!r}."
            )
        self.mode = mode

    def __call__(self, x):
        shape = tuple(ops.shape(x))
        if len(shape) != 2:
            raise ValueError(
                "OrthogonalRegularizer: expected a 2-D weight (a Dense kernel, for example), "
                f"got shape={shape} of rank {len(shape)}."
            )
        vectors = x if self.mode == "rows" else ops.transpose(x)
        size = int(shape[0] if self.mode == "rows" else shape[1])
        if size < 2:
            return ops.multiply(ops.sum(vectors), 0.0)
        norms = ops.sqrt(ops.maximum(ops.sum(ops.square(vectors), axis=1, keepdims=True), 1e-12))
        unit = ops.divide(vectors, norms)
        gram = ops.matmul(unit, ops.transpose(unit))
        off_diagonal = ops.multiply(gram, ops.subtract(1.0, ops.eye(size, dtype=gram.dtype)))
        num_pairs = size * (size - 1) / 2.0
        # Each pair appears twice in the symmetric Gram matrix.
        mean_abs = ops.divide(ops.multiply(ops.sum(ops.absolute(off_diagonal)), 0.5), num_pairs)
        return ops.multiply(self.factor, mean_abs)

    def get_config(self):
        return {"factor": float(self.factor), "mode": self.mode}
