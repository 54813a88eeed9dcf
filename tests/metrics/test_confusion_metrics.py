"""Confusion-matrix metrics (counts, Precision/Recall, X-at-Y, AUC) against NumPy."""

import numpy as np
import pytest

from kerasx import metrics
from kerasx import ops
from tests.metrics import _confusion_reference as R

RNG = np.random.default_rng(3)
N, C = 8, 3
Y_TRUE = [RNG.integers(0, 2, (N, C)).astype("float32") for _ in range(2)]
Y_PRED = [RNG.uniform(0, 1, (N, C)).astype("float32") for _ in range(2)]
SW = [RNG.uniform(0, 2, N).astype("float32") for _ in range(2)]


def out(x):
    return np.asarray(ops.convert_to_numpy(x), np.float64)


def feed(metric, weighted, **slicing):
    for t, p, w in zip(Y_TRUE, Y_PRED, SW):
        metric.update_state(t, p, sample_weight=w if weighted else None)
    t = np.concatenate(Y_TRUE)
    p = np.concatenate(Y_PRED)
    w = np.concatenate(SW) if weighted else None
    return t, p, w


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("thresholds", [None, 0.3, [0.2, 0.5, 0.8]])
@pytest.mark.parametrize("cls,key", [(metrics.TruePositives, "tp"),
                                     (metrics.FalsePositives, "fp"),
                                     (metrics.TrueNegatives, "tn"),
                                     (metrics.FalseNegatives, "fn")])
def test_counts(cls, key, thresholds, weighted):
    m = cls(thresholds=thresholds)
    t, p, w = feed(m, weighted)
    thr = [0.5] if thresholds is None else np.atleast_1d(thresholds)
    expected = R.counts(t, p, thr, w)[key]
    np.testing.assert_allclose(out(m.result()), expected if len(thr) > 1 else expected[0],
                               rtol=1e-5)
    m.reset_state()
    np.testing.assert_allclose(out(m.result()), np.zeros_like(expected if len(thr) > 1 else 0.0))


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("kwargs", [{}, {"thresholds": [0.3, 0.6]}, {"class_id": 1},
                                    {"top_k": 1}, {"top_k": 2, "class_id": 2},
                                    {"top_k": 2, "thresholds": 0.4}])
def test_precision_recall(kwargs, weighted):
    p_m, r_m = metrics.Precision(**kwargs), metrics.Recall(**kwargs)
    feed(p_m, weighted)
    t, p, w = feed(r_m, weighted)
    if "top_k" in kwargs:
        k = kwargs["top_k"]
        kth = np.sort(p, -1)[:, -k][:, None]
        p = np.where(p >= kth, p, -1e10)
    if "class_id" in kwargs:
        k = kwargs["class_id"]
        t, p = t[:, k:k + 1], p[:, k:k + 1]
    default = 0.5 if "top_k" not in kwargs else -1e10
    thr = np.atleast_1d(kwargs.get("thresholds", default))
    c = R.counts(t, p, thr, w)
    prec, rec = c["tp"] / (c["tp"] + c["fp"]), c["tp"] / (c["tp"] + c["fn"])
    single = len(thr) == 1
    np.testing.assert_allclose(out(p_m.result()), prec[0] if single else prec, rtol=1e-5)
    np.testing.assert_allclose(out(r_m.result()), rec[0] if single else rec, rtol=1e-5)


def test_precision_docs_example():
    m = metrics.Precision()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    np.testing.assert_allclose(out(m.result()), 2 / 3, rtol=1e-6)
    m.reset_state()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    np.testing.assert_allclose(out(m.result()), 1.0)


@pytest.mark.parametrize("cls,value,constraint,target", [
    (metrics.SensitivityAtSpecificity, 0.5, "spec", "sens"),
    (metrics.SpecificityAtSensitivity, 0.6, "sens", "spec"),
    (metrics.PrecisionAtRecall, 0.7, "sens", "prec"),
    (metrics.RecallAtPrecision, 0.5, "prec", "sens"),
])
@pytest.mark.parametrize("weighted", [False, True])
def test_at_metrics(cls, value, constraint, target, weighted):
    m = cls(value, num_thresholds=50)
    t, p, w = feed(m, weighted)
    thr = [0.0] + [(i + 1) / 49 for i in range(48)] + [1.0]
    c = R.counts(t, p, thr, w)
    rates = {"sens": R._div(c["tp"], c["tp"] + c["fn"]),
             "spec": R._div(c["tn"], c["tn"] + c["fp"]),
             "prec": R._div(c["tp"], c["tp"] + c["fp"])}
    feasible = rates[constraint] >= value
    expected = rates[target][feasible].max() if feasible.any() else 0.0
    np.testing.assert_allclose(out(m.result()), expected, rtol=1e-5)


def test_at_metrics_class_id_and_errors():
    m = metrics.PrecisionAtRecall(0.5, num_thresholds=20, class_id=0)
    t, p, _ = feed(m, False)
    thr = [0.0] + [(i + 1) / 19 for i in range(18)] + [1.0]
    c = R.counts(t[:, :1], p[:, :1], thr)
    rec, prec = R._div(c["tp"], c["tp"] + c["fn"]), R._div(c["tp"], c["tp"] + c["fp"])
    np.testing.assert_allclose(out(m.result()), prec[rec >= 0.5].max(), rtol=1e-5)
    with pytest.raises(ValueError, match="recall"):
        metrics.PrecisionAtRecall(1.5)
    with pytest.raises(ValueError, match="thresholds"):
        metrics.Precision(thresholds=[0.5, 2.0])


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("curve,method", [("ROC", "interpolation"), ("ROC", "minoring"),
                                          ("ROC", "majoring"), ("PR", "interpolation"),
                                          ("PR", "minoring"), ("PR", "majoring")])
def test_auc(curve, method, weighted):
    m = metrics.AUC(num_thresholds=30, curve=curve, summation_method=method)
    t, p, w = feed(m, weighted)
    c = R.counts(t, p, R.auc_thresholds(30), w)
    np.testing.assert_allclose(out(m.result()), R.auc(c, curve, method), rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("label_weights", [None, [1.0, 2.0, 0.5]])
@pytest.mark.parametrize("curve", ["ROC", "PR"])
def test_auc_multi_label(curve, label_weights):
    m = metrics.AUC(num_thresholds=25, curve=curve, multi_label=True,
                    label_weights=label_weights)
    t, p, w = feed(m, True)
    c = R.counts(t, p, R.auc_thresholds(25), w, axis_keep=True)
    np.testing.assert_allclose(out(m.result()),
                               R.auc(c, curve, multi_label=True, label_weights=label_weights),
                               rtol=1e-4, atol=1e-6)


def test_auc_label_weights_from_logits_and_explicit_thresholds():
    lw = [1.0, 0.0, 2.0]
    m = metrics.AUC(num_thresholds=20, label_weights=lw)
    t, p, _ = feed(m, False)
    c = R.counts(t, p, R.auc_thresholds(20), np.broadcast_to(lw, p.shape))
    np.testing.assert_allclose(out(m.result()), R.auc(c), rtol=1e-4)
    logits = np.log(Y_PRED[0] / (1 - Y_PRED[0]))
    m2 = metrics.AUC(num_thresholds=20, from_logits=True)
    m2.update_state(Y_TRUE[0], logits)
    c2 = R.counts(Y_TRUE[0], Y_PRED[0], R.auc_thresholds(20))
    np.testing.assert_allclose(out(m2.result()), R.auc(c2), rtol=1e-3)
    m3 = metrics.AUC(thresholds=[0.25, 0.5, 0.75])
    m3.update_state(Y_TRUE[0], Y_PRED[0])
    c3 = R.counts(Y_TRUE[0], Y_PRED[0], [-1e-7, 0.25, 0.5, 0.75, 1 + 1e-7])
    np.testing.assert_allclose(out(m3.result()), R.auc(c3), rtol=1e-5)


def test_auc_docs_example_and_errors():
    m = metrics.AUC(num_thresholds=3)
    m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    np.testing.assert_allclose(out(m.result()), 0.75, rtol=1e-6)
    with pytest.raises(ValueError, match="curve"):
        metrics.AUC(curve="XYZ")
    with pytest.raises(ValueError, match="summation_method"):
        metrics.AUC(summation_method="trapezoid")
