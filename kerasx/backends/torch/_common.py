"""Shared helpers of the torch backend: dtype maps, tensor conversion, promotion."""

import functools

import numpy as np
import torch

from kerasx import config, dtypes

DEFAULT_DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")

TORCH_DTYPES = {
    "bool": torch.bool,
    "uint8": torch.uint8,
    "uint16": torch.uint16,
    "uint32": torch.uint32,
    "uint64": torch.uint64,
    "int8": torch.int8,
    "int16": torch.int16,
    "int32": torch.int32,
    "int64": torch.int64,
    "bfloat16": torch.bfloat16,
    "float16": torch.float16,
    "float32": torch.float32,
    "float64": torch.float64,
    "complex64": torch.complex64,
    "complex128": torch.complex128,
}
DTYPE_NAMES = {v: k for k, v in TORCH_DTYPES.items()}
_FLOAT_TORCH = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
_PY_SCALARS = frozenset((bool, int, float, complex))
_LIMITED_UINT = (torch.uint16, torch.uint32, torch.uint64)


def to_torch_dtype(dtype):
    """Maps any dtype spelling to a torch.dtype (None -> floatx)."""
    if isinstance(dtype, torch.dtype):
        return dtype
    name = dtypes.standardize_dtype(dtype)
    try:
        return TORCH_DTYPES[name]
    except KeyError:
        raise ValueError(
            f"The torch backend does not support dtype {name!r}; "
            f"supported: {sorted(TORCH_DTYPES)}."
        ) from None


def dtype_name(t):
    return DTYPE_NAMES[t.dtype]


def floatx():
    return TORCH_DTYPES[config.floatx()]


@functools.lru_cache(maxsize=None)
def _join_torch(a, b):
    return TORCH_DTYPES[dtypes.result_type(DTYPE_NAMES[a], DTYPE_NAMES[b])]


_PLAIN_KINDS = frozenset("biufc")


def _np_to_torch(x):
    dt = x.dtype
    if dt.kind in _PLAIN_KINDS and x.flags.c_contiguous and x.flags.writeable:
        return torch.from_numpy(x)  # the common case (a batch of numbers): no copy
    if dt.kind == "V" or dt.name == "bfloat16":
        # ml_dtypes bfloat16 arrays: reinterpret the bits.
        return torch.from_numpy(np.ascontiguousarray(x).view(np.uint16)).view(torch.bfloat16)
    if x.dtype.kind in "US" or x.dtype == object:
        raise ValueError(f"The torch backend cannot hold arrays of dtype {x.dtype} (strings/objects).")
    if not x.flags.c_contiguous or not x.flags.writeable:
        x = np.array(x, copy=True, order="C")
    return torch.from_numpy(x)


def _infer_list(x):
    arr = np.asarray(x)
    kind = arr.dtype.kind
    if kind == "b":
        return arr
    if kind in "iu":
        return arr.astype(np.int32) if arr.dtype == np.int64 else arr
    if kind == "f":
        return arr.astype(config.floatx() if config.floatx() != "bfloat16" else np.float32)
    return arr


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise ValueError("ops.convert_to_tensor: sparse=True is not supported by the torch backend; "
                         "use a dense tensor.")
    if ragged:
        raise ValueError("ops.convert_to_tensor: ragged=True is not supported by the torch backend; "
                         "pad the data to a dense tensor.")
    tdtype = None if dtype is None else to_torch_dtype(dtype)
    if isinstance(x, torch.Tensor):
        if tdtype is not None and x.dtype != tdtype:
            return x.to(tdtype)
        return x
    if hasattr(x, "_direct_assign"):  # a kerasx Variable
        return convert_to_tensor(x.value, dtype)
    if isinstance(x, np.generic):  # NumPy scalars keep their dtype (np.float64 is a float)
        x = np.asarray(x)
    if isinstance(x, bool):
        t = torch.tensor(x, dtype=tdtype or torch.bool, device=DEFAULT_DEVICE)
    elif isinstance(x, int):
        t = torch.tensor(x, dtype=tdtype or torch.int32, device=DEFAULT_DEVICE)
    elif isinstance(x, float):
        t = torch.tensor(x, dtype=tdtype or floatx(), device=DEFAULT_DEVICE)
    elif isinstance(x, complex):
        t = torch.tensor(x, dtype=tdtype or torch.complex64, device=DEFAULT_DEVICE)
    else:
        if isinstance(x, (list, tuple)) and any(isinstance(e, torch.Tensor) or hasattr(e, "_direct_assign")
                                                for e in _flat(x)):
            parts = [convert_to_tensor(e) for e in x]
            dt = functools.reduce(_join_torch, [p.dtype for p in parts]) if parts else floatx()
            t = torch.stack([p.to(dt) for p in parts]) if parts else torch.zeros((0,), dtype=dt)
        elif isinstance(x, np.ndarray) or np.isscalar(x) and isinstance(x, np.generic):
            t = _np_to_torch(np.asarray(x))
        else:
            t = _np_to_torch(_infer_list(x))
            if tdtype is None and t.is_floating_point():
                tdtype = floatx()
        if t.device != DEFAULT_DEVICE:
            t = t.to(DEFAULT_DEVICE)
        if tdtype is not None and t.dtype != tdtype:
            t = t.to(tdtype)
    return t


def _flat(x):
    for e in x:
        if isinstance(e, (list, tuple)):
            yield from _flat(e)
        else:
            yield e


def convert_to_numpy(x):
    if isinstance(x, (list, tuple)):
        return np.array([convert_to_numpy(e) for e in x])
    if hasattr(x, "_direct_assign"):
        x = x.value
    if not isinstance(x, torch.Tensor):
        return np.asarray(x)
    x = x.detach()
    if x.device.type != "cpu":
        x = x.cpu()
    if x.dtype == torch.bfloat16:
        import ml_dtypes

        return x.view(torch.uint16).numpy().view(ml_dtypes.bfloat16)
    if x.is_conj():
        x = x.resolve_conj()
    return x.numpy()


def tdtype_of(x):
    """Torch dtype of a tensor, Variable, numpy array or Python scalar (weak scalars give None)."""
    if isinstance(x, torch.Tensor):
        return x.dtype
    if type(x) in _PY_SCALARS:
        return None
    if hasattr(x, "_direct_assign"):
        return TORCH_DTYPES[x.dtype]
    return convert_to_tensor(x).dtype


def pair(x1, x2):
    """Converts two operands to tensors of their promoted dtype (Python scalars weak)."""
    if isinstance(x1, torch.Tensor) and isinstance(x2, torch.Tensor):
        if x1.dtype == x2.dtype:
            return x1, x2
        dt = _join_torch(x1.dtype, x2.dtype)
        return x1.to(dt), x2.to(dt)
    if type(x1) in _PY_SCALARS:
        x2 = convert_to_tensor(x2)
        dt = TORCH_DTYPES[dtypes.result_type(DTYPE_NAMES[x2.dtype], x1)]
        return torch.tensor(x1, dtype=dt, device=x2.device), x2.to(dt)
    if type(x2) in _PY_SCALARS:
        x1 = convert_to_tensor(x1)
        dt = TORCH_DTYPES[dtypes.result_type(DTYPE_NAMES[x1.dtype], x2)]
        return x1.to(dt), torch.tensor(x2, dtype=dt, device=x1.device)
    return pair(convert_to_tensor(x1), convert_to_tensor(x2))


def pair_scalar(x1, x2):
    """Like ``pair`` but leaves a weak Python int/float x2 as a scalar (cheaper).

    Only for torch functions that accept a Python number in place of a tensor.
    """
    t1, t2 = type(x1), type(x2)
    if t1 is torch.Tensor:
        if t2 is torch.Tensor:
            if x1.dtype == x2.dtype:
                return x1, x2
        elif t2 is float or t2 is int:
            return _with_scalar(x1, t2), x2
    return pair(x1, x2)


def _with_scalar(t, scalar_type):
    dt = t.dtype
    if dt.is_floating_point or dt.is_complex:
        return t
    if scalar_type is float:
        return t.to(floatx())
    if dt == torch.bool:
        return t.to(torch.int32)
    return t


def result_dtype(*xs):
    """Promoted torch dtype of several operands (scalars weak)."""
    args = []
    for x in xs:
        if type(x) in _PY_SCALARS:
            args.append(x)
        else:
            args.append(DTYPE_NAMES[tdtype_of(x)])
    return TORCH_DTYPES[dtypes.result_type(*args)]


def to_float(x):
    """Tensor cast to floatx when it is not floating/complex already."""
    x = convert_to_tensor(x)
    if x.dtype in _FLOAT_TORCH or x.is_complex():
        return x
    return x.to(floatx())


def float_pair(x1, x2):
    x1, x2 = pair(x1, x2)
    if x1.dtype in _FLOAT_TORCH or x1.is_complex():
        return x1, x2
    dt = floatx()
    return x1.to(dt), x2.to(dt)


def canon_axis(axis, ndim):
    """Axis or tuple of axes as non-negative ints (None stays None)."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return tuple(_one_axis(a, ndim) for a in axis)
    return _one_axis(axis, ndim)


def _one_axis(a, ndim):
    a = int(a)
    n = max(ndim, 1)
    if not -n <= a < n:
        raise IndexError(f"axis {a} is out of range for a tensor with {ndim} dimension(s)")
    return a % n


def is_float_dtype(tdtype):
    return tdtype in _FLOAT_TORCH


def check_uint_support(x, op):
    if x.dtype in _LIMITED_UINT:
        raise ValueError(
            f"ops.{op}: torch has limited support for {DTYPE_NAMES[x.dtype]} tensors; "
            "cast to int64 (or another supported dtype) first."
        )
