"""Checks of the torch backend package against NumPy (runs only with KERASX_BACKEND=torch)."""

import numpy as np
import pytest

from kerasx import config

if config.backend() != "torch":
    pytest.skip("torch backend tests need KERASX_BACKEND=torch", allow_module_level=True)

import torch  # noqa: E402

from kerasx.backends import B  # noqa: E402
from kerasx.core.keras_tensor import KerasTensor  # noqa: E402
from kerasx.core.scope import StatelessScope  # noqa: E402

np_ = B.numpy
rng = np.random.default_rng(0)


def npy(x):
    return B.core.convert_to_numpy(x)


def close(a, b, atol=1e-5, rtol=1e-5):
    np.testing.assert_allclose(np.asarray(npy(a), dtype=np.float64),
                               np.asarray(b, dtype=np.float64), atol=atol, rtol=rtol)


# ---------------------------------------------------------------- conversion and dtypes

def test_convert_to_tensor_defaults():
    assert B.core.dtype(B.core.convert_to_tensor(1)) == "int32"
    assert B.core.dtype(B.core.convert_to_tensor(1.0)) == "float32"
    assert B.core.dtype(B.core.convert_to_tensor(True)) == "bool"
    assert B.core.dtype(B.core.convert_to_tensor([1, 2])) == "int32"
    assert B.core.dtype(B.core.convert_to_tensor([1.0, 2])) == "float32"
    assert B.core.dtype(B.core.convert_to_tensor(np.zeros(2, "float64"))) == "float64"
    assert B.core.dtype(B.core.convert_to_tensor(np.zeros(2, "uint8"), "int16")) == "int16"
    a = np.arange(6).reshape(2, 3)[:, ::-1]
    np.testing.assert_array_equal(npy(B.core.convert_to_tensor(a)), a)
    assert B.core.shape(B.core.convert_to_tensor(np.zeros((2, 0)))) == (2, 0)


@pytest.mark.parametrize("a,b,expected", [
    ("int32", "float32", "float32"), ("int8", "uint8", "int16"), ("bool", "bool", "bool"),
    ("float16", "float32", "float32"), ("bfloat16", "float16", "float32"),
    ("int32", "int64", "int64"),
])
def test_add_promotion(a, b, expected):
    x = B.core.convert_to_tensor(np.ones(3), dtype=a)
    y = B.core.convert_to_tensor(np.ones(3), dtype=b)
    assert B.core.dtype(np_.add(x, y)) == expected


def test_weak_scalars_and_float_only_ops():
    i32 = B.core.convert_to_tensor([1, 2, 3])
    f16 = B.core.convert_to_tensor(np.ones(3, "float16"))
    assert B.core.dtype(np_.add(i32, 2)) == "int32"
    assert B.core.dtype(np_.add(i32, 2.0)) == "float32"
    assert B.core.dtype(np_.add(f16, 2.0)) == "float16"
    assert B.core.dtype(np_.sin(i32)) == "float32"
    assert B.core.dtype(np_.true_divide(i32, i32)) == "float32"
    assert B.core.dtype(np_.floor_divide(i32, 2)) == "int32"
    assert B.core.dtype(np_.sum(B.core.convert_to_tensor(np.ones(3, "uint8")))) == "uint32"
    assert B.core.dtype(np_.sum(B.core.convert_to_tensor([True, False]))) == "int32"
    assert B.core.dtype(np_.argmax(i32)) == "int32"
    assert B.core.dtype(np_.arange(3)) == "int32"
    assert B.core.dtype(np_.arange(3.0)) == "float32"
    assert B.core.dtype(np_.ones((2,))) == "float32"
    # a 0-d float64 tensor is not "weak" for us, unlike torch's own promotion
    f64 = B.core.convert_to_tensor(np.float64(1.0))
    assert B.core.dtype(np_.add(B.core.convert_to_tensor(np.ones(2, "float32")), f64)) == "float64"


# ---------------------------------------------------------------- numpy ops vs NumPy

X = rng.normal(size=(3, 4)).astype("float32")
P = np.abs(X) + 0.5


@pytest.mark.parametrize("name,ref,inp", [
    ("sin", np.sin, X), ("exp", np.exp, X), ("log", np.log, P), ("sqrt", np.sqrt, P),
    ("tanh", np.tanh, X), ("abs", np.abs, X), ("cbrt", np.cbrt, X), ("log1p", np.log1p, P),
    ("square", np.square, X), ("sign", np.sign, X), ("floor", np.floor, X),
    ("arctan", np.arctan, X), ("expm1", np.expm1, X), ("reciprocal", np.reciprocal, P),
])
def test_unary(name, ref, inp):
    close(getattr(np_, name)(inp), ref(inp), atol=1e-5)


@pytest.mark.parametrize("name,ref", [
    ("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
    ("maximum", np.maximum), ("minimum", np.minimum), ("arctan2", np.arctan2),
    ("hypot", np.hypot), ("logaddexp", np.logaddexp), ("true_divide", np.true_divide),
])
def test_binary_broadcast(name, ref):
    a, b = X, rng.normal(size=(4,)).astype("float32") + 3.0
    close(getattr(np_, name)(a, b), ref(a, b), atol=1e-5)


def test_int_division_and_mod_follow_numpy():
    a = np.array([-7, 7, 5, -3], "int32")
    b = np.array([2, -2, 3, 3], "int32")
    np.testing.assert_array_equal(npy(np_.floor_divide(a, b)), np.floor_divide(a, b))
    np.testing.assert_array_equal(npy(np_.mod(a, b)), np.mod(a, b))


@pytest.mark.parametrize("axis", [None, 0, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions(axis, keepdims):
    for name in ("sum", "mean", "max", "min", "var", "std", "prod", "any", "all"):
        got = getattr(np_, name)(X, axis=axis, keepdims=keepdims)
        ref = getattr(np, name)(X, axis=axis, keepdims=keepdims)
        close(got, ref, atol=1e-5)
    close(np_.median(X, axis=axis, keepdims=keepdims), np.median(X, axis=axis, keepdims=keepdims))


def test_empty_reductions_and_arrays():
    e = np.zeros((0, 3), "float32")
    close(np_.sum(e), 0.0)
    close(np_.sum(e, axis=0), np.zeros(3))
    assert B.core.shape(np_.concatenate([e, e])) == (0, 3)
    close(np_.cumsum(np.arange(5)), np.cumsum(np.arange(5)))


def test_arg_and_sort_ops():
    x = np.array([[3, 1, 2], [0, 5, 4]], "float32")
    np.testing.assert_array_equal(npy(np_.argmax(x, axis=-1)), [0, 1])
    np.testing.assert_array_equal(npy(np_.argmin(x)), 3)
    np.testing.assert_array_equal(npy(np_.argsort(x, axis=0)), np.argsort(x, axis=0))
    np.testing.assert_array_equal(npy(np_.sort(x, axis=None)), np.sort(x, axis=None))
    np.testing.assert_array_equal(npy(np_.searchsorted([1, 3, 5], [0, 3, 6], side="right")),
                                  np.searchsorted([1, 3, 5], [0, 3, 6], side="right"))
    np.testing.assert_array_equal(npy(np_.digitize([0.5, 1.0, 2.5], [1.0, 2.0])),
                                  np.digitize([0.5, 1.0, 2.5], [1.0, 2.0]))
    np.testing.assert_array_equal(npy(np_.bincount([0, 1, 1, 3])), [1, 2, 0, 1])
    nz = np_.nonzero(np.array([[0, 1], [2, 0]]))
    np.testing.assert_array_equal([npy(i) for i in nz], np.nonzero(np.array([[0, 1], [2, 0]])))


def test_shape_ops():
    a = np.arange(24).reshape(2, 3, 4)
    np.testing.assert_array_equal(npy(np_.transpose(a)), a.T)
    np.testing.assert_array_equal(npy(np_.moveaxis(a, 0, -1)), np.moveaxis(a, 0, -1))
    assert B.core.shape(np_.expand_dims(a, (0, -1))) == (1, 2, 3, 4, 1)
    assert B.core.shape(np_.squeeze(np.zeros((1, 2, 1)), axis=-1)) == (1, 2)
    np.testing.assert_array_equal(npy(np_.reshape(a, (4, -1))), a.reshape(4, -1))
    np.testing.assert_array_equal(npy(np_.tile(a, (2, 1, 1))), np.tile(a, (2, 1, 1)))
    np.testing.assert_array_equal(npy(np_.repeat(a, 2, axis=1)), np.repeat(a, 2, axis=1))
    np.testing.assert_array_equal(npy(np_.roll(a, 2)), np.roll(a, 2))
    np.testing.assert_array_equal(npy(np_.flip(a, 1)), np.flip(a, 1))
    parts = np_.split(a, [1, 3], axis=2)
    for p, r in zip(parts, np.split(a, [1, 3], axis=2)):
        np.testing.assert_array_equal(npy(p), r)
    np.testing.assert_array_equal(npy(np_.stack([a, a], axis=-1)), np.stack([a, a], axis=-1))
    for mode in ("constant", "reflect", "symmetric", "edge", "wrap"):
        np.testing.assert_array_equal(npy(np_.pad(a, ((0, 0), (1, 2), (2, 1)), mode=mode)),
                                      np.pad(a, ((0, 0), (1, 2), (2, 1)), mode=mode))
    np.testing.assert_array_equal(npy(np_.tril(a[0], -1)), np.tril(a[0], -1))
    np.testing.assert_array_equal(npy(np_.diagonal(a, 1, 1, 2)), np.diagonal(a, 1, 1, 2))


def test_indexing():
    a = np.arange(24).reshape(2, 3, 4)
    for key in [1, (slice(None), 0), (Ellipsis, None, 1), (np.array([1, 0]),),
                (slice(None), np.array([2, 0, 1])), a > 10, (0, slice(None, None, -1))]:
        np.testing.assert_array_equal(npy(np_.get_item(a, key)), a[key])
    np.testing.assert_array_equal(npy(np_.take(a, [0, -1], axis=2)), np.take(a, [0, -1], axis=2))
    np.testing.assert_array_equal(npy(np_.take(a, [[1, 5]])), np.take(a, [[1, 5]]))
    idx = np.argsort(a, axis=1)
    np.testing.assert_array_equal(npy(np_.take_along_axis(a, idx, axis=1)),
                                  np.take_along_axis(a, idx, axis=1))
    np.testing.assert_array_equal(npy(np_.where(a > 5, a, -1)), np.where(a > 5, a, -1))


def test_products():
    a = rng.normal(size=(2, 3, 4)).astype("float32")
    b = rng.normal(size=(4, 5)).astype("float32")
    close(np_.matmul(a, b), a @ b, atol=1e-5)
    close(np_.dot(a, b), np.dot(a, b), atol=1e-5)
    close(np_.tensordot(a, b, axes=1), np.tensordot(a, b, axes=1), atol=1e-5)
    close(np_.einsum("ijk,kl->ijl", a, b), np.einsum("ijk,kl->ijl", a, b), atol=1e-5)
    close(np_.outer([1, 2], [3, 4, 5]), np.outer([1, 2], [3, 4, 5]))
    close(np_.kron(np.eye(2), b[:2, :2]), np.kron(np.eye(2), b[:2, :2]), atol=1e-6)
    close(np_.cross([1.0, 2, 3], [4.0, 5, 6]), np.cross([1.0, 2, 3], [4.0, 5, 6]))
    for mode in ("valid", "same", "full"):
        close(np_.correlate([1.0, 2, 3, 4], [0.0, 1, 0.5], mode=mode),
              np.correlate([1.0, 2, 3, 4], [0.0, 1, 0.5], mode=mode), atol=1e-6)
    close(np_.linspace(0, 1, 5), np.linspace(0, 1, 5))
    close(np_.quantile(X, [0.25, 0.5], axis=1), np.quantile(X, [0.25, 0.5], axis=1), atol=1e-5)


# ---------------------------------------------------------------- core

def test_variable_assign_and_stateless_scope():
    v = B.core.Variable(np.ones((2, 2), "float32"), name="w")
    assert isinstance(v.value, torch.nn.Parameter) and v.value.requires_grad
    v.assign(np.full((2, 2), 3.0))
    close(v.value, np.full((2, 2), 3.0))
    close(torch.add(v, 1), np.full((2, 2), 4.0))  # torch functions accept Variables
    with StatelessScope([(v, B.core.convert_to_tensor(np.zeros((2, 2))))]) as scope:
        close(v.value, np.zeros((2, 2)))
        v.assign(np.full((2, 2), 7.0))
    close(v.value, np.full((2, 2), 3.0))
    close(scope.get_current_value(v), np.full((2, 2), 7.0))
    iv = B.core.Variable(np.array([1, 2], "int32"), trainable=True)
    assert iv.dtype == "int32" and not iv.value.requires_grad


def test_compute_gradients():
    w = B.core.Variable(np.array([1.0, 2.0], "float32"))
    unused = B.core.Variable(np.array([5.0], "float32"))
    value, grads = B.core.compute_gradients(lambda: np_.sum(np_.square(w.value)), [w, unused])
    close(value, 5.0)
    close(grads[0], [2.0, 4.0])
    close(grads[1], [0.0])


def test_compute_output_spec_keeps_unknown_dims():
    x = KerasTensor((None, 3))
    out = B.core.compute_output_spec(np_.matmul, x, KerasTensor((3, 5)))
    assert out.shape == (None, 5) and out.dtype == "float32"
    out = B.core.compute_output_spec(lambda a: np_.reshape(a, (-1, 3, 1)), x)
    assert out.shape == (None, 3, 1)
    v = B.core.Variable(np.ones((3,), "float32"))
    out = B.core.compute_output_spec(lambda a: np_.add(a, v), x)  # CPU fallback path
    assert out.shape == (None, 3)
    outs = B.core.compute_output_spec(lambda a: (np_.sum(a, axis=0), 2), x)
    assert outs[0].shape == (3,) and outs[1] == 2


def test_control_flow():
    assert int(npy(B.core.while_loop(lambda i: i < 5, lambda i: i + 1, 0))) == 5
    out = B.core.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * 2), (0, 1))
    assert [int(npy(o)) for o in out] == [3, 8]
    assert int(npy(B.core.while_loop(lambda i: i < 10, lambda i: i + 1, 0,
                                      maximum_iterations=4))) == 4
    carry, ys = B.core.scan(lambda c, x: (c + x, c * x), 0.0, np.arange(4, dtype="float32"))
    close(carry, 6.0)
    close(ys, [0.0, 0.0, 2.0, 9.0])
    close(B.core.associative_scan(lambda a, b: a + b, np.arange(5.0)), np.cumsum(np.arange(5.0)))
    close(B.core.fori_loop(0, 4, lambda i, v: v + i, 0), 6)
    close(B.core.switch(5, [lambda x: x, lambda x: x * 10], 2.0), 20.0)
    close(B.core.vectorized_map(lambda r: np_.sum(r), np.ones((3, 4))), [4.0] * 3)


def test_scatter_and_slices():
    out = B.core.scatter([[0, 1], [0, 1], [2, 0]], [1.0, 2.0, 5.0], (3, 2))
    close(out, [[0, 3], [0, 0], [5, 0]])
    upd = B.core.scatter_update(np.zeros((2, 2)), [[1, 1]], [9.0])
    close(upd, [[0, 0], [0, 9]])
    a = np.arange(12).reshape(3, 4)
    np.testing.assert_array_equal(npy(B.core.slice(a, (1, 2), (2, 2))), a[1:3, 2:4])
    out = B.core.slice_update(a, (0, 1), np.zeros((2, 2), "int64"))
    ref = a.copy()
    ref[0:2, 1:3] = 0
    np.testing.assert_array_equal(npy(out), ref)
    np.testing.assert_array_equal(npy(B.core.saturate_cast(np.array([-5.0, 300.0]), "uint8")),
                                  [0, 255])


def test_custom_gradient():
    @B.core.custom_gradient
    def f(x):
        def grad(upstream):
            return upstream * 3.0
        return x * 2.0, grad

    x = torch.tensor([1.0, 2.0], requires_grad=True)
    f(x).sum().backward()
    close(x.grad, [3.0, 3.0])


# ---------------------------------------------------------------- nn

def _ref_conv(x, k, s, pads, d):
    """Plain loop convolution, channels_last, groups inferred (NumPy reference)."""
    import itertools
    nd = x.ndim - 2
    xp = np.pad(x, [(0, 0)] + list(pads) + [(0, 0)])
    ks = k.shape[:nd]
    out_sp = [(xp.shape[1 + i] - ((ks[i] - 1) * d + 1)) // s + 1 for i in range(nd)]
    cg, cout = k.shape[-2], k.shape[-1]
    g = x.shape[-1] // cg
    og = cout // g
    out = np.zeros((x.shape[0], *out_sp, cout))
    for pos in itertools.product(*[range(o) for o in out_sp]):
        for kp in itertools.product(*[range(kk) for kk in ks]):
            patch = xp[(slice(None),) + tuple(pos[i] * s + kp[i] * d for i in range(nd))]
            for gi in range(g):
                out[(slice(None),) + pos + (slice(gi * og, (gi + 1) * og),)] += (
                    patch[:, gi * cg:(gi + 1) * cg] @ k[kp][:, gi * og:(gi + 1) * og])
    return out


@pytest.mark.parametrize("nd,padding,s,d,groups", [
    (1, "valid", 1, 1, 1), (1, "causal", 1, 2, 1), (1, "same", 2, 1, 2), (2, "same", 2, 1, 1),
    (2, "same", 1, 2, 2), (2, "valid", 3, 1, 1), (3, "same", 2, 1, 1),
])
def test_conv_matches_loop_reference(nd, padding, s, d, groups):
    import math
    x = rng.normal(size=(2,) + (7, 6, 5)[:nd] + (4,)).astype("float32")
    k = rng.normal(size=(3, 2, 3)[:nd] + (4 // groups, 6)).astype("float32")
    pads = []
    for i in range(nd):
        keff = (k.shape[i] - 1) * d + 1
        if padding == "valid":
            pads.append((0, 0))
        elif padding == "causal":
            pads.append((keff - 1, 0))
        else:
            n = x.shape[1 + i]
            tot = max((math.ceil(n / s) - 1) * s + keff - n, 0)
            pads.append((tot // 2, tot - tot // 2))
    ref = _ref_conv(x, k, s, pads, d)
    close(B.nn.conv(x, k, s, padding, "channels_last", d), ref, atol=1e-4)
    got_cf = B.nn.conv(np.moveaxis(x, -1, 1), k, s, padding, "channels_first", d)
    close(np.moveaxis(npy(got_cf), 1, -1), ref, atol=1e-4)


def test_depthwise_separable_and_transpose_shapes():
    x = rng.normal(size=(1, 5, 5, 3)).astype("float32")
    dk = rng.normal(size=(3, 3, 3, 2)).astype("float32")
    ref = _ref_conv(x, dk.reshape(3, 3, 1, 6), 1, [(1, 1), (1, 1)], 1)
    close(B.nn.depthwise_conv(x, dk, 1, "same"), ref, atol=1e-4)
    pk = rng.normal(size=(1, 1, 6, 4)).astype("float32")
    close(B.nn.separable_conv(x, dk, pk, 1, "same"), ref @ pk[0, 0], atol=1e-4)
    k = rng.normal(size=(3, 3, 2, 3)).astype("float32")
    assert B.core.shape(B.nn.conv_transpose(x, k, 2, "same")) == (1, 10, 10, 2)
    assert B.core.shape(B.nn.conv_transpose(x, k, 2, "valid")) == (1, 11, 11, 2)
    assert B.core.shape(B.nn.conv_transpose(x, k, 2, "same", output_padding=1)) == (1, 10, 10, 2)
    # stride 1 'valid' transpose conv == full correlation with the flipped kernel
    k1 = rng.normal(size=(3, 1, 1)).astype("float32")
    x1 = rng.normal(size=(1, 4, 1)).astype("float32")
    close(B.nn.conv_transpose(x1, k1, 1, "valid")[0, :, 0],
          np.convolve(x1[0, :, 0], k1[:, 0, 0], mode="full"), atol=1e-5)


@pytest.mark.parametrize("padding,pool,stride", [("valid", 2, None), ("same", 3, 2), ("same", 2, 1)])
def test_pools_match_numpy(padding, pool, stride):
    x = rng.normal(size=(1, 5, 1)).astype("float32")
    st = stride or pool
    n = 5
    if padding == "same":
        out_n = -(-n // st)
        tot = max((out_n - 1) * st + pool - n, 0)
        lo = tot // 2
    else:
        out_n, lo = (n - pool) // st + 1, 0
    mx, av = [], []
    for i in range(out_n):
        a, b = max(i * st - lo, 0), min(i * st - lo + pool, n)
        mx.append(x[0, a:b, 0].max())
        av.append(x[0, a:b, 0].mean())
    close(B.nn.max_pool(x, pool, stride, padding)[0, :, 0], mx)
    close(B.nn.average_pool(x, pool, stride, padding)[0, :, 0], av)


def test_losses_and_encodings():
    t = np.array([[0, 1, 0], [1, 0, 0]], "float32")
    o = np.array([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1]], "float32")
    close(B.nn.categorical_crossentropy(t, o), -np.log([0.7, 0.6]))
    close(B.nn.sparse_categorical_crossentropy(np.array([1, 0]), o), -np.log([0.7, 0.6]))
    logits = np.log(o)
    close(B.nn.categorical_crossentropy(t, logits, from_logits=True), -np.log([0.7, 0.6]), 1e-5)
    close(B.nn.binary_crossentropy(t, o), -(t * np.log(o) + (1 - t) * np.log(1 - o)), 1e-5)
    close(B.nn.one_hot(np.array([0, 2, -1, 7]), 3),
          [[1, 0, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0]])
    close(B.nn.multi_hot(np.array([[0, 2], [1, 1]]), 3), [[1, 0, 1], [0, 1, 0]])
    mean, var = B.nn.moments(X, axes=(0,))
    close(mean, X.mean(0))
    close(var, X.var(0))
    close(B.nn.leaky_relu(np.array([-1.0, 2.0])), [-0.2, 2.0])
    close(B.nn.hard_sigmoid(np.array([-4.0, 0.0, 1.0])), [0.0, 0.5, 4.0 / 6.0])


def test_dot_product_attention_grouped_and_causal():
    q = rng.normal(size=(1, 3, 4, 2)).astype("float32")
    k = rng.normal(size=(1, 3, 2, 2)).astype("float32")
    v = rng.normal(size=(1, 3, 2, 2)).astype("float32")
    kk, vv = np.repeat(k, 2, axis=2), np.repeat(v, 2, axis=2)
    logits = np.einsum("btnh,bsnh->bnts", q, kk) / np.sqrt(2)
    logits = np.where(np.tril(np.ones((3, 3), bool)), logits, -np.inf)
    p = np.exp(logits - logits.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    close(B.nn.dot_product_attention(q, k, v, is_causal=True),
          np.einsum("bnts,bsnh->btnh", p, vv), atol=1e-5)


# ---------------------------------------------------------------- random, linalg, math, image

def test_random_reproducible_and_in_range():
    a = npy(B.random.normal((4,), seed=3))
    np.testing.assert_array_equal(a, npy(B.random.normal((4,), seed=3)))
    assert not np.allclose(a, npy(B.random.normal((4,), seed=4)))
    u = npy(B.random.uniform((500,), 2.0, 3.0, seed=1))
    assert u.min() >= 2.0 and u.max() < 3.0
    assert np.abs(npy(B.random.truncated_normal((500,), seed=1))).max() <= 2.0
    r = npy(B.random.randint((500,), 0, 4, seed=1))
    assert r.dtype == np.int32 and set(np.unique(r)) == {0, 1, 2, 3}
    d = npy(B.random.dropout(np.ones((1000,), "float32"), 0.25, seed=2))
    assert set(np.unique(d)) <= {0.0, np.float32(1 / 0.75)} and 0.6 < (d > 0).mean() < 0.9
    np.testing.assert_array_equal(np.sort(npy(B.random.shuffle(np.arange(10), seed=1))),
                                  np.arange(10))
    assert npy(B.random.gamma((200,), 2.0, seed=1)).mean() == pytest.approx(2.0, abs=0.4)
    c = npy(B.random.categorical(np.log([[0.001, 0.999]]), 50, seed=1))
    assert c.shape == (1, 50) and c.mean() > 0.9


def test_linalg_and_math():
    a = rng.normal(size=(3, 3)).astype("float32")
    spd = a @ a.T + 3 * np.eye(3, dtype="float32")
    close(B.linalg.cholesky(spd), np.linalg.cholesky(spd), 1e-4)
    close(B.linalg.inv(spd), np.linalg.inv(spd), 1e-4)
    close(B.linalg.norm(a, "fro"), np.linalg.norm(a, "fro"), 1e-5)
    lu, piv = B.linalg.lu_factor(a)
    assert npy(piv).min() >= 0 and npy(piv).dtype == np.int32
    close(B.math.segment_sum(np.arange(4.0), np.array([0, 0, 2, 2])), [1.0, 0.0, 5.0])
    vals, idx = B.math.top_k(np.array([1.0, 5.0, 3.0]), 2)
    close(vals, [5.0, 3.0])
    np.testing.assert_array_equal(npy(idx), [1, 2])
    re, im = B.math.rfft(np.arange(4.0, dtype="float32"))
    close(re, np.fft.rfft(np.arange(4.0)).real, 1e-5)
    close(B.math.irfft((re, im)), np.arange(4.0), 1e-5)


def test_image_ops():
    img = rng.uniform(size=(2, 4, 6, 3)).astype("float32")
    close(B.image.rgb_to_grayscale(img), (img * [0.2989, 0.5870, 0.1140]).sum(-1, keepdims=True))
    close(B.image.hsv_to_rgb(B.image.rgb_to_hsv(img)), img, 1e-5)
    assert B.core.shape(B.image.resize(img, (8, 3))) == (2, 8, 3, 3)
    # identity affine transform returns the image
    close(B.image.affine_transform(img, np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32")), img)
    patches = B.image.extract_patches(img, 2)
    assert B.core.shape(patches) == (2, 2, 3, 12)
    close(patches[0, 0, 0], img[0, :2, :2].reshape(-1))
