"""The framework-free part of ``kerasx.Variable``.

The base class owns the name, path, shape, dtype, trainable flag, the
initializer, and reading/writing through a ``StatelessScope``. Each backend
subclasses it and supplies storage only: ``_initialize`` (store a native
value), ``_direct_assign`` (overwrite it) and ``_convert_to_tensor``.
"""

import threading

import numpy as np

from kerasx import dtypes
from kerasx.core import scope as scope_mod


class Variable:
    """A named, mutable tensor (a model weight, an optimizer slot, a metric's state).

    Args:
        initializer: an initializer (callable taking ``shape, dtype``) or an
            initial value (array-like, backend tensor).
        shape: required when ``initializer`` is a callable.
        dtype: defaults to the initial value's dtype or ``floatx()``.
        trainable: whether optimizers update it.
        name: short name; the path adds the enclosing name scopes.

    Example:
        >>> v = kerasx.Variable(np.ones((2, 2)), name="w")
        >>> v.assign_add(np.ones((2, 2)))
        >>> v.numpy()
        array([[2., 2.], [2., 2.]], dtype=float32)
    """

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None):
        name = name or "variable"
        if not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"Variable: name must be a string without '/', got {name!r}."
            )
        self.name = name
        parent = scope_mod.current_path()
        self.path = f"{parent}/{name}" if parent else name
        self.trainable = bool(trainable)
        self.autocast = autocast
        self.aggregation = aggregation
        self.synchronization = synchronization
        self._overwrite_with_gradient = False
        if callable(initializer) and not hasattr(initializer, "shape"):
            if shape is None:
                raise ValueError(
                    f"Variable {self.path!r}: when the initializer is callable "
                    f"({initializer!r}) a shape is required, got shape=None."
                )
            shape = tuple(int(d) for d in shape)
            if any(d < 0 for d in shape):
                raise ValueError(f"Variable {self.path!r}: shape must be non-negative, got {shape}.")
            self._dtype = dtypes.standardize_dtype(dtype)
            self._shape = shape
            self._initializer = initializer
            if scope_mod._SKIP_INIT[0] and self._dtype not in ("bfloat16", "string"):
                value = _PLACEHOLDER  # zeros, overwritten by the loader
            else:
                value = initializer(shape, dtype=self._dtype)
        else:
            self._initializer = None
            if dtype is None:
                dtype = _infer_dtype(initializer)
            self._dtype = dtypes.standardize_dtype(dtype)
            value = initializer
            if shape is not None:
                value_shape = tuple(np.shape(value)) if not hasattr(value, "shape") else tuple(value.shape)
                if tuple(value_shape) != tuple(shape):
                    raise ValueError(
                        f"Variable {self.path!r}: the initial value has shape {tuple(value_shape)} "
                        f"but shape={tuple(shape)} was given."
                    )
        if value is _PLACEHOLDER:
            # No value yet: a loader adopts one next (``_adopt_loaded``), and anything that
            # reads ``_value`` before that gets zeros (``__getattr__``). Creating zeros
            # now would cost a second backend variable per weight on every load.
            self.__dict__["_kx_placeholder"] = True
            return
        self._initialize(self._convert_to_tensor(value, dtype=self._dtype))
        self._shape = tuple(int(d) for d in self._value.shape)

    def __getattr__(self, name):
        # Only reached when normal lookup fails: for ``_value`` of a placeholder.
        if name == "_value" and "_kx_placeholder" in self.__dict__:
            with _PLACEHOLDER_LOCK:
                if "_kx_placeholder" in self.__dict__:
                    self._initialize_placeholder()
                    del self.__dict__["_kx_placeholder"]
            return object.__getattribute__(self, "_value")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _placeholder_pending(self):
        """True while this variable (made inside ``skip_initializers``) has no value yet."""
        return "_kx_placeholder" in self.__dict__

    def _adopted_placeholder(self):
        """Marks a pending placeholder as given its value (by ``_adopt_loaded``)."""
        self.__dict__.pop("_kx_placeholder", None)

    # ---- backend hooks -------------------------------------------------
    def _initialize(self, value):
        raise TypeError("kerasx.core.variable.Variable is abstract: use kerasx.Variable.")

    def _direct_assign(self, value):
        raise TypeError("kerasx.core.variable.Variable is abstract: use kerasx.Variable.")

    def _convert_to_tensor(self, value, dtype=None):
        raise TypeError("kerasx.core.variable.Variable is abstract: use kerasx.Variable.")

    def _initialize_placeholder(self):
        # Zeros that a loader overwrites next (inside ``skip_initializers``). Backends
        # that can wrap NumPy memory store ``aligned_empty(..., zeros=True)`` as is: its
        # pages are never touched when the loader then adopts a buffer (``_adopt_loaded``).
        self._initialize(self._convert_to_tensor(np.zeros(self._shape, self._dtype),
                                                 dtype=self._dtype))

    # ---- loading from a file (kerasx.saving) ---------------------------
    def _load_buffer(self):
        """A new writable, C-contiguous NumPy array of this variable's shape and dtype,
        laid out so that the backend can adopt it without a copy (64-byte aligned here).

        A loader fills it (e.g. h5py reads a dataset straight into it) and passes it
        to ``_adopt_loaded``; nothing else may keep or change it afterwards.
        """
        return aligned_empty(self._shape, self._dtype)

    def _numpy_view(self):
        """The value as a NumPy array that may share the variable's memory (read-only
        use, e.g. handing it to h5py to write); ``numpy()`` returns a copy instead."""
        from kerasx.backends import B
        return np.asarray(B.core.convert_to_numpy(self.value))

    def _adopt_loaded(self, buffer):
        """Makes a filled ``_load_buffer()`` array the value; same outcome as ``assign``.

        Backends override it to take the buffer's memory without a copy; this
        default (and every case an override does not cover) assigns it.
        """
        self.assign(buffer)

    # ---- reading -------------------------------------------------------
    @property
    def value(self):
        # get_stateless_scope() inlined: this read runs for every weight of every eager call
        stack = getattr(scope_mod._STATE, "stateless", None)
        value = self._value
        if stack:
            v = stack[-1].get_current_value(self)
            if v is not None:
                value = v
        cast_to = scope_mod._AUTOCAST[0]
        if cast_to is not None and self.autocast and cast_to != self._dtype \
                and self._dtype in _FLOATS:
            from kerasx.backends import B
            return B.core.cast(value, cast_to)
        return value

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        """The dtype reads give: the layer's compute dtype inside a mixed-precision call."""
        cast_to = scope_mod._AUTOCAST[0]
        if cast_to is not None and self.autocast and self._dtype in _FLOATS:
            return cast_to
        return self._dtype

    @property
    def ndim(self):
        return len(self._shape)

    @property
    def initializer(self):
        return self._initializer

    def numpy(self):
        """Returns a NumPy copy of the value (never a view that later assignments would change)."""
        from kerasx.backends import B
        return np.array(B.core.convert_to_numpy(self.value), copy=True)

    def __array__(self, dtype=None, copy=None):
        a = self.numpy()
        return a.astype(dtype) if dtype is not None else a

    # ---- writing -------------------------------------------------------
    def _check_assign(self, value):
        shape = tuple(value.shape)
        if shape != self._shape:
            raise ValueError(
                f"Variable {self.path!r}: cannot assign a value of shape {shape}; "
                f"expected shape {self._shape}."
            )

    def assign(self, value):
        value = self._convert_to_tensor(value, dtype=self._dtype)
        self._check_assign(value)
        scope = scope_mod.get_stateless_scope()
        if scope is not None:
            scope.add_update(self, value)
        else:
            self._direct_assign(value)
        return value

    def assign_add(self, value):
        from kerasx import ops
        return self.assign(ops.add(self.value, value))

    def assign_sub(self, value):
        from kerasx import ops
        return self.assign(ops.subtract(self.value, value))

    def __repr__(self):
        return f"<Variable path={self.path}, shape={self._shape}, dtype={self._dtype}>"

    # ---- Python operators, through kerasx.ops ---------------------------
    def __getitem__(self, idx):
        from kerasx import ops
        return ops.get_item(self.value, idx)

    def __len__(self):
        return self._shape[0]

    def __bool__(self):
        return bool(self.numpy())

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __neg__(self):
        from kerasx import ops
        return ops.negative(self.value)

    def __pos__(self):
        return self.value

    def __abs__(self):
        from kerasx import ops
        return ops.absolute(self.value)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        from kerasx import ops
        return ops.equal(self.value, other)

    def __ne__(self, other):
        from kerasx import ops
        return ops.not_equal(self.value, other)


def _binop(opname, reverse=False):
    def method(self, other):
        from kerasx import ops
        fn = getattr(ops, opname)
        return fn(other, self.value) if reverse else fn(self.value, other)
    method.__name__ = opname
    return method


for _dunder, _op in (("add", "add"), ("sub", "subtract"), ("mul", "multiply"),
                     ("truediv", "true_divide"), ("floordiv", "floor_divide"), ("mod", "mod"),
                     ("pow", "power"), ("matmul", "matmul")):
    setattr(Variable, f"__{_dunder}__", _binop(_op))
    setattr(Variable, f"__r{_dunder}__", _binop(_op, reverse=True))
for _dunder, _op in (("lt", "less"), ("le", "less_equal"), ("gt", "greater"), ("ge", "greater_equal")):
    setattr(Variable, f"__{_dunder}__", _binop(_op))


_FLOATS = ("float16", "bfloat16", "float32", "float64")
_PLACEHOLDER = object()
_PLACEHOLDER_LOCK = threading.RLock()
_MMAP_BYTES = 1 << 20


def aligned_empty(shape, dtype, align=64, zeros=False):
    """An uninitialized (or ``zeros=True``: lazily zeroed) C-contiguous NumPy array whose
    data starts at a multiple of ``align`` bytes, which frameworks wrap without a copy."""
    dtype = np.dtype(dtype)
    shape = tuple(int(d) for d in shape)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if zeros and nbytes >= _MMAP_BYTES:
        # Fresh anonymous pages read as zeros and cost nothing until written, whereas
        # calloc may hand out reused heap memory and clear it.
        import mmap
        return np.frombuffer(mmap.mmap(-1, nbytes), dtype=dtype).reshape(shape)
    # (One request of a fixed size: allocating the exact size first and retrying when
    # it is misaligned leaves holes that later requests of either size cannot use.)
    raw = (np.zeros if zeros else np.empty)(nbytes + align, dtype=np.uint8)
    start = (-raw.ctypes.data) % align
    return raw[start:start + nbytes].view(dtype).reshape(shape)


def _infer_dtype(value):
    if hasattr(value, "dtype"):
        try:
            dt = dtypes.standardize_dtype(value.dtype)
        except ValueError:
            return None
        if dt == "float64" and isinstance(value, np.ndarray):
            from kerasx import config
            return config.floatx()  # NumPy's float64 default becomes floatx, as in Keras
        return dt
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int32"
    if isinstance(value, float):
        return None
    arr = np.asarray(value)
    if arr.dtype.kind == "f":
        return None
    if arr.dtype.kind in "iu":
        return "int32" if arr.dtype == np.int64 else arr.dtype.name
    return arr.dtype.name
