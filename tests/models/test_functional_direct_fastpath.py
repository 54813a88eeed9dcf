"""The eager fast paths of a Functional model run: ``direct_call`` (a built plain layer's
``call`` replayed without ``Layer.__call__``), the single-input shortcut, the one-tensor
conversion inlined in ``Layer.__call__``, the op wrapper's plain-argument check, and the
backend shortcuts they reach (layer normalization, mean over one axis). Each is compared
with the general path (``direct_call`` disabled) and with NumPy, with the semantics it must
keep: training flag, masks, activity regularizers, dtype policies, autocast, stateless
calls. Runs on every backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.layers import _layer_direct as direct_mod
from kerasx.models import functional as functional_mod

to_np = ops.convert_to_numpy
RNG = np.random.default_rng(3)


def tensor(a):
    return ops.convert_to_tensor(a)


@pytest.fixture
def direct_spy(monkeypatch):
    """Counts the layer calls ``direct_call`` ran (not those it declined)."""
    real = functional_mod.direct_call
    ran = []

    def spy(layer, args, tensors, training):
        out = real(layer, args, tensors, training)
        if out is not direct_mod.NOT_DIRECT:
            ran.append(layer.name)
        return out

    monkeypatch.setattr(functional_mod, "direct_call", spy)
    return ran


@pytest.fixture
def general_path(monkeypatch):
    """Makes every layer of a Functional run go through ``Layer.__call__``."""
    def use_general():
        monkeypatch.setattr(functional_mod, "direct_call",
                            lambda *a: direct_mod.NOT_DIRECT)
    return use_general


def _layer_norm(x, gamma, beta, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def _residual_model():
    inp = kerasx.Input((4, 6))
    h = layers.Dense(6, name="d0")(inp)
    a = layers.Add(name="add")([inp, h])
    n = layers.LayerNormalization(epsilon=1e-3, name="ln")(a)
    p = layers.GlobalAveragePooling1D(name="gap")(n)
    out = layers.Dense(3, activation="relu", name="d1")(p)
    return kerasx.Model(inp, out)


def _residual_numpy(model, x):
    w0, b0 = [to_np(v) for v in model.get_layer("d0").weights]
    g, be = [to_np(v) for v in model.get_layer("ln").weights]
    w1, b1 = [to_np(v) for v in model.get_layer("d1").weights]
    h = x @ w0 + b0
    n = _layer_norm(x + h, g, be, 1e-3)
    return np.maximum(n.mean(1) @ w1 + b1, 0.0)


def test_direct_run_matches_numpy_and_general_path(direct_spy, general_path):
    model = _residual_model()
    x = RNG.normal(size=(2, 4, 6)).astype("float32")
    xt = tensor(x)
    model(xt)  # first call: every layer prepared through Layer.__call__
    direct_spy.clear()
    fast = to_np(model(xt))
    assert sorted(direct_spy) == ["add", "d0", "d1", "gap", "ln"]
    np.testing.assert_allclose(fast, _residual_numpy(model, x), rtol=1e-5, atol=1e-5)
    general_path()
    np.testing.assert_array_equal(to_np(model(xt)), fast)


def test_direct_run_passes_the_training_flag(direct_spy):
    seen = []

    class Probe(layers.Layer):
        def call(self, inputs, training=None):
            seen.append(training)
            return inputs * 2.0

    inp = kerasx.Input((3,))
    out = layers.Dropout(0.5, seed=1)(Probe(name="probe")(inp))
    model = kerasx.Model(inp, out)
    x = tensor(np.ones((4, 3), "float32"))
    model(x)
    seen.clear()
    direct_spy.clear()
    np.testing.assert_array_equal(to_np(model(x)), np.full((4, 3), 2.0, "float32"))
    dropped = to_np(model(x, training=True))
    assert "probe" in direct_spy
    assert seen == [None, True]
    assert set(np.unique(dropped)) <= {0.0, 4.0} and (dropped == 0.0).any()
    np.testing.assert_array_equal(to_np(model(x, training=False)), np.full((4, 3), 2.0))
    assert seen[-1] is False


def test_masks_reach_mask_consumers(general_path):
    inp = kerasx.Input((5,), dtype="int32")
    e = layers.Embedding(10, 4, mask_zero=True, name="emb")(inp)
    out = layers.GlobalAveragePooling1D()(e)
    model = kerasx.Model(inp, out)
    ids = np.array([[1, 2, 0, 0, 0], [3, 4, 5, 6, 0]], "int32")
    table = to_np(model.get_layer("emb").embeddings)
    keep = (ids != 0).astype("float32")[..., None]
    expected = (table[ids] * keep).sum(1) / keep.sum(1)
    fast = to_np(model(tensor(ids)))
    np.testing.assert_allclose(fast, expected, rtol=1e-5, atol=1e-6)
    general_path()
    np.testing.assert_array_equal(to_np(model(tensor(ids))), fast)


def test_mask_attached_by_an_inner_layer_is_not_skipped():
    """A layer whose output carries a mask it does not report to the graph (made by a
    masking sub-layer): the next layer must still receive it, as Layer.__call__ gives it."""

    class Wrap(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.emb = layers.Embedding(10, 4, mask_zero=True)

        def call(self, inputs):
            return self.emb(inputs)

    class MaskSum(layers.Layer):
        def call(self, inputs, mask=None):
            if mask is None:
                return ops.sum(inputs, axis=1)
            return ops.sum(inputs * ops.expand_dims(ops.cast(mask, inputs.dtype), -1), axis=1)

    inp = kerasx.Input((3,), dtype="int32")
    model = kerasx.Model(inp, MaskSum()(Wrap(name="wrap")(inp)))
    ids = np.array([[1, 0, 2], [0, 0, 3]], "int32")
    table = to_np(model.get_layer("wrap").emb.embeddings)
    expected = (table[ids] * (ids != 0)[..., None]).sum(1)
    out = model(tensor(ids))
    if getattr(model.get_layer("wrap").emb(tensor(ids)), "_keras_mask", None) is None:
        pytest.skip("this backend's tensors carry no mask attribute")
    np.testing.assert_allclose(to_np(model(tensor(ids))), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(out), expected, rtol=1e-5, atol=1e-6)


def test_activity_regularizer_still_adds_its_loss(direct_spy):
    inp = kerasx.Input((3,))
    out = layers.Dense(2, kernel_initializer="ones", activity_regularizer="l2", name="reg")(inp)
    model = kerasx.Model(inp, out)
    x = np.ones((1, 3), "float32")
    model(tensor(x))
    direct_spy.clear()
    y = to_np(model(tensor(x)))
    assert "reg" not in direct_spy
    assert len(model.losses) == 1
    np.testing.assert_allclose(to_np(model.losses[0]), 0.01 * (y ** 2).sum(), rtol=1e-5)


def test_mixed_precision_and_autocast_fall_back(direct_spy, general_path):
    class ToFloat64(layers.Layer):
        def call(self, inputs):
            return ops.cast(inputs, "float64")

    inp = kerasx.Input((3,))
    h = layers.Dense(3, dtype="mixed_float16", name="mixed")(inp)
    h = ToFloat64(name="f64")(layers.Activation("linear", dtype="float32")(h))
    out = layers.Dense(2, name="after64")(h)  # float32 layer fed float64: autocast cast
    model = kerasx.Model(inp, out)
    x = tensor(RNG.normal(size=(2, 3)).astype("float32"))
    model(x)
    direct_spy.clear()
    fast = model(x)
    assert "mixed" not in direct_spy and "after64" not in direct_spy
    assert kerasx.backend.standardize_dtype(fast.dtype) == "float32"
    general_path()
    np.testing.assert_array_equal(to_np(model(x)), to_np(fast))


def test_stateless_call_reads_the_given_weights():
    model = _residual_model()
    x = RNG.normal(size=(2, 4, 6)).astype("float32")
    model(tensor(x))
    values = [np.asarray(to_np(v)) * 0.5 for v in model.trainable_variables]
    out, _ = model.stateless_call(values, [to_np(v) for v in model.non_trainable_variables],
                                  tensor(x))
    before = [to_np(v) for v in model.trainable_variables]
    for v, new in zip(model.trainable_variables, values):
        v.assign(new)
    np.testing.assert_allclose(to_np(out), _residual_numpy(model, x), rtol=1e-5, atol=1e-5)
    for v, old in zip(model.trainable_variables, before):
        v.assign(old)


def test_single_input_shortcut_converts_when_needed():
    inp = kerasx.Input((3,))
    model = kerasx.Model(inp, layers.Dense(2, name="d")(inp))
    w, b = [to_np(v) for v in model.get_layer("d").weights]
    x64 = RNG.normal(size=(2, 3))
    out = model(tensor(x64))  # float64 tensor: cast to the Input's float32
    assert kerasx.backend.standardize_dtype(out.dtype) == "float32"
    np.testing.assert_allclose(to_np(out), x64 @ w + b, rtol=1e-5, atol=1e-5)
    col = kerasx.Input((3, 1))
    m2 = kerasx.Model(col, layers.Dense(2)(col))
    assert tuple(m2(tensor(np.ones((2, 3), "float32"))).shape) == (2, 3, 2)  # rank lifted


def test_layer_call_inlined_conversion_keeps_autocast_and_masks():
    dense = layers.Dense(2, kernel_initializer="ones")
    x64 = tensor(np.ones((1, 3)))
    dense(x64)
    out = dense(x64)
    assert kerasx.backend.standardize_dtype(out.dtype) == "float32"
    np.testing.assert_allclose(to_np(out), np.full((1, 2), 3.0))
    seen = []

    class Probe(layers.Layer):
        def call(self, inputs, mask=None):
            seen.append(mask is not None)
            return inputs

    emb = layers.Embedding(5, 2, mask_zero=True)
    h = emb(tensor(np.array([[1, 0]], "int32")))
    if getattr(h, "_keras_mask", None) is None:
        pytest.skip("this backend's tensors carry no mask attribute")
    probe = Probe()
    probe(h)
    probe(h)
    assert seen == [True, True]


@pytest.mark.parametrize("axis", [-1, [-1], [2], (2,)])
def test_layer_normalization_op_last_axis(axis):
    x = RNG.normal(size=(2, 3, 4)).astype("float32")
    g = RNG.normal(size=(4,)).astype("float32")
    b = RNG.normal(size=(4,)).astype("float32")
    out = ops.layer_normalization(tensor(x), kerasx.Variable(g), kerasx.Variable(b),
                                  axis=axis, epsilon=1e-3)
    np.testing.assert_allclose(to_np(out), _layer_norm(x, g, b, 1e-3), rtol=1e-5, atol=1e-5)
    plain = ops.layer_normalization(tensor(x), axis=axis, epsilon=1e-3)
    np.testing.assert_allclose(to_np(plain), _layer_norm(x, 1.0, 0.0, 1e-3), rtol=1e-5,
                               atol=1e-5)


def test_layer_normalization_op_other_axes_and_dtypes():
    x = RNG.normal(size=(2, 3, 4)).astype("float32")
    out = ops.layer_normalization(tensor(x), axis=[1, 2], epsilon=1e-3)
    flat = x.reshape(2, -1)
    ref = ((flat - flat.mean(1, keepdims=True))
           / np.sqrt(flat.var(1, keepdims=True) + 1e-3)).reshape(x.shape)
    np.testing.assert_allclose(to_np(out), ref, rtol=1e-4, atol=1e-4)
    x16 = tensor(x.astype("float16"))
    out16 = ops.layer_normalization(x16, axis=-1, epsilon=1e-3)
    assert kerasx.backend.standardize_dtype(out16.dtype) == "float16"
    np.testing.assert_allclose(to_np(out16).astype("float32"), _layer_norm(x, 1.0, 0.0, 1e-3),
                               rtol=1e-2, atol=1e-2)
    bad = ops.layer_normalization(tensor(x), kerasx.Variable(np.ones((4,), "float64")),
                                  axis=-1, epsilon=1e-3)  # weight dtype differs: general path
    np.testing.assert_allclose(to_np(bad), _layer_norm(x, 1.0, 0.0, 1e-3), rtol=1e-4,
                               atol=1e-4)


@pytest.mark.parametrize("axis", [(1,), (-2,), (0,), 1, (0, 2)])
def test_mean_over_axes(axis):
    x = RNG.normal(size=(2, 3, 4)).astype("float32")
    for keepdims in (False, True):
        out = ops.mean(tensor(x), axis=axis, keepdims=keepdims)
        np.testing.assert_allclose(to_np(out), x.mean(axis=axis, keepdims=keepdims),
                                   rtol=1e-5, atol=1e-6)
    ints = ops.mean(tensor(np.arange(6, dtype="int32").reshape(2, 3)), axis=(1,))
    assert kerasx.backend.standardize_dtype(ints.dtype) == "float32"
    np.testing.assert_allclose(to_np(ints), [1.0, 4.0])
    with pytest.raises(Exception):
        ops.mean(tensor(x), axis=(3,))


def test_op_wrapper_plain_and_symbolic_arguments():
    kt = kerasx.KerasTensor((None, 3, 4))
    sym = ops.mean(kt, axis=[1])
    assert isinstance(sym, kerasx.KerasTensor) and tuple(sym.shape) == (None, 4)
    stacked = ops.stack([kt, kt], axis=0)
    assert isinstance(stacked, kerasx.KerasTensor) and tuple(stacked.shape) == (2, None, 3, 4)
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_allclose(to_np(ops.stack([tensor(x), tensor(x)], axis=0)),
                               np.stack([x, x]))
    np.testing.assert_allclose(to_np(ops.sum(tensor(x), axis=[0, 1])), x.sum())
