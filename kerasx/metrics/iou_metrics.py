"""Intersection-over-union metrics from an accumulated confusion matrix."""

from kerasx import config
from kerasx import ops
from kerasx.metrics.metric import Metric


class _IoUBase(Metric):
    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype)
        if int(num_classes) < 1:
            raise ValueError(f"{type(self).__name__}: num_classes must be >= 1, got {num_classes}.")
        self.num_classes = int(num_classes)
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable((self.num_classes, self.num_classes), "zeros",
                                          name="total_confusion_matrix")

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Adds the batch's (weighted) confusion matrix: rows are labels, columns predictions."""
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        y_true = ops.reshape(ops.cast(ops.convert_to_tensor(y_true), "int32"), (-1,))
        y_pred = ops.reshape(ops.cast(ops.convert_to_tensor(y_pred), "int32"), (-1,))
        if sample_weight is None:
            w = ops.ones_like(y_true, dtype=self.dtype)
        else:
            w = ops.reshape(ops.cast(ops.convert_to_tensor(sample_weight), self.dtype), (-1,))
            w = ops.broadcast_to(w, ops.shape(y_true))
        n = self.num_classes
        valid = ops.logical_and(
            ops.logical_and(ops.greater_equal(y_true, 0), ops.less(y_true, n)),
            ops.logical_and(ops.greater_equal(y_pred, 0), ops.less(y_pred, n)))
        if self.ignore_class is not None:
            valid = ops.logical_and(valid, ops.not_equal(y_true, int(self.ignore_class)))
        # Out-of-range labels/predictions and the ignored class get zero weight.
        y_true = ops.where(valid, y_true, ops.zeros_like(y_true))
        y_pred = ops.where(valid, y_pred, ops.zeros_like(y_pred))
        w = w * ops.cast(valid, self.dtype)
        t = ops.one_hot(y_true, self.num_classes, dtype=self.dtype)
        p = ops.one_hot(y_pred, self.num_classes, dtype=self.dtype)
        cm = ops.matmul(ops.transpose(t * ops.expand_dims(w, -1)), p)
        self.total_cm.assign(self.total_cm.value + cm)

    def get_config(self):
        config_ = super().get_config()
        config_.update({"num_classes": self.num_classes, "ignore_class": self.ignore_class,
                        "sparse_y_true": self.sparse_y_true,
                        "sparse_y_pred": self.sparse_y_pred, "axis": self.axis})
        return config_


class IoU(_IoUBase):
    """Mean IoU over ``target_class_ids``: ``TP / (TP + FP + FN)`` per class.

    Args:
        num_classes: number of classes.
        target_class_ids: classes whose IoU is averaged.
        ignore_class: a label whose entries are left out.
        sparse_y_true, sparse_y_pred: False when given as one-hot/scores (argmax over ``axis``).

    Example:
        >>> m = IoU(num_classes=2, target_class_ids=[0])
        >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1]); float(m.result())  # 0.333
    """

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis)
        ids = list(target_class_ids)
        if not ids or max(ids) >= self.num_classes or min(ids) < 0:
            raise ValueError(
                f"{type(self).__name__}: target_class_ids must be non-empty ids in "
                f"[0, {self.num_classes}), got {target_class_ids!r}.")
        self.target_class_ids = ids

    def result(self):
        cm = self.total_cm.value
        pred_count = ops.sum(cm, axis=0)
        true_count = ops.sum(cm, axis=1)
        tp = ops.diagonal(cm)
        denom = pred_count + true_count - tp
        ids = ops.convert_to_tensor(self.target_class_ids, dtype="int32")
        tp = ops.take(tp, ids)
        denom = ops.take(denom, ids)
        valid = ops.sum(ops.cast(ops.greater(denom, 1e-9), self.dtype))
        iou = tp / (denom + config.epsilon())
        return ops.sum(iou) / (valid + config.epsilon())

    def get_config(self):
        config_ = super().get_config()
        config_["target_class_ids"] = self.target_class_ids
        return config_


class MeanIoU(IoU):
    """IoU averaged over all ``num_classes`` classes."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, list(range(int(num_classes))), name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config_ = super().get_config()
        config_.pop("target_class_ids")
        return config_


class BinaryIoU(IoU):
    """IoU for binary labels; predictions ``>= threshold`` count as class 1."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(2, target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_pred = ops.cast(ops.greater_equal(y_pred, self.threshold), "int32")
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold,
                "name": self.name, "dtype": self._dtype}


class OneHotIoU(IoU):
    """IoU with one-hot labels (and, by default, score predictions)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes, target_class_ids, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config_ = super().get_config()
        config_.pop("sparse_y_true")
        return config_


class OneHotMeanIoU(MeanIoU):
    """MeanIoU with one-hot labels (and, by default, score predictions)."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        config_ = super().get_config()
        config_.pop("sparse_y_true")
        return config_
