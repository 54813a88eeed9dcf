"""Functional models: the Keras tutorial patterns, graph properties, errors."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(2)


def dense_np(layer, x, act=None):
    k, b = layer.get_weights()
    y = x @ k + b
    return np.maximum(y, 0) if act == "relu" else y


def test_two_input_model_with_concatenate():
    a_in = kerasx.Input((4,), name="a")
    b_in = kerasx.Input((3,), name="b")
    da, db = layers.Dense(5, activation="relu"), layers.Dense(2)
    merged = layers.Concatenate()([da(a_in), db(b_in)])
    head = layers.Dense(1)
    model = kerasx.Model(inputs=[a_in, b_in], outputs=head(merged), name="two_in")
    assert model.count_params() == (4 * 5 + 5) + (3 * 2 + 2) + (7 + 1)
    xa = rng.standard_normal((6, 4)).astype("float32")
    xb = rng.standard_normal((6, 3)).astype("float32")
    y = to_np(model([xa, xb]))
    expect = dense_np(head, np.concatenate([dense_np(da, xa, "relu"), dense_np(db, xb)], -1))
    np.testing.assert_allclose(y, expect, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(to_np(model({"a": xa, "b": xb})), expect, rtol=1e-5, atol=1e-5)
    assert model.input_names == ["a", "b"] and len(model.inputs) == 2
    assert [l.name for l in model.layers][:2] == ["a", "b"]


def test_shared_layer_used_twice():
    shared = layers.Dense(3, name="shared")
    x1, x2 = kerasx.Input((4,)), kerasx.Input((4,))
    out = layers.Add()([shared(x1), shared(x2)])
    model = kerasx.Model([x1, x2], out)
    assert model.count_params() == 15
    assert sum(1 for l in model.layers if l is shared) == 1
    v1 = rng.standard_normal((2, 4)).astype("float32")
    v2 = rng.standard_normal((2, 4)).astype("float32")
    np.testing.assert_allclose(to_np(model([v1, v2])), dense_np(shared, v1) + dense_np(shared, v2),
                               rtol=1e-5, atol=1e-5)


def make_member(i):
    inputs = kerasx.Input((5,))
    return kerasx.Model(inputs, layers.Dense(2, name=f"member_out_{i}")(inputs), name=f"m{i}")


def test_ensemble_of_three_models_averaged():
    members = [make_member(i) for i in range(3)]
    inputs = kerasx.Input((5,))
    out = layers.average([m(inputs) for m in members])
    ensemble = kerasx.Model(inputs, out)
    assert ensemble.count_params() == 3 * 12
    x = rng.standard_normal((4, 5)).astype("float32")
    expect = np.mean([dense_np(m.layers[1], x) for m in members], axis=0)
    np.testing.assert_allclose(to_np(ensemble(x)), expect, rtol=1e-5, atol=1e-5)
    assert [type(l).__name__ for l in ensemble.layers] == ["InputLayer", "Functional",
                                                           "Functional", "Functional", "Average"]


def test_autoencoder_from_encoder_and_decoder():
    enc_in = kerasx.Input((8,), name="original")
    code = layers.Dense(3, activation="relu")(layers.Dense(6, activation="relu")(enc_in))
    encoder = kerasx.Model(enc_in, code, name="encoder")
    dec_in = kerasx.Input((3,), name="encoded")
    decoder = kerasx.Model(dec_in, layers.Dense(8)(layers.Dense(6, activation="relu")(dec_in)),
                           name="decoder")
    ae_in = kerasx.Input((8,))
    autoencoder = kerasx.Model(ae_in, decoder(encoder(ae_in)), name="autoencoder")
    assert encoder.count_params() == 54 + 21
    assert decoder.count_params() == 24 + 56
    assert autoencoder.count_params() == 155
    x = rng.standard_normal((2, 8)).astype("float32")
    np.testing.assert_allclose(to_np(autoencoder(x)), to_np(decoder(encoder(x))), rtol=1e-5,
                               atol=1e-6)
    assert autoencoder.output_shape == (None, 8)


def test_transfer_learning_freeze_first_layers_new_head():
    base_in = kerasx.Input((6, 4))
    h = layers.Dense(8, activation="relu")(base_in)
    h = layers.Dense(8, activation="relu")(h)
    h = layers.Dense(4)(h)
    base = kerasx.Model(base_in, h)
    for layer in base.layers[:3]:
        layer.trainable = False
    model = kerasx.Model(inputs=base.input,
                         outputs=layers.Dense(3)(layers.Flatten()(base.output)))
    frozen = (4 * 8 + 8) + (8 * 8 + 8)
    total = frozen + (8 * 4 + 4) + (24 * 3 + 3)
    assert model.count_params() == total
    trainable = sum(int(np.prod(v.shape)) for v in model.trainable_weights)
    assert trainable == total - frozen
    assert len(model.non_trainable_weights) == 4
    x = rng.standard_normal((2, 6, 4)).astype("float32")
    assert model(x).shape[-1] == 3


def test_residual_connection_and_raw_ops():
    inputs = kerasx.Input((4,))
    d = layers.Dense(4)
    out = ops.add(inputs, d(inputs)) * 2.0
    model = kerasx.Model(inputs, out)
    x = rng.standard_normal((3, 4)).astype("float32")
    np.testing.assert_allclose(to_np(model(x)), (x + dense_np(d, x)) * 2, rtol=1e-5, atol=1e-5)
    assert [type(l).__name__ for l in model.layers] == ["InputLayer", "Dense"]
    restored = kerasx.models.model_from_json(model.to_json())
    restored.set_weights(model.get_weights())
    np.testing.assert_allclose(to_np(restored(x)), to_np(model(x)), rtol=1e-5, atol=1e-6)


def test_dict_inputs_and_outputs():
    inputs = {"title": kerasx.Input((3,), name="title"), "body": kerasx.Input((2,), name="body")}
    merged = layers.concatenate([inputs["title"], inputs["body"]])
    outputs = {"priority": layers.Dense(1, name="priority")(merged),
               "dept": layers.Dense(4, name="dept")(merged)}
    model = kerasx.Model(inputs, outputs)
    res = model({"title": np.ones((2, 3), "float32"), "body": np.ones((2, 2), "float32")})
    assert set(res) == {"priority", "dept"}
    assert res["priority"].shape == (2, 1) and res["dept"].shape == (2, 4)
    assert model.output_names == ["dept", "priority"]
    with pytest.raises(ValueError, match="missing key"):
        model({"title": np.ones((2, 3), "float32")})


def test_multiple_outputs_list():
    inputs = kerasx.Input((3,))
    a, b = layers.Dense(2)(inputs), layers.Dense(1)(inputs)
    model = kerasx.Model(inputs, [a, b])
    ya, yb = model(np.ones((4, 3), "float32"))
    assert ya.shape == (4, 2) and yb.shape == (4, 1)
    assert len(model.outputs) == 2


def test_get_layer_and_errors():
    inputs = kerasx.Input((3,), name="in")
    model = kerasx.Model(inputs, layers.Dense(2, name="proj")(inputs))
    assert model.get_layer("proj").name == "proj"
    assert model.get_layer(index=0).name == "in"
    with pytest.raises(ValueError, match="No such layer|no such layer"):
        model.get_layer("nope")
    with pytest.raises(ValueError, match="only has 2 layers"):
        model.get_layer(index=5)


def test_unreachable_output_names_the_missing_input():
    a = kerasx.Input((3,), name="a_in")
    b = kerasx.Input((3,), name="b_in")
    out = layers.Add()([a, b])
    with pytest.raises(ValueError, match=r"'b_in'"):
        kerasx.Model(a, out)


def test_duplicate_layer_names_rejected():
    inputs = kerasx.Input((3,))
    x = layers.Dense(2, name="same")(inputs)
    x = layers.Dense(2, name="same")(x)
    with pytest.raises(ValueError, match=r"'same'.*unique names"):
        kerasx.Model(inputs, x)


def test_model_called_on_wrong_number_of_inputs():
    a, b = kerasx.Input((2,)), kerasx.Input((2,))
    model = kerasx.Model([a, b], layers.Add()([a, b]))
    with pytest.raises(ValueError, match="expects 2 input"):
        model([np.ones((1, 2), "float32")])


def test_training_flag_reaches_dropout_in_nested_model_and_mask_replay():
    inner_in = kerasx.Input((100,))
    inner = kerasx.Model(inner_in, layers.Dropout(0.5, seed=1)(inner_in))
    outer_in = kerasx.Input((100,))
    outer = kerasx.Model(outer_in, inner(outer_in))
    x = np.ones((2, 100), "float32")
    np.testing.assert_allclose(to_np(outer(x)), x)
    assert (to_np(outer(x, training=True)) == 0).any()


def test_subclassed_model_builds_on_first_call():
    class MLP(kerasx.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.hidden = layers.Dense(8, activation="relu")
            self.drop = layers.Dropout(0.5)
            self.out = layers.Dense(2)

        def call(self, inputs, training=None):
            return self.out(self.drop(self.hidden(inputs), training=training))

    model = MLP(name="mlp")
    assert not model.built
    x = rng.standard_normal((3, 5)).astype("float32")
    y = to_np(model(x))
    assert model.built and model.count_params() == 48 + 18
    expect = dense_np(model.out, dense_np(model.hidden, x, "relu"))
    np.testing.assert_allclose(y, expect, rtol=1e-5, atol=1e-5)
    assert [l.name for l in model.layers] == [model.hidden.name, model.drop.name, model.out.name]
    sym = model(kerasx.Input((5,)))
    assert sym.shape == (None, 2)
    other = MLP()
    other.build((None, 5))
    assert other.count_params() == 66


def test_subclass_calling_functional_init():
    class Wrapped(kerasx.Model):
        def __init__(self, units):
            inputs = kerasx.Input((3,))
            super().__init__(inputs, layers.Dense(units)(inputs), name="wrapped")
            self.units = units

    model = Wrapped(4)
    assert isinstance(model, Wrapped) and isinstance(model, kerasx.models.Functional)
    assert model.count_params() == 16 and model.units == 4
    assert model(np.ones((2, 3), "float32")).shape == (2, 4)


def test_input_standardization_dtype_and_rank():
    inputs = kerasx.Input((1,), name="scalar_feature")
    model = kerasx.Model(inputs, layers.Dense(2, kernel_initializer="ones")(inputs))
    y = model(np.array([1.0, 2.0]))  # rank-1 float64 input gets a trailing axis
    np.testing.assert_allclose(to_np(y), [[1, 1], [2, 2]])
    int_in = kerasx.Input((2,), dtype="int32")
    ident = kerasx.Model(int_in, ops.multiply(int_in, 2))
    out = ident(np.array([[1, 2]], dtype="int64"))
    assert kerasx.dtypes.standardize_dtype(out.dtype) == "int32"


def test_frozen_batch_normalization_runs_in_inference_mode():
    if not hasattr(layers, "BatchNormalization"):
        pytest.skip("BatchNormalization is not implemented in kerasx.layers yet")
    inputs = kerasx.Input((3,))
    bn = layers.BatchNormalization()
    base = kerasx.Model(inputs, bn(inputs))
    x = rng.standard_normal((8, 3)).astype("float32") * 5 + 2
    before = [w.copy() for w in bn.get_weights()]
    trained = to_np(base(x, training=True))
    assert not np.allclose(trained, to_np(base(x)))  # batch statistics while trainable
    for layer in base.layers:
        layer.trainable = False
    moved = [w.copy() for w in bn.get_weights()]
    frozen = to_np(base(x, training=True))
    np.testing.assert_allclose(frozen, to_np(base(x, training=False)), rtol=1e-6, atol=1e-6)
    for a, b in zip(moved, bn.get_weights()):
        np.testing.assert_allclose(a, b)  # moving statistics no longer updated
    assert any(not np.allclose(a, b) for a, b in zip(before, moved))
    assert base.trainable_weights == [] and len(base.non_trainable_weights) == 4
