"""JAX core: tensors, the Variable, control flow, shape inference and gradients."""

import contextlib

import jax
import jax.numpy as jnp
import numpy as np

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.core.scope import get_stateless_scope
from kerasx.core.variable import Variable as _BaseVariable, aligned_empty
from kerasx.backends.jax._common import convert_to_tensor, jdt, std_dtype

__all__ = [
    "Variable", "convert_to_tensor", "convert_to_numpy", "is_tensor", "cast", "shape", "dtype",
    "cond", "while_loop", "fori_loop", "scan", "associative_scan", "map", "switch",
    "stop_gradient", "custom_gradient", "vectorized_map", "scatter", "scatter_update", "slice",
    "slice_update", "unstack", "saturate_cast", "compute_output_spec", "compute_gradients",
    "in_tracing", "device_scope", "no_grad_scope", "random_seed_dtype",
]


class Variable(_BaseVariable):
    """A kerasx Variable whose storage is a ``jax.Array``.

    Example:
        >>> v = Variable(np.zeros((2,)), name="w")
        >>> jnp.sum(v)   # jnp functions accept it through __jax_array__
    """

    def _initialize(self, value):
        self._value = value

    def _direct_assign(self, value):
        if isinstance(value, jax.core.Tracer):
            raise ValueError(
                f"Variable {self.path!r}: cannot assign a traced value inside jax.jit/grad "
                "outside a StatelessScope (the tracer would escape the trace). Run the traced "
                "code inside kerasx.core.scope.StatelessScope (or a layer's stateless_call) and "
                "assign the returned values after the jitted call."
            )
        self._value = value

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize_placeholder(self):
        # jax.device_put wraps 64-byte aligned host memory without a copy on CPU, so
        # the lazily zeroed pages are never touched before the loader's buffer comes.
        # (made when first read, maybe while tracing: as a concrete array)
        with jax.ensure_compile_time_eval():
            if self._dtype in ("bfloat16", "string"):
                return super()._initialize_placeholder()
            value = jax.device_put(aligned_empty(self._shape, self._dtype, zeros=True))
            if value.dtype != np.dtype(self._dtype):
                return super()._initialize_placeholder()
            self._value = value

    def _adopt_loaded(self, buffer):
        # The filled, aligned buffer becomes the value (aliased on CPU: no copy).
        if (get_stateless_scope() is not None or buffer.dtype != np.dtype(self._dtype)
                or tuple(buffer.shape) != self._shape):
            return super()._adopt_loaded(buffer)
        value = jax.device_put(buffer)
        if value.dtype != buffer.dtype:
            return super()._adopt_loaded(buffer)
        self._value = value
        self._adopted_placeholder()

    def __jax_array__(self):
        return self.value

    def __array__(self, dtype=None, copy=None):
        a = np.asarray(self.value)
        return a.astype(dtype) if dtype is not None else a


def convert_to_numpy(x):
    """Returns ``x`` as a NumPy array (bfloat16 through ml_dtypes)."""
    if isinstance(x, _BaseVariable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    """True for jax.Array values (concrete or traced)."""
    return isinstance(x, jax.Array)


def cast(x, dtype):
    """Casts ``x`` to ``dtype``."""
    return convert_to_tensor(x).astype(jdt(dtype))


def shape(x):
    """The static shape of ``x`` as a tuple of ints."""
    if isinstance(x, (jax.Array, _BaseVariable, KerasTensor, np.ndarray)):
        return tuple(x.shape)
    return tuple(jnp.shape(convert_to_tensor(x)))


def dtype(x):
    """The standardized dtype name of ``x``."""
    if hasattr(x, "dtype"):
        return std_dtype(x.dtype)
    return std_dtype(convert_to_tensor(x).dtype)


# ---- control flow ---------------------------------------------------------
def _scalars_to_tensors(struct):
    """Python scalars in loop state become int32/floatx/bool tensors (not JAX's 64-bit)."""
    return tree.map_structure(
        lambda v: convert_to_tensor(v) if isinstance(v, (bool, int, float)) else v, struct)


def _match_dtypes(out, ref):
    """Casts loop-carry outputs to the carry's input dtypes (x64 mode promotes Python floats)."""
    return tree.map_structure(
        lambda o, r: convert_to_tensor(o, r.dtype) if hasattr(r, "dtype") else o, out, ref)


def cond(pred, true_fn, false_fn):
    """Runs ``true_fn()`` or ``false_fn()`` depending on the scalar ``pred``."""
    return jax.lax.cond(pred, lambda: _scalars_to_tensors(true_fn()),
                        lambda: _scalars_to_tensors(false_fn()))


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    """Repeats ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)``."""
    is_seq = isinstance(loop_vars, (list, tuple))
    state = _scalars_to_tensors(tuple(loop_vars) if is_seq else (loop_vars,))

    def _body(s):
        out = body(*s)
        if is_seq:
            out = tuple(out) if isinstance(out, (list, tuple)) else (out,)
        else:
            out = (out,)
        return _match_dtypes(out, s)

    if maximum_iterations is None:
        out = jax.lax.while_loop(lambda s: cond(*s), _body, state)
    else:
        cap = int(maximum_iterations)

        def _cond2(s):
            return jnp.logical_and(cond(*s[1]), s[0] < cap)

        def _body2(s):
            return s[0] + 1, _body(s[1])

        out = jax.lax.while_loop(_cond2, _body2, (jnp.asarray(0, jnp.int32), state))[1]
    if is_seq:
        return type(loop_vars)(out) if isinstance(loop_vars, list) else tuple(out)
    return out[0]


def fori_loop(lower, upper, body_fun, init_val):
    """``val = body_fun(i, val)`` for i in [lower, upper)."""
    init_val = _scalars_to_tensors(init_val)
    return jax.lax.fori_loop(lower, upper, lambda i, v: _match_dtypes(body_fun(i, v), v),
                             init_val)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """``f(carry, x) -> (carry, y)`` over the leading axis; returns (carry, stacked ys)."""
    if not isinstance(unroll, bool):
        unroll = int(unroll)
    init = _scalars_to_tensors(init)

    def _f(carry, x):
        new_carry, y = f(carry, x)
        return _match_dtypes(new_carry, carry), y

    return jax.lax.scan(_f, init, xs=xs, length=length, reverse=reverse, unroll=unroll)


def associative_scan(f, elems, reverse=False, axis=0):
    """Inclusive scan of the associative binary ``f`` along ``axis``."""
    return jax.lax.associative_scan(f, elems, reverse=reverse, axis=axis)


def map(f, xs):
    """Applies ``f`` to each slice of ``xs`` along the leading axis."""
    return jax.lax.map(f, xs)


def switch(index, branches, *operands):
    """Runs ``branches[index](*operands)`` (index clamped to the valid range)."""
    wrapped = [lambda *a, _b=b: _scalars_to_tensors(_b(*a)) for b in branches]
    return jax.lax.switch(index, wrapped, *operands)


def stop_gradient(variable):
    """Returns the value with no gradient flowing through it."""
    return jax.lax.stop_gradient(convert_to_tensor(variable))


def custom_gradient(fun):
    """Decorator: ``fun(*args) -> (output, grad_fn)``; ``grad_fn(upstream)`` gives input grads."""

    def checked(*args):
        out, grad_fn = fun(*args)

        def vjp(upstream):
            grads = grad_fn(upstream)
            return grads if isinstance(grads, tuple) else (grads,)

        return out, vjp

    return jax.custom_gradient(checked)


def vectorized_map(function, elements):
    """Maps ``function`` over the leading axis of ``elements`` with jax.vmap."""
    return jax.vmap(function)(elements)


# ---- scatter / slice ------------------------------------------------------
def scatter(indices, values, shape):
    """New zeros tensor of ``shape`` with ``values`` added at ``indices`` (..., depth)."""
    indices = convert_to_tensor(indices)
    values = convert_to_tensor(values)
    zeros = jnp.zeros(tuple(int(s) for s in shape), values.dtype)
    key = tuple(jnp.moveaxis(indices, -1, 0))
    return zeros.at[key].add(values)


def scatter_update(inputs, indices, updates):
    """Copy of ``inputs`` with ``updates`` written at ``indices`` (..., depth)."""
    inputs = convert_to_tensor(inputs)
    indices = convert_to_tensor(indices)
    updates = convert_to_tensor(updates, inputs.dtype)
    key = tuple(jnp.moveaxis(indices, -1, 0))
    return inputs.at[key].set(updates)


def slice(inputs, start_indices, shape):
    """Dynamic slice of size ``shape`` starting at ``start_indices``."""
    inputs = convert_to_tensor(inputs)
    if isinstance(start_indices, (list, tuple)):
        start_indices = [convert_to_tensor(s, "int32") for s in start_indices]
    else:
        start_indices = convert_to_tensor(start_indices, "int32")
    return jax.lax.dynamic_slice(inputs, start_indices, tuple(int(s) for s in shape))


def slice_update(inputs, start_indices, updates):
    """Copy of ``inputs`` with ``updates`` written starting at ``start_indices``."""
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    if isinstance(start_indices, (list, tuple)):
        start_indices = [convert_to_tensor(s, "int32") for s in start_indices]
    else:
        start_indices = convert_to_tensor(start_indices, "int32")
    return jax.lax.dynamic_update_slice(inputs, updates, start_indices)


def unstack(x, num=None, axis=0):
    """Splits ``x`` along ``axis`` into a list of tensors."""
    x = convert_to_tensor(x)
    axis = axis % x.ndim
    n = x.shape[axis]
    if num is not None and num != n:
        raise ValueError(f"ops.unstack: num={num} does not match dimension {axis} of size {n}.")
    return [jax.lax.index_in_dim(x, i, axis, keepdims=False) for i in range(n)]


def saturate_cast(x, dtype):
    """Casts ``x`` to ``dtype``, clipping values to the target range first."""
    x = convert_to_tensor(x)
    target = jdt(dtype)
    if jnp.issubdtype(target, jnp.integer) or jnp.issubdtype(target, jnp.floating):
        info = jnp.iinfo(target) if jnp.issubdtype(target, jnp.integer) else jnp.finfo(target)
        src = jnp.iinfo(x.dtype) if jnp.issubdtype(x.dtype, jnp.integer) else (
            jnp.finfo(x.dtype) if jnp.issubdtype(x.dtype, jnp.floating) else None)
        if src is not None:
            lo = max(float(info.min), float(src.min))
            hi = min(float(info.max), float(src.max))
            if jnp.issubdtype(x.dtype, jnp.integer):
                lo, hi = int(np.ceil(lo)), int(np.floor(hi))
                x = jnp.clip(x, jnp.asarray(lo, x.dtype), jnp.asarray(hi, x.dtype))
            else:
                if jnp.issubdtype(target, jnp.integer):
                    # The float nearest to a wide int's bound may lie outside it: step inwards.
                    xdt = np.dtype(x.dtype)
                    hi_t, lo_t = np.asarray(hi, xdt), np.asarray(lo, xdt)
                    if int(hi_t) > int(info.max):
                        hi_t = np.nextafter(hi_t, np.asarray(0, xdt))
                    if int(lo_t) < int(info.min):
                        lo_t = np.nextafter(lo_t, np.asarray(0, xdt))
                    hi, lo = hi_t, lo_t
                x = jnp.clip(x, jnp.asarray(lo, x.dtype), jnp.asarray(hi, x.dtype))
    return x.astype(target)


# ---- tracing, shapes, gradients --------------------------------------------
try:  # private API (jax 0.4.36+, checked on 0.10.2): the current trace object
    from jax._src import core as _jcore

    _TRACE_CTX, _EVAL_TRACE = _jcore.trace_ctx, _jcore.EvalTrace
except (ImportError, AttributeError):
    _TRACE_CTX = _EVAL_TRACE = None


def in_tracing():
    """True inside jax.jit / grad / vmap tracing."""
    if _TRACE_CTX is not None:
        return not isinstance(_TRACE_CTX.trace, _EVAL_TRACE)
    return isinstance(jnp.zeros(()), jax.core.Tracer)


@contextlib.contextmanager
def device_scope(device_name):
    """Places new arrays on ``device_name`` ("cpu", "gpu:0", ...) inside the block."""
    if isinstance(device_name, str):
        kind, _, idx = device_name.lower().partition(":")
        kind = {"cuda": "gpu"}.get(kind, kind)
        try:
            devices = jax.devices(kind)
        except RuntimeError as e:
            raise ValueError(f"ops.device_scope: no {kind!r} device is available ({e}).") from None
        idx = int(idx) if idx else 0
        if idx >= len(devices):
            raise ValueError(
                f"ops.device_scope: device_name {device_name!r} asks for {kind} #{idx}, "
                f"but only {len(devices)} are available."
            )
        device = devices[idx]
    else:
        device = device_name
    with jax.default_device(device):
        yield


def random_seed_dtype():
    """The dtype of seed tensors: uint32 (JAX PRNG key data)."""
    return "uint32"


from kerasx.backends.jax._core_trace import compute_gradients, compute_output_spec  # noqa: E402


def no_grad_scope():
    """Context for state updates that need no gradient; JAX records nothing, so it is empty."""
    return contextlib.nullcontext()
