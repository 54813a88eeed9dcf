"""How a public op reaches the backend, builds graph nodes, and reports bad input.

``make_op(spec, backend_fn)`` returns the public function: on symbolic inputs
it infers the output spec through the backend and records a graph ``Node``;
otherwise it calls the backend function directly. When the backend raises, the
error is re-raised as a ``ValueError`` that names the op, the argument, what was
expected and what was given (``diagnose``); the fast path pays nothing for this.
"""

import functools
import inspect

import numpy as np

from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor, any_symbolic
from kerasx.core.node import Node, OpFunction

# Framework error types that are not ValueError/TypeError (e.g. TensorFlow's OpError) are
# declared by the backend as ``core.NATIVE_ERRORS`` so they get the same diagnosis.
_NATIVE_ERRORS = (ValueError, TypeError, RuntimeError, IndexError) + tuple(
    getattr(B.core, "NATIVE_ERRORS", ()))
# Argument types that may hold (or be) symbolic tensors; anything else skips the deep check.
_SLOW = (KerasTensor, list, tuple, dict)
# Argument types known to be neither KerasTensors nor containers (tensors, numbers, None,
# strings...): the general op wrapper skips ``any_symbolic`` when every argument has one.
_PLAIN = {int, float, bool, str, type(None)}


def _learn_plain(a):
    """Whether ``a`` can be no symbolic tensor nor hold one; remembers a plain type. A plain
    list or tuple (of plain-typed items, e.g. an ``axis`` list) qualifies, uncached."""
    if isinstance(a, _SLOW):
        t = type(a)
        if t is list or t is tuple:
            for item in a:
                if type(item) not in _PLAIN:
                    return False
            return True
        return False
    _PLAIN.add(type(a))
    return True


def symbolic_call(op, backend_fn, args, kwargs):
    """Computes output KerasTensors for ``backend_fn(*args, **kwargs)`` and records a Node."""
    try:
        outputs = B.core.compute_output_spec(backend_fn, *args, **kwargs)
    except _NATIVE_ERRORS as e:
        if str(e).startswith(("ops.", "kerasx")):
            raise
        raise diagnose(op, args, kwargs, e, symbolic=True) from e
    Node(op, args, kwargs, outputs)
    return outputs


def make_op(spec, group):
    """Builds the public op from ``spec`` (signature + docstring) and ``B.<group>.<name>``.

    ``spec`` is a plain function whose signature and docstring become the public ones;
    its body is never run.
    """
    name = spec.__name__
    holder = {}
    backend_fn = getattr(getattr(B, group), name, None)
    if backend_fn is None:
        def backend_fn(*args, **kwargs):
            raise ValueError(
                f"ops.{name} is not available on the {B.name} backend. "
                "Use another backend (KERASX_BACKEND) or compose it from other kerasx.ops."
            )

    params = tuple(inspect.signature(spec).parameters.values())
    plain = all(p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty for p in params)
    names = tuple(p.name for p in params)

    if plain and names == ("x1", "x2"):
        # Binary ops are the hottest path: no *args packing, cheap symbolic check.
        def op(x1, x2):
            if type(x1) in _SLOW or type(x2) in _SLOW:
                if any_symbolic((x1, x2)):
                    return symbolic_call(holder["node_op"], backend_fn, (x1, x2), {})
            try:
                return backend_fn(x1, x2)
            except _NATIVE_ERRORS as e:
                if str(e).startswith(("ops.", "kerasx")):
                    raise
                raise diagnose(holder["public"], (x1, x2), {}, e) from e
    elif plain and names == ("x",):
        def op(x):
            if type(x) in _SLOW and any_symbolic((x,)):
                return symbolic_call(holder["node_op"], backend_fn, (x,), {})
            try:
                return backend_fn(x)
            except _NATIVE_ERRORS as e:
                if str(e).startswith(("ops.", "kerasx")):
                    raise
                raise diagnose(holder["public"], (x,), {}, e) from e
    else:
        def op(*args, **kwargs):
            scan = False
            for a in args:
                if type(a) not in _PLAIN and not _learn_plain(a):
                    scan = True
                    break
            if kwargs and not scan:
                for a in kwargs.values():
                    if type(a) not in _PLAIN and not _learn_plain(a):
                        scan = True
                        break
            if scan and any_symbolic(args, kwargs):
                return symbolic_call(holder["node_op"], backend_fn, args, kwargs)
            try:
                return backend_fn(*args, **kwargs)
            except _NATIVE_ERRORS as e:
                if str(e).startswith(("ops.", "kerasx")):
                    raise  # already a kerasx message naming the op and argument
                raise diagnose(holder["public"], args, kwargs, e) from e

    functools.update_wrapper(op, spec)
    op.__wrapped__ = spec
    holder["public"] = op
    holder["node_op"] = _GraphOp(op, name)
    return op


class _GraphOp:
    """A callable standing for a public op inside a graph (one shared instance per op)."""

    def __init__(self, fn, name):
        self.fn = fn
        self.name = name
        self.__name__ = name
        self.__wrapped__ = fn  # inspect.signature (used by diagnose) sees the op's parameters

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __repr__(self):
        return f"<op {self.name}>"


# --------------------------------------------------------------------------------------
# Error diagnosis: turn a framework error into a message about the user's arguments.


def _describe(x):
    if isinstance(x, KerasTensor):
        return f"symbolic tensor of shape {x.shape}, dtype {x.dtype}"
    shape = getattr(x, "shape", None)
    if shape is not None:
        try:
            shape = tuple(None if d is None else int(d) for d in shape)
        except TypeError:
            shape = tuple(shape)
        dtype = getattr(x, "dtype", "?")
        try:
            from kerasx import dtypes
            dtype = dtypes.standardize_dtype(dtype)
        except Exception:
            pass
        return f"tensor of shape {shape}, dtype {dtype}"
    if isinstance(x, (list, tuple)):
        return f"{type(x).__name__} of {len(x)} item(s)"
    return repr(x)


def _shape_of(x):
    if isinstance(x, (bool, int, float, complex)):
        return ()
    shape = getattr(x, "shape", None)
    if shape is None:
        try:
            return np.shape(x)
        except Exception:
            return None
    try:
        return tuple(None if d is None else int(d) for d in shape)
    except TypeError:
        return None


def _bind(op, args, kwargs):
    try:
        return inspect.signature(op).bind(*args, **kwargs).arguments
    except TypeError:
        return None


def _broadcastable(a, b):
    for da, db in zip(reversed(a), reversed(b)):
        if da is None or db is None:
            continue
        if da != db and da != 1 and db != 1:
            return False
    return True


def diagnose(op, args, kwargs, error, symbolic=False):
    """Returns a ValueError naming the op, the argument, what was expected and what was given."""
    name = getattr(op, "__name__", str(op))
    bound = _bind(op, args, kwargs)
    if bound is None:
        try:
            inspect.signature(op).bind(*args, **kwargs)
        except TypeError as te:
            return TypeError(f"ops.{name}: {te}")
        bound = {}
    first_tensor = None
    for pname, value in bound.items():
        if first_tensor is None and _shape_of(value) not in (None, ()):
            first_tensor = (pname, value)
    detail = None
    # axis out of range
    axis = bound.get("axis")
    if first_tensor is not None and axis is not None:
        ndim = len(_shape_of(first_tensor[1]))
        axes = axis if isinstance(axis, (list, tuple)) else [axis]
        for a in axes:
            if isinstance(a, (int, np.integer)) and not -max(ndim, 1) <= a < max(ndim, 1) + (
                    1 if name in ("expand_dims", "stack") else 0):
                detail = (f"argument axis={axis!r} is out of range for {first_tensor[0]} with "
                          f"{ndim} dimension(s); expected an axis in [{-ndim}, {ndim - 1}]")
                break
    # binary elementwise broadcasting
    if detail is None and "x1" in bound and "x2" in bound:
        s1, s2 = _shape_of(bound["x1"]), _shape_of(bound["x2"])
        if s1 is not None and s2 is not None:
            if name in ("matmul", "dot", "inner") and len(s1) >= 1 and len(s2) >= 1:
                k1 = s1[-1]
                k2 = s2[-2] if len(s2) >= 2 and name != "inner" else s2[-1]
                if k1 is not None and k2 is not None and k1 != k2:
                    detail = (f"x1 has shape {s1} and x2 has shape {s2}: expected the last axis of x1 "
                              f"({k1}) to match the contracted axis of x2 ({k2})")
            elif not _broadcastable(s1, s2):
                detail = (f"x1 has shape {s1} and x2 has shape {s2}, which cannot be broadcast "
                          "together; expected equal dimensions or 1 in each trailing position")
    if detail is None and name == "reshape" and "newshape" in bound and first_tensor is not None:
        s = _shape_of(bound["x"])
        if s is not None and None not in s:
            detail = (f"cannot reshape x of shape {s} ({int(np.prod(s))} elements) into "
                      f"newshape={bound['newshape']!r}")
    if detail is None:
        given = ", ".join(f"{k}={_describe(v)}" for k, v in bound.items()
                          if not callable(v) or isinstance(v, KerasTensor))
        detail = f"invalid arguments ({given})"
    native = str(error).strip().splitlines()
    native = native[0][:300] if native else type(error).__name__
    return ValueError(f"ops.{name}: {detail}. [backend {B.name} said: {native}]")
