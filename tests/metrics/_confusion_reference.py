"""NumPy references for thresholded confusion counts, AUC, IoU and F-scores."""

import numpy as np


def counts(y_true, y_pred, thresholds, sample_weight=None, axis_keep=False):
    """tp, fp, tn, fn per threshold (``axis_keep``: per label, last axis kept)."""
    y_true = np.asarray(y_true, float)
    y_pred = np.asarray(y_pred, float)
    w = np.ones_like(y_pred) if sample_weight is None else np.broadcast_to(
        np.asarray(sample_weight, float).reshape(
            np.shape(sample_weight) + (1,) * (y_pred.ndim - np.ndim(sample_weight))), y_pred.shape)
    lab = (y_true != 0).astype(float)
    res = {k: [] for k in ("tp", "fp", "tn", "fn")}
    for t in thresholds:
        pos = (y_pred > t).astype(float)
        terms = {"tp": lab * pos, "fp": (1 - lab) * pos, "fn": lab * (1 - pos),
                 "tn": (1 - lab) * (1 - pos)}
        for k, v in terms.items():
            v = v * w
            res[k].append(v.reshape(-1, y_pred.shape[-1]).sum(0) if axis_keep else v.sum())
    return {k: np.array(v) for k, v in res.items()}


def auc_thresholds(n):
    eps = 1e-7
    return [0 - eps] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1 + eps]


def _div(a, b):
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1.0, b))


def auc(c, curve="ROC", method="interpolation", multi_label=False, label_weights=None):
    tp, fp, tn, fn = c["tp"], c["fp"], c["tn"], c["fn"]
    n = len(tp)
    if curve == "PR" and method == "interpolation":
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = _div(dtp, np.maximum(dp, 0))
        inter = tp[1:] - slope * p[1:]
        ratio = np.where((p[:-1] > 0) & (p[1:] > 0), _div(p[:-1], np.maximum(p[1:], 0)), 1.0)
        terms = _div(slope * (dtp + inter * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))
    else:
        rec = _div(tp, tp + fn)
        if curve == "ROC":
            x, y = _div(fp, fp + tn), rec
        else:
            x, y = rec, _div(tp, tp + fp)
        h = {"interpolation": (y[:n - 1] + y[1:]) / 2, "minoring": np.minimum(y[:-1], y[1:]),
             "majoring": np.maximum(y[:-1], y[1:])}[method]
        terms = (x[:-1] - x[1:]) * h
    if not multi_label:
        return terms.sum()
    per = terms.sum(0)
    if label_weights is None:
        return per.mean()
    lw = np.asarray(label_weights, float)
    return (per * lw).sum() / lw.sum()


def confusion_matrix(labels, preds, n, w=None):
    cm = np.zeros((n, n))
    w = np.ones(len(labels)) if w is None else w
    for a, b, ww in zip(labels, preds, w):
        cm[int(a), int(b)] += ww
    return cm


def iou(cm, ids):
    tp = np.diag(cm)
    den = cm.sum(0) + cm.sum(1) - tp
    tp, den = tp[ids], den[ids]
    valid = (den > 1e-9).sum()
    return (tp / (den + 1e-7)).sum() / (valid + 1e-7)


def fbeta(y_true, y_pred, beta=1.0, threshold=None, average=None, sample_weight=None):
    eps = 1e-7
    if threshold is None:
        pred = ((y_pred >= y_pred.max(-1, keepdims=True)) & (np.abs(y_pred) > 1e-9)).astype(float)
    else:
        pred = (y_pred > threshold).astype(float)
    w = np.ones((len(y_true), 1)) if sample_weight is None else np.asarray(sample_weight)[:, None]
    axis = None if average == "micro" else 0
    tp = (pred * y_true * w).sum(axis)
    fp = (pred * (1 - y_true) * w).sum(axis)
    fn = ((1 - pred) * y_true * w).sum(axis)
    support = (y_true * w).sum(axis)
    p = tp / (tp + fp + eps)
    r = tp / (tp + fn + eps)
    f = p * r / (beta ** 2 * p + r + eps) * (1 + beta ** 2)
    if average == "weighted":
        return (f * support / (support.sum() + eps)).sum()
    if average is not None:
        return np.mean(f)
    return f
