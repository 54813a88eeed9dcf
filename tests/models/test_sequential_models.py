"""Sequential models: add()/input_dim, list with Input, deferred build, pop, nesting, errors."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(3)


def np_forward(model, x):
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            k, b = layer.get_weights()
            x = x @ k + b
            if layer.activation is kerasx.activations.relu:
                x = np.maximum(x, 0)
    return x


def test_sequential_add_with_input_dim():
    model = kerasx.Sequential()
    model.add(layers.Dense(16, input_dim=8, activation="relu"))
    assert model.built and model.input_shape == (None, 8)
    model.add(layers.Dense(4))
    assert model.output_shape == (None, 4)
    assert model.count_params() == 8 * 16 + 16 + 16 * 4 + 4
    x = rng.standard_normal((5, 8)).astype("float32")
    np.testing.assert_allclose(to_np(model(x)), np_forward(model, x), rtol=1e-5, atol=1e-5)
    assert len(model.layers) == 2  # the InputLayer is not listed


def test_sequential_from_list_starting_with_input():
    model = kerasx.Sequential([kerasx.Input((3,)), layers.Dense(5, activation="relu"),
                               layers.Dense(2)], name="seq")
    assert model.built and model.name == "seq"
    assert model.count_params() == 20 + 12
    x = rng.standard_normal((4, 3)).astype("float32")
    np.testing.assert_allclose(to_np(model(x)), np_forward(model, x), rtol=1e-5, atol=1e-5)
    assert model.inputs[0].shape == (None, 3)
    assert model.layers[0].input.shape == (None, 3)


def test_sequential_deferred_build_on_first_call():
    model = kerasx.Sequential([layers.Dense(4), layers.Dense(1)])
    assert not model.built
    with pytest.raises(ValueError, match="isn't built"):
        model.count_params()
    y = model(np.ones((7, 3), "float32"))
    assert y.shape == (7, 1) and model.built and model.count_params() == 16 + 5
    assert model.input_shape == (None, 3)
    assert model(np.ones((2, 3), "float32")).shape == (2, 1)


def test_sequential_build_and_pop():
    model = kerasx.Sequential([layers.Dense(4), layers.Dense(3), layers.Dense(2)])
    model.build((None, 5))
    assert model.output_shape == (None, 2)
    popped = model.pop()
    assert isinstance(popped, layers.Dense) and popped.units == 2
    assert model.output_shape == (None, 3) and len(model.layers) == 2
    assert model(np.ones((1, 5), "float32")).shape == (1, 3)
    with pytest.raises(ValueError, match="no layers"):
        kerasx.Sequential().pop()


def test_keras2_input_shape_and_batch_input_shape():
    m1 = kerasx.Sequential([layers.Dense(2, input_shape=(6,))])
    assert m1.input_shape == (None, 6)
    m2 = kerasx.Sequential([layers.Dense(2, batch_input_shape=(4, 6))])
    assert m2.input_shape == (4, 6)


def test_model_added_as_a_layer():
    inner = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(3)])
    outer = kerasx.Sequential([kerasx.Input((4,)), inner, layers.Dense(1)])
    assert outer.count_params() == 15 + 4
    x = rng.standard_normal((2, 4)).astype("float32")
    k1, b1 = inner.layers[0].get_weights()
    k2, b2 = outer.layers[1].get_weights()
    np.testing.assert_allclose(to_np(outer(x)), (x @ k1 + b1) @ k2 + b2, rtol=1e-5, atol=1e-5)


def test_non_layer_added_is_a_type_error():
    with pytest.raises(TypeError, match=r"only instances of kerasx.layers.Layer.*int"):
        kerasx.Sequential().add(3)
    model = kerasx.Sequential([layers.Dense(1, name="x")])
    with pytest.raises(ValueError, match=r"unique names.*'x'"):
        model.add(layers.Dense(1, name="x"))


def test_incompatible_layer_shape_names_layer():
    model = kerasx.Sequential([kerasx.Input((4,)), layers.Dense(3, name="first")])
    with pytest.raises(ValueError, match=r"'first'.*axis -1.*value 4.*\(2, 7\)"):
        model(np.ones((2, 7), "float32"))


def test_sequential_propagates_masks_and_training():
    class MaskZeros(layers.Layer):
        def compute_mask(self, inputs, mask=None):
            return ops.any(ops.not_equal(inputs, 0), axis=-1)

        def call(self, x):
            return x

    class MeanOverTime(layers.Layer):
        def call(self, x, mask=None):
            m = ops.cast(ops.expand_dims(mask, -1), x.dtype)
            return ops.sum(x * m, axis=1) / ops.sum(m, axis=1)

    model = kerasx.Sequential([kerasx.Input((3, 2)), MaskZeros(), layers.Dropout(0.5),
                               MeanOverTime()])
    x = np.array([[[1, 1], [0, 0], [3, 3]]], "float32")
    np.testing.assert_allclose(to_np(model(x)), [[2.0, 2.0]])
    y = to_np(model(np.ones((1, 3, 2), "float32") * 2, training=True))
    assert y.shape == (1, 2)


def test_sequential_trainable_freeze():
    model = kerasx.Sequential([kerasx.Input((2,)), layers.Dense(2), layers.Dense(1)])
    model.layers[0].trainable = False
    assert len(model.trainable_weights) == 2 and len(model.non_trainable_weights) == 2
    model.trainable = False
    assert model.trainable_weights == []


def test_embedding_mask_reaches_lstm_in_sequential_and_functional():
    if not (hasattr(layers, "Embedding") and hasattr(layers, "LSTM")):
        pytest.skip("Embedding/LSTM are not implemented in kerasx.layers yet")
    seq = kerasx.Sequential([kerasx.Input((5,), dtype="int32"),
                             layers.Embedding(10, 4, mask_zero=True), layers.LSTM(3)])
    padded = np.array([[3, 7, 2, 0, 0]], "int32")
    short = np.array([[3, 7, 2]], "int32")
    np.testing.assert_allclose(to_np(seq(padded)), to_np(seq(short)), rtol=1e-5, atol=1e-6)
    inputs = kerasx.Input((5,), dtype="int32")
    emb = layers.Embedding(10, 4, mask_zero=True)
    lstm = layers.LSTM(3)
    func = kerasx.Model(inputs, lstm(emb(inputs)))
    direct = kerasx.Sequential([emb, lstm])
    np.testing.assert_allclose(to_np(func(padded)), to_np(direct(short)), rtol=1e-5, atol=1e-6)
