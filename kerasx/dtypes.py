"""dtype names and the one type-promotion table every backend follows.

Promotion follows a lattice (the same shape as JAX's): booleans promote to
integers, unsigned and signed integers meet at the next wider signed integer,
integers meet floats at the float, and ``bfloat16`` and ``float16`` meet at
``float32``. Python scalars are *weak*: ``int`` takes the dtype of the other
operand, ``float`` takes the other operand's float dtype or ``floatx()``.
So ``int32 + float32 -> float32``, ``int8 + uint8 -> int16``,
``float16 + 2.0 -> float16`` and ``int32 + 2.0 -> floatx()``.
"""

import functools

import numpy as np

from kerasx import config

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64")
COMPLEX_TYPES = ("complex64", "complex128")
ALLOWED_DTYPES = ("bool",) + INT_TYPES + FLOAT_TYPES + COMPLEX_TYPES + ("string",)

# Weak (Python scalar) types inside the lattice.
_WEAK_INT = "int*"
_WEAK_FLOAT = "float*"
_WEAK_COMPLEX = "complex*"

_EDGES = {
    "bool": ("int*",),
    "int*": ("uint8", "int8"),
    "uint8": ("uint16", "int16"),
    "uint16": ("uint32", "int32"),
    "uint32": ("uint64", "int64"),
    "int8": ("int16",),
    "int16": ("int32",),
    "int32": ("int64",),
    "int64": ("float*",),
    "uint64": ("float*",),
    "float*": ("bfloat16", "float16", "complex*"),
    "bfloat16": ("float32",),
    "float16": ("float32",),
    "float32": ("float64", "complex64"),
    "float64": ("complex128",),
    "complex*": ("complex64",),
    "complex64": ("complex128",),
    "complex128": (),
}

_PY_TYPES = {bool: "bool", int: "int32", float: None, complex: "complex64"}


def _upper(node):
    seen = {node}
    stack = [node]
    while stack:
        for nxt in _EDGES[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


_UPPER = {n: frozenset(_upper(n)) for n in _EDGES}


@functools.lru_cache(maxsize=4096)
def _join(a, b):
    common = _UPPER[a] & _UPPER[b]
    for c in common:
        if common <= _UPPER[c]:
            return c
    raise ValueError(f"No common dtype for {a} and {b}.")


def standardize_dtype(dtype):
    """Returns the canonical dtype string (``"float32"``, ``"int64"``, ...).

    Accepts strings, NumPy dtypes, Python types and framework dtype objects.
    ``None`` gives ``floatx()``.

    Raises:
        ValueError: if the dtype is not one kerasx supports.
    """
    if dtype is None:
        return config.floatx()
    if dtype in _PY_TYPES:
        return _PY_TYPES[dtype] or config.floatx()
    if isinstance(dtype, str):
        name = dtype
    elif isinstance(dtype, type):  # scalar types: np.float32, jnp.int8, ml_dtypes.bfloat16
        try:
            name = np.dtype(dtype).name
        except TypeError:
            name = str(dtype)
    elif hasattr(dtype, "name") and isinstance(dtype.name, str):
        name = dtype.name  # numpy, jax and tensorflow dtypes
    else:
        name = str(dtype)
    if name.startswith("torch."):
        name = name[len("torch."):]
    aliases = {
        "float": "float32", "double": "float64", "half": "float16", "int": "int32",
        "long": "int64", "short": "int16", "bool_": "bool", "uint": "uint32",
        "cfloat": "complex64", "cdouble": "complex128", "object": "string", "str": "string",
    }
    name = aliases.get(name, name)
    if name not in ALLOWED_DTYPES:
        raise ValueError(f"Invalid dtype: {dtype!r}. Expected one of {ALLOWED_DTYPES}.")
    return name


def is_float(dtype):
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int(dtype):
    return standardize_dtype(dtype) in INT_TYPES


def is_complex(dtype):
    return standardize_dtype(dtype) in COMPLEX_TYPES


def _lattice_node(x):
    """Maps one argument of ``result_type`` onto a lattice node."""
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return _WEAK_INT
    if isinstance(x, float):
        return _WEAK_FLOAT
    if isinstance(x, complex):
        return _WEAK_COMPLEX
    if x is bool:
        return "bool"
    if x is int:
        return _WEAK_INT
    if x is float:
        return _WEAK_FLOAT
    return standardize_dtype(x)


def _resolve_weak(node):
    if node == _WEAK_INT:
        return "int32"
    if node == _WEAK_FLOAT:
        return config.floatx()
    if node == _WEAK_COMPLEX:
        return "complex64"
    return node


def result_type(*args):
    """Returns the dtype an operation on ``args`` produces.

    Each argument is a dtype (string, object or Python type) or a Python
    scalar value (which counts as weakly typed). With no arguments the
    result is ``floatx()``.

    Example:
        >>> result_type("int32", "float32")
        'float32'
        >>> result_type("float16", 1.0)
        'float16'
    """
    if not args:
        return config.floatx()
    node = _lattice_node(args[0])
    for a in args[1:]:
        node = _join(node, _lattice_node(a))
    # An int-weak result joined with only weak floats and a concrete float keeps the float;
    # a lone weak float becomes floatx(); bfloat16 + float16 -> float32 via the lattice.
    return _resolve_weak(node)


def itemsize(dtype):
    dtype = standardize_dtype(dtype)
    if dtype == "bool":
        return 1
    if dtype == "bfloat16":
        return 2
    return np.dtype(dtype).itemsize
