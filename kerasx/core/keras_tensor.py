"""Symbolic tensors: a shape and a dtype, no data.

Layers and ops called on a ``KerasTensor`` build a graph instead of computing
values (the Functional API). Each symbolic tensor remembers the node that
produced it in ``_keras_history``.
"""

from kerasx import dtypes


class KerasTensor:
    """A symbolic tensor with a static shape (``None`` for unknown dims) and a dtype.

    Args:
        shape: tuple of ints or None.
        dtype: dtype name; defaults to ``floatx()``.
        sparse: whether the tensor is sparse (only recorded).
        name: optional name.

    Example:
        >>> x = kerasx.Input(shape=(3,))
        >>> x.shape
        (None, 3)
    """

    __array_priority__ = 100  # make numpy defer to our operators

    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, record_history=True, name=None):
        try:
            self.shape = tuple(None if d is None else int(d) for d in shape)
        except TypeError:
            raise ValueError(f"KerasTensor: shape must be a tuple of ints or None, got {shape!r}.") from None
        self.dtype = dtypes.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.name = name
        self._keras_history = None
        self._keras_mask = None

    @property
    def ndim(self):
        return len(self.shape)

    def reshape(self, newshape):
        from kerasx import ops
        return ops.reshape(self, newshape)

    def squeeze(self, axis=None):
        from kerasx import ops
        return ops.squeeze(self, axis=axis)

    def __repr__(self):
        return f"<KerasTensor shape={self.shape}, dtype={self.dtype}, name={self.name}>"

    def __iter__(self):
        raise TypeError(
            "A symbolic KerasTensor cannot be iterated over: its values are unknown while the "
            "model is being built. Use kerasx.ops (e.g. ops.unstack) or write the logic in a Layer."
        )

    def __bool__(self):
        raise TypeError(
            "A symbolic KerasTensor has no truth value: it is a placeholder in a model graph. "
            "Use kerasx.ops.cond / ops.where for data-dependent logic."
        )

    def numpy(self):
        raise ValueError(
            "A symbolic KerasTensor has no value: it stands for the input of a model being built. "
            "Call the model on real data to get numbers."
        )

    __array__ = None  # np.asarray(kt) raises TypeError instead of building an object array

    def __len__(self):
        if not self.shape or self.shape[0] is None:
            raise TypeError(f"len() of a KerasTensor with unknown first dimension: shape {self.shape}.")
        return self.shape[0]

    # Arithmetic goes through kerasx.ops so that the graph records it.
    def __add__(self, other):
        from kerasx import ops
        return ops.add(self, other)

    def __radd__(self, other):
        from kerasx import ops
        return ops.add(other, self)

    def __sub__(self, other):
        from kerasx import ops
        return ops.subtract(self, other)

    def __rsub__(self, other):
        from kerasx import ops
        return ops.subtract(other, self)

    def __mul__(self, other):
        from kerasx import ops
        return ops.multiply(self, other)

    def __rmul__(self, other):
        from kerasx import ops
        return ops.multiply(other, self)

    def __matmul__(self, other):
        from kerasx import ops
        return ops.matmul(self, other)

    def __rmatmul__(self, other):
        from kerasx import ops
        return ops.matmul(other, self)

    def __truediv__(self, other):
        from kerasx import ops
        return ops.true_divide(self, other)

    def __rtruediv__(self, other):
        from kerasx import ops
        return ops.true_divide(other, self)

    def __floordiv__(self, other):
        from kerasx import ops
        return ops.floor_divide(self, other)

    def __rfloordiv__(self, other):
        from kerasx import ops
        return ops.floor_divide(other, self)

    def __mod__(self, other):
        from kerasx import ops
        return ops.mod(self, other)

    def __rmod__(self, other):
        from kerasx import ops
        return ops.mod(other, self)

    def __pow__(self, other):
        from kerasx import ops
        return ops.power(self, other)

    def __rpow__(self, other):
        from kerasx import ops
        return ops.power(other, self)

    def __neg__(self):
        from kerasx import ops
        return ops.negative(self)

    def __pos__(self):
        return self

    def __abs__(self):
        from kerasx import ops
        return ops.absolute(self)

    def __invert__(self):
        from kerasx import ops
        return ops.logical_not(self) if self.dtype == "bool" else ops.bitwise_invert(self)

    def __lt__(self, other):
        from kerasx import ops
        return ops.less(self, other)

    def __le__(self, other):
        from kerasx import ops
        return ops.less_equal(self, other)

    def __gt__(self, other):
        from kerasx import ops
        return ops.greater(self, other)

    def __ge__(self, other):
        from kerasx import ops
        return ops.greater_equal(self, other)

    def __and__(self, other):
        from kerasx import ops
        return ops.logical_and(self, other)

    def __or__(self, other):
        from kerasx import ops
        return ops.logical_or(self, other)

    def __xor__(self, other):
        from kerasx import ops
        return ops.logical_xor(self, other)

    def __getitem__(self, key):
        from kerasx import ops
        return ops.get_item(self, key)

    __hash__ = object.__hash__


def is_keras_tensor(x):
    """Returns True if ``x`` is a symbolic KerasTensor."""
    return isinstance(x, KerasTensor)


_CONTAINERS = (list, tuple, dict)


def any_symbolic(args, kwargs=None):
    """True if any argument (searched one level into lists/tuples/dicts) is a KerasTensor."""
    for a in args:
        t = type(a)
        if t is KerasTensor:
            return True
        if t in _CONTAINERS or isinstance(a, _CONTAINERS):
            if _nested_symbolic(a):
                return True
        elif isinstance(a, KerasTensor):
            return True
    if kwargs:
        return any_symbolic(tuple(kwargs.values()))
    return False


def _nested_symbolic(a):
    for b in (a.values() if isinstance(a, dict) else a):
        if isinstance(b, KerasTensor):
            return True
        if isinstance(b, (list, tuple)) and any(isinstance(c, KerasTensor) for c in b):
            return True
    return False
