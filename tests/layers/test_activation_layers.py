"""ReLU, LeakyReLU, PReLU, ELU and Softmax layers against NumPy, on the active backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(7)
X = (rng.standard_normal((3, 4, 5)) * 3).astype("float32")


def _relu_ref(x, max_value, slope, threshold):
    out = np.where(x >= threshold, x, slope * (x - threshold))
    return out if max_value is None else np.minimum(out, max_value)


@pytest.mark.parametrize("kw", [{}, {"max_value": 2.0}, {"negative_slope": 0.1},
                                {"threshold": 1.0}, {"max_value": 4.0, "negative_slope": 0.2,
                                                     "threshold": 0.5}])
def test_relu_variants(kw):
    layer = layers.ReLU(**kw)
    ref = _relu_ref(X, kw.get("max_value"), kw.get("negative_slope", 0.0),
                    kw.get("threshold", 0.0))
    np.testing.assert_allclose(to_np(layer(X)), ref, rtol=1e-6, atol=1e-6)
    clone = layers.ReLU.from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone(X)), ref, rtol=1e-6, atol=1e-6)


def test_leaky_relu_elu_and_keras2_alpha():
    np.testing.assert_allclose(to_np(layers.LeakyReLU()(X)), np.where(X >= 0, X, 0.3 * X),
                               rtol=1e-6)
    lr = layers.LeakyReLU(alpha=0.05)
    assert lr.negative_slope == 0.05 and lr.get_config()["negative_slope"] == 0.05
    np.testing.assert_allclose(to_np(lr(X)), np.where(X >= 0, X, 0.05 * X), rtol=1e-6)
    elu = layers.ELU(alpha=0.5)
    np.testing.assert_allclose(to_np(elu(X)), np.where(X > 0, X, 0.5 * (np.exp(X) - 1)),
                               rtol=1e-5, atol=1e-6)
    assert layers.ELU.from_config(elu.get_config()).alpha == 0.5


def test_prelu_shared_axes_gradients_and_config():
    layer = layers.PReLU(alpha_initializer="random_uniform", shared_axes=[1])
    y = to_np(layer(X))
    alpha = np.array(to_np(layer.alpha))
    assert alpha.shape == (1, 5) and [w.name for w in layer.weights] == ["alpha"]
    np.testing.assert_allclose(y, np.where(X >= 0, X, alpha * X), rtol=1e-5, atol=1e-6)
    _, (g,) = ops.compute_gradients(lambda: ops.sum(layer(X)), [layer.alpha])
    np.testing.assert_allclose(to_np(g), np.minimum(X, 0).sum((0, 1))[None], rtol=1e-4)
    assert tuple(layers.PReLU()(kerasx.Input((4, 5))).shape) == (None, 4, 5)
    assert tuple(layers.PReLU().__class__.from_config(layer.get_config()).shared_axes) == (1,)
    full = layers.PReLU()
    full(X)
    assert tuple(full.alpha.shape) == (4, 5)
    with pytest.raises(ValueError, match="'p_bad'.*shared_axes entry 3"):
        layers.PReLU(shared_axes=[3], name="p_bad")(X)


def test_softmax_axis_and_mask():
    e = np.exp(X - X.max(-1, keepdims=True))
    np.testing.assert_allclose(to_np(layers.Softmax()(X)), e / e.sum(-1, keepdims=True),
                               rtol=1e-5, atol=1e-7)
    e1 = np.exp(X - X.max((1, 2), keepdims=True))
    np.testing.assert_allclose(to_np(layers.Softmax(axis=[1, 2])(X)),
                               e1 / e1.sum((1, 2), keepdims=True), rtol=1e-5, atol=1e-7)
    mask = rng.random((3, 4, 5)) > 0.4
    mask[..., 0] = True
    out = to_np(layers.Softmax()(X, mask=mask))
    em = np.where(mask, np.exp(X - X.max(-1, keepdims=True)), 0)
    np.testing.assert_allclose(out, em / em.sum(-1, keepdims=True), rtol=1e-5, atol=1e-7)
    assert np.all(out[~mask] < 1e-6)
    assert layers.Softmax.from_config(layers.Softmax(axis=1).get_config()).axis == 1


def test_bad_arguments_name_the_layer():
    with pytest.raises(ValueError, match="ReLU 'r1'.*max_value must be a number >= 0"):
        layers.ReLU(max_value=-1, name="r1")
    with pytest.raises(ValueError, match="ReLU.*negative_slope"):
        layers.ReLU(negative_slope=-0.1)
    with pytest.raises(ValueError, match="LeakyReLU.*negative_slope"):
        layers.LeakyReLU(negative_slope=None)
    with pytest.raises(ValueError, match="Softmax.*axis"):
        layers.Softmax(axis="last")
