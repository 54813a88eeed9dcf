"""Checks of the TensorFlow backend package against NumPy (runs only with KERASX_BACKEND=tensorflow)."""

import numpy as np
import pytest

from kerasx import config

if config.backend() != "tensorflow":
    pytest.skip("TensorFlow backend tests run only with KERASX_BACKEND=tensorflow",
                allow_module_level=True)

import tensorflow as tf  # noqa: E402

from kerasx.backends import B  # noqa: E402
from kerasx.core.keras_tensor import KerasTensor  # noqa: E402
from kerasx.core.scope import StatelessScope  # noqa: E402

core, knp, nn, rnd, linalg, kmath, image = (B.core, B.numpy, B.nn, B.random, B.linalg, B.math,
                                            B.image)
rng = np.random.default_rng(0)


def npv(x):
    return core.convert_to_numpy(x)


def dt(x):
    return core.dtype(x)


# ---------------------------------------------------------------- conversion & dtypes


def test_convert_to_tensor_inference():
    assert dt(core.convert_to_tensor(True)) == "bool"
    assert dt(core.convert_to_tensor(3)) == "int32"
    assert dt(core.convert_to_tensor(3.0)) == "float32"
    assert dt(core.convert_to_tensor([1, 2])) == "int32"
    assert dt(core.convert_to_tensor([1.0, 2])) == "float32"
    assert dt(core.convert_to_tensor(np.zeros(2, np.float64))) == "float64"
    assert dt(core.convert_to_tensor(np.zeros(2, np.uint8))) == "uint8"
    assert dt(core.convert_to_tensor([1, 2], dtype="float16")) == "float16"
    assert core.shape(core.convert_to_tensor(np.zeros((2, 3)))) == (2, 3)
    assert isinstance(npv(core.convert_to_tensor([1, 2])), np.ndarray)


@pytest.mark.parametrize("a,b,expected", [
    ("int32", "float32", "float32"), ("int8", "uint8", "int16"), ("float16", 2.0, "float16"),
    ("int32", 2.0, "float32"), ("int32", 2, "int32"), ("bool", "bool", "bool"),
    ("bfloat16", "float16", "float32"), ("uint8", 3, "uint8"),
])
def test_add_promotion(a, b, expected):
    x = core.convert_to_tensor(np.ones(3), dtype=a)
    y = b if not isinstance(b, str) else core.convert_to_tensor(np.ones(3), dtype=b)
    assert dt(knp.add(x, y)) == expected


def test_float_only_math_and_divide_dtypes():
    i = core.convert_to_tensor([1, 2, 4])
    assert dt(knp.sqrt(i)) == "float32"
    assert dt(knp.true_divide(i, i)) == "float32"
    assert dt(knp.floor_divide(i, i)) == "int32"
    assert dt(knp.mean(i)) == "float32"
    assert dt(knp.sum(core.convert_to_tensor([True, False]))) == "int32"
    assert dt(knp.sum(core.convert_to_tensor(np.ones(2, np.uint8)))) == "uint32"
    assert dt(knp.argmax(i)) == "int32"
    assert dt(knp.arange(5)) == "int32" and dt(knp.arange(0.5, 3)) == "float32"
    assert dt(knp.zeros((2,))) == "float32" and dt(knp.eye(3)) == "float32"
    assert dt(knp.less(i, 2)) == "bool"


# ---------------------------------------------------------------- numpy ops vs NumPy

UNARY = ["abs", "negative", "square", "sqrt", "exp", "log1p", "sin", "cos", "tanh", "floor",
         "ceil", "sign", "arctan", "expm1", "log2", "log10", "cbrt", "trunc", "reciprocal",
         "exp2", "deg2rad", "arcsinh"]


@pytest.mark.parametrize("name", UNARY)
def test_unary_matches_numpy(name):
    x = rng.uniform(0.1, 3.0, (3, 4)).astype("float32")
    np.testing.assert_allclose(npv(getattr(knp, name)(x)), getattr(np, name)(x), rtol=1e-5,
                               atol=1e-6)


BINARY = ["add", "subtract", "multiply", "true_divide", "maximum", "minimum", "power", "mod",
          "floor_divide", "arctan2", "hypot", "logaddexp", "logaddexp2", "heaviside"]


@pytest.mark.parametrize("name", BINARY)
def test_binary_broadcast_matches_numpy(name):
    a = rng.uniform(-2, 2, (2, 1, 3)).astype("float32")
    b = rng.uniform(0.5, 2, (4, 1)).astype("float32")
    np.testing.assert_allclose(npv(getattr(knp, name)(a, b)), getattr(np, name)(a, b),
                               rtol=1e-5, atol=1e-6)


def test_int_mod_and_floor_divide_signs():
    a = np.array([-7, 7, -7, 7], "int32")
    b = np.array([2, -2, -2, 2], "int32")
    np.testing.assert_array_equal(npv(knp.mod(a, b)), np.mod(a, b))
    np.testing.assert_array_equal(npv(knp.floor_divide(a, b)), np.floor_divide(a, b))


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "prod", "std", "var", "any", "all",
                                  "argmax", "argmin", "median"])
@pytest.mark.parametrize("axis", [None, 0, -1, (0, 2)])
def test_reductions(name, axis):
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    if name in ("argmax", "argmin") and isinstance(axis, tuple):
        return
    got = getattr(knp, name)(x, axis=axis)
    np.testing.assert_allclose(npv(got), getattr(np, name)(x, axis=axis), rtol=1e-5, atol=1e-6)


def test_reductions_keepdims_and_empty():
    x = rng.normal(size=(2, 3)).astype("float32")
    assert core.shape(knp.sum(x, axis=1, keepdims=True)) == (2, 1)
    assert float(npv(knp.sum(np.zeros((0, 3), "float32")))) == 0.0
    np.testing.assert_array_equal(npv(knp.sum(np.zeros((0, 3), "float32"), axis=0)), np.zeros(3))
    assert core.shape(knp.argmax(x, axis=1, keepdims=True)) == (2, 1)
    np.testing.assert_allclose(npv(knp.max(x, axis=0, initial=5.0)), np.max(x, 0, initial=5.0))


def test_cumulative_and_quantile():
    x = rng.normal(size=(3, 4)).astype("float32")
    np.testing.assert_allclose(npv(knp.cumsum(x, axis=1)), np.cumsum(x, 1), rtol=1e-5)
    np.testing.assert_allclose(npv(knp.cumprod(x)), np.cumprod(x), rtol=1e-4)
    for method in ("linear", "lower", "higher", "midpoint", "nearest"):
        np.testing.assert_allclose(npv(knp.quantile(x, [0.3, 0.9], axis=1, method=method)),
                                   np.quantile(x, [0.3, 0.9], axis=1, method=method), rtol=1e-5)
    assert core.shape(knp.quantile(x, 0.5, axis=0, keepdims=True)) == (1, 4)


def test_shape_ops():
    x = np.arange(24, dtype="float32").reshape(2, 3, 4)
    np.testing.assert_array_equal(npv(knp.transpose(x)), x.T)
    np.testing.assert_array_equal(npv(knp.moveaxis(x, 0, -1)), np.moveaxis(x, 0, -1))
    np.testing.assert_array_equal(npv(knp.swapaxes(x, 0, 2)), np.swapaxes(x, 0, 2))
    np.testing.assert_array_equal(npv(knp.expand_dims(x, (0, -1))), np.expand_dims(x, (0, -1)))
    np.testing.assert_array_equal(npv(knp.squeeze(x[:1], 0)), x[0])
    np.testing.assert_array_equal(npv(knp.flip(x, 1)), np.flip(x, 1))
    np.testing.assert_array_equal(npv(knp.roll(x, 2)), np.roll(x, 2))
    np.testing.assert_array_equal(npv(knp.roll(x, 1, axis=2)), np.roll(x, 1, axis=2))
    np.testing.assert_array_equal(npv(knp.tile(x[0], 2)), np.tile(x[0], 2))
    np.testing.assert_array_equal(npv(knp.repeat(x, 2, axis=1)), np.repeat(x, 2, axis=1))
    np.testing.assert_array_equal(npv(knp.rot90(x[0])), np.rot90(x[0]))
    np.testing.assert_array_equal(npv(knp.rot90(x[0], k=3)), np.rot90(x[0], k=3))
    for got, want in zip(knp.split(x, [1, 3], axis=2), np.split(x, [1, 3], axis=2)):
        np.testing.assert_array_equal(npv(got), want)
    np.testing.assert_array_equal(npv(knp.pad(x[0], ((1, 0), (2, 1)), mode="reflect")),
                                  np.pad(x[0], ((1, 0), (2, 1)), mode="reflect"))
    np.testing.assert_array_equal(npv(knp.concatenate([x, x], axis=-1)), np.concatenate([x, x], -1))
    assert dt(knp.concatenate([np.ones(2, "int32"), np.ones(2, "float32")])) == "float32"
    np.testing.assert_array_equal(npv(knp.hstack([x[0], x[1]])), np.hstack([x[0], x[1]]))
    np.testing.assert_array_equal(npv(knp.vstack([x[0, 0], x[1, 0]])), np.vstack([x[0, 0], x[1, 0]]))


def test_indexing():
    x = np.arange(24).reshape(2, 3, 4).astype("int32")
    t = core.convert_to_tensor(x)
    keys = [(0, slice(1, None), None), (Ellipsis, 1), (slice(None), [0, 2]),
            (slice(None), [0, 2], [1, 3]), (0, slice(None), [1, 3]), ([1, 0],),
            (slice(None), slice(None), np.array([-1, 0]))]
    for key in keys:
        np.testing.assert_array_equal(npv(knp.get_item(t, key)), x[key])
    np.testing.assert_array_equal(npv(knp.get_item(t, x > 10)), x[x > 10])
    np.testing.assert_array_equal(npv(knp.take(x, [0, -1], axis=1)), np.take(x, [0, -1], axis=1))
    np.testing.assert_array_equal(npv(knp.take(x, [5, 7])), np.take(x, [5, 7]))
    idx = np.argsort(x, axis=1)
    np.testing.assert_array_equal(npv(knp.take_along_axis(x, idx, axis=1)),
                                  np.take_along_axis(x, idx, axis=1))
    np.testing.assert_array_equal(npv(knp.where(x > 5, x, -x)), np.where(x > 5, x, -x))
    for got, want in zip(knp.nonzero(x > 20), np.nonzero(x > 20)):
        np.testing.assert_array_equal(npv(got), want)


def test_products_and_linalg_numpy():
    a = rng.normal(size=(3, 4)).astype("float32")
    b = rng.normal(size=(4, 2)).astype("float32")
    v = rng.normal(size=(4,)).astype("float32")
    np.testing.assert_allclose(npv(knp.matmul(a, b)), a @ b, rtol=1e-5)
    np.testing.assert_allclose(npv(knp.matmul(a, v)), a @ v, rtol=1e-5)
    np.testing.assert_allclose(npv(knp.matmul(v, b)), v @ b, rtol=1e-5)
    np.testing.assert_allclose(npv(knp.dot(a, b)), np.dot(a, b), rtol=1e-5)
    np.testing.assert_allclose(npv(knp.einsum("ij,jk->ik", a, b)), a @ b, rtol=1e-5)
    np.testing.assert_allclose(npv(knp.tensordot(a, b, axes=1)), np.tensordot(a, b, 1), rtol=1e-5)
    np.testing.assert_allclose(npv(knp.outer(v, v)), np.outer(v, v), rtol=1e-5)
    np.testing.assert_allclose(npv(knp.kron(a, b)), np.kron(a, b), rtol=1e-5)
    np.testing.assert_allclose(npv(knp.cross(a[:2, :3], b.T[:, :3])),
                               np.cross(a[:2, :3], b.T[:, :3]), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(npv(knp.trace(a)), np.trace(a), rtol=1e-5)
    np.testing.assert_allclose(npv(knp.diagonal(a, 1)), np.diagonal(a, 1))
    np.testing.assert_allclose(npv(knp.diag(v, -1)), np.diag(v, -1))
    np.testing.assert_allclose(npv(knp.tril(a, -1)), np.tril(a, -1))
    np.testing.assert_allclose(npv(knp.triu(a, 1)), np.triu(a, 1))
    assert dt(knp.matmul(np.ones((2, 2), "int8"), np.ones((2, 2), "int8"))) == "int8"
    for mode in ("valid", "same", "full"):
        np.testing.assert_allclose(npv(knp.correlate(v, v[:3], mode=mode)),
                                   np.correlate(v, v[:3], mode=mode), rtol=1e-5, atol=1e-6)


def test_sort_search_count():
    x = rng.normal(size=(3, 5)).astype("float32")
    np.testing.assert_array_equal(npv(knp.sort(x, axis=0)), np.sort(x, axis=0))
    np.testing.assert_array_equal(npv(knp.argsort(x)), np.argsort(x, kind="stable"))
    seq = np.array([1.0, 2.0, 4.0, 8.0], "float32")
    vals = np.array([0.5, 2.0, 5.0, 9.0], "float32")
    for side in ("left", "right"):
        np.testing.assert_array_equal(npv(knp.searchsorted(seq, vals, side=side)),
                                      np.searchsorted(seq, vals, side=side))
    np.testing.assert_array_equal(npv(knp.digitize(vals, seq)), np.digitize(vals, seq))
    ints = np.array([0, 1, 1, 3], "int32")
    np.testing.assert_array_equal(npv(knp.bincount(ints, minlength=5)), np.bincount(ints, minlength=5))
    counts, edges = knp.histogram(x.ravel(), bins=4)
    want_c, want_e = np.histogram(x.ravel(), bins=4)
    np.testing.assert_array_equal(npv(counts), want_c)
    np.testing.assert_allclose(npv(edges), want_e, rtol=1e-5)
    assert int(npv(knp.count_nonzero(np.array([0, 1, 2])))) == 2


def test_creation():
    np.testing.assert_allclose(npv(knp.linspace(0, 1, 5)), np.linspace(0, 1, 5), rtol=1e-6)
    np.testing.assert_allclose(npv(knp.linspace(0, 1, 4, endpoint=False)),
                               np.linspace(0, 1, 4, endpoint=False), rtol=1e-6)
    np.testing.assert_allclose(npv(knp.logspace(0, 2, 3)), np.logspace(0, 2, 3), rtol=1e-5)
    np.testing.assert_array_equal(npv(knp.arange(1, 10, 3)), np.arange(1, 10, 3))
    np.testing.assert_array_equal(npv(knp.eye(3, 4, k=1)), np.eye(3, 4, k=1))
    np.testing.assert_array_equal(npv(knp.tri(3, k=-1)), np.tri(3, k=-1))
    np.testing.assert_array_equal(npv(knp.full((2, 2), 7, dtype="int32")), np.full((2, 2), 7))
    gx, gy = knp.meshgrid(np.arange(3), np.arange(2))
    wx, wy = np.meshgrid(np.arange(3), np.arange(2))
    np.testing.assert_array_equal(npv(gx), wx)
    np.testing.assert_array_equal(npv(gy), wy)


# ---------------------------------------------------------------- core


def test_variable_assign_and_stateless_scope():
    v = core.Variable(np.ones((2, 2), "float32"), name="w")
    assert v.dtype == "float32" and v.shape == (2, 2)
    v.assign(np.full((2, 2), 3.0))
    np.testing.assert_array_equal(npv(v), np.full((2, 2), 3.0))
    np.testing.assert_array_equal(npv(tf.add(v, 1.0)), np.full((2, 2), 4.0))
    np.testing.assert_array_equal(npv(knp.multiply(v, 2)), np.full((2, 2), 6.0))
    with StatelessScope([(v, tf.zeros((2, 2)))]) as scope:
        np.testing.assert_array_equal(npv(v.value), np.zeros((2, 2)))
        v.assign(tf.ones((2, 2)) * 5)
    np.testing.assert_array_equal(npv(scope.get_current_value(v)), np.full((2, 2), 5.0))
    np.testing.assert_array_equal(npv(v), np.full((2, 2), 3.0))
    nt = core.Variable(np.zeros(3, "int32"), trainable=False, name="n")
    assert not nt.value.trainable


def test_control_flow():
    out = core.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + i), (0, 0))
    assert [int(npv(o)) for o in out] == [5, 10]
    assert int(npv(core.while_loop(lambda x: x < 100, lambda x: x * 2, 1,
                                   maximum_iterations=3))) == 8
    assert int(npv(core.fori_loop(0, 4, lambda i, v: v + i, 0))) == 6
    xs = np.arange(5, dtype="float32")
    carry, ys = core.scan(lambda c, x: (c + x, c * x), 0.0, xs)
    assert float(npv(carry)) == 10.0
    np.testing.assert_allclose(npv(ys), [0, 0, 2, 9, 24])
    carry, ys = core.scan(lambda c, x: (c + x, c), 0.0, xs, reverse=True)
    np.testing.assert_allclose(npv(ys), [10, 9, 7, 4, 0])
    np.testing.assert_allclose(npv(core.associative_scan(lambda a, b: a + b, xs)), np.cumsum(xs))
    np.testing.assert_allclose(npv(core.associative_scan(lambda a, b: a + b, xs, reverse=True)),
                               np.cumsum(xs[::-1])[::-1])
    np.testing.assert_allclose(npv(core.map(lambda x: x * 2, xs)), xs * 2)
    assert float(npv(core.switch(1, [lambda x: x + 1, lambda x: x * 10], 2.0))) == 20.0
    assert float(npv(core.cond(True, lambda: 1.0, lambda: 2.0))) == 1.0
    np.testing.assert_allclose(npv(core.vectorized_map(lambda r: r * 2, xs[:, None])), xs[:, None] * 2)


def test_scan_inside_tf_function_dynamic_length():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def f(xs):
        return core.scan(lambda c, x: (c + x, c), tf.constant(0.0), xs)

    carry, ys = f(tf.constant([1.0, 2.0, 3.0]))
    assert float(carry) == 6.0
    np.testing.assert_allclose(npv(ys), [0, 1, 3])


def test_scatter_slice_unstack():
    s = core.scatter(np.array([[0, 1], [0, 1], [2, 2]]), np.array([1.0, 2.0, 3.0], "float32"),
                     (3, 3))
    want = np.zeros((3, 3), "float32")
    want[0, 1] = 3
    want[2, 2] = 3
    np.testing.assert_array_equal(npv(s), want)
    x = np.arange(12, dtype="float32").reshape(3, 4)
    up = core.scatter_update(x, np.array([[0, 0]]), np.array([-1.0], "float32"))
    assert npv(up)[0, 0] == -1
    np.testing.assert_array_equal(npv(core.slice(x, (1, 1), (2, 2))), x[1:3, 1:3])
    upd = core.slice_update(x, (1, 2), np.zeros((2, 2), "float32"))
    want = x.copy()
    want[1:3, 2:4] = 0
    np.testing.assert_array_equal(npv(upd), want)
    assert len(core.unstack(x, axis=1)) == 4
    assert npv(core.saturate_cast(np.array([300.0, -5.0]), "uint8")).tolist() == [255, 0]


def test_compute_output_spec_none_dims():
    def fn(a, b):
        return knp.matmul(a, b), knp.sum(a, axis=0)

    out = core.compute_output_spec(fn, KerasTensor((None, 3)), KerasTensor((3, 5)))
    assert out[0].shape == (None, 5) and out[1].shape == (3,)
    assert out[0].dtype == "float32"
    spec = core.compute_output_spec(lambda d: knp.reshape(d["x"], (-1, 6)),
                                    {"x": KerasTensor((None, 2, 3), dtype="int32")})
    assert spec.shape == (None, 6) and spec.dtype == "int32"


def test_gradients_and_custom_gradient():
    v = core.Variable(np.array([1.0, 2.0], "float32"), name="g")
    u = core.Variable(np.array([5.0], "float32"), name="unused")
    val, grads = core.compute_gradients(lambda: knp.sum(knp.square(v.value)), [v, u])
    assert float(npv(val)) == 5.0
    np.testing.assert_allclose(npv(grads[0]), [2.0, 4.0])
    np.testing.assert_allclose(npv(grads[1]), [0.0])
    (val, aux), grads = core.compute_gradients(lambda: (knp.sum(v.value * 3.0), "aux"), [v],
                                               has_aux=True)
    assert aux == "aux"
    np.testing.assert_allclose(npv(grads[0]), [3.0, 3.0])

    @core.custom_gradient
    def clip_grad(x):
        def grad(upstream):
            return upstream * 0.5
        return x * 2.0, grad

    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(clip_grad(x))
    np.testing.assert_allclose(npv(tape.gradient(y, x)), [0.5, 0.5])
    assert not core.in_tracing()
    with core.device_scope("cpu"):
        assert dt(knp.ones((1,))) == "float32"


# ---------------------------------------------------------------- nn


def conv_ref(x, k, stride, pad_lr, dil):
    """NumPy loop reference for 1D channels_last conv: x (N, L, C), k (K, C, O)."""
    x = np.pad(x, ((0, 0), pad_lr, (0, 0)))
    n, length, _ = x.shape
    kk = k.shape[0]
    keff = (kk - 1) * dil + 1
    out_len = (length - keff) // stride + 1
    out = np.zeros((n, out_len, k.shape[2]), "float32")
    for i in range(out_len):
        for j in range(kk):
            out[:, i] += x[:, i * stride + j * dil] @ k[j]
    return out


@pytest.mark.parametrize("stride,dil,padding", [(1, 1, "valid"), (2, 1, "same"), (1, 2, "same"),
                                                (2, 2, "valid"), (1, 2, "causal")])
def test_conv1d_against_loop(stride, dil, padding):
    x = rng.normal(size=(2, 9, 3)).astype("float32")
    k = rng.normal(size=(3, 3, 4)).astype("float32")
    keff = (3 - 1) * dil + 1
    if padding == "valid":
        pad = (0, 0)
    elif padding == "causal":
        pad = (keff - 1, 0)
    else:
        total = max((-(-9 // stride) - 1) * stride + keff - 9, 0)
        pad = (total // 2, total - total // 2)
    got = nn.conv(x, k, strides=stride, padding=padding, dilation_rate=dil)
    np.testing.assert_allclose(npv(got), conv_ref(x, k, stride, pad, dil), rtol=1e-4, atol=1e-4)


def test_conv2d_channels_first_groups_and_depthwise():
    x = rng.normal(size=(2, 6, 6, 4)).astype("float32")
    k = rng.normal(size=(3, 3, 2, 6)).astype("float32")  # groups = 2
    last = nn.conv(x, k, padding="same", data_format="channels_last")
    first = nn.conv(np.transpose(x, (0, 3, 1, 2)), k, padding="same", data_format="channels_first")
    np.testing.assert_allclose(np.transpose(npv(first), (0, 2, 3, 1)), npv(last), rtol=1e-4,
                               atol=1e-4)
    # groups: the first 3 outputs only see the first 2 input channels
    x2 = x.copy()
    x2[..., 2:] = 0
    np.testing.assert_allclose(npv(nn.conv(x2, k, padding="same"))[..., :3], npv(last)[..., :3],
                               rtol=1e-4, atol=1e-4)
    dk = rng.normal(size=(3, 3, 4, 2)).astype("float32")
    d = nn.depthwise_conv(x, dk, strides=2, padding="valid")
    assert core.shape(d) == (2, 2, 2, 8)
    pk = rng.normal(size=(1, 1, 8, 5)).astype("float32")
    s = nn.separable_conv(x, dk, pk, strides=2)
    np.testing.assert_allclose(npv(s), npv(nn.conv(d, pk)), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("padding,stride,op", [("valid", 2, None), ("same", 2, None),
                                                ("same", 2, 1), ("valid", 3, 1)])
def test_conv_transpose_shapes_and_adjoint(padding, stride, op):
    x = rng.normal(size=(1, 5, 2)).astype("float32")
    k = rng.normal(size=(3, 4, 2)).astype("float32")
    y = nn.conv_transpose(x, k, strides=stride, padding=padding, output_padding=op)
    n = 5
    if op is None:
        want_len = n * stride + max(3 - stride, 0) if padding == "valid" else n * stride
    else:
        pad = 1 if padding == "same" else 0
        want_len = (n - 1) * stride + 3 - 2 * pad + op
    assert core.shape(y) == (1, want_len, 4)
    if padding == "valid" and op is None:
        # conv_transpose is the adjoint of conv: <conv(z), x> == <z, conv_T(x)>
        z = rng.normal(size=(1, want_len, 4)).astype("float32")
        lhs = np.sum(npv(nn.conv(z, np.transpose(k, (0, 1, 2)), strides=stride)) * x)
        rhs = np.sum(z * npv(y))
        np.testing.assert_allclose(lhs, rhs, rtol=1e-4)


def test_pooling():
    x = rng.normal(size=(1, 5, 5, 2)).astype("float32")
    mp = npv(nn.max_pool(x, 2))
    assert mp.shape == (1, 2, 2, 2)
    np.testing.assert_allclose(mp[0, 0, 0], x[0, :2, :2].max(axis=(0, 1)))
    ap = npv(nn.average_pool(x, 2, strides=2, padding="same"))
    assert ap.shape == (1, 3, 3, 2)
    np.testing.assert_allclose(ap[0, 2, 2], x[0, 4, 4], rtol=1e-5)  # padded cells not counted
    cf = npv(nn.max_pool(np.transpose(x, (0, 3, 1, 2)), (2, 2), data_format="channels_first"))
    np.testing.assert_allclose(np.transpose(cf, (0, 2, 3, 1)), mp)


def test_activations():
    x = np.linspace(-3, 3, 13).astype("float32")
    sig = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(npv(nn.sigmoid(x)), sig, rtol=1e-5)
    np.testing.assert_allclose(npv(nn.relu6(x * 3)), np.clip(x * 3, 0, 6))
    np.testing.assert_allclose(npv(nn.leaky_relu(x)), np.where(x > 0, x, 0.2 * x), rtol=1e-6)
    np.testing.assert_allclose(npv(nn.hard_sigmoid(x)), np.clip(x + 3, 0, 6) / 6, rtol=1e-6)
    np.testing.assert_allclose(npv(nn.silu(x)), x * sig, rtol=1e-5)
    np.testing.assert_allclose(npv(nn.elu(x)), np.where(x > 0, x, np.exp(x) - 1), rtol=1e-5,
                               atol=1e-6)
    g = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))
    np.testing.assert_allclose(npv(nn.gelu(x)), g, rtol=1e-5, atol=1e-6)
    m = rng.normal(size=(2, 5)).astype("float32")
    e = np.exp(m - m.max(-1, keepdims=True))
    np.testing.assert_allclose(npv(nn.softmax(m)), e / e.sum(-1, keepdims=True), rtol=1e-5)
    np.testing.assert_allclose(npv(nn.log_softmax(m, axis=0)),
                               m - np.log(np.exp(m).sum(0, keepdims=True)), rtol=1e-5, atol=1e-6)
    sm = npv(nn.sparsemax(m))
    np.testing.assert_allclose(sm.sum(-1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(npv(nn.glu(m[:, :4])), m[:, :2] / (1 + np.exp(-m[:, 2:4])), rtol=1e-5)
    assert dt(nn.relu(np.array([1, -1], "int32"))) == "float32"


def test_losses_and_one_hot():
    logits = rng.normal(size=(4, 3)).astype("float32")
    labels = np.array([0, 2, 1, 2])
    oh = npv(nn.one_hot(labels, 3))
    np.testing.assert_array_equal(oh, np.eye(3)[labels])
    assert npv(nn.one_hot(np.array([-1, 5]), 3)).sum() == 0
    np.testing.assert_array_equal(npv(nn.multi_hot(np.array([[0, 2], [1, 1]]), 3)),
                                  [[1, 0, 1], [0, 1, 0]])
    logp = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    want = -logp[np.arange(4), labels]
    np.testing.assert_allclose(npv(nn.sparse_categorical_crossentropy(labels, logits, True)), want,
                               rtol=1e-5)
    np.testing.assert_allclose(npv(nn.categorical_crossentropy(oh, logits, True)), want, rtol=1e-5)
    probs = np.exp(logp)
    np.testing.assert_allclose(npv(nn.categorical_crossentropy(oh, probs)), want, rtol=1e-4)
    p = np.array([0.2, 0.9], "float32")
    t = np.array([0.0, 1.0], "float32")
    np.testing.assert_allclose(npv(nn.binary_crossentropy(t, p)),
                               -(t * np.log(p) + (1 - t) * np.log(1 - p)), rtol=1e-5)
    z = np.log(p / (1 - p))
    np.testing.assert_allclose(npv(nn.binary_crossentropy(t, z, from_logits=True)),
                               -(t * np.log(p) + (1 - t) * np.log(1 - p)), rtol=1e-4)


def test_normalization_and_attention():
    x = rng.normal(size=(4, 6)).astype("float32")
    mean, var = nn.moments(x, axes=[0])
    np.testing.assert_allclose(npv(mean), x.mean(0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(npv(var), x.var(0), rtol=1e-4)
    bn = nn.batch_normalization(x, x.mean(0), x.var(0), axis=-1, offset=np.ones(6, "float32"),
                                scale=np.full(6, 2.0, "float32"))
    np.testing.assert_allclose(npv(bn), (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3) * 2 + 1,
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(npv(nn.normalize(x)), x / np.linalg.norm(x, axis=-1, keepdims=True),
                               rtol=1e-5)
    ln = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-3)
    np.testing.assert_allclose(npv(nn.layer_normalization(x, epsilon=1e-3)), ln, rtol=1e-4,
                               atol=1e-5)
    rms = x / np.sqrt((x ** 2).mean(-1, keepdims=True) + 1e-6)
    np.testing.assert_allclose(npv(nn.rms_normalization(x, epsilon=1e-6)), rms, rtol=1e-4)
    psnr = npv(nn.psnr(x, x + 0.1, 1.0))
    np.testing.assert_allclose(psnr, 20 * np.log10(1.0) - 10 * np.log10(0.01), rtol=1e-4)
    q = rng.normal(size=(2, 3, 4, 8)).astype("float32")
    k = rng.normal(size=(2, 5, 2, 8)).astype("float32")
    v = rng.normal(size=(2, 5, 2, 8)).astype("float32")
    out = npv(nn.dot_product_attention(q, k, v))
    kk = np.repeat(k, 2, axis=2)
    vv = np.repeat(v, 2, axis=2)
    logits = np.einsum("btnh,bsnh->bnts", q, kk) / np.sqrt(8)
    w = np.exp(logits - logits.max(-1, keepdims=True))
    w /= w.sum(-1, keepdims=True)
    np.testing.assert_allclose(out, np.einsum("bnts,bsnh->btnh", w, vv), rtol=1e-4, atol=1e-5)
    causal = npv(nn.dot_product_attention(q, kk[:, :3], vv[:, :3], is_causal=True))
    np.testing.assert_allclose(causal[:, 0], vv[:, 0], rtol=1e-5)


# ---------------------------------------------------------------- random


def test_random_reproducible_and_dropout():
    a = npv(rnd.normal((3, 4), seed=1))
    b = npv(rnd.normal((3, 4), seed=1))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, npv(rnd.normal((3, 4), seed=2)))
    u = npv(rnd.uniform((1000,), minval=2.0, maxval=3.0, seed=3))
    assert u.min() >= 2.0 and u.max() < 3.0
    r = npv(rnd.randint((100,), 0, 5, seed=4))
    assert r.dtype == np.int32 and r.min() >= 0 and r.max() < 5
    assert np.abs(npv(rnd.truncated_normal((500,), seed=5))).max() <= 2.0
    x = np.ones((200, 10), "float32")
    d = npv(rnd.dropout(x, 0.5, seed=6))
    assert set(np.unique(d)) <= {0.0, 2.0} and 0.3 < (d > 0).mean() < 0.7
    d2 = npv(rnd.dropout(x, 0.5, noise_shape=(None, 1), seed=6))
    assert np.all((d2 == d2[:, :1]))
    s = npv(rnd.shuffle(np.arange(10), seed=7))
    assert sorted(s.tolist()) == list(range(10))
    c = npv(rnd.categorical(np.log([[0.01, 0.99]]), 50, seed=8))
    assert c.shape == (1, 50) and c.mean() > 0.8
    for fn, args in ((rnd.gamma, (2.0,)), (rnd.beta, (2.0, 3.0)), (rnd.binomial, (10.0, 0.5))):
        out = npv(fn((50,), *args, seed=9))
        assert out.shape == (50,) and out.dtype == np.float32 and np.all(np.isfinite(out))


# ---------------------------------------------------------------- linalg / math / image


def test_linalg():
    a = rng.normal(size=(4, 4)).astype("float32")
    spd = a @ a.T + 4 * np.eye(4, dtype="float32")
    b = rng.normal(size=(4, 2)).astype("float32")
    np.testing.assert_allclose(npv(linalg.cholesky(spd)), np.linalg.cholesky(spd), rtol=1e-4,
                               atol=1e-5)
    np.testing.assert_allclose(npv(linalg.det(a)), np.linalg.det(a), rtol=1e-4)
    np.testing.assert_allclose(npv(linalg.inv(spd)), np.linalg.inv(spd), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(npv(linalg.solve(spd, b)), np.linalg.solve(spd, b), rtol=1e-4)
    np.testing.assert_allclose(npv(linalg.solve(spd, b[:, 0])), np.linalg.solve(spd, b[:, 0]),
                               rtol=1e-4)
    for ord_ in (None, "fro", "nuc", 1, -1, 2, np.inf):
        np.testing.assert_allclose(npv(linalg.norm(a, ord=ord_, axis=(0, 1))),
                                   np.linalg.norm(a, ord=ord_, axis=(0, 1)), rtol=1e-4)
    for ord_ in (None, 0, 1, 3, np.inf, -np.inf):
        np.testing.assert_allclose(npv(linalg.norm(a, ord=ord_, axis=1)),
                                   np.linalg.norm(a, ord=ord_, axis=1), rtol=1e-4)
    u, s, vh = linalg.svd(a)
    np.testing.assert_allclose(npv(u) @ np.diag(npv(s)) @ npv(vh), a, rtol=1e-4, atol=1e-4)
    q, r = linalg.qr(b)
    assert core.shape(q) == (4, 2)
    np.testing.assert_allclose(npv(q) @ npv(r), b, rtol=1e-4, atol=1e-5)
    lu, piv = linalg.lu_factor(a)
    import scipy.linalg  # scipy ships with the venv (jax dependency)
    want_lu, want_piv = scipy.linalg.lu_factor(a)
    np.testing.assert_array_equal(npv(piv), want_piv)
    np.testing.assert_allclose(npv(lu), want_lu, rtol=1e-4, atol=1e-5)
    tall = rng.normal(size=(6, 3)).astype("float32")
    y = rng.normal(size=(6,)).astype("float32")
    np.testing.assert_allclose(npv(linalg.lstsq(tall, y)), np.linalg.lstsq(tall, y, rcond=None)[0],
                               rtol=1e-3, atol=1e-4)
    np.testing.assert_allclose(npv(linalg.solve_triangular(np.tril(spd), b, lower=True)),
                               np.linalg.solve(np.tril(spd), b), rtol=1e-4)


def test_math_ops():
    data = np.array([1.0, 2.0, 3.0, 4.0], "float32")
    ids = np.array([0, 0, 2, 2])
    np.testing.assert_array_equal(npv(kmath.segment_sum(data, ids)), [3, 0, 7])
    np.testing.assert_array_equal(npv(kmath.segment_max(data, ids)), [2, -np.inf, 4])
    vals, idx = kmath.top_k(np.array([3.0, 1.0, 4.0, 1.5]), 2)
    assert npv(vals).tolist() == [4.0, 3.0] and npv(idx).tolist() == [2, 0]
    assert dt(idx) == "int32"
    assert npv(kmath.in_top_k(np.array([2, 0]), np.array([[0.1, 0.2, 0.7], [0.1, 0.8, 0.1]]), 1)
               ).tolist() == [True, False]
    x = rng.normal(size=(3, 4)).astype("float32")
    np.testing.assert_allclose(npv(kmath.logsumexp(x, axis=1)), np.log(np.exp(x).sum(1)), rtol=1e-5)
    fr = kmath.extract_sequences(np.arange(10.0), 4, 3)
    np.testing.assert_array_equal(npv(fr), [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]])
    re, im = kmath.fft((x, np.zeros_like(x)))
    want = np.fft.fft(x)
    np.testing.assert_allclose(npv(re), want.real, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(npv(im), want.imag, rtol=1e-4, atol=1e-5)
    re, im = kmath.rfft(x)
    np.testing.assert_allclose(npv(re), np.fft.rfft(x).real, rtol=1e-4, atol=1e-5)
    back = kmath.irfft((re, im), 4)
    np.testing.assert_allclose(npv(back), x, rtol=1e-4, atol=1e-5)
    re2, im2 = kmath.fft2((x, np.zeros_like(x)))
    np.testing.assert_allclose(npv(re2), np.fft.fft2(x).real, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(npv(kmath.erfinv(kmath.erf(np.array([0.3, -0.5], "float32")))),
                               [0.3, -0.5], rtol=1e-4)
    spd = x[:, :3].T @ x[:, :3] + np.eye(3, dtype="float32")
    np.testing.assert_allclose(npv(kmath.logdet(spd)), np.linalg.slogdet(spd)[1], rtol=1e-4)


def test_image_ops():
    img = rng.uniform(size=(2, 4, 6, 3)).astype("float32")
    g = npv(image.rgb_to_grayscale(img))
    np.testing.assert_allclose(g[..., 0], img @ np.array([0.2989, 0.5870, 0.1140]), rtol=1e-5)
    hsv = image.rgb_to_hsv(img)
    np.testing.assert_allclose(npv(image.hsv_to_rgb(hsv)), img, rtol=1e-4, atol=1e-5)
    r = image.resize(img, (8, 12))
    assert core.shape(r) == (2, 8, 12, 3)
    r = image.resize(img, (4, 4), crop_to_aspect_ratio=True)
    np.testing.assert_allclose(npv(r), img[:, :, 1:5], rtol=1e-5)
    r = image.resize(img[:, :, :4], (4, 6), pad_to_aspect_ratio=True)
    assert core.shape(r) == (2, 4, 6, 3)
    ident = np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32")
    np.testing.assert_allclose(npv(image.affine_transform(img, ident)), img, rtol=1e-6)
    shift = np.array([1, 0, 1, 0, 1, 0, 0, 0], "float32")  # out(x) = in(x + 1)
    out = npv(image.affine_transform(img, shift, interpolation="nearest"))
    np.testing.assert_allclose(out[:, :, :-1], img[:, :, 1:])
    np.testing.assert_array_equal(out[:, :, -1], 0)
    out = npv(image.affine_transform(img, shift, fill_mode="nearest"))
    np.testing.assert_allclose(out[:, :, -1], img[:, :, -1], rtol=1e-6)
    cf = image.affine_transform(np.transpose(img, (0, 3, 1, 2)), shift, data_format="channels_first")
    np.testing.assert_allclose(np.transpose(npv(cf), (0, 2, 3, 1)), npv(image.affine_transform(
        img, shift)), rtol=1e-6)
    arr = np.arange(12, dtype="float32").reshape(3, 4)
    coords = np.array([[0.5, 2.0, -1.0], [1.0, 3.5, 0.0]], "float32")
    got = npv(image.map_coordinates(arr, coords, 1, fill_mode="constant", fill_value=0))
    np.testing.assert_allclose(got, [3.0, 5.5, 0.0], rtol=1e-5)
    got = npv(image.map_coordinates(arr, np.array([[-1.0, 3.0], [5.0, 0.0]], "float32"), 0,
                                    fill_mode="wrap"))
    np.testing.assert_allclose(got, [arr[2, 1], arr[0, 0]])
    p = image.extract_patches(img, 2)
    assert core.shape(p) == (2, 2, 3, 12)
    np.testing.assert_allclose(npv(p)[0, 0, 0], img[0, :2, :2].reshape(-1), rtol=1e-6)


# ---------------------------------------------------------------- graph mode & edge cases


def test_ops_inside_tf_function_with_unknown_dims():
    from kerasx.random.seed_generator import SeedGenerator
    gen = SeedGenerator(3)

    @tf.function(input_signature=[tf.TensorSpec([None, None, 3], tf.float32)])
    def f(x):
        return (knp.get_item(x, (slice(None), -1)),
                nn.conv(x, tf.ones((2, 3, 4)), padding="same"),
                nn.conv_transpose(x, tf.ones((2, 4, 3)), strides=2),
                rnd.dropout(x, 0.5, noise_shape=(None, 1, None), seed=gen),
                knp.quantile(x, 0.5, axis=1),
                core.scan(lambda c, r: (c + r, c), tf.zeros((3,)), x[0])[0])

    outs = f(tf.ones((2, 5, 3)))
    assert [tuple(o.shape) for o in outs] == [(2, 3), (2, 5, 4), (2, 10, 4), (2, 5, 3), (2, 3),
                                             (3,)]
    np.testing.assert_allclose(npv(outs[5]), [5.0, 5.0, 5.0])
    again = f(tf.ones((2, 5, 3)))
    assert not np.array_equal(npv(outs[3]), npv(again[3]))  # the SeedGenerator advanced


@pytest.mark.parametrize("mode", ["edge", "reflect", "symmetric", "wrap"])
def test_pad_modes_including_wide_pads(mode):
    x = np.arange(6, dtype="float32").reshape(2, 3)
    for pw in (((1, 2), (2, 1)), ((3, 4), (5, 2))):
        np.testing.assert_array_equal(npv(knp.pad(x, pw, mode=mode)), np.pad(x, pw, mode=mode))


def test_integer_division_by_zero_and_bitwise_errors():
    a = np.array([7, -7, 3], "int32")
    b = np.array([2, 2, 0], "int32")
    np.testing.assert_array_equal(npv(knp.floor_divide(a, b)), [3, -4, 0])
    np.testing.assert_array_equal(npv(knp.mod(a, b)), [1, 1, 0])
    with pytest.raises(ValueError, match="ops.bitwise_and"):
        knp.bitwise_and(np.ones(2, "float32"), np.ones(2, "float32"))
    with pytest.raises(ValueError, match="ops.conv: padding"):
        nn.conv(np.ones((1, 4, 1), "float32"), np.ones((2, 1, 1), "float32"), padding="full")


def test_associative_scan_non_commutative():
    mats = rng.uniform(size=(9, 2, 2)).astype("float32")
    got = npv(core.associative_scan(lambda a, b: a @ b, mats))
    want = [mats[0]]
    for m in mats[1:]:
        want.append(want[-1] @ m)
    np.testing.assert_allclose(got, np.stack(want), rtol=1e-4)
    pair = core.associative_scan(lambda a, b: (a[0] * b[0], a[1] + b[1]), (mats, mats), axis=1)
    np.testing.assert_allclose(npv(pair[1]), np.cumsum(mats, axis=1), rtol=1e-5)


def test_variable_created_inside_output_spec_is_concrete():
    holder = {}

    def fn(x):
        if "v" not in holder:
            holder["v"] = core.Variable(np.ones((3, 2), "float32"), name="k")
        return knp.matmul(x, holder["v"])

    spec = core.compute_output_spec(fn, KerasTensor((None, 3)))
    assert spec.shape == (None, 2)
    np.testing.assert_array_equal(npv(holder["v"]), np.ones((3, 2)))


@pytest.mark.parametrize("op", ["conv", "conv_transpose", "depthwise_conv", "max_pool",
                                "average_pool"])
def test_3d_conv_and_pool_gradients(op):
    # TF 2.21's 3D gradients need an explicit data_format attribute (regression check).
    x = tf.Variable(rng.normal(size=(1, 4, 4, 4, 2)).astype("float32"))
    k = tf.ones((2, 2, 2, 2, 2))
    with tf.GradientTape() as tape:
        if op.endswith("pool"):
            y = getattr(nn, op)(x, 2)
        else:
            y = getattr(nn, op)(x, k, strides=2)
        loss = tf.reduce_sum(y * y)
    g = tape.gradient(loss, x)
    assert g.shape == (1, 4, 4, 4, 2) and float(tf.reduce_sum(tf.abs(g))) > 0
