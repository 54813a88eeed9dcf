"""Probabilistic losses: cross-entropies (binary, categorical, sparse, focal), KL, Poisson."""

import numpy as np

from kerasx import config
from kerasx import dtypes
from kerasx import ops
from kerasx.backends import B
from kerasx.losses.loss import (LossFunctionWrapper, _static_shape, check_shapes,
                                squeeze_or_expand_to_same_rank)


def _prepare(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy, averaged over ``axis``.

    Args:
        from_logits: ``y_pred`` holds logits instead of probabilities.
        label_smoothing: squeezes labels towards 0.5 by this amount.

    Example:
        >>> binary_crossentropy([[0., 1.]], [[0.1, 0.9]])  # [0.105]
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25,
                              gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy scaled by ``(1 - p_t) ** gamma`` (and ``alpha`` balancing)."""
    y_true, y_pred = _prepare(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = ops.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1.0 - y_true) * (1.0 - y_pred)
    focal = ops.power(1.0 - p_t, float(gamma)) * bce
    if apply_class_balancing:
        focal = (y_true * alpha + (1.0 - y_true) * (1.0 - alpha)) * focal
    return ops.mean(focal, axis=axis)


def _smooth_categorical(y_true, label_smoothing, axis):
    if not label_smoothing:
        return y_true
    n = ops.cast(ops.shape(y_true)[axis], y_true.dtype)
    return y_true * (1.0 - label_smoothing) + label_smoothing / n


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Categorical cross-entropy between one-hot ``y_true`` and probabilities/logits ``y_pred``.

    Raises:
        ValueError: if the shapes of ``y_true`` and ``y_pred`` differ.
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    check_shapes("categorical_crossentropy", y_true, y_pred, exact=True)
    y_true = _smooth_categorical(y_true, label_smoothing, axis)
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """Categorical cross-entropy weighted by ``alpha * (1 - p) ** gamma`` per class."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    y_true = _smooth_categorical(y_true, label_smoothing, axis)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    out = y_pred / ops.sum(y_pred, axis=axis, keepdims=True)
    eps = config.epsilon()
    out = ops.clip(out, eps, 1.0 - eps)
    cce = -y_true * ops.log(out)
    weight = alpha * ops.power(1.0 - out, float(gamma))
    return ops.sum(weight * cce, axis=axis)


def _sparse_with_mask(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1,
                      name="sparse_categorical_crossentropy"):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    check_sparse_labels(name, y_true, y_pred, ignore_class)
    st, sp = _static_shape(y_true), _static_shape(y_pred)
    if st is not None and sp is not None and len(st) == len(sp) and st and st[-1] == 1:
        y_true = ops.squeeze(y_true, -1)
    mask = None
    if ignore_class is not None:
        mask = ops.not_equal(y_true, ops.cast(ignore_class, y_true.dtype))
        y_true = ops.where(mask, y_true, ops.zeros_like(y_true))
        y_pred = y_pred * ops.cast(ops.expand_dims(mask, axis), y_pred.dtype)
    if ops.dtype(y_true) not in ("int32", "int64"):
        y_true = ops.cast(y_true, "int32")
    res = ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    if mask is not None:
        res = ops.where(mask, res, ops.zeros_like(res))
    return res, mask


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None,
                                    axis=-1):
    """Cross-entropy between integer labels ``y_true`` and probabilities/logits ``y_pred``.

    Args:
        ignore_class: a label value whose entries get zero loss.

    Example:
        >>> sparse_categorical_crossentropy([1], [[0.1, 0.9]])  # [0.105]
    """
    return _sparse_with_mask(y_true, y_pred, from_logits, ignore_class, axis)[0]


def kl_divergence(y_true, y_pred):
    """``sum(y_true * log(y_true / y_pred), axis=-1)`` with both clipped to [eps, 1]."""
    y_true, y_pred = _prepare(y_true, y_pred)
    eps = config.epsilon()
    y_true = ops.clip(y_true, eps, 1.0)
    y_pred = ops.clip(y_pred, eps, 1.0)
    return ops.sum(y_true * ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """``mean(y_pred - y_true * log(y_pred + eps), axis=-1)``."""
    y_true, y_pred = _prepare(y_true, y_pred)
    return ops.mean(y_pred - y_true * ops.log(y_pred + config.epsilon()), axis=-1)


class BinaryCrossentropy(LossFunctionWrapper):
    """Binary cross-entropy. Example: ``BinaryCrossentropy(from_logits=True)(y, logits)``."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class BinaryFocalCrossentropy(LossFunctionWrapper):
    """Binary focal cross-entropy (``gamma`` focusing, optional ``alpha`` class balancing)."""

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_focal_crossentropy", dtype=None):
        super().__init__(binary_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class CategoricalCrossentropy(LossFunctionWrapper):
    """Categorical cross-entropy for one-hot labels."""

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)

    def call(self, y_true, y_pred):
        check_shapes(self.name, y_true, y_pred, exact=True)
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class CategoricalFocalCrossentropy(LossFunctionWrapper):
    """Categorical focal cross-entropy for one-hot labels."""

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_focal_crossentropy",
                 dtype=None):
        super().__init__(categorical_focal_crossentropy, name=name, reduction=reduction,
                         dtype=dtype, alpha=alpha, gamma=gamma, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)

    def call(self, y_true, y_pred):
        check_shapes(self.name, y_true, y_pred, exact=True)
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Cross-entropy for integer labels; entries equal to ``ignore_class`` are left out
    of the loss and of the mean.

    Raises:
        ValueError: when the label shape does not fit ``y_pred`` or (eagerly) a label is
            outside ``[0, num_classes)``.
    """

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size",
                 axis=-1, name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, name=name, reduction=reduction,
                         dtype=dtype, from_logits=from_logits, ignore_class=ignore_class,
                         axis=axis)

    def _convert_y_true(self, y_true):
        # integer labels stay integers (the loss indexes with them; a float round trip
        # would only add two casts); float labels are converted as for every loss
        y_true = ops.convert_to_tensor(y_true)
        if dtypes.is_int(ops.dtype(y_true)):
            return y_true
        return ops.convert_to_tensor(y_true, dtype=self.dtype)

    def _call_with_mask(self, y_true, y_pred):
        return _sparse_with_mask(y_true, y_pred, name=self.name, **self._fn_kwargs)

    def _fused_mean(self, y_true, y_pred):
        # a backend may compute the whole mean as one kernel (torch: F.cross_entropy)
        kw = self._fn_kwargs
        fused = getattr(getattr(B, "losses", None), "sparse_categorical_crossentropy_mean", None)
        if fused is None or kw["ignore_class"] is not None or kw["axis"] != -1:
            return None
        return fused(y_true, y_pred, from_logits=kw["from_logits"], dtype=self.dtype,
                     name=self.name)


def check_sparse_labels(name, y_true, y_pred, ignore_class=None):
    """Checks the label shape and, for concrete values, the label range."""
    st, sp = _static_shape(y_true), _static_shape(y_pred)
    if st is not None and sp is not None:
        labels = list(st[:-1]) if len(st) == len(sp) and st and st[-1] == 1 else list(st)
        expected = list(sp[:-1])
        good = len(labels) == len(expected) and all(
            a is None or b is None or a == b for a, b in zip(labels, expected))
        if not good:
            raise ValueError(
                f"{name}: y_true (integer labels) must have shape y_pred.shape[:-1] "
                f"(or with a trailing 1); got y_true.shape={st}, y_pred.shape={sp}.")
    if sp is None or sp[-1] is None:
        return
    values = _concrete(y_true)
    if values is None or values.size == 0:
        return
    valid = values if ignore_class is None else values[values != ignore_class]
    if valid.size and (valid.min() < 0 or valid.max() >= sp[-1]):
        raise ValueError(
            f"{name}: labels must be integers in [0, {sp[-1]}) for y_pred with {sp[-1]} "
            f"classes; got labels in [{valid.min():g}, {valid.max():g}] (y_true.shape={st}, "
            f"y_pred.shape={sp}).")


def _concrete(x):
    """NumPy value of ``x`` when it is concrete (not traced/symbolic), else None."""
    if isinstance(x, (np.ndarray, list, tuple, int, float)):
        return np.asarray(x)
    if B.core.in_tracing():
        return None
    try:
        return np.asarray(ops.convert_to_numpy(x))
    except Exception:  # symbolic or traced values cannot be checked eagerly
        return None


class KLDivergence(LossFunctionWrapper):
    """Kullback-Leibler divergence ``sum(y_true * log(y_true / y_pred))``."""

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, name=name, reduction=reduction, dtype=dtype)


class Poisson(LossFunctionWrapper):
    """Poisson loss ``mean(y_pred - y_true * log(y_pred))``."""

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, name=name, reduction=reduction, dtype=dtype)
