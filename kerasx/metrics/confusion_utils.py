"""Shared update of thresholded confusion-matrix counts (TP/FP/TN/FN per threshold)."""

from kerasx import ops
from kerasx.losses.loss import squeeze_or_expand_to_same_rank

NEG_INF = -1e10
KINDS = ("tp", "fp", "tn", "fn")


def filter_top_k(x, k):
    """Keeps the ``k`` largest values along the last axis; sets the rest to -1e10."""
    _, idx = ops.top_k(x, k)
    mask = ops.sum(ops.one_hot(idx, x.shape[-1], dtype=x.dtype), axis=-2)
    return x * mask + NEG_INF * (1.0 - mask)


def update_confusion_variables(variables, y_true, y_pred, thresholds, top_k=None,
                               class_id=None, sample_weight=None, multi_label=False,
                               label_weights=None, where="metric", evenly_spaced=False):
    """Adds this batch's weighted counts to ``variables`` ({"tp": var, ...}).

    A prediction is positive at threshold ``t`` when ``y_pred > t``; a label is
    positive when non-zero. Counts have shape ``(len(thresholds),)``, or
    ``(len(thresholds), num_labels)`` with ``multi_label``. With ``evenly_spaced``
    (thresholds ``i / (n - 1)``, the ends possibly nudged by an epsilon) the counts
    come from per-bucket sums instead of an (n_thresholds x n_predictions) comparison.
    """
    dtype = next(iter(variables.values())).dtype
    y_true = ops.cast(ops.convert_to_tensor(y_true), dtype)
    y_pred = ops.cast(ops.convert_to_tensor(y_pred), dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    w = None
    if sample_weight is not None:
        w = ops.expand_dims(ops.cast(ops.convert_to_tensor(sample_weight), dtype), -1)
        _, w = squeeze_or_expand_to_same_rank(y_true, w, expand_rank_1=False)
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        if len(y_pred.shape) < 2:
            raise ValueError(
                f"{where}: class_id requires y_pred of shape (num_samples, num_classes); got "
                f"y_pred.shape={tuple(y_pred.shape)}.")
        y_true = ops.expand_dims(ops.take(y_true, class_id, axis=-1), -1)
        y_pred = ops.expand_dims(ops.take(y_pred, class_id, axis=-1), -1)
    if tuple(y_true.shape) != tuple(y_pred.shape):
        try:
            y_true = ops.broadcast_to(y_true, ops.shape(y_pred))
        except ValueError:
            raise ValueError(
                f"{where}: y_true and y_pred shapes do not match: y_true.shape="
                f"{tuple(y_true.shape)}, y_pred.shape={tuple(y_pred.shape)}.") from None
    if w is not None:
        w = ops.broadcast_to(w, ops.shape(y_pred))
    if label_weights is not None and not multi_label:
        lw = ops.broadcast_to(ops.cast(ops.convert_to_tensor(label_weights), dtype),
                              ops.shape(y_pred))
        w = lw if w is None else w * lw
    if evenly_spaced:
        _bucketed_update(variables, y_true, y_pred, w, list(thresholds), multi_label, dtype)
        return
    thr = ops.convert_to_tensor(list(thresholds), dtype=dtype)
    if multi_label:
        n = y_pred.shape[-1]
        preds = ops.reshape(y_pred, (1, -1, n))
        labels = ops.reshape(y_true, (1, -1, n))
        thr = ops.reshape(thr, (-1, 1, 1))
        w = None if w is None else ops.reshape(w, (1, -1, n))
    else:
        preds = ops.reshape(y_pred, (1, -1))
        labels = ops.reshape(y_true, (1, -1))
        thr = ops.reshape(thr, (-1, 1))
        w = None if w is None else ops.reshape(w, (1, -1))
    pos = ops.cast(ops.greater(preds, thr), dtype)
    lab = ops.cast(ops.not_equal(labels, 0), dtype)
    if w is None:
        w = ops.ones_like(lab)
    terms = {"tp": lab * w * pos, "fp": (1.0 - lab) * w * pos,
             "fn": lab * w * (1.0 - pos), "tn": (1.0 - lab) * w * (1.0 - pos)}
    for kind, var in variables.items():
        var.assign(var.value + ops.sum(terms[kind], axis=1))


def _bucketed_update(variables, y_true, y_pred, w, thresholds, multi_label, dtype):
    """Counts per threshold via bucket sums: prediction p exceeds thresholds 0..b with
    b = ceil(p * (n - 1)) - 1 (at least 0 when the first threshold is below 0)."""
    n = len(thresholds)
    labels_axis = y_pred.shape[-1] if multi_label else 1
    preds = ops.reshape(y_pred, (-1, labels_axis) if multi_label else (-1,))
    lab = ops.cast(ops.not_equal(ops.reshape(y_true, ops.shape(preds)), 0), dtype)
    w = ops.ones_like(lab) if w is None else ops.reshape(w, ops.shape(preds))
    bucket = ops.ceil(preds * float(n - 1)) - 1.0
    if thresholds[0] < 0:
        bucket = ops.maximum(bucket, 0.0)
    ids = ops.cast(ops.clip(bucket, -1.0, float(n - 1)), "int32") + 1  # 0 = exceeds none
    if multi_label:
        ids = ids * labels_axis + ops.arange(labels_axis, dtype="int32")
    num = (n + 1) * labels_axis
    flat_ids = ops.reshape(ids, (-1,))
    pos = ops.segment_sum(ops.reshape(lab * w, (-1,)), flat_ids, num_segments=num)
    neg = ops.segment_sum(ops.reshape((1.0 - lab) * w, (-1,)), flat_ids, num_segments=num)
    pos = ops.reshape(pos, (n + 1, labels_axis))
    neg = ops.reshape(neg, (n + 1, labels_axis))
    # Weight of predictions exceeding threshold i: the sum over bucket ids >= i + 1.
    pos_above = ops.flip(ops.cumsum(ops.flip(pos, 0), axis=0), 0)[1:]
    neg_above = ops.flip(ops.cumsum(ops.flip(neg, 0), axis=0), 0)[1:]
    pos_total, neg_total = ops.sum(pos, axis=0), ops.sum(neg, axis=0)
    counts = {"tp": pos_above, "fp": neg_above, "fn": pos_total - pos_above,
              "tn": neg_total - neg_above}
    for kind, var in variables.items():
        value = counts[kind] if multi_label else ops.reshape(counts[kind], (n,))
        var.assign(var.value + ops.cast(value, var.dtype))


def check_thresholds(thresholds, default, where):
    """Returns ``(list_of_thresholds, was_a_single_value)``.

    Raises:
        ValueError: if a threshold is outside [0, 1].
    """
    if thresholds is None:
        return [default], True
    single = isinstance(thresholds, (int, float))
    values = [float(thresholds)] if single else [float(t) for t in thresholds]
    for t in values:
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"{where}: thresholds must be in [0, 1], got {thresholds!r}.")
    return values, single
