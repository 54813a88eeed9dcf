"""Checks of the JAX backend package against NumPy (runs only with KERASX_BACKEND=jax)."""

import itertools

import numpy as np
import pytest

from kerasx import config

if config.backend() != "jax":
    pytest.skip("JAX backend tests run only with KERASX_BACKEND=jax", allow_module_level=True)

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

from kerasx.backends import B  # noqa: E402
from kerasx.core.keras_tensor import KerasTensor  # noqa: E402
from kerasx.core.scope import StatelessScope  # noqa: E402
from kerasx.random.seed_generator import SeedGenerator  # noqa: E402

C, N, NN = B.core, B.numpy, B.nn
RNG = np.random.default_rng(0)
X = RNG.normal(size=(3, 4)).astype("float32")
XI = RNG.integers(0, 5, size=(3, 4)).astype("int32")
POS = np.abs(X) + 1.5


def close(got, expected, tol=1e-5):
    got = np.asarray(got)
    expected = np.asarray(expected)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got.astype("float64"), expected.astype("float64"),
                               rtol=tol, atol=tol, equal_nan=True)


def t(dtype, value=1):
    return C.convert_to_tensor(np.full((2,), value).astype(dtype))


# ---- numpy group -----------------------------------------------------------------
UNARY = ["abs", "arctan", "arcsinh", "cbrt", "ceil", "cos", "cosh", "deg2rad", "exp", "exp2",
         "expm1", "floor", "negative", "sign", "sin", "sinh", "square", "tan", "tanh", "trunc",
         "isfinite", "isnan", "signbit", "ravel", "log", "log10", "log1p", "log2", "sqrt",
         "reciprocal", "arccosh"]


@pytest.mark.parametrize("name", UNARY)
def test_unary_matches_numpy(name):
    close(getattr(N, name)(POS * np.sign(X) if name not in (
        "log", "log10", "log1p", "log2", "sqrt", "reciprocal", "arccosh") else POS),
        getattr(np, name)(POS * np.sign(X) if name not in (
            "log", "log10", "log1p", "log2", "sqrt", "reciprocal", "arccosh") else POS))


BINARY = ["add", "subtract", "multiply", "divide", "true_divide", "maximum", "minimum",
          "arctan2", "hypot", "logaddexp", "logaddexp2", "power", "equal", "greater", "less",
          "not_equal", "greater_equal", "less_equal", "heaviside", "floor_divide", "mod"]


@pytest.mark.parametrize("name", BINARY)
def test_binary_broadcasting_matches_numpy(name):
    a, b = POS[:, None, :], X[None, :, :]
    close(getattr(N, name)(a, b), getattr(np, name)(a, b), 1e-4)


@pytest.mark.parametrize("name", ["sum", "mean", "var", "std", "max", "min", "prod", "median",
                                  "all", "any", "amax", "amin"])
@pytest.mark.parametrize("axis", [None, 0, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions(name, axis, keepdims):
    close(getattr(N, name)(X, axis=axis, keepdims=keepdims),
          getattr(np, name)(X, axis=axis, keepdims=keepdims), 1e-5)


DTYPE_CASES = [
    (lambda: N.add(t("int32"), t("float32")), "float32"),
    (lambda: N.add(t("int8"), t("uint8")), "int16"),
    (lambda: N.add(t("float16"), 2.0), "float16"),
    (lambda: N.add(t("int32"), 2.0), "float32"),
    (lambda: N.add(t("int32"), 2), "int32"),
    (lambda: N.add(t("bool"), t("bool")), "bool"),
    (lambda: N.sin(t("int32")), "float32"),
    (lambda: N.mean(t("int32")), "float32"),
    (lambda: N.true_divide(t("int32"), t("int32")), "float32"),
    (lambda: N.floor_divide(t("int32"), t("int32")), "int32"),
    (lambda: N.sum(t("bool")), "int32"),
    (lambda: N.sum(t("uint8")), "uint32"),
    (lambda: N.cumsum(t("int16")), "int32"),
    (lambda: N.sum(t("int64")), "int64"),
    (lambda: N.argmax(t("float32")), "int32"),
    (lambda: N.arange(3), "int32"),
    (lambda: N.arange(3.0), "float32"),
    (lambda: N.ones((2,)), "float32"),
    (lambda: C.convert_to_tensor(1), "int32"),
    (lambda: C.convert_to_tensor([1.0, 2]), "float32"),
    (lambda: C.convert_to_tensor(np.ones(2)), "float64"),
    (lambda: N.add(t("bfloat16"), t("float16")), "float32"),
    (lambda: N.where(t("bool"), 1, 2.0), "float32"),
    (lambda: N.less(t("int32"), 1.5), "bool"),
    (lambda: NN.softmax(t("int32")), "float32"),
    (lambda: N.nonzero(t("int32"))[0], "int32"),
]


@pytest.mark.parametrize("i", range(len(DTYPE_CASES)))
def test_result_dtypes(i):
    fn, expected = DTYPE_CASES[i]
    assert C.dtype(fn()) == expected


def test_empty_and_negative_axes():
    e = np.zeros((0, 3), "float32")
    close(N.sum(e, axis=0), np.zeros(3))
    assert N.mean(e, axis=-1).shape == (0,)
    close(N.max(np.zeros((2, 0), "float32"), axis=1, initial=-1.0), [-1.0, -1.0])
    close(N.concatenate([e, np.ones((1, 3), "float32")], axis=-2), np.ones((1, 3)))
    close(N.cumsum(X, axis=-2), np.cumsum(X, axis=-2))


def test_shape_and_indexing_ops():
    close(N.get_item(X, (slice(None), [0, 2])), X[:, [0, 2]])
    close(N.get_item(X, X > 0), X[X > 0])
    close(N.get_item(X, (None, Ellipsis, -1)), X[None, ..., -1])
    close(N.take(X, [5, 1]), np.take(X, [5, 1]))
    close(N.take(X, np.array([0, -1]), axis=1), np.take(X, [0, -1], axis=1))
    idx = np.argsort(X, axis=1)
    close(N.take_along_axis(X, idx, axis=1), np.take_along_axis(X, idx, axis=1))
    close(N.repeat(X, [1, 2, 0], axis=0), np.repeat(X, [1, 2, 0], axis=0))
    close(N.pad(X, ((1, 0), (0, 2)), mode="reflect"), np.pad(X, ((1, 0), (0, 2)), mode="reflect"))
    close(N.split(X, [1, 3], axis=1)[1], np.split(X, [1, 3], axis=1)[1])
    close(N.rot90(X, k=3), np.rot90(X, k=3))
    close(N.unravel_index(np.array([5, 7]), (3, 4))[1], np.unravel_index([5, 7], (3, 4))[1])
    assert N.ndim(X) == 2 and N.size(X) == 12
    with pytest.raises(ValueError, match="ops.squeeze"):
        N.squeeze(X, axis=0)


def test_products_and_misc():
    close(N.matmul(X, X.T), X @ X.T, 1e-4)
    close(N.einsum("ij,kj->ik", X, X), X @ X.T, 1e-4)
    close(N.tensordot(X, X, ((1,), (1,))), np.tensordot(X, X, ((1,), (1,))), 1e-4)
    close(N.cross(X[:, :3], X[:, 1:]), np.cross(X[:, :3], X[:, 1:]), 1e-5)
    close(N.kron(X, X), np.kron(X, X))
    close(N.linspace(0, 1, 5), np.linspace(0, 1, 5))
    close(N.eye(3, 4, 1), np.eye(3, 4, 1))
    close(N.quantile(X, 0.3, axis=1), np.quantile(X, 0.3, axis=1))
    close(N.bincount(np.array([0, 1, 1, 3])), np.bincount([0, 1, 1, 3]))
    close(N.histogram(X.ravel())[0], np.histogram(X.ravel())[0])
    close(N.digitize(X, np.array([-1.0, 0, 1])), np.digitize(X, [-1.0, 0, 1]))
    close(N.searchsorted(np.array([1.0, 2, 3]), np.array([2.5, 1]), side="right"),
          np.searchsorted([1.0, 2, 3], [2.5, 1], side="right"))
    close(N.correlate(X[0], X[1], mode="full"), np.correlate(X[0], X[1], mode="full"))
    close(N.select([X > 0], [X], 5), np.select([X > 0], [X], 5))
    close(N.divide_no_nan(X, np.zeros_like(X)), np.zeros_like(X))
    close(N.bitwise_and(XI, 3), XI & 3)
    close(N.left_shift(XI, 1), XI << 1)
    close(N.round(X, 1), np.round(X, 1))
    close(N.trapezoid(X), np.trapezoid(X))
    close(N.vander(X[0]), np.vander(X[0]), 1e-4)


# ---- nn group -----------------------------------------------------------------
def np_conv(x, w, strides, pads, dil, groups):
    """Reference channels_last N-D convolution by loops over output positions."""
    nd = x.ndim - 2
    x = np.pad(x, [(0, 0)] + list(pads) + [(0, 0)])
    k = w.shape[:nd]
    keff = [(k[i] - 1) * dil[i] + 1 for i in range(nd)]
    outs = [(x.shape[1 + i] - keff[i]) // strides[i] + 1 for i in range(nd)]
    cin_g, cout = w.shape[-2], w.shape[-1]
    cout_g = cout // groups
    y = np.zeros((x.shape[0],) + tuple(outs) + (cout,))
    for pos in itertools.product(*[range(o) for o in outs]):
        sl = tuple(slice(pos[i] * strides[i], pos[i] * strides[i] + keff[i], dil[i])
                   for i in range(nd))
        patch = x[(slice(None),) + sl]
        for g in range(groups):
            p = patch[..., g * cin_g:(g + 1) * cin_g]
            wg = w[..., g * cout_g:(g + 1) * cout_g]
            y[(slice(None),) + pos + (slice(g * cout_g, (g + 1) * cout_g),)] = np.tensordot(
                p, wg, axes=(list(range(1, nd + 2)), list(range(nd + 1))))
    return y


def same_pads(n, k, s, d):
    keff = (k - 1) * d + 1
    total = max((-(-n // s) - 1) * s + keff - n, 0)
    return (total // 2, total - total // 2)


@pytest.mark.parametrize("nd,stride,dil,padding,groups", [
    (1, 1, 1, "valid", 1), (1, 2, 1, "same", 1), (1, 1, 2, "causal", 1), (2, 1, 1, "same", 1),
    (2, 2, 1, "same", 2), (2, 1, 2, "valid", 1), (3, 2, 1, "same", 1)])
def test_conv_matches_loop_reference(nd, stride, dil, padding, groups):
    size, k = 6, 3
    x = RNG.normal(size=(2,) + (size,) * nd + (4,)).astype("float32")
    w = RNG.normal(size=(k,) * nd + (4 // groups, 6)).astype("float32")
    if padding == "same":
        pads = [same_pads(size, k, stride, dil)] * nd
    elif padding == "causal":
        pads = [((k - 1) * dil, 0)]
    else:
        pads = [(0, 0)] * nd
    ref = np_conv(x, w, (stride,) * nd, pads, (dil,) * nd, groups)
    close(NN.conv(x, w, stride, padding, "channels_last", dil), ref, 1e-4)
    xf = np.moveaxis(x, -1, 1)
    close(NN.conv(xf, w, stride, padding, "channels_first", dil), np.moveaxis(ref, -1, 1), 1e-4)


def test_depthwise_and_separable_conv():
    x = RNG.normal(size=(1, 5, 5, 3)).astype("float32")
    dw = RNG.normal(size=(3, 3, 3, 2)).astype("float32")
    pw = RNG.normal(size=(1, 1, 6, 4)).astype("float32")
    ref = np_conv(x, dw.reshape(3, 3, 1, 6), (1, 1), [(1, 1)] * 2, (1, 1), 3)
    close(NN.depthwise_conv(x, dw, 1, "same"), ref, 1e-4)
    close(NN.separable_conv(x, dw, pw, 1, "same"), ref @ pw[0, 0], 1e-4)


def np_conv_transpose(x, w, s, d, padding, op):
    """Reference 1D channels_last transposed conv: scatter every input then crop."""
    n, k = x.shape[1], w.shape[0]
    keff = (k - 1) * d + 1
    if op is None:
        length = n * s if padding == "same" else n * s + max(keff - s, 0)
    else:
        length = (n - 1) * s + keff - 2 * (keff // 2 if padding == "same" else 0) + op
    full = np.zeros((x.shape[0], (n - 1) * s + keff + length, w.shape[1]))
    for i in range(n):
        for j in range(k):
            full[:, i * s + j * d] += x[:, i] @ w[j].T
    crop = max((n - 1) * s + keff - length, 0) // 2 if padding == "same" else 0
    return full[:, crop:crop + length]


@pytest.mark.parametrize("k,s,d,padding,op", [
    (3, 1, 1, "valid", None), (3, 2, 1, "same", None), (4, 2, 1, "same", None),
    (2, 3, 1, "valid", None), (3, 2, 1, "valid", 1), (3, 2, 1, "same", 1), (3, 1, 2, "same", None)])
def test_conv_transpose_matches_reference(k, s, d, padding, op):
    x = RNG.normal(size=(2, 5, 3)).astype("float32")
    w = RNG.normal(size=(k, 4, 3)).astype("float32")
    close(NN.conv_transpose(x, w, s, padding, op, "channels_last", d),
          np_conv_transpose(x, w, s, d, padding, op), 1e-4)


def test_pooling_same_and_valid():
    x = RNG.normal(size=(1, 5, 5, 2)).astype("float32")
    close(NN.max_pool(x, 2, 2, "valid"), x[:, :4, :4].reshape(1, 2, 2, 2, 2, 2).max((2, 4)))
    y = NN.average_pool(x, 2, 2, "same")
    assert y.shape == (1, 3, 3, 2)
    close(y[0, 2, 2], x[0, 4, 4])  # padded cells do not count
    close(y[0, 0, 0], x[0, :2, :2].mean((0, 1)))
    close(NN.max_pool(np.moveaxis(x, -1, 1), (3, 3), 1, "same", "channels_first")[0, :, 0, 0],
          x[0, :2, :2].max((0, 1)))


def test_activations():
    v = np.linspace(-3, 3, 13).astype("float32")
    sig = 1 / (1 + np.exp(-v))
    close(NN.relu(v), np.maximum(v, 0))
    close(NN.sigmoid(v), sig)
    close(NN.silu(v), v * sig)
    close(NN.leaky_relu(v), np.where(v > 0, v, 0.2 * v))
    close(NN.hard_sigmoid(v), np.clip(v + 3, 0, 6) / 6)
    close(NN.hard_silu(v), v * np.clip(v + 3, 0, 6) / 6)
    close(NN.gelu(v), 0.5 * v * (1 + np.tanh(np.sqrt(2 / np.pi) * (v + 0.044715 * v ** 3))))
    close(NN.softplus(v), np.log1p(np.exp(v)))
    close(NN.elu(v, 0.5), np.where(v > 0, v, 0.5 * (np.exp(v) - 1)))
    close(NN.soft_shrink(v, 1.0), np.sign(v) * np.maximum(np.abs(v) - 1, 0))
    close(NN.squareplus(v), (v + np.sqrt(v * v + 4)) / 2)
    close(NN.glu(X), X[:, :2] / (1 + np.exp(-X[:, 2:])))
    sm = np.exp(X) / np.exp(X).sum(-1, keepdims=True)
    close(NN.softmax(X), sm)
    close(NN.log_softmax(X, axis=0), np.log(np.exp(X) / np.exp(X).sum(0, keepdims=True)))
    s = np.asarray(NN.sparsemax(X * 3))
    close(s.sum(-1), np.ones(3))
    assert (s >= 0).all()


def test_losses_and_encodings():
    labels = np.array([0, 2, 1])
    logits = X[:, :3]
    probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    onehot = np.eye(3, dtype="float32")[labels]
    ref = -np.log(probs[np.arange(3), labels])
    close(NN.sparse_categorical_crossentropy(labels, logits, from_logits=True), ref, 1e-5)
    close(NN.sparse_categorical_crossentropy(labels, probs), ref, 1e-5)
    close(NN.categorical_crossentropy(onehot, logits, from_logits=True), ref, 1e-5)
    p = 1 / (1 + np.exp(-X))
    bce = -(0.3 * np.log(p) + 0.7 * np.log(1 - p))
    close(NN.binary_crossentropy(np.full_like(X, 0.3), X, from_logits=True), bce, 1e-5)
    close(NN.binary_crossentropy(np.full_like(X, 0.3), p), bce, 1e-4)
    close(NN.one_hot(np.array([1, -1, 5]), 3), [[0, 1, 0], [0, 0, 0], [0, 0, 0]])
    close(NN.multi_hot(np.array([[0, 2], [1, 1]]), 3), [[1, 0, 1], [0, 1, 0]])
    m, v = NN.moments(X, axes=[0])
    close(m, X.mean(0))
    close(v, X.var(0))
    close(NN.batch_normalization(X, X.mean(0), X.var(0), axis=-1, epsilon=0.0),
          (X - X.mean(0)) / X.std(0), 1e-4)
    close(NN.normalize(X), X / np.linalg.norm(X, axis=-1, keepdims=True))
    close(NN.psnr(X, X + 0.1, 1.0), 20.0, 1e-3)
    close(NN.rms_normalization(X, epsilon=0.0), X / np.sqrt((X ** 2).mean(-1, keepdims=True)))
    close(NN.layer_normalization(X, epsilon=0.0), (X - X.mean(-1, keepdims=True)) /
          X.std(-1, keepdims=True), 1e-4)


def test_ctc_loss_single_label_brute_force():
    # One label "1" over 2 steps with blank 0: valid paths are (1,1), (0,1), (1,0).
    logits = RNG.normal(size=(1, 2, 3)).astype("float32")
    p = np.exp(logits[0]) / np.exp(logits[0]).sum(-1, keepdims=True)
    total = p[0, 1] * p[1, 1] + p[0, 0] * p[1, 1] + p[0, 1] * p[1, 0]
    close(NN.ctc_loss(np.array([[1]]), logits, np.array([1]), np.array([2])), [-np.log(total)],
          1e-5)


def test_dot_product_attention_matches_numpy():
    q = RNG.normal(size=(2, 3, 4, 5)).astype("float32")
    k = RNG.normal(size=(2, 6, 2, 5)).astype("float32")
    v = RNG.normal(size=(2, 6, 2, 5)).astype("float32")
    kk, vv = np.repeat(k, 2, axis=2), np.repeat(v, 2, axis=2)
    logits = np.einsum("btnh,bsnh->bnts", q, kk) / np.sqrt(5)
    mask = np.tril(np.ones((3, 6), bool))
    logits = np.where(mask, logits, -1e30)
    w = np.exp(logits - logits.max(-1, keepdims=True))
    w /= w.sum(-1, keepdims=True)
    close(NN.dot_product_attention(q, k, v, is_causal=True),
          np.einsum("bnts,bsnh->btnh", w, vv), 1e-4)


# ---- core group -----------------------------------------------------------------
def test_variable_assign_and_stateless_scope():
    v = C.Variable(np.ones((2, 2), "float32"), name="w")
    assert isinstance(N.add(v, 1), jax.Array)
    close(jnp.asarray(v), np.ones((2, 2)))
    v.assign(np.zeros((2, 2)))
    close(v.numpy(), np.zeros((2, 2)))
    with StatelessScope([(v, jnp.full((2, 2), 5.0))]) as scope:
        close(v.value, np.full((2, 2), 5.0))
        v.assign(jnp.full((2, 2), 7.0))
    close(v.numpy(), np.zeros((2, 2)))
    close(scope.get_current_value(v), np.full((2, 2), 7.0))
    with pytest.raises(ValueError):
        v.assign(np.zeros((3,)))
    with pytest.raises(ValueError, match="StatelessScope"):
        jax.jit(lambda a: v.assign(a))(jnp.ones((2, 2), jnp.float32))


def test_convert_and_cast():
    assert C.is_tensor(C.convert_to_tensor([1, 2])) and not C.is_tensor(np.ones(2))
    assert C.shape(np.ones((2, 3))) == (2, 3)
    assert C.dtype(C.cast(X, "bfloat16")) == "bfloat16"
    assert isinstance(C.convert_to_numpy(C.convert_to_tensor(X)), np.ndarray)
    close(C.saturate_cast(np.array([-5.0, 300.0]), "uint8"), [0, 255])
    close(C.saturate_cast(np.array([1e10, -1e10]), "int32"), [2 ** 31 - 1, -2 ** 31])


def test_compute_output_spec_keeps_unknown_dims():
    kt = KerasTensor((None, 3))
    out = C.compute_output_spec(lambda a: N.concatenate([a, a], -1), kt)
    assert out.shape == (None, 6) and out.dtype == "float32"
    s, r, n = C.compute_output_spec(lambda a: (N.sum(a, 0), N.reshape(a, (-1, 1)), 3), kt)
    assert s.shape == (3,) and r.shape == (None, 1) and n == 3
    out = C.compute_output_spec(lambda d: d["x"][:, :2], {"x": KerasTensor((None, 3), "int8")})
    assert out.shape == (None, 2) and out.dtype == "int8"
    w = np.ones((3, 3, 3, 4), "float32")
    out = C.compute_output_spec(lambda a: NN.conv(a, w, 2, "same"), KerasTensor((None, 9, None, 3)))
    assert out.shape == (None, 5, None, 4)


def test_compute_gradients_eager_records_assignments():
    w = C.Variable(np.array([1.0, 2.0], "float32"), name="w")
    other = C.Variable(np.array([3.0], "float32"), name="other")
    counter = C.Variable(np.array([0.0], "float32"), name="counter", trainable=False)

    def loss():
        counter.assign(counter.value + 1)
        return N.sum(N.square(w))

    value, grads = C.compute_gradients(loss, [w, other])
    close(value, 5.0)
    close(grads[0], [2.0, 4.0])
    close(grads[1], [0.0])
    close(counter.numpy(), [1.0])


def test_compute_gradients_in_jit_with_outer_scope():
    w = C.Variable(np.array([1.0, 2.0], "float32"), name="w")
    counter = C.Variable(np.array([0.0], "float32"), name="counter", trainable=False)

    def loss():
        counter.assign(counter.value + 1)
        return N.sum(w * w * counter.value), N.max(w)

    @jax.jit
    def step(wv, cv):
        with StatelessScope([(w, wv), (counter, cv)]) as scope:
            (val, aux), grads = C.compute_gradients(loss, [w], has_aux=True)
            return val, aux, grads[0], scope.get_current_value(counter)

    val, aux, g, c = step(jnp.asarray([1.0, 1.0], jnp.float32), jnp.asarray([2.0], jnp.float32))
    close(val, 6.0)
    close(aux, 1.0)
    close(g, [6.0, 6.0])
    close(c, [3.0])
    close(counter.numpy(), [0.0])  # the real variable is untouched


def test_control_flow():
    i, s = C.while_loop(lambda i, s: i < 10, lambda i, s: (i + 1, s * 2), (0, 1.0),
                        maximum_iterations=5)
    assert int(i) == 5 and float(s) == 32.0 and C.dtype(i) == "int32"
    carry, ys = C.scan(lambda c, x: (c + x, c * x), 0.0, np.arange(4, dtype="float32"))
    close(carry, 6.0)
    close(ys, [0.0, 0.0, 2.0, 9.0])
    close(C.fori_loop(0, 4, lambda k, v: v + k, 0), 6)
    close(C.cond(True, lambda: 1.0, lambda: 2.0), 1.0)
    close(C.switch(1, [lambda a: a + 1, lambda a: a * 10], 2.0), 20.0)
    close(C.associative_scan(lambda a, b: a + b, np.arange(5.0)), np.cumsum(np.arange(5.0)))
    close(C.map(lambda r: N.sum(r), X), X.sum(1))
    close(C.vectorized_map(lambda r: r * 2, X), X * 2)
    assert not C.in_tracing()
    assert jax.jit(lambda a: a + int(C.in_tracing()))(0) == 1


def test_custom_gradient_and_stop_gradient():
    @C.custom_gradient
    def square(x):
        return x * x, lambda up: up * 10.0

    close(jax.grad(square)(3.0), 10.0)
    close(jax.grad(lambda a: C.stop_gradient(a) * a)(3.0), 3.0)


def test_scatter_and_slices():
    close(C.scatter(np.array([[0, 1], [0, 1], [1, 0]]), np.array([1.0, 2, 3]), (2, 2)),
          [[0, 3], [3, 0]])
    close(C.scatter_update(np.zeros((2, 2)), np.array([[0, 1]]), np.array([5.0])),
          [[0, 5], [0, 0]])
    close(C.slice(np.arange(10), [2], [3]), [2, 3, 4])
    close(C.slice_update(np.zeros(5), [1], np.ones(2)), [0, 1, 1, 0, 0])
    parts = C.unstack(X, axis=1)
    assert len(parts) == 4
    close(parts[2], X[:, 2])


# ---- random group -----------------------------------------------------------------
def test_random_reproducible_and_in_jit():
    a = B.random.normal((3,), seed=3)
    close(a, B.random.normal((3,), seed=3))
    close(jax.jit(lambda: B.random.normal((3,), seed=3))(), a)
    gen = SeedGenerator(1)
    u1, u2 = B.random.uniform((4,), seed=gen), B.random.uniform((4,), seed=gen)
    assert not np.allclose(u1, u2)

    def draw(state):
        with StatelessScope([(gen.state, state)]) as scope:
            return B.random.normal((2,), seed=gen), scope.get_current_value(gen.state)

    r, new_state = jax.jit(draw)(gen.state.value)
    assert r.shape == (2,) and int(new_state[0]) == int(gen.state.value[0]) + 1
    big = np.asarray(B.random.uniform((2000,), 2.0, 3.0, seed=5))
    assert big.min() >= 2.0 and big.max() < 3.0 and abs(big.mean() - 2.5) < 0.05
    tn = np.asarray(B.random.truncated_normal((2000,), seed=5))
    assert np.abs(tn).max() <= 2.0
    ri = B.random.randint((100,), 0, 4, seed=1)
    assert C.dtype(ri) == "int32" and int(N.max(ri)) <= 3
    cat = B.random.categorical(np.log(np.array([[0.0001, 0.9999]])), 50, seed=2)
    assert cat.shape == (1, 50) and int(N.sum(cat)) >= 45
    close(N.sort(B.random.shuffle(np.arange(10), seed=4)), np.arange(10))
    for draw_fn in (lambda: B.random.gamma((5,), 2.0, seed=1),
                    lambda: B.random.beta((5,), 2.0, 3.0, seed=1),
                    lambda: B.random.binomial((5,), 10, 0.5, seed=1)):
        assert draw_fn().shape == (5,)


def test_dropout():
    x = np.ones((200, 10), "float32")
    y = np.asarray(B.random.dropout(x, 0.5, seed=1))
    assert set(np.unique(y)) <= {0.0, 2.0} and 0.4 < (y == 0).mean() < 0.6
    y = np.asarray(B.random.dropout(x, 0.5, noise_shape=(None, 1), seed=1))
    assert (y == y[:, :1]).all()


# ---- linalg / math / image ----------------------------------------------------------
def test_linalg():
    a = X[:, :3] @ X[:, :3].T + 3 * np.eye(3, dtype="float32")
    b = X[:, :2]
    close(B.linalg.cholesky(a), np.linalg.cholesky(a), 1e-4)
    close(B.linalg.det(a), np.linalg.det(a), 1e-3)
    close(B.linalg.inv(a), np.linalg.inv(a), 1e-4)
    close(B.linalg.solve(a, b), np.linalg.solve(a, b), 1e-4)
    close(B.linalg.eigh(a)[0], np.linalg.eigh(a)[0], 1e-4)
    close(B.linalg.svd(X, compute_uv=False), np.linalg.svd(X, compute_uv=False), 1e-4)
    u, s, vh = B.linalg.svd(X, full_matrices=False)
    close(np.asarray(u) * np.asarray(s) @ np.asarray(vh), X, 1e-4)
    q, r = B.linalg.qr(X, mode="complete")
    assert q.shape == (3, 3) and r.shape == (3, 4)
    close(np.asarray(q) @ np.asarray(r), X, 1e-4)
    close(B.linalg.norm(X, ord="fro"), np.linalg.norm(X, "fro"), 1e-5)
    close(B.linalg.norm(X, ord="nuc"), np.linalg.norm(X, "nuc"), 1e-4)
    close(B.linalg.norm(X, ord=1, axis=-1), np.linalg.norm(X, 1, axis=-1), 1e-5)
    lower = np.tril(a)
    close(B.linalg.solve_triangular(lower, b, lower=True), np.linalg.solve(lower, b), 1e-4)
    close(B.linalg.lstsq(X.T, X[0]), np.linalg.lstsq(X.T, X[0], rcond=None)[0], 1e-3)
    lu, piv = B.linalg.lu_factor(a)
    assert C.dtype(piv) == "int32" and lu.shape == (3, 3)


def test_math():
    data = np.arange(10.0).reshape(5, 2)
    ids = np.array([0, 0, 2, 2, 1])
    close(B.math.segment_sum(data, ids), [[2, 4], [8, 9], [10, 12]])
    close(B.math.segment_max(data, ids, num_segments=4)[:3], [[2, 3], [8, 9], [6, 7]])
    vals, idx = B.math.top_k(X, 2)
    close(vals, -np.sort(-X, axis=1)[:, :2])
    assert C.dtype(idx) == "int32"
    close(B.math.in_top_k(np.array([0, 1, 2]), X, 2),
          [(X[i] > X[i, c]).sum() < 2 for i, c in enumerate([0, 1, 2])])
    close(B.math.logsumexp(X, axis=1), np.log(np.exp(X).sum(1)), 1e-5)
    close(B.math.extract_sequences(np.arange(7.0), 3, 2), [[0, 1, 2], [2, 3, 4], [4, 5, 6]])
    re, im = B.math.fft((X, np.zeros_like(X)))
    close(re, np.fft.fft(X).real, 1e-4)
    close(im, np.fft.fft(X).imag, 1e-4)
    re2, im2 = B.math.fft2((X, X))
    close(re2, np.fft.fft2(X + 1j * X).real, 1e-4)
    back = B.math.ifft2((re2, im2))
    close(back[0], X, 1e-4)
    rr, ri = B.math.rfft(X)
    close(B.math.irfft((rr, ri), 4), X, 1e-5)
    close(B.math.rsqrt(POS), 1 / np.sqrt(POS), 1e-5)
    close(B.math.erf(X), [[float(jax.scipy.special.erf(v)) for v in row] for row in X], 1e-5)
    close(B.math.erf(B.math.erfinv(np.array([-0.5, 0.3]))), [-0.5, 0.3], 1e-5)
    a = X[:, :3] @ X[:, :3].T + np.eye(3, dtype="float32")
    close(B.math.logdet(a), np.linalg.slogdet(a)[1], 1e-4)


def test_image_ops():
    img = RNG.uniform(size=(2, 4, 6, 3)).astype("float32")
    gray = B.image.rgb_to_grayscale(img)
    close(gray, (img * [0.2989, 0.5870, 0.1140]).sum(-1, keepdims=True), 1e-5)
    close(B.image.hsv_to_rgb(B.image.rgb_to_hsv(img)), img, 1e-5)
    assert B.image.resize(img, (8, 12)).shape == (2, 8, 12, 3)
    close(B.image.resize(img, (2, 3), interpolation="bilinear"),
          img.reshape(2, 2, 2, 3, 2, 3).mean((2, 4)), 1e-5)
    assert B.image.resize(img, (4, 4), crop_to_aspect_ratio=True).shape == (2, 4, 4, 3)
    padded = B.image.resize(img, (6, 6), pad_to_aspect_ratio=True, fill_value=-1.0)
    close(padded[:, 0], -np.ones((2, 6, 3)))
    cf = B.image.resize(np.moveaxis(img, -1, 1), (8, 12), data_format="channels_first")
    assert cf.shape == (2, 3, 8, 12)
    shift = np.array([1, 0, 1, 0, 1, 0, 0, 0], "float32")  # out(x, y) = in(x + 1, y)
    moved = np.asarray(B.image.affine_transform(img, shift, interpolation="nearest"))
    close(moved[:, :, :-1], img[:, :, 1:])
    close(moved[:, :, -1], np.zeros((2, 4, 3)))
    wrapped = B.image.affine_transform(img, shift, "bilinear", fill_mode="wrap")
    close(np.asarray(wrapped)[:, :, -1], img[:, :, 0], 1e-5)
    close(B.image.map_coordinates(img[0, :, :, 0], [[1.5], [2.0]], 1),
          [(img[0, 1, 2, 0] + img[0, 2, 2, 0]) / 2], 1e-5)
    patches = B.image.extract_patches(img, 2)
    assert patches.shape == (2, 2, 3, 12)
    close(patches[0, 1, 2], img[0, 2:4, 4:6].reshape(-1))
    with pytest.raises(ValueError, match="ops.resize"):
        B.image.resize(img, (2, 2), interpolation="area")


def test_pooling_and_conv_are_differentiable_under_jit():
    x = jnp.arange(16.0, dtype=jnp.float32).reshape(1, 4, 4, 1)
    g = jax.jit(jax.grad(lambda a: jnp.sum(NN.max_pool(a, 2))))(x)
    expected = np.zeros((4, 4))
    expected[1::2, 1::2] = 1.0  # the max of each 2x2 window is its bottom-right cell
    close(g[0, :, :, 0], expected)
    w = jnp.ones((3, 3, 1, 2), jnp.float32)
    gw = jax.grad(lambda k: jnp.sum(NN.conv(x, k, 1, "valid")))(w)
    close(gw[:, :, 0, 0], [[x[0, i:i + 2, j:j + 2, 0].sum() for j in range(3)] for i in range(3)])


# ---- eager fast paths (cached jits for concrete arrays) vs the traced path -----------------

def test_eager_fast_paths_match_traced_results():
    x = jnp.asarray(RNG.normal(size=(2, 6, 6, 3)).astype("float32"))
    k = jnp.asarray(RNG.normal(size=(3, 3, 3, 4)).astype("float32"))
    cases = [
        lambda a, b: NN.relu(NN.conv(a, b, padding="same")),
        lambda a, b: NN.max_pool(a, 2, strides=2),
        lambda a, b: NN.average_pool(a, 2, strides=1, padding="same"),
        lambda a, b: N.reshape(a, (2, -1)),
        lambda a, b: NN.softmax(N.add(a, a), axis=-1),
        lambda a, b: NN.gelu(N.multiply(a, a), approximate=False),
        lambda a, b: N.tanh(N.subtract(a, a)),
    ]
    for fn in cases:
        eager = fn(x, k)
        traced = jax.jit(fn)(x, k)
        assert eager.dtype == traced.dtype
        np.testing.assert_allclose(np.asarray(eager), np.asarray(traced), rtol=1e-6, atol=1e-6)


def test_relu_gradient_at_zero_is_zero_on_both_paths():
    x = jnp.asarray(np.array([-1.0, 0.0, 2.0], "float32"))
    g = jax.grad(lambda v: jnp.sum(NN.relu(v)))(x)
    np.testing.assert_array_equal(np.asarray(g), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(np.asarray(NN.relu(x)), [0.0, 0.0, 2.0])


def test_max_pool_and_conv_differentiate_under_grad():
    x = jnp.asarray(RNG.normal(size=(1, 4, 4, 1)).astype("float32"))
    g = jax.grad(lambda v: jnp.sum(NN.max_pool(v, 2, strides=2)))(x)
    assert float(jnp.sum(g)) == 4.0  # one winner per 2x2 window
    k = jnp.ones((2, 2, 1, 1), "float32")
    gk = jax.grad(lambda kk: jnp.sum(NN.conv(x, kk)))(k)
    np.testing.assert_allclose(np.asarray(gk).ravel(),
                               [float(jnp.sum(x[0, i:i + 3, j:j + 3, 0]))
                                for i in range(2) for j in range(2)], rtol=1e-5)


def test_fast_paths_skip_weak_and_mixed_operands():
    x = jnp.asarray(np.array([1.0, 2.0], "float32"))
    assert N.add(x, 1).dtype == jnp.float32
    assert N.add(x, jnp.asarray(np.array([1, 2], "int32"))).dtype == jnp.float32
    assert N.add(x, jnp.asarray(np.array([1.0, 2.0], "float64"))).dtype == jnp.float64
    assert N.multiply(jnp.asarray([True]), jnp.asarray([False])).dtype == jnp.bool_
    assert NN.relu(jnp.asarray(np.array([-1, 3], "int32"))).dtype == jnp.float32


def test_conv_static_plan_cache_keeps_argument_checks():
    x = jnp.asarray(RNG.normal(size=(1, 5, 5, 2)).astype("float32"))
    k = jnp.asarray(RNG.normal(size=(3, 3, 2, 4)).astype("float32"))
    a = NN.conv(x, k, strides=(1, 1))
    b = NN.conv(x, k, strides=[1, 1])  # unhashable arguments: computed without the cache
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    for _ in range(2):  # a failed check is never cached
        with pytest.raises(ValueError, match="strides"):
            NN.conv(x, k, strides=(1, 1, 1))
        with pytest.raises(ValueError, match="data_format"):
            NN.conv(x, k, data_format="nhwc")
    with pytest.raises(TypeError):
        NN.conv(x, k, strides=1.5)
