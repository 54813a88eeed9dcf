"""EinsumDense, Embedding and Masking against NumPy references, on the active backend."""

import os
import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "fixtures", "keras3") + os.sep
to_np = ops.convert_to_numpy
rng = np.random.default_rng(5)


def _rand(*shape):
    return rng.standard_normal(shape).astype("float32")


def _grads(layer, fn, variables=None):
    variables = variables if variables is not None else layer.trainable_variables
    _, grads = ops.compute_gradients(fn, variables)
    return [np.array(to_np(g)) for g in grads]


@pytest.mark.parametrize("equation,out_shape,bias_axes,in_shape,kshape,bshape,full", [
    ("ab,bc->ac", 4, "c", (2, 3), (3, 4), (4,), (2, 4)),
    ("abc,cd->abd", (None, 5), "d", (2, 3, 4), (4, 5), (5,), (2, 3, 5)),
    ("abc,cde->abde", (3, 2, 5), "de", (2, 3, 4), (4, 2, 5), (2, 5), (2, 3, 2, 5)),
    ("...b,bc->...c", 6, None, (2, 3, 4), (4, 6), None, (2, 3, 6)),
    ("ab...,bc->ac...", (5,), "c", (2, 3, 4), (3, 5), (5, 1), (2, 5, 4)),
])
def test_einsum_dense_shapes_and_values(equation, out_shape, bias_axes, in_shape, kshape,
                                        bshape, full):
    layer = layers.EinsumDense(equation, out_shape, bias_axes=bias_axes,
                               bias_initializer="random_normal")
    x = _rand(*in_shape)
    y = to_np(layer(x))
    assert tuple(layer.kernel.shape) == kshape
    assert (layer.bias is None) == (bshape is None)
    ref = np.einsum(equation, x, to_np(layer.kernel))
    if bshape is not None:
        assert tuple(layer.bias.shape) == bshape
        ref = ref + to_np(layer.bias)
    np.testing.assert_allclose(y, ref, rtol=1e-5, atol=1e-5)
    assert y.shape == full
    sym = layers.EinsumDense(equation, out_shape, bias_axes=bias_axes)(kerasx.Input(in_shape[1:]))
    assert tuple(sym.shape) == (None,) + full[1:]
    grads = _grads(layer, lambda: ops.sum(ops.square(layer(x))))
    assert all(np.abs(g).sum() > 0 for g in grads)
    clone = layers.EinsumDense.from_config(layer.get_config())
    clone(x)
    clone.set_weights(layer.get_weights())
    np.testing.assert_allclose(to_np(clone(x)), y, rtol=1e-6)


def test_einsum_dense_activation_and_errors():
    layer = layers.EinsumDense("ab,bc->ac", 3, activation="relu")
    x = _rand(4, 2)
    np.testing.assert_allclose(to_np(layer(x)), np.maximum(x @ to_np(layer.kernel), 0),
                               rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="'ed'.*invalid equation"):
        layers.EinsumDense("ab->a", 3, name="ed")(x)
    with pytest.raises(ValueError, match="bias_axes.*'z'"):
        layers.EinsumDense("ab,bc->ac", 3, bias_axes="z")(x)
    with pytest.raises(ValueError, match="dimension 'b' is 4.*but 5"):
        layers.EinsumDense("abc,cd->abd", (5, 2))(_rand(2, 4, 3))
    with pytest.raises(ValueError, match="output_shape"):
        layers.EinsumDense("ab,bc->ac", -2)


def test_embedding_lookup_mask_and_gradients():
    emb = layers.Embedding(10, 3, mask_zero=True)
    idx = np.array([[1, 0, 9], [4, 4, 0]])
    y = to_np(emb(idx))
    table = np.array(to_np(emb.embeddings))
    np.testing.assert_allclose(y, table[idx])
    assert [w.name for w in emb.weights] == ["embeddings"] and table.shape == (10, 3)
    assert np.all(np.abs(table) <= 0.05)  # Keras's default "uniform" initializer
    np.testing.assert_array_equal(to_np(emb.compute_mask(idx)), idx != 0)
    assert layers.Embedding(10, 3).compute_mask(idx) is None
    np.testing.assert_allclose(to_np(emb(idx.astype("float32"))), table[idx])
    grads = _grads(emb, lambda: ops.sum(emb(idx)))
    counts = np.bincount(idx.ravel(), minlength=10)[:, None] * np.ones((1, 3))
    np.testing.assert_allclose(grads[0], counts)
    sym_in = kerasx.Input((5,), dtype="int32")
    sym = layers.Embedding(10, 3, mask_zero=True)(sym_in)
    assert tuple(sym.shape) == (None, 5, 3)
    assert sym._keras_mask is not None and tuple(sym._keras_mask.shape) == (None, 5)
    clone = layers.Embedding.from_config(emb.get_config())
    assert clone.mask_zero and clone.input_dim == 10
    # Keras 2 input_length and initial weights
    k2 = layers.Embedding(4, 2, input_length=7, weights=[np.arange(8.0).reshape(4, 2)])
    np.testing.assert_allclose(to_np(k2(np.array([[3, 1]]))), [[[6, 7], [2, 3]]])
    with pytest.raises(ValueError, match="'e_bad'.*output_dim must be a positive integer"):
        layers.Embedding(4, 0, name="e_bad")
    with pytest.raises(ValueError, match="weights\\[0\\] must have shape \\(4, 2\\)"):
        layers.Embedding(4, 2, weights=[np.zeros((3, 2))])


def test_embedding_with_keras_fixture_weights():
    with h5py.File(FIX + "rnn_text.weights.h5", "r") as f:
        table = np.array(f["layers/embedding/vars/0"])
    emb = layers.Embedding(50, 8, mask_zero=True)
    idx = np.array([[3, 49, 0, 0], [7, 1, 2, 0]])
    emb(idx)
    emb.set_weights([table])
    np.testing.assert_allclose(to_np(emb(idx)), table[idx], rtol=1e-6)


def test_masking_values_and_mask():
    x = _rand(2, 4, 3)
    x[0, 1] = 0.0
    x[1, 3] = 0.0
    layer = layers.Masking()
    y = to_np(layer(x))
    keep = np.any(x != 0, axis=-1)
    np.testing.assert_allclose(y, x * keep[..., None])
    np.testing.assert_array_equal(to_np(layer.compute_mask(x)), keep)
    x2 = x.copy()
    x2[1, 0] = -1.0
    m2 = layers.Masking(mask_value=-1.0)
    np.testing.assert_array_equal(to_np(m2.compute_mask(x2)), np.any(x2 != -1, axis=-1))
    assert to_np(m2(x2))[1, 0].tolist() == [0.0, 0.0, 0.0]
    sym = layers.Masking()(kerasx.Input((4, 3)))
    assert tuple(sym._keras_mask.shape) == (None, 4)
    assert layers.Masking.from_config(m2.get_config()).mask_value == -1.0
    with pytest.raises(ValueError, match="Masking.*mask_value"):
        layers.Masking(mask_value="pad")


def test_masks_reach_consuming_layers_in_functional_models():
    inp = kerasx.Input((4,), dtype="int32")
    out = layers.Softmax()(layers.Embedding(10, 3, mask_zero=True)(inp))
    idx = np.array([[1, 2, 0, 0], [3, 0, 0, 0]])
    y = to_np(kerasx.Model(inp, out)(idx))
    np.testing.assert_allclose(y.sum(-1), (idx != 0).astype("float32"), rtol=1e-5)
    inp2 = kerasx.Input((3, 2))
    bn = layers.BatchNormalization(momentum=0.0)
    model = kerasx.Model(inp2, bn(layers.Masking()(inp2)))
    x = np.array([[[1, 2], [3, 4], [0, 0]], [[5, 6], [0, 0], [0, 0]]], "float32")
    model(x, training=True)
    np.testing.assert_allclose(to_np(bn.moving_mean), [3.0, 4.0], rtol=1e-5)
    np.testing.assert_allclose(to_np(bn.moving_variance), [8 / 3, 8 / 3], rtol=1e-4)
