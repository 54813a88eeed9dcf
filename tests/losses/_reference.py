"""NumPy reference implementations of the losses (per-sample values, float64)."""

import numpy as np

EPS = 1e-7


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def mse(t, p):
    return ((t - p) ** 2).mean(-1)


def mae(t, p):
    return np.abs(t - p).mean(-1)


def mape(t, p):
    return 100 * np.abs((t - p) / np.maximum(np.abs(t), EPS)).mean(-1)


def msle(t, p):
    return ((np.log(np.maximum(p, EPS) + 1) - np.log(np.maximum(t, EPS) + 1)) ** 2).mean(-1)


def huber(t, p, delta=1.0):
    e = np.abs(p - t)
    return np.where(e <= delta, 0.5 * e ** 2, delta * e - 0.5 * delta ** 2).mean(-1)


def log_cosh(t, p):
    return np.log(np.cosh(p - t)).mean(-1)


def cosine_similarity(t, p, axis=-1):
    tn = t / np.sqrt(np.maximum((t ** 2).sum(axis, keepdims=True), 1e-12))
    pn = p / np.sqrt(np.maximum((p ** 2).sum(axis, keepdims=True), 1e-12))
    return -(tn * pn).sum(axis)


def _bce(t, p):
    p = np.clip(p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


def bce(t, p, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        return (np.maximum(p, 0) - p * t + np.log1p(np.exp(-np.abs(p)))).mean(-1)
    return _bce(t, p).mean(-1)


def binary_focal(t, p, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        p = sigmoid(p)
    pt = t * p + (1 - t) * (1 - p)
    out = (1 - pt) ** gamma * _bce(t, p)
    if apply_class_balancing:
        out = (t * alpha + (1 - t) * (1 - alpha)) * out
    return out.mean(-1)


def cce(t, p, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[-1]
    if from_logits:
        return -(t * np.log(softmax(p))).sum(-1)
    p = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return -(t * np.log(p)).sum(-1)


def categorical_focal(t, p, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[-1]
    if from_logits:
        p = softmax(p)
    p = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return (alpha * (1 - p) ** gamma * -t * np.log(p)).sum(-1)


def scce(labels, p, from_logits=False):
    onehot = np.eye(p.shape[-1])[labels.astype(int)]
    return cce(onehot, p, from_logits=from_logits)


def kld(t, p):
    t, p = np.clip(t, EPS, 1), np.clip(p, EPS, 1)
    return (t * np.log(t / p)).sum(-1)


def poisson(t, p):
    return (p - t * np.log(p + EPS)).mean(-1)


def _signed(t):
    return 2 * t - 1 if np.all((t == 0) | (t == 1)) else t


def hinge(t, p):
    return np.maximum(1 - _signed(t) * p, 0).mean(-1)


def squared_hinge(t, p):
    return (np.maximum(1 - _signed(t) * p, 0) ** 2).mean(-1)


def categorical_hinge(t, p):
    pos = (t * p).sum(-1)
    neg = ((1 - t) * p).max(-1)
    return np.maximum(neg - pos + 1, 0)


def dice(t, p, axis=None):
    inter = (t * p).sum(axis)
    return 1 - 2 * inter / (t.sum(axis) + p.sum(axis) + EPS)


def tversky(t, p, alpha=0.5, beta=0.5, axis=None):
    inter = (t * p).sum(axis)
    fp = ((1 - p) * t).sum(axis)
    fn = (p * (1 - t)).sum(axis)
    return 1 - inter / (inter + alpha * fp + beta * fn + EPS)


def reduce(values, sample_weight=None, reduction="sum_over_batch_size"):
    values = np.asarray(values, np.float64)
    if sample_weight is not None:
        sw = np.asarray(sample_weight, np.float64)
        values = values * sw.reshape(sw.shape + (1,) * (values.ndim - sw.ndim))
    if reduction in ("none", None) or values.ndim == 0:
        return values
    if reduction == "sum":
        return values.sum()
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        return values.sum() / np.broadcast_to(
            np.asarray(sample_weight, np.float64), np.shape(sample_weight)).sum()
    return values.sum() / values.size
