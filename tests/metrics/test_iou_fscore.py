"""IoU family and F-scores against NumPy."""

import numpy as np
import pytest

from kerasx import metrics
from kerasx import ops
from tests.metrics import _confusion_reference as R

RNG = np.random.default_rng(4)
N, C = 10, 3
LABELS = [RNG.integers(0, C, N) for _ in range(2)]
PREDS = [RNG.integers(0, C, N) for _ in range(2)]
SW = [RNG.uniform(0, 2, N).astype("float32") for _ in range(2)]


def out(x):
    return np.asarray(ops.convert_to_numpy(x), np.float64)


def total_cm(weighted, ignore=None):
    cm = np.zeros((C, C))
    for t, p, w in zip(LABELS, PREDS, SW):
        w = w if weighted else np.ones(N)
        if ignore is not None:
            w = w * (t != ignore)
        cm += R.confusion_matrix(t, p, C, w)
    return cm


@pytest.mark.parametrize("weighted", [False, True])
def test_iou_and_mean_iou(weighted):
    iou = metrics.IoU(num_classes=C, target_class_ids=[0, 2])
    mean = metrics.MeanIoU(num_classes=C)
    for t, p, w in zip(LABELS, PREDS, SW):
        iou.update_state(t, p, sample_weight=w if weighted else None)
        mean.update_state(t, p, sample_weight=w if weighted else None)
    cm = total_cm(weighted)
    np.testing.assert_allclose(out(iou.result()), R.iou(cm, [0, 2]), rtol=1e-5)
    np.testing.assert_allclose(out(mean.result()), R.iou(cm, [0, 1, 2]), rtol=1e-5)
    mean.reset_state()
    np.testing.assert_allclose(out(mean.result()), 0.0)


def test_iou_docs_example_and_ignore_class():
    m = metrics.IoU(num_classes=2, target_class_ids=[0])
    m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    np.testing.assert_allclose(out(m.result()), 1 / 3, rtol=1e-5)
    m = metrics.MeanIoU(num_classes=C, ignore_class=1)
    for t, p in zip(LABELS, PREDS):
        m.update_state(t, p)
    np.testing.assert_allclose(out(m.result()), R.iou(total_cm(False, ignore=1), [0, 1, 2]),
                               rtol=1e-5)


def test_one_hot_iou_and_binary_iou():
    oh = metrics.OneHotIoU(num_classes=C, target_class_ids=[1, 2])
    ohm = metrics.OneHotMeanIoU(num_classes=C)
    scores = [np.eye(C)[p] * 0.8 + 0.05 for p in PREDS]
    for t, s, w in zip(LABELS, scores, SW):
        oh.update_state(np.eye(C)[t], s, sample_weight=w)
        ohm.update_state(np.eye(C)[t], s, sample_weight=w)
    cm = total_cm(True)
    np.testing.assert_allclose(out(oh.result()), R.iou(cm, [1, 2]), rtol=1e-5)
    np.testing.assert_allclose(out(ohm.result()), R.iou(cm, [0, 1, 2]), rtol=1e-5)
    b = metrics.BinaryIoU(target_class_ids=[0, 1], threshold=0.3)
    yt = np.array([0, 1, 0, 1, 1, 0])
    yp = np.array([0.1, 0.3, 0.4, 0.9, 0.2, 0.29], "float32")
    w = np.array([1.0, 2.0, 1.0, 0.5, 1.0, 3.0], "float32")
    b.update_state(yt, yp, sample_weight=w)
    cm = R.confusion_matrix(yt, (yp >= 0.3).astype(int), 2, w)
    np.testing.assert_allclose(out(b.result()), R.iou(cm, [0, 1]), rtol=1e-5)


def test_iou_argument_errors():
    with pytest.raises(ValueError, match="target_class_ids"):
        metrics.IoU(num_classes=2, target_class_ids=[2])


Y_TRUE = [np.eye(C)[RNG.integers(0, C, N)].astype("float32") for _ in range(2)]
Y_PRED = [RNG.uniform(0, 1, (N, C)).astype("float32") for _ in range(2)]


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
@pytest.mark.parametrize("beta,threshold", [(1.0, None), (2.0, 0.5), (0.5, 0.3)])
def test_fbeta(beta, threshold, average, weighted):
    m = metrics.FBetaScore(average=average, beta=beta, threshold=threshold)
    for t, p, w in zip(Y_TRUE, Y_PRED, SW):
        m.update_state(t, p, sample_weight=w if weighted else None)
    t, p = np.concatenate(Y_TRUE), np.concatenate(Y_PRED)
    w = np.concatenate(SW) if weighted else None
    np.testing.assert_allclose(out(m.result()), R.fbeta(t, p, beta, threshold, average, w),
                               rtol=1e-4, atol=1e-6)


def test_f1_score_and_errors():
    m = metrics.F1Score(average="macro", threshold=0.5)
    m.update_state(Y_TRUE[0], Y_PRED[0])
    np.testing.assert_allclose(out(m.result()), R.fbeta(Y_TRUE[0], Y_PRED[0], 1.0, 0.5, "macro"),
                               rtol=1e-4)
    assert "beta" not in m.get_config()
    with pytest.raises(ValueError, match="average"):
        metrics.F1Score(average="mean")
    with pytest.raises(ValueError, match="beta"):
        metrics.FBetaScore(beta=0)
    with pytest.raises(ValueError, match="threshold"):
        metrics.FBetaScore(threshold=1.5)
