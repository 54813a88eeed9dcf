"""Losses trace abstractly on every backend (usable inside jit / tf.function)."""

import pytest

from kerasx import losses
from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor

CASES = [
    (losses.MeanSquaredError(), (4, 3), (4, 3), "float32"),
    (losses.Huber(), (4, 1), (4,), "float32"),
    (losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1), (4, 1), (4, 1), "float32"),
    (losses.BinaryFocalCrossentropy(apply_class_balancing=True), (4, 2), (4, 2), "float32"),
    (losses.CategoricalCrossentropy(label_smoothing=0.1), (4, 3), (4, 3), "float32"),
    (losses.CategoricalFocalCrossentropy(), (4, 3), (4, 3), "float32"),
    (losses.SparseCategoricalCrossentropy(from_logits=True), (4,), (4, 3), "int32"),
    (losses.SparseCategoricalCrossentropy(ignore_class=0), (4, 5), (4, 5, 3), "int32"),
    (losses.Hinge(), (4, 2), (4, 2), "float32"),
    (losses.CategoricalHinge(), (4, 3), (4, 3), "float32"),
    (losses.Dice(), (4, 3), (4, 3), "float32"),
    (losses.Tversky(axis=-1), (4, 3), (4, 3), "float32"),
    (losses.KLDivergence(), (4, 3), (4, 3), "float32"),
    (losses.CosineSimilarity(), (4, 3), (4, 3), "float32"),
]


@pytest.mark.parametrize("loss,true_shape,pred_shape,label_dtype", CASES,
                         ids=[type(c[0]).__name__ + str(i) for i, c in enumerate(CASES)])
def test_loss_traces_to_scalar(loss, true_shape, pred_shape, label_dtype):
    y_true = KerasTensor(true_shape, dtype=label_dtype)
    y_pred = KerasTensor(pred_shape, dtype="float32")
    weights = KerasTensor((4,), dtype="float32")
    out = B.core.compute_output_spec(lambda a, b, w: loss(a, b, sample_weight=w), y_true,
                                     y_pred, weights)
    assert tuple(out.shape) == ()
