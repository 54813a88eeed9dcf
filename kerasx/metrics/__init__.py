"""Metrics (``kerasx.metrics``): stateful classes, function forms, name lookup.

Example:
    >>> m = kerasx.metrics.get("sparse_categorical_accuracy")
    >>> m.update_state([1, 0], [[0.1, 0.9], [0.8, 0.2]]); float(m.result())  # 1.0
"""

from kerasx.initializers import _lookup
from kerasx.losses.hinge_losses import categorical_hinge, hinge, squared_hinge
from kerasx.losses.probabilistic import (binary_crossentropy, binary_focal_crossentropy,
                                         categorical_crossentropy,
                                         categorical_focal_crossentropy, kl_divergence,
                                         poisson, sparse_categorical_crossentropy)
from kerasx.losses.regression import (log_cosh, mean_absolute_error,
                                      mean_absolute_percentage_error, mean_squared_error,
                                      mean_squared_logarithmic_error)
from kerasx.metrics.accuracy_metrics import (
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, accuracy, binary_accuracy,
    categorical_accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy)
from kerasx.metrics.auc import AUC
from kerasx.metrics.confusion_metrics import (
    FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall, RecallAtPrecision,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives)
from kerasx.metrics.f_score_metrics import F1Score, FBetaScore
from kerasx.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from kerasx.metrics.metric import Mean, MeanMetricWrapper, Metric, Sum
from kerasx.metrics.probabilistic_metrics import (
    BinaryCrossentropy, CategoricalCrossentropy, CategoricalHinge, Hinge, KLDivergence,
    Poisson, SparseCategoricalCrossentropy, SquaredHinge)
from kerasx.metrics.regression_metrics import (
    CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, R2Score, RootMeanSquaredError)

_MODULE = "keras.metrics"

_CLASSES = (
    Metric, Mean, Sum, MeanMetricWrapper, Accuracy, BinaryAccuracy, CategoricalAccuracy,
    SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, AUC,
    Precision, Recall, PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity,
    SpecificityAtSensitivity, TruePositives, TrueNegatives, FalsePositives, FalseNegatives,
    F1Score, FBetaScore, MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError,
    MeanAbsolutePercentageError, MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError,
    R2Score, MeanIoU, IoU, BinaryIoU, OneHotIoU, OneHotMeanIoU, BinaryCrossentropy,
    CategoricalCrossentropy, SparseCategoricalCrossentropy, Hinge, SquaredHinge,
    CategoricalHinge, KLDivergence, Poisson)
_FUNCTIONS = (
    accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
    top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, mean_squared_error,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    log_cosh, binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, sparse_categorical_crossentropy, kl_divergence, poisson,
    hinge, squared_hinge, categorical_hinge)

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

ALL_OBJECTS = {c.__name__: c for c in _CLASSES}
ALL_OBJECTS.update({f.__name__: f for f in _FUNCTIONS})
ALL_OBJECTS.update({
    "mse": mse, "MSE": mse, "mae": mae, "MAE": mae, "mape": mape, "MAPE": mape,
    "msle": msle, "MSLE": msle, "kld": kld, "KLD": kld, "kullback_leibler_divergence": kld,
    "logcosh": log_cosh, "acc": accuracy,
})


def serialize(metric):
    """Keras 3 config of a metric object, or of a built-in metric function."""
    return _lookup.serialize_with_functions(metric, _MODULE)


def deserialize(config, custom_objects=None):
    """A metric (object or function) from a name or config dict.

    Raises:
        ValueError: for an unknown name, listing the closest valid names.
    """
    return _lookup.deserialize_with_functions("metric", config, ALL_OBJECTS, custom_objects)


def get(identifier):
    """A metric from None, a name, a config dict, a Metric class/instance or a function.

    Names resolve to the function form ("mse", "categorical_accuracy") or the
    class ("AUC"); "accuracy"/"acc" give the plain ``accuracy`` function — the
    training loop picks binary/categorical/sparse accuracy from the loss.

    Raises:
        ValueError: if ``identifier`` cannot be interpreted.
    """
    return _lookup.get_object("metric", identifier, ALL_OBJECTS, deserialize)


__all__ = sorted(set(ALL_OBJECTS) | {"serialize", "deserialize", "get"})
