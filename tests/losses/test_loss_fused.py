"""Backend tensors through the losses' fused reductions (a backend may compute an
unweighted "sum_over_batch_size" loss as one kernel): values, gradients and errors must
equal the general path's, on every backend."""

import numpy as np
import pytest

import kerasx
from kerasx import losses
from kerasx import ops
from tests.losses import _reference as R

RNG = np.random.default_rng(7)


def _t(a, dtype=None):
    return ops.convert_to_tensor(a, dtype=dtype)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x), np.float64)


@pytest.mark.parametrize("from_logits", [True, False])
@pytest.mark.parametrize("label_dtype", ["int32", "int64", "uint8"])
@pytest.mark.parametrize("shape", [(6,), (6, 1), (3, 4)])
def test_sparse_crossentropy_mean_of_tensors_equals_numpy(from_logits, label_dtype, shape):
    classes = 5
    labels = RNG.integers(0, classes, shape)
    lead = shape[:-1] if shape[-1] == 1 else shape
    logits = RNG.normal(size=lead + (classes,)) * 2
    pred = logits if from_logits else R.softmax(logits)
    loss = losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    out = loss(_t(labels, label_dtype), _t(pred, "float32"))
    ref = R.scce(labels.reshape(lead), pred, from_logits).mean()
    assert tuple(ops.shape(out)) == ()
    assert ops.dtype(out) == "float32"
    np.testing.assert_allclose(_np(out), ref, rtol=1e-5, atol=1e-6)
    # the general path (per-sample values reduced by the frontend) gives the same number
    general = loss(_t(labels, label_dtype), _t(pred, "float32"), sample_weight=np.ones(lead))
    np.testing.assert_allclose(_np(out), _np(general), rtol=1e-6, atol=1e-7)


def test_sparse_crossentropy_float64_loss_dtype():
    labels = np.array([0, 2, 1])
    logits = RNG.normal(size=(3, 3))
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64")
    out = loss(_t(labels, "int64"), _t(logits, "float64"))
    assert ops.dtype(out) == "float64"
    np.testing.assert_allclose(_np(out), R.scce(labels, logits, True).mean(), rtol=1e-12)


@pytest.mark.parametrize("from_logits", [True, False])
def test_sparse_crossentropy_gradient_equals_numpy(from_logits):
    labels = np.array([0, 2, 1, 2])
    logits = RNG.normal(size=(4, 3)).astype("float32")
    start = logits if from_logits else R.softmax(logits).astype("float32")
    v = kerasx.Variable(start, name="pred")
    loss = losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    value, (grad,) = ops.compute_gradients(lambda: loss(_t(labels, "int32"), v.value), [v])
    onehot = np.eye(3)[labels]
    if from_logits:
        expected = (R.softmax(logits) - onehot) / 4
    else:  # d/dp of -log(p_y / sum(p)) / N
        p = start.astype(np.float64)
        expected = (1.0 / p.sum(-1, keepdims=True) - onehot / p) / 4
    np.testing.assert_allclose(_np(value), R.scce(labels, start, from_logits).mean(), rtol=1e-5)
    np.testing.assert_allclose(_np(grad), expected, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("bad", [3, -1, -100])
def test_sparse_crossentropy_out_of_range_labels_are_a_clear_error(bad):
    # -100 is torch's default "ignore" target: it must not be skipped silently
    labels = np.array([0, bad, 1, 2])
    pred = _t(R.softmax(RNG.normal(size=(4, 3))), "float32")
    loss = losses.SparseCategoricalCrossentropy()
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy.*\[0, 3\)"):
        loss(_t(labels, "int32"), pred)


def test_ignore_class_mask_and_weights_keep_the_general_path_semantics():
    labels = np.array([0, 1, 2, 1])
    pred = R.softmax(RNG.normal(size=(4, 3)))
    per = R.scce(labels, pred)
    sw = np.array([1.0, 0.0, 2.0, 0.5])
    loss = losses.SparseCategoricalCrossentropy()
    np.testing.assert_allclose(_np(loss(_t(labels, "int32"), _t(pred, "float32"), _t(sw, "float32"))),
                               (per * sw).mean(), rtol=1e-5)
    ignoring = losses.SparseCategoricalCrossentropy(ignore_class=1)
    np.testing.assert_allclose(_np(ignoring(_t(labels, "int32"), _t(pred, "float32"))),
                               per[[0, 2]].mean(), rtol=1e-5)
    summed = losses.SparseCategoricalCrossentropy(reduction="sum")
    np.testing.assert_allclose(_np(summed(_t(labels, "int32"), _t(pred, "float32"))), per.sum(),
                               rtol=1e-5)


def test_mean_tracker_accumulates_scalars_and_python_numbers():
    m = kerasx.metrics.Mean()
    m.update_state(_t(2.0, "float32"), sample_weight=4)
    m.update_state(5.0, sample_weight=2)
    m.update_state(_t(1.0, "float64"), sample_weight=2.0)
    np.testing.assert_allclose(float(m.result()), (8 + 10 + 2) / 8, rtol=1e-6)
    assert float(m.count.numpy()) == 8.0
    m.reset_state()
    assert float(m.result()) == 0.0


def test_variable_assign_add_in_place_and_general_cases():
    v = kerasx.Variable(np.ones((2, 3), "float32"))
    v.assign_add(_t(np.full((2, 3), 2.0), "float32"))  # same dtype and shape
    v.assign_add(0.5)                                   # Python number
    v.assign_add(np.ones((3,), "float64"))              # broadcast + dtype conversion
    np.testing.assert_allclose(v.numpy(), np.full((2, 3), 4.5))
    assert v.dtype == "float32"
    counter = kerasx.Variable(np.array(3, "int64"), trainable=False)
    counter.assign_add(2)
    assert int(counter.numpy()) == 5
    with pytest.raises(ValueError, match="shape"):
        v.assign_add(np.ones((4, 2, 3), "float32"))
