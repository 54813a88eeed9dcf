"""Core group of the torch backend: tensors, Variable, control flow, gradients."""

import builtins
import contextlib

import numpy as np
import torch

from kerasx.backends.torch import _common
from kerasx.backends.torch._common import (  # noqa: F401  (re-exported)
    convert_to_numpy,
    convert_to_tensor,
    to_torch_dtype,
)
from kerasx.backends.torch._core_spec import (  # noqa: F401  (re-exported)
    compute_gradients,
    compute_output_spec,
)
from kerasx.backends.torch._core_flow import (  # noqa: F401  (re-exported)
    associative_scan,
    cond,
    custom_gradient,
    fori_loop,
    map,
    scan,
    switch,
    vectorized_map,
    while_loop,
)
from kerasx.core import variable as _variable


def _unwrap(x):
    if isinstance(x, Variable):
        return x.value
    if isinstance(x, (list, tuple)):
        return type(x)(_unwrap(e) for e in x)
    if isinstance(x, dict):
        return {k: _unwrap(v) for k, v in x.items()}
    return x


class Variable(_variable.Variable):
    """A kerasx Variable stored as a ``torch.nn.Parameter``.

    Torch functions accept it directly (``torch.add(v, 1)``) through
    ``__torch_function__``. Gradients are tracked only when it is trainable and
    floating point.
    """

    def _initialize(self, value):
        self._store(value.detach().clone())

    def _store(self, t):
        # the value as a Parameter that records gradients when trainable and floating
        req = bool(self.trainable) and (t.is_floating_point() or t.is_complex())
        self._value = torch.nn.Parameter(t, requires_grad=req)

    def _direct_assign(self, value):
        if torch.is_grad_enabled():
            with torch.no_grad():
                self._value.copy_(value)
        else:  # optimizer and metric updates already run without grad recording
            self._value.copy_(value)

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    def assign_add(self, value):
        # In place for a Python number or a same-dtype, same-shape tensor (metric
        # accumulators, counters): one kernel instead of add + copy. The general path
        # (dtype conversion, broadcasting, stateless scopes, tracing) otherwise.
        param = self._value
        kind = type(value)
        if kind is torch.Tensor:
            fast = value.dtype == param.dtype and value.shape == param.shape \
                and value.device == param.device
        else:
            fast = (kind is float and param.is_floating_point()) or (
                kind is int and param.dtype != torch.bool)
        if fast and not _variable.scope_mod.in_stateless_scope() \
                and not torch.compiler.is_compiling():
            if torch.is_grad_enabled():
                with torch.no_grad():
                    param.add_(value)
            else:
                param.add_(value)
            return param.detach()
        return super().assign_add(value)

    def _initialize_placeholder(self):
        # Lazily zeroed NumPy memory wrapped as is (no page touched before the loader
        # adopts its own buffer); on an accelerator the generic path.
        if _common.DEFAULT_DEVICE.type != "cpu" or self._dtype not in _NUMPY_DTYPES:
            return super()._initialize_placeholder()
        self._store(torch.from_numpy(_variable.aligned_empty(self._shape, self._dtype,
                                                             zeros=True)))

    def _load_buffer(self):
        # torch wraps any C-contiguous NumPy array, aligned or not: the very request NumPy
        # (and so h5py) makes, which reuses memory freed by same-sized arrays.
        if _common.DEFAULT_DEVICE.type == "cpu" and self._dtype in _NUMPY_DTYPES:
            return np.empty(self._shape, self._dtype)
        return super()._load_buffer()

    def _adopt_loaded(self, buffer):
        # The Parameter object stays (optimizers and traced steps keep it); its
        # storage becomes the loaded buffer: no copy. A placeholder's Parameter is
        # made from the buffer.
        pending = self._placeholder_pending()
        device = _common.DEFAULT_DEVICE if pending else self._value.device
        if (_variable.scope_mod.get_stateless_scope() is not None
                or device.type != "cpu" or self._dtype not in _NUMPY_DTYPES
                or buffer.dtype != np.dtype(self._dtype) or tuple(buffer.shape) != self._shape
                or not buffer.flags.c_contiguous or not buffer.flags.writeable):
            return super()._adopt_loaded(buffer)
        t = torch.from_numpy(buffer)
        if pending:
            self._store(t)
            self._adopted_placeholder()
            return
        with torch.no_grad():
            self._value.data = t

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        param = self.__dict__.get("_value")
        if param is not None and (param.is_floating_point() or param.is_complex()):
            param.requires_grad_(self._trainable)

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return func(*_unwrap(args), **_unwrap(kwargs or {}))

    def __array__(self, dtype=None, copy=None):
        a = convert_to_numpy(self.value)
        return a.astype(dtype) if dtype is not None else a


# dtypes whose NumPy arrays torch wraps without a copy (loading fast path).
_NUMPY_DTYPES = frozenset(("float16", "float32", "float64", "int8", "int16", "int32", "int64",
                           "uint8", "bool"))


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def cast(x, dtype):
    x = convert_to_tensor(x)
    dt = to_torch_dtype(dtype)
    return x if x.dtype == dt else x.to(dt)


def shape(x):
    if isinstance(x, (torch.Tensor, Variable)):
        return tuple(x.shape)
    return tuple(np.shape(x))


def dtype(x):
    if isinstance(x, torch.Tensor):
        return _common.DTYPE_NAMES[x.dtype]
    if isinstance(x, Variable):
        return x.dtype
    return _common.DTYPE_NAMES[convert_to_tensor(x).dtype]


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


def _index_tuple(indices):
    indices = convert_to_tensor(indices).long()
    return tuple(indices[..., i] for i in range(indices.shape[-1]))


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    out = torch.zeros(tuple(int(d) for d in shape), dtype=values.dtype, device=values.device)
    return out.index_put_(_index_tuple(indices), values, accumulate=True)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, dtype=inputs.dtype)
    out = inputs.clone()
    return out.index_put_(_index_tuple(indices), updates)


def _starts(start_indices, dims, sizes):
    if isinstance(start_indices, torch.Tensor):
        start_indices = start_indices.tolist()
    starts = []
    for s, d, n in zip(start_indices, dims, sizes):
        s = int(s)
        starts.append(min(max(s, 0), max(d - n, 0)))  # clamped like lax.dynamic_slice
    return starts


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    shape = [int(d) for d in shape]
    starts = _starts(start_indices, inputs.shape, shape)
    key = tuple(builtins.slice(s, s + n) for s, n in zip(starts, shape))
    return inputs[key]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, dtype=inputs.dtype)
    starts = _starts(start_indices, inputs.shape, updates.shape)
    key = tuple(builtins.slice(s, s + n) for s, n in zip(starts, updates.shape))
    out = inputs.clone()
    out[key] = updates
    return out


def unstack(x, num=None, axis=0):
    return list(torch.unbind(convert_to_tensor(x), dim=axis))


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    dt = to_torch_dtype(dtype)
    if dt.is_floating_point:
        info = torch.finfo(dt)
    elif dt == torch.bool:
        return x.to(dt)
    else:
        info = torch.iinfo(dt)
    if x.dtype != torch.bool and not x.is_complex():
        lo, hi = info.min, info.max
        if x.is_floating_point():
            src = torch.finfo(x.dtype)
            lo, hi = max(lo, src.min), min(hi, src.max)
            if not dt.is_floating_point:
                # the float nearest to iinfo.max may round up past it: clamp in float64
                return torch.clamp(x.double(), lo, hi).to(dt)
        else:
            src = torch.iinfo(x.dtype)
            lo, hi = max(lo, src.min), min(hi, src.max)
        x = torch.clamp(x, lo, hi)
    return x.to(dt)


def in_tracing():
    return bool(torch.compiler.is_compiling())


def no_grad_scope():
    """Context for state updates (optimizer steps, metric updates): no autograd graph is recorded."""
    return torch.no_grad()


@contextlib.contextmanager
def device_scope(device_name):
    """Places new tensors on ``device_name`` ("cpu", "gpu", "gpu:1", "cuda:0", a torch.device)."""
    if isinstance(device_name, str):
        name = device_name.lower().replace("/device:", "").replace("/", "")
        if name.startswith("gpu"):
            name = "cuda" + name[3:]
        dev = torch.device(name)
    elif isinstance(device_name, torch.device):
        dev = device_name
    else:
        raise ValueError(f"ops.device_scope: device_name must be a string like 'cpu' or 'gpu:0', "
                         f"got {device_name!r}.")
    previous = _common.DEFAULT_DEVICE
    _common.DEFAULT_DEVICE = dev
    try:
        with torch.device(dev):
            yield
    finally:
        _common.DEFAULT_DEVICE = previous


def random_seed_dtype():
    return "int32"
