"""The ``Metric`` base class and the reducing metrics ``Sum``, ``Mean``, ``MeanMetricWrapper``.

State lives in non-trainable kerasx Variables updated with ``assign*`` and
kerasx.ops only (no Python branching on values), so updates also run inside
``jax.jit`` through ``stateless_update_state``.
"""

import re

from kerasx import config
from kerasx import dtypes
from kerasx import ops
from kerasx.core import scope as scope_mod
from kerasx.core.masking import keras_mask_of
from kerasx.losses.loss import apply_mask, squeeze_or_expand_to_same_rank


def _initializer(init):
    if callable(init):
        return init
    if init in ("zeros", None):
        return lambda shape, dtype=None: ops.zeros(shape, dtype=dtype)
    if init == "ones":
        return lambda shape, dtype=None: ops.ones(shape, dtype=dtype)
    if isinstance(init, str):
        from kerasx import initializers
        return initializers.get(init)
    value = init
    return lambda shape, dtype=None: ops.full(shape, value, dtype=dtype)


class Metric:
    """Base class of stateful metrics.

    Subclasses create state with ``add_variable`` in ``__init__`` and implement
    ``update_state(...)`` and ``result()``.

    Args:
        name: metric name (default: the snake-cased class name).
        dtype: dtype of the state and result (default floatx).

    Example:
        >>> m = kerasx.metrics.Mean()
        >>> m.update_state([1, 2, 3])
        >>> float(m.result())  # 2.0
    """

    def __init__(self, name=None, dtype=None):
        self.name = name or _snake(type(self).__name__)
        self._dtype = dtypes.standardize_dtype(dtype) if dtype is not None else None
        self._variables = []
        self._initializers = []

    @property
    def dtype(self):
        return self._dtype or config.floatx()

    @property
    def variables(self):
        """The metric's state Variables, in creation order."""
        return list(self._variables)

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="sum", name=None):
        """Creates a non-trainable state Variable tracked by this metric."""
        from kerasx.backends import B
        init = _initializer(initializer)
        scope_name = re.sub(r"[^A-Za-z0-9_.\-]", "_", self.name) or "metric"
        with scope_mod.name_scope(scope_name):
            var = B.core.Variable(init, shape=tuple(shape), dtype=dtype or self.dtype,
                                  trainable=False, aggregation=aggregation,
                                  name=name or "variable")
        self._variables.append(var)
        self._initializers.append(init)
        return var

    def add_weight(self, shape=(), initializer="zeros", dtype=None, name=None):
        return self.add_variable(shape, initializer=initializer, dtype=dtype, name=name)

    def update_state(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} must define update_state().")

    def result(self):
        raise TypeError(f"{type(self).__name__} must define result().")

    def reset_state(self):
        """Sets every state Variable back to its initial value."""
        for var, init in zip(self._variables, self._initializers):
            var.assign(init(var.shape, dtype=var.dtype))

    def __call__(self, *args, **kwargs):
        """``update_state(*args, **kwargs)`` then returns ``result()``."""
        self.update_state(*args, **kwargs)
        return self.result()

    # ---- stateless ------------------------------------------------------
    def _check_values(self, values, where):
        if len(values) != len(self._variables):
            raise ValueError(
                f"{type(self).__name__}.{where}: expected {len(self._variables)} metric "
                f"variable values, got {len(values)}.")

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        """Pure ``update_state``: takes and returns the list of state values."""
        self._check_values(metric_variables, "stateless_update_state")
        mapping = list(zip(self._variables, metric_variables))
        with scope_mod.StatelessScope(state_mapping=mapping) as scope:
            self.update_state(*args, **kwargs)
        return [scope.get_current_value(v) for v in self._variables]

    def stateless_result(self, metric_variables):
        """Pure ``result`` computed from the given state values."""
        self._check_values(metric_variables, "stateless_result")
        mapping = list(zip(self._variables, metric_variables))
        with scope_mod.StatelessScope(state_mapping=mapping):
            return self.result()

    def stateless_reset_state(self):
        """Initial state values (the Variables are not touched)."""
        with scope_mod.StatelessScope() as scope:
            self.reset_state()
        return [scope.get_current_value(v) for v in self._variables]

    # ---- config ---------------------------------------------------------
    def get_config(self):
        """``{"name", "dtype"}``; subclasses add their arguments."""
        return {"name": self.name, "dtype": self._dtype}

    @classmethod
    def from_config(cls, config_):
        return cls(**config_)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _static_rank(x):
    return len(x.shape)


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Weights ``values`` and reduces them to one value per sample (axis 0)."""
    values = ops.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = ops.cast(ops.convert_to_tensor(sample_weight), dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        wr, vr = _static_rank(sample_weight), _static_rank(values)
        if vr > wr:
            values = reduce_fn(values, axis=tuple(range(wr, vr)))
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        values = values * sample_weight
        if wr > 1:
            sample_weight = reduce_fn(sample_weight, axis=tuple(range(1, wr)))
    if _static_rank(values) > 1:
        values = reduce_fn(values, axis=tuple(range(1, _static_rank(values))))
    return values, sample_weight


class Sum(Metric):
    """Running (weighted) sum of values.

    Example:
        >>> m = kerasx.metrics.Sum(); m.update_state([1, 3, 5]); float(m.result())  # 9.0
    """

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, ops.sum, self.dtype)
        self.total.assign(self.total.value + ops.sum(values))

    def result(self):
        return ops.convert_to_tensor(self.total.value)


class Mean(Metric):
    """Running (weighted) mean of values.

    Example:
        >>> m = kerasx.metrics.Mean()
        >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0]); float(m.result())  # 2.0
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", name="total")
        self.count = self.add_variable((), "zeros", name="count")

    def update_state(self, values, sample_weight=None):
        if isinstance(sample_weight, (int, float)) and not isinstance(sample_weight, bool) \
                and _is_scalar(values):
            # the per-step loss tracker: one scalar weighted by the batch size; the same
            # sums as the general path below, without its broadcasting and reductions
            w = float(sample_weight)
            if not hasattr(values, "dtype") or ops.dtype(values) != self.dtype:
                values = ops.cast(values, self.dtype)
            self.total.assign_add(values * w)
            self.count.assign_add(w)
            return
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, ops.mean,
                                                            self.dtype)
        self.total.assign(self.total.value + ops.sum(values))
        if sample_weight is not None:
            n = ops.sum(sample_weight)
        elif _static_rank(values) >= 1:
            n = ops.size(values)
        else:
            n = 1
        self.count.assign(self.count.value + ops.cast(n, self.dtype))

    def result(self):
        return _safe_divide(self.total.value, self.count.value)


def _safe_divide(total, count):
    """``total / count``, or 0 where ``count`` is 0 (``divide_no_nan`` for float state)."""
    return ops.where(ops.equal(count, 0.0), 0.0, ops.divide(total, count))


def _is_scalar(x):
    shape = getattr(x, "shape", None)
    if shape is None:
        return isinstance(x, (int, float)) and not isinstance(x, bool)
    return len(shape) == 0


class MeanMetricWrapper(Mean):
    """Mean of ``fn(y_true, y_pred, **kwargs)`` over all samples seen.

    Args:
        fn: per-sample metric function.
        name, dtype: as ``Metric``.
        **kwargs: passed to ``fn``.

    Example:
        >>> m = MeanMetricWrapper(kerasx.losses.mean_squared_error, name="mse")
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name or getattr(fn, "__name__", "mean_metric_wrapper"),
                         dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = keras_mask_of(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, self.dtype, reduction="sum")
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        config_ = super().get_config()
        if type(self) is MeanMetricWrapper:
            from kerasx import metrics
            config_["fn"] = metrics.serialize(self._fn)
        config_.update(self._fn_kwargs)
        return config_

    @classmethod
    def from_config(cls, config_):
        config_ = dict(config_)
        if cls is MeanMetricWrapper and "fn" in config_:
            from kerasx import metrics
            config_["fn"] = metrics.deserialize(config_["fn"])
        return cls(**config_)


def _snake(name):
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
