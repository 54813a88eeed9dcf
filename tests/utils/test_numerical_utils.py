import numpy as np
import pytest

from kerasx import ops
from kerasx.utils import normalize, to_categorical


def _one_hot_ref(labels, n):
    return np.eye(n, dtype="float32")[labels]


@pytest.mark.parametrize("shape", [(5,), (5, 1), (2, 3), (2, 3, 1)])
def test_to_categorical_shapes_and_values(shape):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, size=shape)
    out = to_categorical(y, num_classes=4)
    squeezed = y.reshape(shape[:-1]) if len(shape) > 1 and shape[-1] == 1 else y
    assert out.shape == squeezed.shape + (4,)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, _one_hot_ref(squeezed, 4))


def test_to_categorical_infers_num_classes_from_max_label():
    out = to_categorical([0, 2, 1, 2])
    np.testing.assert_array_equal(out, _one_hot_ref(np.array([0, 2, 1, 2]), 3))


def test_to_categorical_out_of_range_label_errors():
    with pytest.raises(ValueError, match="num_classes=3"):
        to_categorical([0, 3], num_classes=3)


def test_to_categorical_tensor_input_gives_tensor():
    y = ops.convert_to_tensor(np.array([[1], [0], [2]], dtype="int32"))
    out = to_categorical(y, num_classes=3)
    assert not isinstance(out, np.ndarray)
    np.testing.assert_allclose(ops.convert_to_numpy(out), _one_hot_ref(np.array([1, 0, 2]), 3))


@pytest.mark.parametrize("axis,order", [(-1, 2), (0, 2), (1, 1), (-1, 3)])
def test_normalize_matches_numpy(axis, order):
    x = np.random.default_rng(1).normal(size=(4, 5)).astype("float32")
    x[2] = 0.0  # an all-zero slice stays zero
    norm = np.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    expected = x / np.where(norm == 0, 1, norm)
    out = normalize(x, axis=axis, order=order)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(normalize(x[:2], axis=-1), axis=-1), 1.0,
                               rtol=1e-6)


def test_normalize_tensor_input_uses_ops():
    x = np.array([[3.0, 4.0], [1.0, 0.0]], dtype="float32")
    out = normalize(ops.convert_to_tensor(x))
    assert not isinstance(out, np.ndarray)
    np.testing.assert_allclose(ops.convert_to_numpy(out), [[0.6, 0.8], [1.0, 0.0]], rtol=1e-6)
