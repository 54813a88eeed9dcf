"""The ``Loss`` base class and the reduction helpers shared with metrics."""

from kerasx import config
from kerasx import dtypes
from kerasx import ops
from kerasx import tree
from kerasx.core.masking import keras_mask_of

REDUCTIONS = ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", None)


def standardize_reduction(reduction, where="Loss"):
    """Validates ``reduction``.

    Raises:
        ValueError: naming the valid values.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"{where}: invalid reduction={reduction!r}; expected one of "
            f"{', '.join(repr(r) for r in REDUCTIONS)}.")
    return reduction


def _static_shape(x):
    shape = getattr(x, "shape", None)
    if shape is None:
        return None
    try:
        return tuple(None if d is None else int(d) for d in shape)
    except TypeError:
        return None


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Makes ranks equal when they differ by a trailing axis of size 1."""
    s1, s2 = _static_shape(x1), _static_shape(x2)
    if s1 is None or s2 is None or len(s1) == len(s2):
        return x1, x2
    if len(s1) == len(s2) + 1 and s1[-1] == 1:
        if len(s2) == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, -1)
        else:
            x1 = ops.squeeze(x1, -1)
    elif len(s2) == len(s1) + 1 and s2[-1] == 1:
        if len(s1) == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, -1)
        else:
            x2 = ops.squeeze(x2, -1)
    return x1, x2


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """Reduces already-weighted per-sample ``values`` to a scalar (or returns them for "none")."""
    shape = _static_shape(values)
    if reduction is None or reduction == "none" or shape == () or shape == (0,):
        return values
    total = ops.sum(values)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = ops.cast(ops.sum(sample_weight), total.dtype)
    elif shape is not None and None not in shape:
        count = 1
        for d in shape:
            count *= d
        if count:  # a known, non-zero element count: a plain division by a constant
            return ops.divide(total, float(count))
        return ops.zeros_like(total)
    else:
        divisor = ops.cast(ops.size(values), total.dtype)
    return ops.divide_no_nan(total, divisor)


def apply_mask(sample_weight, mask, dtype, reduction):
    """Folds a boolean ``mask`` into ``sample_weight`` (means then cover valid entries only)."""
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = ops.cast(ops.size(mask), dtype)
        valid = ops.sum(ops.cast(mask, dtype))
        weight = ops.divide_no_nan(total, valid)
        float_mask = ops.where(ops.cast(mask, "bool"), weight, ops.zeros_like(weight))
    else:
        float_mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = ops.cast(sample_weight, dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    return _expand_trailing(sample_weight, float_mask) * float_mask


def _expand_trailing(weights, target):
    """Per-sample weights for per-timestep values: adds trailing axes so they broadcast."""
    ts, ws = _static_shape(target), _static_shape(weights)
    if ts is None or ws is None or not 0 < len(ws) < len(ts):
        return weights
    for _ in range(len(ts) - len(ws)):
        weights = ops.expand_dims(weights, -1)
    return weights


def reduce_weighted_values(values, sample_weight=None, mask=None,
                           reduction="sum_over_batch_size", dtype=None):
    """Weights ``values`` by ``sample_weight`` (and ``mask``) and reduces them."""
    reduction = standardize_reduction(reduction)
    values = ops.convert_to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=values.dtype)
    sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        sample_weight = ops.cast(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        sample_weight = _expand_trailing(sample_weight, values)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


class Loss:
    """Base class of losses: ``loss(y_true, y_pred, sample_weight=None)`` -> scalar.

    Subclasses implement ``call(y_true, y_pred)`` returning per-sample losses.

    Args:
        name: the loss name.
        reduction: "sum_over_batch_size" (default), "sum", "mean",
            "mean_with_sample_weight", "none" or None.
        dtype: dtype of the computation (default floatx).

    Raises:
        ValueError: for an invalid reduction.

    Example:
        >>> class Abs(Loss):
        ...     def call(self, y_true, y_pred):
        ...         return ops.mean(ops.abs(y_true - y_pred), axis=-1)
        >>> Abs()(np.zeros((2, 3)), np.ones((2, 3)))  # 1.0
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or _snake(type(self).__name__)
        self.reduction = standardize_reduction(reduction, type(self).__name__)
        self._dtype = dtypes.standardize_dtype(dtype) if dtype is not None else None

    @property
    def dtype(self):
        return self._dtype or config.floatx()

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = keras_mask_of(y_pred)
        if sample_weight is None and in_mask is None and self.reduction == "sum_over_batch_size":
            fused = self._fused_mean(y_true, y_pred)
            if fused is not None:
                return fused
        y_pred = tree.map_structure(lambda x: ops.convert_to_tensor(x, dtype=self.dtype), y_pred)
        y_true = self._convert_y_true(y_true)
        values, out_mask = self._call_with_mask(y_true, y_pred)
        mask = out_mask if in_mask is None else (
            in_mask if out_mask is None else ops.logical_and(in_mask, out_mask))
        return reduce_weighted_values(values, sample_weight=sample_weight, mask=mask,
                                      reduction=self.reduction, dtype=self.dtype)

    def _convert_y_true(self, y_true):
        return tree.map_structure(lambda x: ops.convert_to_tensor(x, dtype=self.dtype), y_true)

    def _fused_mean(self, y_true, y_pred):
        """The unweighted, unmasked "sum_over_batch_size" loss computed by a backend's
        fused kernel, or None (the general path). Equal to the general path's value."""
        return None

    def _call_with_mask(self, y_true, y_pred):
        return self.call(y_true, y_pred), None

    def call(self, y_true, y_pred):
        raise TypeError(f"{type(self).__name__} must define call(y_true, y_pred).")

    def get_config(self):
        """``{"name", "reduction"}`` (and ``dtype`` when set)."""
        config_ = {"name": self.name, "reduction": self.reduction}
        if self._dtype is not None:
            config_["dtype"] = self._dtype
        return config_

    @classmethod
    def from_config(cls, config_):
        return cls(**config_)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


class LossFunctionWrapper(Loss):
    """Wraps a function ``fn(y_true, y_pred, **kwargs)`` -> per-sample losses as a ``Loss``.

    Example:
        >>> loss = LossFunctionWrapper(mean_squared_error, name="mse")
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name or getattr(fn, "__name__", None), reduction=reduction,
                         dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        check_shapes(self.name, y_true, y_pred)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config_ = super().get_config()
        config_.update(self._fn_kwargs)
        return config_


def check_shapes(name, y_true, y_pred, exact=False):
    """Raises ValueError naming the loss when y_true and y_pred shapes cannot match."""
    s1, s2 = _static_shape(y_true), _static_shape(y_pred)
    if s1 is None or s2 is None:
        return
    a, b = list(s1), list(s2)
    if len(a) == len(b) + 1 and a and a[-1] == 1:
        a = a[:-1]
    elif len(b) == len(a) + 1 and b and b[-1] == 1:
        b = b[:-1]
    ok = True
    if exact and len(a) != len(b):
        ok = False
    for da, db in zip(reversed(a), reversed(b)):
        if da is None or db is None:
            continue
        if exact and da != db:
            ok = False
        if da != db and da != 1 and db != 1:
            ok = False
    if not ok:
        raise ValueError(
            f"{name}: y_true and y_pred have incompatible shapes: y_true.shape={s1}, "
            f"y_pred.shape={s2}. Expected "
            f"{'the same shape' if exact else 'shapes that broadcast together'}.")


def _snake(name):
    import re
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
