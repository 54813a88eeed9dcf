"""Helpers of the Layer base: automatic names, the call context, call signatures."""

import inspect
import re
import threading
import weakref

from kerasx import backend as _backend

_NAME_COUNTS = {}


def to_snake_case(name):
    """``"BatchNormalization"`` -> ``"batch_normalization"``, ``"Conv2D"`` -> ``"conv2d"``."""
    name = re.sub(r"\W+", "", name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def unique_name(prefix):
    """``"dense"`` the first time, then ``"dense_1"``, ``"dense_2"``... (reset by clear_session)."""
    n = _NAME_COUNTS.get(prefix, 0)
    _NAME_COUNTS[prefix] = n + 1
    return prefix if n == 0 else f"{prefix}_{n}"


def _reset_names():
    _NAME_COUNTS.clear()


_backend.register_clear_session_hook(_reset_names)


class CallContext:
    """State shared by the nested ``Layer.__call__``s of one outermost call."""

    __slots__ = ("training", "entry")

    def __init__(self, entry, training=None):
        self.entry = entry
        self.training = training


_TLS = threading.local()


def get_call_context():
    return getattr(_TLS, "ctx", None)


def set_call_context(ctx):
    _TLS.ctx = ctx


_SIGNATURES = weakref.WeakKeyDictionary()


def signature(fn):
    """``inspect.signature(fn)``, computed once per function: a bound method's through its
    function (the signature does not depend on the instance). Callables that cannot be
    weakly referenced are not cached."""
    func = getattr(fn, "__func__", None)
    bound = func is not None and getattr(fn, "__self__", None) is not None
    key = func if bound else fn
    try:
        per = _SIGNATURES.get(key)
    except TypeError:  # not weakly referenceable / not hashable
        return inspect.signature(fn)
    if per is not None and bound in per:
        return per[bound]
    sig = inspect.signature(fn)
    try:
        _SIGNATURES.setdefault(key, {})[bound] = sig
    except TypeError:
        pass
    return sig


class CallInfo:
    """What a ``call`` signature accepts, computed once per class."""

    __slots__ = ("has_training", "has_mask", "var_kwargs", "params", "first_name",
                 "tensor_params")

    def __init__(self, fn):
        sig = inspect.signature(fn)
        params = [p for p in sig.parameters.values()]
        self.params = params
        names = [p.name for p in params]
        self.var_kwargs = any(p.kind == p.VAR_KEYWORD for p in params)
        self.has_training = "training" in names
        self.has_mask = "mask" in names
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        self.first_name = positional[0].name if positional else None
        self.tensor_params = [p.name for p in params
                              if p.name not in ("training", "mask") and p.kind not in (
                                  p.VAR_KEYWORD,)]


_CALL_INFO = {}


def call_info(layer):
    fn = type(layer).call
    info = _CALL_INFO.get(fn)
    if info is None:
        info = CallInfo(layer.call)
        _CALL_INFO[fn] = info
    return info


def shape_of(x):
    """Static shape of a tensor/KerasTensor/array as a tuple (None for unknown dims)."""
    shape = getattr(x, "shape", None)
    if shape is None:
        return None
    try:
        return tuple(None if d is None else int(d) for d in shape)
    except TypeError:
        return tuple(shape)


def map_shapes(x):
    """Shapes of the tensors in a (possibly nested list/dict) structure."""
    if isinstance(x, (list, tuple)):
        return [map_shapes(v) for v in x]
    if isinstance(x, dict):
        return {k: map_shapes(v) for k, v in x.items()}
    return shape_of(x)


def is_shape_tuple(s):
    return isinstance(s, (list, tuple)) and all(d is None or isinstance(d, int) for d in s)


def readable_size(n_bytes):
    """``3.54 KB`` style size, as in Keras's summary."""
    units = ["B", "KB", "MB", "GB", "TB"]
    size = float(n_bytes)
    i = 0
    while size >= 1024 and i < len(units) - 1:
        size /= 1024.0
        i += 1
    return f"{size:.2f} {units[i]}"
