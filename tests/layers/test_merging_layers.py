"""Merging layers: Add, Concatenate, Average, Multiply and their functional forms."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(1)
a = rng.standard_normal((2, 3)).astype("float32")
b = rng.standard_normal((2, 3)).astype("float32")
c = rng.standard_normal((2, 3)).astype("float32")


def test_add_multiply_average_values():
    np.testing.assert_allclose(to_np(layers.Add()([a, b, c])), a + b + c, rtol=1e-5)
    np.testing.assert_allclose(to_np(layers.Multiply()([a, b])), a * b, rtol=1e-5)
    np.testing.assert_allclose(to_np(layers.Average()([a, b, c])), (a + b + c) / 3, rtol=1e-5)
    np.testing.assert_allclose(to_np(layers.Add()([a, b[:1]])), a + b[:1], rtol=1e-5)


def test_concatenate_values_and_axis():
    d = rng.standard_normal((2, 5)).astype("float32")
    np.testing.assert_allclose(to_np(layers.Concatenate()([a, d])), np.concatenate([a, d], -1))
    np.testing.assert_allclose(to_np(layers.Concatenate(axis=0)([a, b])),
                               np.concatenate([a, b], 0))
    assert layers.Concatenate(axis=1).get_config()["axis"] == 1


def test_functional_forms_and_symbolic_shapes():
    x1, x2 = kerasx.Input((4,)), kerasx.Input((6,))
    assert layers.concatenate([x1, x2]).shape == (None, 10)
    y1 = kerasx.Input((4,))
    assert layers.add([x1, y1]).shape == (None, 4)
    assert layers.average([x1, y1]).shape == (None, 4)
    assert layers.multiply([x1, y1]).shape == (None, 4)


def test_shape_errors_name_the_layer():
    x1, x2 = kerasx.Input((4,)), kerasx.Input((5,))
    with pytest.raises(ValueError, match=r"'bad_add'.*incompatible shapes.*\(None, 4\).*\(None, 5\)"):
        layers.Add(name="bad_add")([x1, x2])
    with pytest.raises(ValueError, match=r"'cat'.*matching shapes except.*axis"):
        layers.Concatenate(name="cat")([kerasx.Input((2, 3)), kerasx.Input((4, 3))])
    with pytest.raises(ValueError, match=r"'solo'.*list of at least 2"):
        layers.Add(name="solo")([x1])
    with pytest.raises(ValueError, match=r"list of at least 2"):
        layers.Multiply()(x1)


def test_merge_mask_is_combined():
    m1 = np.array([[True, False, True]])
    m2 = np.array([[True, True, False]])
    x = np.ones((1, 3, 2), "float32")
    out = to_np(layers.Add().compute_mask([x, x], [m1, m2]))
    np.testing.assert_array_equal(out, m1 & m2)
    assert layers.Add().compute_mask([x, x], None) is None
    cm = to_np(layers.Concatenate().compute_mask([x, x], [m1, None]))
    np.testing.assert_array_equal(cm, m1)
