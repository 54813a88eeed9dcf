"""Regression metrics: MSE/MAE family, RMSE, cosine similarity, log-cosh, R2."""

from kerasx import ops
from kerasx.losses import regression as L
from kerasx.losses.loss import squeeze_or_expand_to_same_rank
from kerasx.metrics.metric import Mean, MeanMetricWrapper, Metric


class MeanSquaredError(MeanMetricWrapper):
    """Mean of ``(y_true - y_pred) ** 2``."""

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(L.mean_squared_error, name=name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """Mean of ``|y_true - y_pred|``."""

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(L.mean_absolute_error, name=name, dtype=dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Mean absolute percentage error."""

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(L.mean_absolute_percentage_error, name=name, dtype=dtype)


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Mean squared logarithmic error."""

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(L.mean_squared_logarithmic_error, name=name, dtype=dtype)


def _cosine(y_true, y_pred, axis=-1):
    return -L.cosine_similarity(y_true, y_pred, axis=axis)


class CosineSimilarity(MeanMetricWrapper):
    """Mean cosine similarity between labels and predictions along ``axis``."""

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(_cosine, name=name, dtype=dtype, axis=axis)


class LogCoshError(MeanMetricWrapper):
    """Mean of ``log(cosh(y_pred - y_true))``."""

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(L.log_cosh, name=name, dtype=dtype)


class RootMeanSquaredError(Mean):
    """``sqrt`` of the (weighted) mean squared error over all updates."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        super().update_state(ops.square(y_true - y_pred), sample_weight=sample_weight)

    def result(self):
        return ops.sqrt(ops.divide_no_nan(self.total.value, self.count.value))


class R2Score(Metric):
    """Coefficient of determination, per output (``class_aggregation`` over outputs).

    Args:
        class_aggregation: "uniform_average" (default), "variance_weighted_average" or None.
        num_regressors: number of regressors for the adjusted R2 (default 0).

    Raises:
        ValueError: for an invalid class_aggregation or a negative num_regressors.

    Example:
        >>> m = R2Score(); m.update_state(y_true, y_pred); m.result()
    """

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score",
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        valid = ("uniform_average", "variance_weighted_average", None)
        if class_aggregation not in valid:
            raise ValueError(f"R2Score: class_aggregation must be one of {valid}, got "
                             f"{class_aggregation!r}.")
        if num_regressors < 0:
            raise ValueError(f"R2Score: num_regressors must be >= 0, got {num_regressors}.")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self._built_outputs = None
        self.num_samples = self.add_variable((), "zeros", dtype="int32", name="num_samples")

    def build(self, y_true_shape, y_pred_shape):
        """Creates the per-output state from the shapes (done by the first update otherwise)."""
        if self._built_outputs is None:
            self._build(int(tuple(y_pred_shape)[-1]) if len(tuple(y_pred_shape)) > 1 else 1)

    def _build(self, num_outputs):
        self._built_outputs = num_outputs
        self.squared_sum = self.add_variable((num_outputs,), "zeros", name="squared_sum")
        self.sum = self.add_variable((num_outputs,), "zeros", name="sum")
        self.total_mse = self.add_variable((num_outputs,), "zeros", name="residual")
        self.count = self.add_variable((num_outputs,), "zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if len(y_true.shape) == 1:
            y_true = ops.expand_dims(y_true, 1)
        if len(y_pred.shape) == 1:
            y_pred = ops.expand_dims(y_pred, 1)
        if len(y_true.shape) != 2 or tuple(y_true.shape) != tuple(y_pred.shape):
            raise ValueError(
                f"R2Score: y_true and y_pred must be 2D with the same shape (batch, outputs); "
                f"got y_true.shape={tuple(y_true.shape)}, y_pred.shape={tuple(y_pred.shape)}.")
        if self._built_outputs is None:
            self._build(int(y_pred.shape[-1]))
        elif int(y_pred.shape[-1]) != self._built_outputs:
            raise ValueError(f"R2Score: expected {self._built_outputs} outputs (from the first "
                             f"update), got y_pred.shape={tuple(y_pred.shape)}.")
        if sample_weight is None:
            w = ops.ones_like(y_true)
        else:
            w = ops.convert_to_tensor(sample_weight, dtype=self.dtype)
            if len(w.shape) == 1:
                w = ops.expand_dims(w, 1)
            w = ops.broadcast_to(w, ops.shape(y_true))
        wy = y_true * w
        self.sum.assign(self.sum.value + ops.sum(wy, axis=0))
        self.squared_sum.assign(self.squared_sum.value + ops.sum(y_true * wy, axis=0))
        self.total_mse.assign(self.total_mse.value + ops.sum(ops.square(y_true - y_pred) * w,
                                                             axis=0))
        self.count.assign(self.count.value + ops.sum(w, axis=0))
        self.num_samples.assign(self.num_samples.value + ops.cast(ops.size(y_true), "int32"))

    def result(self):
        if self._built_outputs is None:
            return ops.convert_to_tensor(0.0, dtype=self.dtype)
        mean = self.sum.value / self.count.value
        total = self.squared_sum.value - self.sum.value * mean
        raw = 1.0 - self.total_mse.value / total
        raw = ops.where(ops.isinf(raw), ops.zeros_like(raw), raw)
        if self.class_aggregation == "uniform_average":
            r2 = ops.mean(raw)
        elif self.class_aggregation == "variance_weighted_average":
            r2 = ops.sum(total * raw) / ops.sum(total)
        else:
            r2 = raw
        if self.num_regressors:
            # Falls back to the plain score when n - p - 1 <= 0, as Keras does.
            n = ops.cast(self.num_samples.value, self.dtype)
            p = float(self.num_regressors)
            den = n - p - 1.0
            safe = ops.where(ops.greater(den, 0.0), den, 1.0)
            r2 = ops.where(ops.greater(den, 0.0), 1.0 - (1.0 - r2) * (n - 1.0) / safe, r2)
        return r2

    def get_config(self):
        config = super().get_config()
        config.update({"class_aggregation": self.class_aggregation,
                       "num_regressors": self.num_regressors})
        return config
