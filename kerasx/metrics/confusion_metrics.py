"""Thresholded confusion-matrix metrics: TP/FP/TN/FN counts, Precision, Recall and
the "X at Y" metrics (SensitivityAtSpecificity, PrecisionAtRecall, ...)."""

from kerasx import ops
from kerasx.metrics.confusion_utils import NEG_INF, check_thresholds, update_confusion_variables
from kerasx.metrics.metric import Metric


def _first_or_all(value, n):
    return ops.take(value, 0) if n == 1 else value


class _ConfusionCount(Metric):
    _kind = "tp"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds, _ = check_thresholds(thresholds, 0.5, type(self).__name__)
        self.accumulator = self.add_variable((len(self.thresholds),), "zeros",
                                             name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_variables({self._kind: self.accumulator}, y_true, y_pred,
                                   self.thresholds, sample_weight=sample_weight,
                                   where=type(self).__name__)

    def result(self):
        return _first_or_all(ops.convert_to_tensor(self.accumulator.value), len(self.thresholds))

    def get_config(self):
        config = super().get_config()
        config["thresholds"] = self.init_thresholds
        return config


class TruePositives(_ConfusionCount):
    """Weighted count of positives predicted positive (``y_pred > threshold``).

    Example:
        >>> m = TruePositives()
        >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1]); float(m.result())  # 2.0
    """
    _kind = "tp"


class FalsePositives(_ConfusionCount):
    """Weighted count of negatives predicted positive."""
    _kind = "fp"


class TrueNegatives(_ConfusionCount):
    """Weighted count of negatives predicted negative."""
    _kind = "tn"


class FalseNegatives(_ConfusionCount):
    """Weighted count of positives predicted negative."""
    _kind = "fn"


class _PrecisionRecall(Metric):
    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else NEG_INF
        if thresholds is None:
            self.thresholds = [default]
        else:
            self.thresholds, _ = check_thresholds(thresholds, default, type(self).__name__)
        n = len(self.thresholds)
        self.true_positives = self.add_variable((n,), "zeros", name="true_positives")
        other = "false_positives" if self._other == "fp" else "false_negatives"
        self.other = self.add_variable((n,), "zeros", name=other)

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_variables({"tp": self.true_positives, self._other: self.other},
                                   y_true, y_pred, self.thresholds, top_k=self.top_k,
                                   class_id=self.class_id, sample_weight=sample_weight,
                                   where=type(self).__name__)

    def result(self):
        tp = self.true_positives.value
        value = ops.divide_no_nan(tp, tp + self.other.value)
        return _first_or_all(value, len(self.thresholds))

    def get_config(self):
        config = super().get_config()
        config.update({"thresholds": self.init_thresholds, "top_k": self.top_k,
                       "class_id": self.class_id})
        return config


class Precision(_PrecisionRecall):
    """``TP / (TP + FP)`` at each threshold (optionally within the top ``k`` or for one class).

    Args:
        thresholds: float or list in [0, 1] (default 0.5; with top_k, every top-k
            prediction is positive).
        top_k: only the k highest predictions per sample can be positive.
        class_id: only evaluate this class (last axis index).

    Example:
        >>> m = Precision(); m.update_state([0, 1, 1, 1], [1, 0, 1, 1]); float(m.result())  # 0.667
    """
    _other = "fp"

    @property
    def false_positives(self):
        return self.other


class Recall(_PrecisionRecall):
    """``TP / (TP + FN)`` at each threshold (optionally within the top ``k`` or for one class)."""
    _other = "fn"

    @property
    def false_negatives(self):
        return self.other


class _SensitivitySpecificityBase(Metric):
    _arg = "value"

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        cls = type(self).__name__
        if not 0 <= value <= 1:
            raise ValueError(f"{cls}: {self._arg} must be in [0, 1], got {value}.")
        if num_thresholds <= 0:
            raise ValueError(f"{cls}: num_thresholds must be > 0, got {num_thresholds}.")
        self.value = value
        self.num_thresholds = num_thresholds
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0] + inner + [1.0]
        n = len(self.thresholds)
        self.true_positives = self.add_variable((n,), "zeros", name="true_positives")
        self.false_positives = self.add_variable((n,), "zeros", name="false_positives")
        self.true_negatives = self.add_variable((n,), "zeros", name="true_negatives")
        self.false_negatives = self.add_variable((n,), "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_variables(
            {"tp": self.true_positives, "fp": self.false_positives,
             "tn": self.true_negatives, "fn": self.false_negatives},
            y_true, y_pred, self.thresholds, class_id=self.class_id,
            sample_weight=sample_weight, where=type(self).__name__,
            evenly_spaced=len(self.thresholds) > 1)

    def _rates(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        return {"sensitivity": ops.divide_no_nan(tp, tp + fn),
                "recall": ops.divide_no_nan(tp, tp + fn),
                "specificity": ops.divide_no_nan(tn, tn + fp),
                "precision": ops.divide_no_nan(tp, tp + fp)}

    def _max_under_constraint(self, constrained, dependent):
        feasible = ops.greater_equal(constrained, self.value)
        return ops.max(ops.where(feasible, dependent, ops.zeros_like(dependent)))

    def result(self):
        r = self._rates()
        return self._max_under_constraint(r[self._arg], r[self._target])

    def get_config(self):
        config = super().get_config()
        config.update({self._arg: self.value, "num_thresholds": self.num_thresholds,
                       "class_id": self.class_id})
        return config


class SensitivityAtSpecificity(_SensitivitySpecificityBase):
    """Best sensitivity (recall) among thresholds whose specificity is >= ``specificity``.

    Example:
        >>> m = SensitivityAtSpecificity(0.5)
    """
    _arg, _target = "specificity", "sensitivity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds, class_id, name, dtype)


class SpecificityAtSensitivity(_SensitivitySpecificityBase):
    """Best specificity among thresholds whose sensitivity is >= ``sensitivity``."""
    _arg, _target = "sensitivity", "specificity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds, class_id, name, dtype)


class PrecisionAtRecall(_SensitivitySpecificityBase):
    """Best precision among thresholds whose recall is >= ``recall``."""
    _arg, _target = "recall", "precision"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds, class_id, name, dtype)


class RecallAtPrecision(_SensitivitySpecificityBase):
    """Best recall among thresholds whose precision is >= ``precision``."""
    _arg, _target = "precision", "recall"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds, class_id, name, dtype)
