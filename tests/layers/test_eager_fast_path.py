"""Eager fast paths (Layer.__call__, op dispatch, backend same-dtype shortcuts) against NumPy,
and the general path they fall back to (mixed dtypes, ints, Python scalars, NumPy inputs,
Variables, mixed precision, symbolic and stateless calls). Runs on every backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.core.scope import StatelessScope

to_np = ops.convert_to_numpy
RNG = np.random.default_rng(7)
X32 = RNG.normal(size=(2, 5)).astype("float32")
Y32 = RNG.normal(size=(2, 5)).astype("float32")
IMG = RNG.normal(size=(2, 6, 6, 3)).astype("float32")


def tensor(a):
    return ops.convert_to_tensor(a)


def dt(x):
    return kerasx.backend.standardize_dtype(x.dtype)


def close(got, expected, tol=1e-5):
    got = np.asarray(to_np(got), dtype="float64")
    np.testing.assert_allclose(got, np.asarray(expected, dtype="float64"), rtol=tol, atol=tol)


# ---- binary ops: the same-dtype shortcut and every fallback -------------------------------

@pytest.mark.parametrize("op, ref", [
    (ops.add, np.add), (ops.subtract, np.subtract), (ops.multiply, np.multiply),
    (ops.maximum, np.maximum), (ops.minimum, np.minimum), (ops.divide, np.divide),
])
def test_binary_same_float_dtype(op, ref):
    out = op(tensor(X32), tensor(Y32))
    assert dt(out) == "float32"
    close(out, ref(X32, Y32))


@pytest.mark.parametrize("a, b, expected", [
    ("float32", "float64", "float64"),
    ("int32", "float32", "float32"),
    ("int32", "int32", "int32"),
    ("float16", "float32", "float32"),
    ("bool", "int32", "int32"),
])
def test_binary_mixed_dtypes_promote(a, b, expected):
    x = (np.abs(X32) * 3 + 1).astype(a)
    y = (np.abs(Y32) * 2 + 1).astype(b)
    out = ops.add(tensor(x), tensor(y))
    assert dt(out) == expected
    close(out, x.astype("float64") + y.astype("float64"), tol=1e-2)


def test_binary_python_scalars_are_weak():
    x = tensor(X32)
    assert dt(ops.add(x, 2)) == "float32"
    assert dt(ops.multiply(2.5, x)) == "float32"
    close(ops.add(x, 2), X32 + 2)
    xi = tensor(np.arange(4, dtype="int32"))
    assert dt(ops.add(xi, 1)) == "int32"
    out = ops.add(xi, 1.5)
    assert dt(out) == kerasx.config.floatx()
    close(out, np.arange(4) + 1.5)


def test_binary_int_divide_gives_float():
    xi = tensor(np.array([1, 2, 3], "int32"))
    out = ops.divide(xi, tensor(np.array([2, 2, 2], "int32")))
    assert dt(out) in ("float32", "float64")
    close(out, [0.5, 1.0, 1.5])


def test_binary_with_variable_and_numpy_operands():
    v = kerasx.Variable(Y32, name="v")
    close(ops.add(tensor(X32), v), X32 + Y32)
    close(ops.multiply(v, tensor(X32)), X32 * Y32)
    close(ops.add(tensor(X32), Y32), X32 + Y32)       # NumPy second operand
    close(ops.subtract(X32, tensor(Y32)), X32 - Y32)  # NumPy first operand


def test_bool_multiply_is_logical_and():
    a = tensor(np.array([True, True, False]))
    b = tensor(np.array([True, False, False]))
    out = ops.multiply(a, b)
    assert dt(out) == "bool"
    np.testing.assert_array_equal(to_np(out), [True, False, False])


@pytest.mark.parametrize("op, ref", [(ops.exp, np.exp), (ops.tanh, np.tanh), (ops.abs, np.abs),
                                     (ops.square, np.square), (ops.negative, np.negative)])
def test_unary_float_and_int_inputs(op, ref):
    close(op(tensor(X32)), ref(X32.astype("float64")), tol=1e-4)
    xi = np.array([[0, 1, 2]], "int32")
    out = op(tensor(xi))
    close(out, ref(xi.astype("float64")), tol=1e-4)


def test_copy_is_equal_and_separate():
    x = tensor(X32)
    y = ops.copy(x)
    close(y, X32)
    assert dt(y) == "float32"


# ---- matmul and reshape --------------------------------------------------------------------

def test_matmul_same_dtype_variable_and_mixed():
    w = RNG.normal(size=(5, 3)).astype("float32")
    close(ops.matmul(tensor(X32), tensor(w)), X32 @ w, tol=1e-4)
    close(ops.matmul(tensor(X32), kerasx.Variable(w)), X32 @ w, tol=1e-4)
    out = ops.matmul(tensor(X32), tensor(w.astype("float64")))
    assert dt(out) == "float64"
    xi = np.arange(6, dtype="int32").reshape(2, 3)
    out = ops.matmul(tensor(xi), tensor(xi.T.copy()))
    assert dt(out) == "int32"
    np.testing.assert_array_equal(to_np(out), xi @ xi.T)


@pytest.mark.parametrize("shape", [(10,), (5, -1), (-1, 2, 5), [2, 5], 10])
def test_reshape_shapes(shape):
    out = ops.reshape(tensor(X32), shape)
    np.testing.assert_array_equal(to_np(out), X32.reshape(shape))


# ---- activations: float fast path, int inputs, arguments ------------------------------------

def _np_gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


@pytest.mark.parametrize("name, fn", [
    ("relu", lambda x: np.maximum(x, 0)),
    ("relu6", lambda x: np.clip(x, 0, 6)),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x))),
    ("softplus", lambda x: np.log1p(np.exp(x))),
    ("silu", lambda x: x / (1 + np.exp(-x))),
    ("selu", lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))),
    ("gelu", _np_gelu_tanh),
    ("elu", lambda x: np.where(x > 0, x, np.expm1(x))),
    ("leaky_relu", lambda x: np.where(x >= 0, x, 0.2 * x)),
    ("log_sigmoid", lambda x: -np.log1p(np.exp(-x))),
])
def test_activation_ops_float_and_int(name, fn):
    op = getattr(ops, name)
    out = op(tensor(X32))
    assert dt(out) == "float32"
    close(out, fn(X32.astype("float64")), tol=1e-4)
    xi = np.array([[-2, 0, 3]], "int32")
    close(op(tensor(xi)), fn(xi.astype("float64")), tol=1e-4)  # general path (int input)


def test_activation_arguments_and_half_precision():
    x = tensor(X32)
    close(ops.leaky_relu(x, negative_slope=0.5), np.where(X32 >= 0, X32, 0.5 * X32))
    close(ops.elu(x, alpha=2.0), np.where(X32 > 0, X32, 2.0 * np.expm1(X32)), tol=1e-5)
    close(ops.gelu(x, approximate=False),
          0.5 * X32 * (1 + np.vectorize(__import__("math").erf)(X32 / np.sqrt(2))), tol=1e-4)
    h = ops.relu(tensor(X32.astype("float16")))
    assert dt(h) == "float16"
    close(h, np.maximum(X32.astype("float16"), 0), tol=1e-3)


@pytest.mark.parametrize("axis", [-1, 0, (0, 1)])
def test_softmax_axes(axis):
    e = np.exp(X32 - X32.max(axis=axis, keepdims=True))
    close(ops.softmax(tensor(X32), axis=axis), e / e.sum(axis=axis, keepdims=True))
    close(ops.log_softmax(tensor(X32), axis=axis),
          np.log(e / e.sum(axis=axis, keepdims=True)), tol=1e-5)


# ---- conv / pooling: fast path and fallbacks ----------------------------------------------

def _np_conv_valid(x, k):
    kh, kw = k.shape[:2]
    out = np.zeros((x.shape[0], x.shape[1] - kh + 1, x.shape[2] - kw + 1, k.shape[3]))
    for i in range(out.shape[1]):
        for j in range(out.shape[2]):
            patch = x[:, i:i + kh, j:j + kw, :]
            out[:, i, j, :] = np.tensordot(patch, k, axes=([1, 2, 3], [0, 1, 2]))
    return out


def test_conv_same_dtype_mixed_dtype_and_int_input():
    k = RNG.normal(size=(3, 3, 3, 4)).astype("float32")
    ref = _np_conv_valid(IMG.astype("float64"), k.astype("float64"))
    close(ops.conv(tensor(IMG), tensor(k)), ref, tol=1e-4)
    close(ops.conv(tensor(IMG), kerasx.Variable(k)), ref, tol=1e-4)
    out = ops.conv(tensor(IMG.astype("float64")), tensor(k))
    assert dt(out) == "float64"
    close(out, ref, tol=1e-4)
    xi = (np.abs(IMG) * 3).astype("int32")
    out = ops.conv(tensor(xi), tensor(k))
    assert dt(out) == "float32"
    close(out, _np_conv_valid(xi.astype("float64"), k.astype("float64")), tol=1e-3)
    out = ops.conv(tensor(IMG), tensor(k), strides=(2, 2), padding="same")
    assert tuple(out.shape) == (2, 3, 3, 4)


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_pooling_float_and_int(padding):
    x = IMG[:, :5, :5, :]
    out = ops.max_pool(tensor(x), 2, strides=2, padding=padding)
    n = 2 if padding == "valid" else 3
    ref = np.full((2, n, n, 3), -np.inf)
    for i in range(n):
        for j in range(n):
            ref[:, i, j, :] = x[:, 2 * i:2 * i + 2, 2 * j:2 * j + 2, :].max(axis=(1, 2))
    close(out, ref)
    xi = (x * 10).astype("int32")
    out = ops.max_pool(tensor(xi), 2, strides=2, padding="valid")
    close(out, xi[:, :4, :4, :].reshape(2, 2, 2, 2, 2, 3).max(axis=(2, 4)))
    out = ops.average_pool(tensor(x), 2, strides=2, padding="valid")
    close(out, x[:, :4, :4, :].reshape(2, 2, 2, 2, 2, 3).mean(axis=(2, 4)))


# ---- layers: Layer.__call__'s fast path and the general path ------------------------------

def test_dense_eager_tensor_numpy_and_int_inputs():
    layer = layers.Dense(3, activation="relu")
    first = layer(X32)  # NumPy, first call builds
    w, b = to_np(layer.kernel), to_np(layer.bias)
    ref = np.maximum(X32 @ w + b, 0)
    close(first, ref, tol=1e-5)
    close(layer(tensor(X32)), ref, tol=1e-5)  # backend tensor: the fast path
    out = layer(tensor(X32.astype("float64")))  # autocast to the compute dtype
    assert dt(out) == "float32"
    close(out, ref, tol=1e-5)
    xi = np.array([[1, 0, 2, 0, 1]], "int32")
    out = layer(tensor(xi))
    close(out, np.maximum(xi @ w + b, 0), tol=1e-5)


def test_fast_path_still_checks_symbolic_and_kwargs():
    layer = layers.Dense(2)
    layer(tensor(X32))
    sym = layer(kerasx.KerasTensor((None, 5)))
    assert tuple(sym.shape) == (None, 2)
    out = layer(tensor(X32), training=False)
    close(out, X32 @ to_np(layer.kernel) + to_np(layer.bias))
    outs = layers.Add()([tensor(X32), tensor(Y32)])
    close(outs, X32 + Y32)


def test_training_flag_and_mask_reach_the_call():
    class Probe(layers.Layer):
        def call(self, x, training=None, mask=None):
            self.seen = (training, None if mask is None else to_np(mask).tolist())
            return x

    p = Probe()
    p(tensor(X32))
    p(tensor(X32), training=True)
    assert p.seen == (True, None)
    m = tensor(np.array([[True, False, True, True, False], [True] * 5]))
    p(tensor(X32), mask=m)
    assert p.seen[1][0] == [True, False, True, True, False]
    emb = layers.Embedding(10, 4, mask_zero=True)
    x = np.array([[1, 2, 0]], "int32")
    probe = Probe()
    h = emb(tensor(x))
    probe(h, mask=emb.compute_mask(tensor(x)))
    assert probe.seen[1] == [[True, True, False]]


def test_mixed_precision_fast_path_casts():
    layer = layers.Dense(3, dtype="mixed_float16")
    out = layer(tensor(X32))
    assert dt(out) == "float16"
    assert dt(layer.kernel) == "float32"
    close(out, X32 @ to_np(layer.kernel) + to_np(layer.bias), tol=2e-2)


def test_conv_pool_flatten_layers_eager():
    conv = layers.Conv2D(4, 3, activation="relu")
    pool = layers.MaxPooling2D(2)
    flat = layers.Flatten()
    h = conv(tensor(IMG))
    k, b = to_np(conv.kernel), to_np(conv.bias)
    ref = np.maximum(_np_conv_valid(IMG.astype("float64"), k.astype("float64")) + b, 0)
    close(h, ref, tol=1e-4)
    p = pool(h)
    ref_p = ref.reshape(2, 2, 2, 2, 2, 4).max(axis=(2, 4))
    close(p, ref_p, tol=1e-4)
    f = flat(p)
    assert tuple(f.shape) == (2, 16)
    close(f, ref_p.reshape(2, -1), tol=1e-4)


def test_stateless_call_reads_the_given_values():
    layer = layers.Dense(2, use_bias=False)
    layer(tensor(X32))
    w = np.ones((5, 2), "float32")
    out, _ = layer.stateless_call([tensor(w)], [], tensor(X32))
    close(out, X32 @ w)
    with StatelessScope(state_mapping=[(layer.kernel, tensor(2 * w))]):
        close(layer(tensor(X32)), X32 @ (2 * w))
    close(layer(tensor(X32)), X32 @ to_np(layer.kernel))


def test_model_eager_matches_predict():
    inputs = kerasx.Input((5,))
    h = layers.Dense(4, activation="relu")(inputs)
    model = kerasx.Model(inputs, layers.Dense(2)(h))
    eager = to_np(model(tensor(X32)))
    np.testing.assert_allclose(eager, model.predict(X32, verbose=0), rtol=1e-5, atol=1e-5)
