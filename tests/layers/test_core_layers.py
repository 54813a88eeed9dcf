"""Core layers: Dense, Activation, Dropout, Flatten, Reshape, Lambda, Identity, InputLayer."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.models import Model

to_np = ops.convert_to_numpy
rng = np.random.default_rng(0)


def test_dense_values_2d_and_nd():
    x = rng.standard_normal((4, 3)).astype("float32")
    d = layers.Dense(5, activation="relu")
    y = to_np(d(x))
    k, b = d.get_weights()
    assert k.shape == (3, 5) and b.shape == (5,)
    np.testing.assert_allclose(y, np.maximum(x @ k + b, 0), rtol=1e-5, atol=1e-6)
    x3 = rng.standard_normal((2, 6, 3)).astype("float32")
    y3 = to_np(d(x3))
    assert y3.shape == (2, 6, 5)
    np.testing.assert_allclose(y3, np.maximum(x3 @ k + b, 0), rtol=1e-5, atol=1e-6)
    assert d.count_params() == 20


def test_dense_no_bias_initializers_and_symbolic_shape():
    d = layers.Dense(2, use_bias=False, kernel_initializer="ones")
    y = to_np(d(np.ones((1, 4), "float32")))
    np.testing.assert_allclose(y, [[4.0, 4.0]])
    assert len(d.weights) == 1 and d.bias is None
    out = layers.Dense(7)(layers.Input((None, 3)))
    assert out.shape == (None, None, 7)


def test_dense_float64_numpy_input_is_autocast():
    d = layers.Dense(2)
    y = d(np.ones((1, 3)))  # float64 NumPy
    assert kerasx.dtypes.standardize_dtype(y.dtype) == "float32"


def test_dense_bad_units():
    with pytest.raises(ValueError, match="units must be a positive integer"):
        layers.Dense(0)


def test_dense_config_round_trip_and_keras_keys():
    d = layers.Dense(3, activation="softmax", kernel_regularizer="l2", name="cls")
    cfg = d.get_config()
    assert list(cfg)[:4] == ["name", "trainable", "dtype", "units"]
    assert cfg["activation"] == "softmax"
    assert cfg["kernel_initializer"]["class_name"] == "GlorotUniform"
    d2 = layers.Dense.from_config(cfg)
    assert d2.units == 3 and d2.get_config() == cfg


def test_activation_layer():
    x = np.array([[-1.0, 0.5, 2.0]], "float32")
    np.testing.assert_allclose(to_np(layers.Activation("relu")(x)), [[0, 0.5, 2.0]])
    sm = to_np(layers.Activation("softmax")(x))
    e = np.exp(x - x.max())
    np.testing.assert_allclose(sm, e / e.sum(), rtol=1e-5)
    assert layers.Activation("tanh").get_config()["activation"] == "tanh"


def test_dropout_training_only_and_scaling():
    x = np.ones((4, 500), "float32")
    drop = layers.Dropout(0.4, seed=1)
    np.testing.assert_allclose(to_np(drop(x)), x)
    y = to_np(drop(x, training=True))
    kept = y != 0
    np.testing.assert_allclose(y[kept], 1 / 0.6, rtol=1e-5)
    assert 0.3 < 1 - kept.mean() < 0.5
    y2 = to_np(drop(x, training=True))
    assert not np.array_equal(y, y2)  # the seed generator advances
    assert len(drop.non_trainable_variables) == 1 and drop.weights == []
    ns = to_np(layers.Dropout(0.5, noise_shape=(None, 1), seed=2)(x, training=True))
    assert all(len(np.unique(row)) == 1 for row in ns)
    with pytest.raises(ValueError, match="rate must be"):
        layers.Dropout(1.5)
    assert layers.Dropout(0.3, seed=4).get_config()["seed"] == 4


def test_flatten_and_channels_first():
    x = np.arange(24, dtype="float32").reshape(2, 3, 4)
    np.testing.assert_allclose(to_np(layers.Flatten()(x)), x.reshape(2, 12))
    y = to_np(layers.Flatten(data_format="channels_first")(x))
    np.testing.assert_allclose(y, np.transpose(x, (0, 2, 1)).reshape(2, 12))
    assert layers.Flatten()(layers.Input((5, 6))).shape == (None, 30)
    assert layers.Flatten().get_config()["data_format"] == "channels_last"


def test_reshape_with_minus_one_and_errors():
    x = np.arange(24, dtype="float32").reshape(2, 12)
    np.testing.assert_allclose(to_np(layers.Reshape((3, 4))(x)), x.reshape(2, 3, 4))
    np.testing.assert_allclose(to_np(layers.Reshape((-1, 2))(x)), x.reshape(2, 6, 2))
    assert layers.Reshape((-1, 3))(layers.Input((12,))).shape == (None, 4, 3)
    with pytest.raises(ValueError, match=r"Reshape .*\(None, 10\).*target_shape=\(3, 4\)"):
        layers.Reshape((3, 4))(layers.Input((10,)))
    with pytest.raises(ValueError, match="at most one -1"):
        layers.Reshape((-1, -1))
    assert layers.Reshape((3, 4)).get_config()["target_shape"] == [3, 4]


def test_identity_layer():
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(to_np(layers.Identity()(x)), x)
    assert layers.Identity()(layers.Input((3,))).shape == (None, 3)


def scale_by_two(x):
    return x * 2.0


def test_lambda_layer_call_output_shape_arguments():
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(to_np(layers.Lambda(lambda t: t + 1.0)(x)), x + 1)
    lam = layers.Lambda(lambda t, k: t * k, arguments={"k": 3.0})
    np.testing.assert_allclose(to_np(lam(x)), x * 3)
    out = layers.Lambda(lambda t: ops.sum(t, axis=-1, keepdims=True))(layers.Input((3,)))
    assert out.shape == (None, 1)
    shaped = layers.Lambda(lambda t: t[:, :2], output_shape=(2,))(layers.Input((3,)))
    assert shaped.shape == (None, 2)


def test_lambda_serialization_named_function_and_safe_mode():
    named = layers.Lambda(scale_by_two)
    cfg = named.get_config()
    assert cfg["function"]["class_name"] == "function"
    restored = layers.Lambda.from_config(cfg)
    np.testing.assert_allclose(to_np(restored(np.ones((1, 2), "float32"))), [[2.0, 2.0]])
    lam = layers.Lambda(lambda t: t * 5.0)
    cfg = lam.get_config()
    assert cfg["function"]["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match="safe_mode=False"):
        layers.Lambda.from_config(cfg)
    ok = layers.Lambda.from_config(cfg, safe_mode=False)
    np.testing.assert_allclose(to_np(ok(np.ones((1, 2), "float32"))), [[5.0, 5.0]])


def test_input_and_input_layer():
    x = layers.Input(shape=(4,), batch_size=8, name="feat", dtype="int32")
    assert x.shape == (8, 4) and x.dtype == "int32" and x.name == "feat"
    il = x._keras_history[0].operation
    assert isinstance(il, layers.InputLayer)
    assert il.get_config() == {"batch_shape": [8, 4], "dtype": "int32", "sparse": False,
                               "ragged": False, "name": "feat", "optional": False}
    assert layers.Input(batch_shape=(None, 2, 3)).shape == (None, 2, 3)
    with pytest.raises(ValueError, match="shape is required"):
        layers.InputLayer()


def test_layer_input_output_properties():
    inputs = layers.Input((3,))
    d = layers.Dense(2)
    out = d(inputs)
    assert d.input is inputs and d.output is out
    assert d.input_shape == (None, 3) and d.output_shape == (None, 2)
    with pytest.raises(AttributeError, match="never been called"):
        _ = layers.Dense(2).output
    model = Model(inputs, out)
    assert model.get_layer(index=1) is d
