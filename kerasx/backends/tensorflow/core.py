"""TensorFlow backend: tensors, Variable, control flow, shape inference, gradients."""

import contextlib

import numpy as np
import tensorflow as tf

from kerasx import dtypes, tree
from kerasx.backends.tensorflow import _common
from kerasx.backends.tensorflow._common import FROM_TF, convert, tf_dtype, wrap_errors
from kerasx.core import variable as _variable
from kerasx.core.keras_tensor import KerasTensor
from kerasx.core.scope import SymbolicScope
from kerasx.backends.tensorflow._control import (  # noqa: F401  (re-exported)
    associative_scan, cond, fori_loop, map, scan, switch, vectorized_map, while_loop)


class Variable(_variable.Variable):
    """kerasx Variable stored in a ``tf.Variable``."""

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None):
        # Create (and initialize) eagerly even when called while a tf.function or a
        # compute_output_spec graph is being built, so the value is concrete.
        with tf.init_scope():
            super().__init__(initializer, shape=shape, dtype=dtype, trainable=trainable,
                             autocast=autocast, aggregation=aggregation,
                             synchronization=synchronization, name=name)

    def _initialize(self, value):
        self._value = tf.Variable(value, trainable=self.trainable, name=self.name)

    def _direct_assign(self, value):
        self._value.assign(tf.cast(value, self._value.dtype))

    def _convert_to_tensor(self, value, dtype=None):
        return convert(value, dtype)

    def _initialize_placeholder(self):
        # Lazily zeroed, aligned host memory wrapped through DLPack (no copy, no page
        # touched before the loader's buffer replaces it).
        # (made when first read, maybe inside a tf.function: eagerly, as in __init__)
        with tf.init_scope():
            if self._dtype not in _DLPACK_DTYPES:
                return super()._initialize_placeholder()
            zeros = _variable.aligned_empty(self._shape, self._dtype, zeros=True)
            self._initialize(tf.experimental.dlpack.from_dlpack(zeros.__dlpack__()))

    def _numpy_view(self):
        # tf's .numpy() copies; DLPack exports the (copy-on-write shared) buffer that a
        # read of a host variable returns, as a read-only NumPy array.
        value = self.value
        if (isinstance(value, tf.Variable) and tf.executing_eagerly()
                and self._dtype in _DLPACK_DTYPES and "CPU" in value.device.upper()):
            return np.from_dlpack(value.read_value())
        return super()._numpy_view()

    def _adopt_loaded(self, buffer):
        # DLPack wraps the aligned buffer as a tensor without a copy, and assigning a
        # tensor to a resource variable shares its memory (copy-on-write): no copy. A
        # placeholder's tf.Variable is created from the buffer.
        if (_variable.scope_mod.get_stateless_scope() is not None
                or not tf.executing_eagerly() or self._dtype not in _DLPACK_DTYPES
                or buffer.dtype != np.dtype(self._dtype) or tuple(buffer.shape) != self._shape
                or not buffer.flags.c_contiguous
                or buffer.__array_interface__["data"][0] % 64):
            return super()._adopt_loaded(buffer)
        tensor = tf.experimental.dlpack.from_dlpack(buffer.__dlpack__())
        if self._placeholder_pending():
            self._initialize(tensor)
            self._adopted_placeholder()
            return
        self._value.assign(tensor)

    def __tf_tensor__(self, dtype=None, name=None):
        return tf.convert_to_tensor(self.value, dtype=dtype, name=name)


_common._VAR_CLASS.append(Variable)
# dtypes whose aligned NumPy arrays DLPack hands to TF without a copy (loading fast path).
_DLPACK_DTYPES = frozenset(("float16", "float32", "float64", "int8", "int16", "int32", "int64",
                            "uint8"))


def _var_to_tensor(var, dtype=None, name=None, as_ref=False):
    return tf.convert_to_tensor(var.value, dtype=dtype, name=name)


tf.register_tensor_conversion_function(Variable, _var_to_tensor)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    return convert(x, dtype)


def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, (list, tuple)):
        return np.array([convert_to_numpy(e) for e in x])
    if tf.is_tensor(x):
        return np.asarray(x.numpy() if hasattr(x, "numpy") else x)
    return np.asarray(x)


def is_tensor(x):
    return tf.is_tensor(x) and not isinstance(x, Variable)


def cast(x, dtype):
    dt = tf_dtype(dtype)
    x = convert(x)
    return x if x.dtype == dt else tf.cast(x, dt)


def shape(x):
    if isinstance(x, Variable):
        return x.shape
    if not tf.is_tensor(x):
        x = convert(x)
    return tuple(x.shape.as_list()) if x.shape.rank is not None else None


def dtype(x):
    if hasattr(x, "dtype"):
        d = x.dtype
        r = FROM_TF.get(d) if isinstance(d, tf.DType) else None
        return r if r is not None else dtypes.standardize_dtype(d)
    return FROM_TF[convert(x).dtype]


def stop_gradient(variable):
    return tf.stop_gradient(convert(variable))


def custom_gradient(fun):
    @tf.custom_gradient
    def wrapped(*args):
        out, grad_fn = fun(*args)

        def grad(*upstream, variables=None):
            g = grad_fn(*upstream)
            if variables:
                return g, [None] * len(variables)
            return g

        return out, grad

    return wrapped


def scatter(indices, values, shape):
    values = convert(values)
    return tf.scatter_nd(convert(indices, "int64"), values, tf.cast(shape, tf.int64))


def scatter_update(inputs, indices, updates):
    inputs = convert(inputs)
    return tf.tensor_scatter_nd_update(inputs, convert(indices, "int64"),
                                       tf.cast(convert(updates), inputs.dtype))


def slice(inputs, start_indices, shape):
    return tf.slice(convert(inputs), convert(start_indices, "int32"), convert(shape, "int32"))


def slice_update(inputs, start_indices, updates):
    inputs = convert(inputs)
    updates = tf.cast(convert(updates), inputs.dtype)
    rank = len(inputs.shape)
    start = convert(start_indices, "int32")
    ushape = tf.shape(updates)
    grids = tf.meshgrid(*[tf.range(ushape[i]) + start[i] for i in range(rank)], indexing="ij")
    idx = tf.stack(grids, axis=-1)
    return tf.tensor_scatter_nd_update(inputs, idx, updates)


def unstack(x, num=None, axis=0):
    return tf.unstack(convert(x), num=num, axis=axis)


def saturate_cast(x, dtype):
    return tf.dtypes.saturate_cast(convert(x), tf_dtype(dtype))


def _outputs_to_spec(out):
    def conv(t):
        if tf.is_tensor(t):
            shp = t.shape.as_list() if t.shape.rank is not None else None
            return KerasTensor(shp, dtype=FROM_TF[t.dtype.base_dtype])
        return t
    return tree.map_structure(conv, out)


def _run_graph(fn, args, kwargs, fill):
    """Runs fn in a scratch graph with KerasTensors replaced by placeholders."""
    def to_placeholder(x):
        if isinstance(x, KerasTensor):
            shp = [fill if (d is None and fill is not None) else d for d in x.shape]
            return tf.compat.v1.placeholder(tf_dtype(x.dtype), shape=shp)
        return x

    graph = tf.__internal__.FuncGraph("kerasx_scratch")
    with graph.as_default(), SymbolicScope():
        a, k = tree.map_structure(to_placeholder, (list(args), dict(kwargs)))
        out = fn(*a, **k)
        return _outputs_to_spec(out)


def compute_output_spec(fn, *args, **kwargs):
    try:
        return _run_graph(fn, args, kwargs, None)
    except (ValueError, TypeError, IndexError, tf.errors.InvalidArgumentError):
        has_none = any(isinstance(t, KerasTensor) and None in t.shape
                       for t in tree.flatten((list(args), dict(kwargs))))
        if not has_none:
            raise
    out1 = _run_graph(fn, args, kwargs, 83)
    out2 = _run_graph(fn, args, kwargs, 89)

    def merge(a, b):
        if isinstance(a, KerasTensor):
            shp = [d1 if d1 == d2 else None for d1, d2 in zip(a.shape, b.shape)]
            return KerasTensor(shp, dtype=a.dtype)
        return a
    return tree.map_structure(merge, out1, out2)


def compute_gradients(fn, variables, has_aux=False):
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        targets = []
        for v in variables:
            t = v.value if isinstance(v, Variable) else v
            tape.watch(t)
            targets.append(t)
        result = fn()
        value = result[0] if has_aux else result
    grads = tape.gradient(value, targets)
    grads = [tf.zeros(t.shape, t.dtype) if g is None else tf.convert_to_tensor(g)
             for g, t in zip(grads, targets)]
    return result, grads


def in_tracing():
    return not tf.executing_eagerly()


@contextlib.contextmanager
def device_scope(device_name):
    if not isinstance(device_name, str):
        raise ValueError(f"ops.device_scope: device_name must be a string, got {device_name!r}.")
    name = device_name.lower().lstrip("/")
    if name.startswith("device:"):
        name = name[len("device:"):]
    kind, _, idx = name.partition(":")
    if kind == "cuda":
        kind = "gpu"
    if kind not in ("cpu", "gpu", "tpu"):
        raise ValueError(
            f"ops.device_scope: device_name must look like 'cpu', 'gpu:0' or 'tpu:0', "
            f"got {device_name!r}.")
    with tf.device(f"/{kind.upper()}:{idx or 0}"):
        yield


def random_seed_dtype():
    return "int64"


def no_grad_scope():
    """Context for state updates that need no gradient; a GradientTape is closed by then, so empty."""
    return contextlib.nullcontext()


wrap_errors(globals(), "core", skip=("Variable", "device_scope", "no_grad_scope", "custom_gradient", "in_tracing",
                                   "random_seed_dtype"))
