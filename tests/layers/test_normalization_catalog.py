"""Normalization layers against NumPy references, on the active backend."""

import os
import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "fixtures", "keras3") + os.sep
to_np = ops.convert_to_numpy
rng = np.random.default_rng(3)


def _rand(*shape):
    return rng.standard_normal(shape).astype("float32")


def _grads_nonzero(layer, x, **kw):
    variables = layer.trainable_variables
    w = ops.convert_to_tensor(_rand(*to_np(layer(x, **kw)).shape))

    def loss():
        return ops.sum(ops.multiply(layer(x, **kw), w))

    _, grads = ops.compute_gradients(loss, variables)
    for v, g in zip(variables, grads):
        assert np.abs(to_np(g)).sum() > 0, v.path


def _roundtrip(layer, x, **kw):
    clone = type(layer).from_config(layer.get_config())
    clone(x)
    clone.set_weights(layer.get_weights())
    np.testing.assert_allclose(to_np(clone(x, **kw)), to_np(layer(x, **kw)), rtol=1e-5, atol=1e-6)


def _bn_ref(x, mean, var, gamma, beta, eps, axis=-1):
    shape = [1] * x.ndim
    shape[axis] = -1
    r = lambda a: np.reshape(a, shape)  # noqa: E731
    return (x - r(mean)) / np.sqrt(r(var) + eps) * r(gamma) + r(beta)


def test_batch_norm_training_updates_moving_stats_and_inference_uses_them():
    x = _rand(6, 4) * 3 + 1
    bn = layers.BatchNormalization(momentum=0.9)
    y = to_np(bn(x, training=True))
    np.testing.assert_allclose(y, _bn_ref(x, x.mean(0), x.var(0), 1, 0, 1e-3), rtol=1e-4,
                               atol=1e-5)
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert len(bn.trainable_weights) == 2 and len(bn.non_trainable_weights) == 2
    mm = 0.1 * x.mean(0)
    mv = 0.9 + 0.1 * x.var(0)
    np.testing.assert_allclose(to_np(bn.moving_mean), mm, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(bn.moving_variance), mv, rtol=1e-5)
    np.testing.assert_allclose(to_np(bn(x)), _bn_ref(x, mm, mv, 1, 0, 1e-3), rtol=1e-4,
                               atol=1e-5)
    # frozen: inference mode even with training=True, and no update
    bn.trainable = False
    np.testing.assert_allclose(to_np(bn(x, training=True)), _bn_ref(x, mm, mv, 1, 0, 1e-3),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(bn.moving_mean), mm, rtol=1e-5, atol=1e-6)


def test_batch_norm_channels_first_axis_and_options():
    x = _rand(3, 2, 4, 5)
    bn = layers.BatchNormalization(axis=1, center=False, epsilon=0.01)
    y = to_np(bn(x, training=True))
    mean, var = x.mean((0, 2, 3)), x.var((0, 2, 3))
    np.testing.assert_allclose(y, _bn_ref(x, mean, var, 1, 0, 0.01, axis=1), rtol=1e-4,
                               atol=1e-5)
    assert [w.name for w in bn.weights] == ["gamma", "moving_mean", "moving_variance"]
    assert tuple(bn.gamma.shape) == (2,)
    _grads_nonzero(bn, x, training=True)
    _roundtrip(bn, x)
    sym = layers.BatchNormalization(axis=1)(kerasx.Input((2, 4, 5)))
    assert tuple(sym.shape) == (None, 2, 4, 5)


def test_batch_norm_mask_excludes_masked_steps():
    x = _rand(2, 5, 3)
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 0]], bool)
    bn = layers.BatchNormalization(momentum=0.0)
    bn(x, training=True, mask=mask)
    valid = x[mask]
    np.testing.assert_allclose(to_np(bn.moving_mean), valid.mean(0), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(bn.moving_variance), valid.var(0), rtol=1e-3, atol=1e-5)


def test_batch_norm_gradients_and_errors():
    bn = layers.BatchNormalization()
    _grads_nonzero(bn, _rand(4, 3), training=True)
    with pytest.raises(ValueError, match="BatchNormalization.*momentum"):
        layers.BatchNormalization(momentum=2.0)
    with pytest.raises(ValueError, match="'bn_bad'.*axis 3 is out of range"):
        layers.BatchNormalization(axis=3, name="bn_bad")(_rand(2, 3))
    with pytest.raises(ValueError, match="renorm"):
        layers.BatchNormalization(renorm=True)


@pytest.mark.parametrize("fixture,shape", [("mlp_sequential", (5, 32)),
                                           ("cnn_functional", (2, 3, 3, 8))])
def test_batch_norm_with_keras_fixture_weights(fixture, shape):
    with h5py.File(FIX + fixture + ".weights.h5", "r") as f:
        g = f["layers/batch_normalization/vars"]
        weights = [np.array(g[str(i)]) for i in range(4)]
    assert not np.allclose(weights[2], 0)  # non-trivial moving statistics
    bn = layers.BatchNormalization()
    x = _rand(*shape)
    bn(x)
    bn.set_weights(weights)
    gamma, beta, mean, var = weights
    np.testing.assert_allclose(to_np(bn(x)), _bn_ref(x, mean, var, gamma, beta, 1e-3),
                               rtol=1e-4, atol=1e-5)


def test_layer_norm_values_axes_and_fixture():
    x = _rand(2, 3, 4)
    ln = layers.LayerNormalization()
    m, v = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    np.testing.assert_allclose(to_np(ln(x)), (x - m) / np.sqrt(v + 1e-3), rtol=1e-4, atol=1e-5)
    ln2 = layers.LayerNormalization(axis=[1, 2], epsilon=1e-5)
    m, v = x.mean((1, 2), keepdims=True), x.var((1, 2), keepdims=True)
    np.testing.assert_allclose(to_np(ln2(x)), (x - m) / np.sqrt(v + 1e-5), rtol=1e-4, atol=1e-5)
    assert tuple(ln2.gamma.shape) == (3, 4)
    rms = layers.LayerNormalization(rms_scaling=True)
    ref = x / np.sqrt((x ** 2).mean(-1, keepdims=True) + 1e-3)
    np.testing.assert_allclose(to_np(rms(x)), ref, rtol=1e-4, atol=1e-5)
    assert [w.name for w in rms.weights] == ["gamma"]
    with h5py.File(FIX + "attention_block.weights.h5", "r") as f:
        g = f["layers/layer_normalization/vars"]
        gamma, beta = np.array(g["0"]), np.array(g["1"])
    x = _rand(2, 5, 16)
    ln = layers.LayerNormalization()
    ln(x)
    ln.set_weights([gamma, beta])
    m, v = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    np.testing.assert_allclose(to_np(ln(x)), (x - m) / np.sqrt(v + 1e-3) * gamma + beta,
                               rtol=1e-4, atol=1e-5)
    _grads_nonzero(ln, x)
    _roundtrip(ln, x)
    assert ln.get_config()["axis"] == [-1]


def _group_ref(x, groups, eps, axis=-1):
    x = np.moveaxis(x, axis, -1)
    n, c = x.shape[0], x.shape[-1]
    g = x.reshape(n, -1, groups, c // groups)
    m = g.mean((1, 3), keepdims=True)
    v = g.var((1, 3), keepdims=True)
    return np.moveaxis(((g - m) / np.sqrt(v + eps)).reshape(x.shape), -1, axis)


def test_group_unit_rms_normalization():
    x = _rand(2, 3, 5, 4)
    gn = layers.GroupNormalization(groups=2)
    np.testing.assert_allclose(to_np(gn(x)), _group_ref(x, 2, 1e-3), rtol=1e-4, atol=1e-4)
    gn1 = layers.GroupNormalization(groups=-1, axis=1)
    np.testing.assert_allclose(to_np(gn1(x)), _group_ref(x, 3, 1e-3, axis=1), rtol=1e-4,
                               atol=1e-4)
    assert [w.name for w in gn.weights] == ["gamma", "beta"]
    _grads_nonzero(gn, x)
    _roundtrip(gn, x)
    with pytest.raises(ValueError, match="'gn_bad'.*groups=3 must divide.*4"):
        layers.GroupNormalization(groups=3, name="gn_bad")(x)
    un = layers.UnitNormalization(axis=[1, 2])
    ref = x / np.sqrt((x ** 2).sum((1, 2), keepdims=True))
    np.testing.assert_allclose(to_np(un(x)), ref, rtol=1e-5, atol=1e-6)
    rn = layers.RMSNormalization()
    ref = x / np.sqrt((x ** 2).mean(-1, keepdims=True) + 1e-6)
    np.testing.assert_allclose(to_np(rn(x)), ref, rtol=1e-5, atol=1e-6)
    assert [w.name for w in rn.weights] == ["scale"]
    _grads_nonzero(rn, x)
    _roundtrip(rn, x)
    assert tuple(layers.RMSNormalization()(kerasx.Input((3, 7))).shape) == (None, 3, 7)


def test_spectral_normalization_power_iteration():
    x = _rand(3, 5)
    sn = layers.SpectralNormalization(layers.Dense(4), power_iterations=2)
    sn(x)
    kernel = np.array(to_np(sn.layer.kernel))  # copies: torch shares memory with variables
    u = np.array(to_np(sn.vector_u))
    assert u.shape == (1, 4) and sn.vector_u.trainable is False
    for _ in range(2):
        v = u @ kernel.T
        v /= np.linalg.norm(v)
        u = v @ kernel
        u /= np.linalg.norm(u)
    sigma = (v @ kernel @ u.T).item()
    assert 0 < sigma <= np.linalg.svd(kernel, compute_uv=False)[0] + 1e-5
    out = to_np(sn(x, training=True))
    np.testing.assert_allclose(to_np(sn.layer.kernel), kernel / sigma, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(out, x @ (kernel / sigma), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(sn.vector_u), u, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(to_np(sn(x)), out, rtol=1e-5, atol=1e-6)
    clone = layers.SpectralNormalization.from_config(sn.get_config())
    assert clone.power_iterations == 2 and isinstance(clone.layer, layers.Dense)
    with pytest.raises(ValueError, match="no 'kernel'"):
        layers.SpectralNormalization(layers.ReLU())(x)
    with pytest.raises(ValueError, match="power_iterations"):
        layers.SpectralNormalization(layers.Dense(2), power_iterations=0)


def test_keras_fixture_mlp_outputs_reproduced_layer_by_layer():
    io = np.load(FIX + "mlp_sequential.io.npz")
    with h5py.File(FIX + "mlp_sequential.weights.h5", "r") as f:
        w = {k: [np.array(f[f"layers/{k}/vars/{i}"]) for i in range(len(f[f"layers/{k}/vars"]))]
             for k in ("dense", "batch_normalization", "dense_1")}
    d1, bn = layers.Dense(32, activation="relu"), layers.BatchNormalization()
    d2 = layers.Dense(10, activation="softmax")
    x = io["x"]
    h = d1(x)
    h2 = bn(h)
    d2(h2)
    d1.set_weights(w["dense"])
    bn.set_weights(w["batch_normalization"])
    d2.set_weights(w["dense_1"])
    np.testing.assert_allclose(to_np(d2(bn(d1(x)))), io["y"], rtol=1e-4, atol=1e-5)


def test_fit_step_updates_moving_statistics_inside_compiled_step():
    rng_ = np.random.default_rng(0)
    x = rng_.standard_normal((16, 4)).astype("float32") * 2 + 3
    y = rng_.standard_normal((16, 1)).astype("float32")
    dense = layers.Dense(3)
    bn = layers.BatchNormalization(momentum=0.5)
    model = kerasx.Sequential([kerasx.Input((4,)), dense, bn, layers.Dense(1)])
    kernel0, bias0 = [np.array(to_np(v)) for v in dense.weights]
    gamma0 = np.array(to_np(bn.gamma))
    model.compile("sgd", "mse", jit_compile=False)
    model.fit(x, y, batch_size=16, epochs=1, verbose=0)
    h = x @ kernel0 + bias0
    np.testing.assert_allclose(to_np(bn.moving_mean), 0.5 * h.mean(0), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(bn.moving_variance), 0.5 + 0.5 * h.var(0), rtol=1e-4)
    assert not np.allclose(to_np(bn.gamma), gamma0)


@pytest.mark.parametrize("fixture,cls_name", [("mlp_sequential", "BatchNormalization"),
                                              ("rnn_text", "Embedding"),
                                              ("attention_block", "LayerNormalization")])
def test_keras_fixture_configs_deserialize(fixture, cls_name):
    import json
    with open(FIX + fixture + ".json") as f:
        cfgs = [lay for lay in json.load(f)["config"]["layers"] if lay["class_name"] == cls_name]
    layer = layers.deserialize(cfgs[0])
    assert type(layer).__name__ == cls_name and layer.name == cfgs[0]["config"]["name"]
    ours = layer.get_config()
    for key, value in cfgs[0]["config"].items():
        if not isinstance(value, dict):
            assert key in ours and ours[key] == value, key


def test_mixed_precision_batch_and_layer_norm():
    x = _rand(4, 3).astype("float16")
    for layer in (layers.BatchNormalization(dtype="mixed_float16"),
                  layers.LayerNormalization(dtype="mixed_float16")):
        y = layer(x, training=True)
        assert ops.dtype(y) == "float16"
        assert all(w.dtype == "float32" for w in layer.weights)
        assert np.all(np.isfinite(to_np(y).astype("float32")))
