"""Accuracy metrics and their function forms."""

from kerasx import config
from kerasx import ops
from kerasx.losses.loss import squeeze_or_expand_to_same_rank
from kerasx.metrics.metric import MeanMetricWrapper


def accuracy(y_true, y_pred):
    """1.0 where ``y_true == y_pred`` elementwise, else 0.0."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return ops.cast(ops.equal(y_true, y_pred), config.floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where ``(y_pred > threshold) == y_true``, else 0.0.

    Example:
        >>> binary_accuracy([[1], [0]], [[0.7], [0.6]])  # [[1.], [0.]]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    pred = ops.cast(ops.greater(y_pred, threshold), y_true.dtype)
    return ops.cast(ops.equal(y_true, pred), config.floatx())


def categorical_accuracy(y_true, y_pred):
    """1.0 where ``argmax(y_true) == argmax(y_pred)`` (one-hot labels)."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.argmax(ops.convert_to_tensor(y_true), axis=-1)
    if len(labels.shape) == len(y_pred.shape) and labels.shape[-1] == 1:
        labels = ops.squeeze(labels, -1)
    pred = ops.argmax(y_pred, axis=-1)
    return ops.cast(ops.equal(ops.cast(labels, "int32"), ops.cast(pred, "int32")),
                    config.floatx())


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where integer ``y_true == argmax(y_pred)``.

    Example:
        >>> sparse_categorical_accuracy([2, 1], [[0.1, 0.6, 0.3], [0.05, 0.95, 0.]])  # [0., 1.]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, -1)
    pred = ops.argmax(y_pred, axis=-1)
    matches = ops.equal(ops.cast(y_true, "int32"), ops.cast(pred, "int32"))
    return ops.cast(matches, config.floatx())


def _in_top_k(labels, y_pred, k):
    labels = ops.cast(labels, "int32")
    shape = labels.shape
    if len(y_pred.shape) > 2:
        y_pred = ops.reshape(y_pred, (-1, y_pred.shape[-1]))
    flat = ops.reshape(labels, (-1,)) if len(shape) != 1 else labels
    matches = ops.cast(ops.in_top_k(flat, y_pred, k), config.floatx())
    if len(shape) != 1:
        matches = ops.reshape(matches, shape)
    return matches


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the one-hot label is among the ``k`` highest predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.argmax(ops.convert_to_tensor(y_true), axis=-1)
    return _in_top_k(labels, y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the integer label is among the ``k`` highest predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, -1)
    return _in_top_k(y_true, y_pred, k)


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels. Example: ``Accuracy()([1, 2], [1, 3])`` -> 0.5."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often ``y_pred > threshold`` matches binary labels."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    """How often ``argmax(y_pred)`` matches one-hot labels."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often ``argmax(y_pred)`` matches integer labels."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often one-hot labels are in the top ``k`` predictions."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often integer labels are in the top ``k`` predictions."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
