"""Resolving compile() arguments: losses and metrics per output, 'accuracy' by the loss.

``CompileLoss`` turns the user's ``loss``/``loss_weights`` (one, a list, or a
dict keyed by output name) into one scalar; ``CompileMetrics`` holds one list of
metric objects per output and names them as Keras does (``accuracy``,
``out_a_accuracy`` for multi-output models, the user's spelling kept).
"""

import difflib

from kerasx import ops, tree

_ACCURACY_NAMES = ("accuracy", "acc")
_CE_NAMES = ("crossentropy", "ce")
_SPARSE_LOSS_NAMES = ("sparse_categorical_crossentropy",)
_BINARY_LOSS_NAMES = ("binary_crossentropy", "binary_focal_crossentropy")


def _loss_name(loss):
    if isinstance(loss, str):
        return loss
    name = getattr(loss, "name", None) or getattr(loss, "__name__", None)
    if name:
        return name
    return type(loss).__name__


def _snake(name):
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _is_sparse_loss(loss):
    return _snake(_loss_name(loss)).endswith("sparse_categorical_crossentropy")


def _is_binary_loss(loss):
    return _snake(_loss_name(loss)) in _BINARY_LOSS_NAMES


def _get_loss(identifier, where):
    from kerasx import losses
    from kerasx.losses.loss import Loss, LossFunctionWrapper
    if identifier is None:
        return None
    try:
        fn = losses.get(identifier)
    except ValueError as e:
        raise ValueError(f"compile: {where}: {e}") from None
    if isinstance(fn, type) and issubclass(fn, Loss):
        return fn()
    if not isinstance(fn, Loss):
        # a built-in loss function becomes its class (which knows e.g. sparse label shapes);
        # any other function returns per-sample values and is wrapped so that it reduces
        key = getattr(fn, "__name__", "").replace("_", "").lower()
        for obj in vars(losses).values():
            if isinstance(obj, type) and issubclass(obj, Loss) and obj.__name__.lower() == key \
                    and getattr(losses, getattr(fn, "__name__", ""), None) is fn:
                return obj()
        name = identifier if isinstance(identifier, str) else getattr(fn, "__name__", "loss")
        fn = LossFunctionWrapper(fn, name=name)
    return fn


class CompileLoss:
    """The total loss of a model: per-output losses, weighted and summed."""

    def __init__(self, loss, loss_weights=None, output_names=None):
        self.output_names = list(output_names or [])
        self.user_loss = loss
        self.user_weights = loss_weights
        n = len(self.output_names)
        if isinstance(loss, dict):
            unknown = [k for k in loss if k not in self.output_names]
            if unknown:
                raise ValueError(
                    f"compile: loss has keys {unknown} that are not model outputs; "
                    f"the outputs are {self.output_names}.")
            self.losses = [_get_loss(loss.get(name), f"loss[{name!r}]") for name in self.output_names]
        elif isinstance(loss, (list, tuple)):
            if n and len(loss) != n:
                raise ValueError(
                    f"compile: loss is a list of {len(loss)} but the model has {n} outputs "
                    f"({self.output_names}); give one loss per output.")
            self.losses = [_get_loss(l, f"loss[{i}]") for i, l in enumerate(loss)]
        else:
            fn = _get_loss(loss, "loss")
            self.losses = [fn] * max(n, 1)
        if loss_weights is None:
            self.weights = [1.0] * len(self.losses)
        elif isinstance(loss_weights, dict):
            self.weights = [float(loss_weights.get(name, 1.0)) for name in self.output_names]
        elif isinstance(loss_weights, (list, tuple)):
            if len(loss_weights) != len(self.losses):
                raise ValueError(
                    f"compile: loss_weights has {len(loss_weights)} entries but there are "
                    f"{len(self.losses)} outputs.")
            self.weights = [float(w) for w in loss_weights]
        else:
            self.weights = [float(loss_weights)] * len(self.losses)

    def per_output(self, y, y_pred, sample_weight=None):
        """Returns the list of (name, weighted loss value) for outputs that have a loss."""
        ys = _as_output_list(y, self.output_names, "y")
        preds = _as_output_list(y_pred, self.output_names, "y_pred")
        sws = _as_output_list(sample_weight, self.output_names, "sample_weight", allow_single=True,
                              n=len(preds))
        if len(ys) != len(preds):
            raise ValueError(
                f"The model has {len(preds)} outputs but {len(ys)} targets were given (y).")
        out = []
        for i, (fn, w) in enumerate(zip(self.losses, self.weights)):
            if fn is None or ys[i] is None:
                continue
            value = _call_loss(fn, ys[i], preds[i], sws[i])
            name = (self.output_names[i] + "_loss") if len(preds) > 1 else "loss"
            out.append((name, value if w == 1.0 else ops.multiply(value, w)))
        return out

    def __call__(self, y, y_pred, sample_weight=None):
        parts = self.per_output(y, y_pred, sample_weight)
        if not parts:
            return ops.convert_to_tensor(0.0)
        total = parts[0][1]
        for _, v in parts[1:]:
            total = ops.add(total, v)
        return total


def _call_loss(fn, y_true, y_pred, sample_weight):
    try:
        return fn(y_true, y_pred, sample_weight=sample_weight) if sample_weight is not None \
            else fn(y_true, y_pred)
    except ValueError as e:
        name = _loss_name(fn)
        if name in str(e):
            raise
        raise ValueError(
            f"The loss {name!r} does not fit the model output: targets of shape "
            f"{tuple(ops.shape(y_true))} and predictions of shape {tuple(ops.shape(y_pred))} ({e})"
        ) from e


def _as_output_list(value, names, what, allow_single=False, n=None):
    if isinstance(value, dict):
        if names:
            return [value.get(k) for k in names]
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    count = n if n is not None else max(len(names), 1)
    if allow_single or count == 1:
        return [value] * count
    return [value]


class CompileMetrics:
    """Metric objects per output, built once shapes are known (``build``)."""

    def __init__(self, metrics, weighted_metrics, output_names, loss):
        self.user_metrics = metrics
        self.user_weighted = weighted_metrics
        self.output_names = list(output_names or [])
        self.loss = loss
        self.built = False
        self.metrics = []  # flat list of (output_index, metric, weighted)

    def _per_output_specs(self, spec, n, what):
        if spec is None:
            return [[] for _ in range(n)]
        if isinstance(spec, dict):
            unknown = [k for k in spec if k not in self.output_names]
            if unknown:
                raise ValueError(f"compile: {what} has keys {unknown} that are not model outputs "
                                 f"({self.output_names}).")
            return [_as_list(spec.get(name)) for name in self.output_names]
        spec = list(spec) if isinstance(spec, (list, tuple)) else [spec]
        if n > 1 and spec and all(isinstance(s, (list, tuple)) or s is None for s in spec):
            if len(spec) != n:
                raise ValueError(f"compile: {what} has {len(spec)} lists but the model has {n} outputs.")
            return [_as_list(s) for s in spec]
        return [list(spec) for _ in range(n)]

    def build(self, y, y_pred):
        preds = _as_output_list(y_pred, self.output_names, "y_pred")
        ys = _as_output_list(y, self.output_names, "y", n=len(preds))
        n = len(preds)
        losses = self.loss.losses if self.loss is not None else [None] * n
        for weighted, spec in ((False, self.user_metrics), (True, self.user_weighted)):
            for i, specs in enumerate(self._per_output_specs(spec, n, "metrics")):
                for s in specs:
                    if s is None:
                        continue
                    m = _resolve_metric(s, ys[i] if i < len(ys) else None, preds[i],
                                        losses[i] if i < len(losses) else None)
                    prefix = self.output_names[i] + "_" if n > 1 and self.output_names else ""
                    if weighted and not prefix:
                        prefix = "weighted_" if self.user_metrics and _same_spec(s, self.user_metrics) else ""
                    if prefix:
                        m.name = prefix + m.name
                    _build_metric(m, ys[i] if i < len(ys) else None, preds[i])
                    self.metrics.append((i, m, weighted))
        self.built = True

    def update_state(self, y, y_pred, sample_weight=None):
        preds = _as_output_list(y_pred, self.output_names, "y_pred")
        ys = _as_output_list(y, self.output_names, "y", n=len(preds))
        sws = _as_output_list(sample_weight, self.output_names, "sample_weight", allow_single=True,
                              n=len(preds))
        for i, m, weighted in self.metrics:
            if ys[i] is None:
                continue
            m.update_state(ys[i], preds[i], sample_weight=sws[i] if weighted else None)

    @property
    def metric_objects(self):
        return [m for _, m, _ in self.metrics]


def _build_metric(metric, y_true, y_pred):
    """Metrics whose state depends on shapes create it now, before any step is compiled."""
    build = getattr(metric, "build", None)
    if build is None or y_pred is None:
        return
    true_shape = tuple(ops.shape(y_true)) if y_true is not None else None
    build(true_shape, tuple(ops.shape(y_pred)))


def _same_spec(s, specs):
    return any(s is t or s == t for t in _as_list(specs)) if isinstance(s, str) else False


def _as_list(x):
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _resolve_metric(spec, y_true, y_pred, loss):
    from kerasx import metrics as metrics_mod
    if isinstance(spec, str) and spec.lower() in _ACCURACY_NAMES + _CE_NAMES:
        kind = _accuracy_kind(y_true, y_pred, loss)
        if spec.lower() in _ACCURACY_NAMES:
            cls = {"binary": metrics_mod.BinaryAccuracy, "sparse": metrics_mod.SparseCategoricalAccuracy,
                   "categorical": metrics_mod.CategoricalAccuracy}[kind]
        else:
            cls = {"binary": metrics_mod.BinaryCrossentropy,
                   "sparse": metrics_mod.SparseCategoricalCrossentropy,
                   "categorical": metrics_mod.CategoricalCrossentropy}[kind]
        return cls(name=spec)
    if isinstance(spec, str):
        try:
            m = metrics_mod.get(spec)
        except ValueError as e:
            raise ValueError(f"compile: metrics: {e}") from None
        if callable(m) and not hasattr(m, "update_state"):
            return metrics_mod.MeanMetricWrapper(m, name=spec)
        m.name = spec if not hasattr(m, "update_state") else m.name
        return m
    if hasattr(spec, "update_state"):
        return spec
    if callable(spec):
        return metrics_mod.MeanMetricWrapper(spec, name=getattr(spec, "__name__", "metric"))
    raise ValueError(f"compile: metrics entry {spec!r} is not a metric name, Metric or function.")


def _accuracy_kind(y_true, y_pred, loss):
    pred_shape = tuple(ops.shape(y_pred))
    if loss is not None and _is_sparse_loss(loss):
        return "sparse"
    if loss is not None and _is_binary_loss(loss):
        return "binary"
    if not pred_shape or pred_shape[-1] == 1:
        return "binary"
    if y_true is not None:
        true_shape = tuple(ops.shape(y_true))
        if len(true_shape) < len(pred_shape) or (true_shape and true_shape[-1] == 1):
            return "sparse"
    return "categorical"


def suggest(name, valid):
    close = difflib.get_close_matches(str(name), list(valid), n=3)
    return f" Did you mean: {', '.join(close)}?" if close else ""


def flatten_outputs(y_pred):
    return tree.flatten(y_pred)
