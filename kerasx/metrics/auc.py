"""AUC: area under the ROC or precision-recall curve from thresholded counts."""

from kerasx import ops
from kerasx.metrics.confusion_utils import update_confusion_variables
from kerasx.metrics.metric import Metric

_CURVES = ("ROC", "PR")
_SUMMATIONS = ("interpolation", "minoring", "majoring")


class AUC(Metric):
    """Approximate AUC with a Riemann sum over ``num_thresholds`` thresholds.

    Args:
        num_thresholds: number of thresholds (> 1; default 200).
        curve: "ROC" (default) or "PR".
        summation_method: "interpolation" (default; Davis-Goadrich for PR),
            "minoring" or "majoring".
        thresholds: explicit thresholds in [0, 1] (then num_thresholds is ignored).
        multi_label: compute one AUC per label (last axis) and average them.
        num_labels: number of labels with multi_label (inferred on first update).
        label_weights: per-label weights (averaging weights with multi_label).
        from_logits: apply a sigmoid to predictions first.

    Raises:
        ValueError: for an unknown curve/summation_method or bad thresholds.

    Example:
        >>> m = AUC(num_thresholds=3); m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
        >>> float(m.result())  # 0.75
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        super().__init__(name=name, dtype=dtype)
        curve_s = str(curve).upper()
        if curve_s not in _CURVES:
            raise ValueError(f"AUC: curve must be one of {_CURVES}, got {curve!r}.")
        method = str(summation_method).lower()
        if method not in _SUMMATIONS:
            raise ValueError(
                f"AUC: summation_method must be one of {_SUMMATIONS}, got {summation_method!r}.")
        eps = 1e-7
        if thresholds is not None:
            values = sorted(float(t) for t in thresholds)
            if any(t < 0 or t > 1 for t in values):
                raise ValueError(f"AUC: thresholds must be in [0, 1], got {thresholds!r}.")
            self.num_thresholds = len(values) + 2
        else:
            if num_thresholds <= 1:
                raise ValueError(f"AUC: num_thresholds must be > 1, got {num_thresholds}.")
            self.num_thresholds = num_thresholds
            values = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self._thresholds = [0.0 - eps] + values + [1.0 + eps]
        self._init_thresholds = None if thresholds is None else list(thresholds)
        self.curve = curve_s
        self.summation_method = method
        self.multi_label = bool(multi_label)
        self.num_labels = num_labels
        self.label_weights = None if label_weights is None else list(label_weights)
        self._label_weights_t = None
        self.from_logits = from_logits
        self._built = False
        if not self.multi_label:
            self._build(None)
        elif num_labels is not None:
            self._build(num_labels)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def build(self, y_true_shape, y_pred_shape):
        """With multi_label, creates the per-label state from the shapes (else a no-op)."""
        if not self._built:
            self._build(int(tuple(y_pred_shape)[-1]))

    def _build(self, num_labels):
        shape = (self.num_thresholds,) if num_labels is None else (self.num_thresholds,
                                                                     num_labels)
        self.num_labels = num_labels
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            if len(y_pred.shape) < 2:
                raise ValueError(
                    f"AUC(multi_label=True): y_pred must have a label axis (rank >= 2); got "
                    f"y_pred.shape={tuple(y_pred.shape)}.")
            self._build(int(y_pred.shape[-1]))
        if self.from_logits:
            y_pred = ops.sigmoid(y_pred)
        update_confusion_variables(
            {"tp": self.true_positives, "fp": self.false_positives,
             "tn": self.true_negatives, "fn": self.false_negatives},
            y_true, y_pred, self._thresholds, sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=None if self.multi_label else self.label_weights, where="AUC",
            evenly_spaced=self._init_thresholds is None)

    def _average(self, by_label):
        if not self.multi_label:
            return ops.sum(by_label)
        per_label = ops.sum(by_label, axis=0)
        if self.label_weights is None:
            return ops.mean(per_label)
        lw = ops.convert_to_tensor(self.label_weights, dtype=per_label.dtype)
        return ops.divide_no_nan(ops.sum(per_label * lw), ops.sum(lw))

    def _interpolate_pr_auc(self, tp, fp, fn):
        n = self.num_thresholds
        dtp = tp[: n - 1] - tp[1:]
        p = tp + fp
        dp = p[: n - 1] - p[1:]
        slope = ops.divide_no_nan(dtp, ops.maximum(dp, 0.0))
        intercept = tp[1:] - slope * p[1:]
        both = ops.logical_and(ops.greater(p[: n - 1], 0), ops.greater(p[1:], 0))
        ratio = ops.where(both, ops.divide_no_nan(p[: n - 1], ops.maximum(p[1:], 0.0)),
                          ops.ones_like(p[1:]))
        increment = ops.divide_no_nan(slope * (dtp + intercept * ops.log(ratio)),
                                      ops.maximum(tp[1:] + fn[1:], 0.0))
        return self._average(increment)

    def result(self):
        if not self._built:
            return ops.convert_to_tensor(0.0, dtype=self.dtype)
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolate_pr_auc(tp, fp, fn)
        recall = ops.divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = ops.divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, ops.divide_no_nan(tp, tp + fp)
        n = self.num_thresholds
        if self.summation_method == "interpolation":
            heights = (y[: n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = ops.minimum(y[: n - 1], y[1:])
        else:
            heights = ops.maximum(y[: n - 1], y[1:])
        return self._average((x[: n - 1] - x[1:]) * heights)

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        config = super().get_config()
        config.update({
            "num_thresholds": self.num_thresholds, "curve": self.curve,
            "summation_method": self.summation_method, "multi_label": self.multi_label,
            "num_labels": self.num_labels, "label_weights": self.label_weights,
            "from_logits": self.from_logits})
        if self._init_thresholds is not None:
            config["thresholds"] = self._init_thresholds
            config.pop("num_thresholds")
        return config
