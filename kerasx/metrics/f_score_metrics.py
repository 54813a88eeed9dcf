"""F-beta and F1 scores."""

from kerasx import config
from kerasx import ops
from kerasx.metrics.metric import Metric

_AVERAGES = (None, "micro", "macro", "weighted")


class FBetaScore(Metric):
    """F-beta score ``(1 + beta**2) * P * R / (beta**2 * P + R)`` per class or averaged.

    Args:
        average: None (per class), "micro", "macro" or "weighted".
        beta: weight of recall (> 0; default 1.0).
        threshold: predictions above it are positive; None: the row's maximum is positive.

    Raises:
        ValueError: for an invalid average, beta or threshold.

    Example:
        >>> m = FBetaScore(beta=2.0, threshold=0.5, average="macro")
    """

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        cls = type(self).__name__
        if average not in _AVERAGES:
            raise ValueError(f"{cls}: average must be one of {_AVERAGES}, got {average!r}.")
        if not isinstance(beta, (int, float)) or beta <= 0:
            raise ValueError(f"{cls}: beta must be a float > 0, got {beta!r}.")
        if threshold is not None and (not isinstance(threshold, (int, float))
                                      or not 0 < threshold <= 1):
            raise ValueError(f"{cls}: threshold must be a float in (0, 1], got {threshold!r}.")
        self.average = average
        self.beta = float(beta)
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def build(self, y_true_shape, y_pred_shape):
        """Creates the per-class state from the shapes (done by the first update otherwise)."""
        if not self._built:
            self._build(int(tuple(y_pred_shape)[-1]))

    def _build(self, num_classes):
        shape = () if self.average == "micro" else (num_classes,)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self.intermediate_weights = self.add_variable(shape, "zeros",
                                                      name="intermediate_weights")
        self._num_classes = num_classes
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if len(y_pred.shape) != 2 or tuple(y_true.shape) != tuple(y_pred.shape):
            raise ValueError(
                f"{type(self).__name__}: y_true and y_pred must be 2D with the same shape "
                f"(batch, num_classes); got y_true.shape={tuple(y_true.shape)}, "
                f"y_pred.shape={tuple(y_pred.shape)}.")
        if not self._built:
            self._build(int(y_pred.shape[-1]))
        if self.threshold is None:
            top = ops.max(y_pred, axis=-1, keepdims=True)
            pred = ops.logical_and(ops.greater_equal(y_pred, top),
                                   ops.greater(ops.abs(y_pred), 1e-9))
        else:
            pred = ops.greater(y_pred, self.threshold)
        pred = ops.cast(pred, self.dtype)
        w = None
        if sample_weight is not None:
            w = ops.expand_dims(ops.convert_to_tensor(sample_weight, dtype=self.dtype), 1)

        def wsum(x):
            return ops.sum(x if w is None else x * w, axis=self.axis)

        self.true_positives.assign(self.true_positives.value + wsum(pred * y_true))
        self.false_positives.assign(self.false_positives.value + wsum(pred * (1.0 - y_true)))
        self.false_negatives.assign(self.false_negatives.value + wsum((1.0 - pred) * y_true))
        self.intermediate_weights.assign(self.intermediate_weights.value + wsum(y_true))

    def result(self):
        if not self._built:
            return ops.convert_to_tensor(0.0, dtype=self.dtype)
        eps = config.epsilon()
        tp = self.true_positives.value
        precision = tp / (tp + self.false_positives.value + eps)
        recall = tp / (tp + self.false_negatives.value + eps)
        b2 = self.beta ** 2
        f = precision * recall / (b2 * precision + recall + eps) * (1.0 + b2)
        if self.average == "weighted":
            iw = self.intermediate_weights.value
            return ops.sum(f * iw / (ops.sum(iw) + eps))
        if self.average is not None:
            return ops.mean(f)
        return f

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        config_ = super().get_config()
        config_.update({"average": self.average, "beta": self.beta,
                        "threshold": self.threshold})
        return config_


class F1Score(FBetaScore):
    """F1 score (``FBetaScore`` with ``beta=1``).

    Example:
        >>> m = F1Score(threshold=0.5)
        >>> m.update_state(np.array([[1, 0], [0, 1]]), np.array([[0.9, 0.2], [0.6, 0.4]]))
    """

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config_ = super().get_config()
        config_.pop("beta")
        return config_
