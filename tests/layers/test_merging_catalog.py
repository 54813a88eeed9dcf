"""Subtract, Maximum, Minimum, Dot and their functional forms, on the active backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(13)
a = rng.standard_normal((2, 3)).astype("float32")
b = rng.standard_normal((2, 3)).astype("float32")
c = rng.standard_normal((2, 3)).astype("float32")


def test_subtract_maximum_minimum_values():
    np.testing.assert_allclose(to_np(layers.Subtract()([a, b])), a - b, rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.Maximum()([a, b, c])), np.maximum(np.maximum(a, b), c))
    np.testing.assert_allclose(to_np(layers.Minimum()([a, b, c])), np.minimum(np.minimum(a, b), c))
    np.testing.assert_allclose(to_np(layers.subtract([a, b[:1]])), a - b[:1], rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.maximum([a, b])), np.maximum(a, b))
    np.testing.assert_allclose(to_np(layers.minimum([a, b])), np.minimum(a, b))


def test_functional_forms_symbolic_shapes_and_errors():
    x1, x2 = kerasx.Input((4,)), kerasx.Input((4,))
    assert tuple(layers.subtract([x1, x2]).shape) == (None, 4)
    assert tuple(layers.maximum([x1, x2]).shape) == (None, 4)
    assert tuple(layers.minimum([x1, x2]).shape) == (None, 4)
    with pytest.raises(ValueError, match="'sub'.*exactly 2 inputs"):
        layers.Subtract(name="sub")([x1, x2, x1])
    with pytest.raises(ValueError, match="'mx'.*incompatible shapes"):
        layers.Maximum(name="mx")([x1, kerasx.Input((5,))])


def _batch_dot_ref(x, y, ax1, ax2, normalize=False):
    if normalize:
        x = x / np.sqrt(np.maximum((x ** 2).sum(ax1, keepdims=True), 1e-12))
        y = y / np.sqrt(np.maximum((y ** 2).sum(ax2, keepdims=True), 1e-12))
    out = np.stack([np.tensordot(x[i], y[i], axes=(ax1 - 1, ax2 - 1)) for i in range(len(x))])
    return out[:, None] if out.ndim == 1 else out


@pytest.mark.parametrize("s1,s2,axes,normalize", [
    ((2, 3), (2, 3), 1, False),
    ((2, 3), (2, 3), -1, True),
    ((2, 4, 3), (2, 5, 3), (2, 2), False),
    ((2, 4, 3), (2, 4, 5), 1, False),
    ((2, 3, 4), (2, 5, 3), [1, 2], True),
])
def test_dot_against_numpy(s1, s2, axes, normalize):
    x = rng.standard_normal(s1).astype("float32")
    y = rng.standard_normal(s2).astype("float32")
    layer = layers.Dot(axes=axes, normalize=normalize)
    out = to_np(layer([x, y]))
    r1, r2 = len(s1), len(s2)
    ax = (axes, axes) if isinstance(axes, int) else tuple(axes)
    ref = _batch_dot_ref(x, y, ax[0] % r1, ax[1] % r2, normalize)
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-5)
    sym = layers.Dot(axes=axes, normalize=normalize)([kerasx.Input(s1[1:]), kerasx.Input(s2[1:])])
    assert tuple(sym.shape) == (None,) + ref.shape[1:]
    clone = layers.Dot.from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone([x, y])), out, rtol=1e-6)
    np.testing.assert_allclose(to_np(layers.dot([x, y], axes=axes, normalize=normalize)), out,
                               rtol=1e-6)


def test_dot_cosine_similarity_and_errors():
    x = np.array([[3.0, 4.0]], "float32")
    y = np.array([[4.0, 3.0]], "float32")
    np.testing.assert_allclose(to_np(layers.Dot(1, normalize=True)([x, y])), [[24 / 25]],
                               rtol=1e-5)
    with pytest.raises(ValueError, match="'d1'.*axis 1 has size 3 but axis 1 has size 4"):
        layers.Dot(1, name="d1")([kerasx.Input((3,)), kerasx.Input((4,))])
    with pytest.raises(ValueError, match="batch axis"):
        layers.Dot(0)([a, b])
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        layers.Dot(1)([a, b, c])
    with pytest.raises(ValueError, match="Dot.*axes"):
        layers.Dot(axes="last")
