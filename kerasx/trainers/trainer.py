"""The one fit / evaluate / predict loop, mixed into ``kerasx.Model``.

Everything here is backend-neutral: epochs, batching, validation, callbacks,
history and progress. Backends only build the step functions
(``B.trainer.make_train_function`` etc.): torch runs ``train_step`` eagerly (or
through ``torch.compile``), TensorFlow wraps it in ``tf.function``, JAX jits a
pure version of it that reads and writes Variables through a StatelessScope.
"""

from kerasx import config, ops, tree
from kerasx.backends import B
from kerasx.trainers import compile_utils
from kerasx.trainers import _loop


class Trainer:
    """Compile state and the training loop of a Model (see ``compile`` and ``fit``)."""

    _defer_step_logs = False  # set by fit/evaluate while no callback reads a step's logs

    def __init__(self):
        self.compiled = False
        self.optimizer = None
        self.loss = None
        self.stop_training = False
        self.history = None
        self.steps_per_execution = 1
        self._run_eagerly = False
        self._jit_compile = "auto"
        self._compile_loss = None
        self._compile_metrics = None
        self._loss_tracker = None
        self._output_loss_trackers = []
        self.train_function = None
        self.test_function = None
        self.predict_function = None

    # ------------------------------------------------------------------ compile
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", auto_scale_loss=True):
        """Configures the model for training.

        Args:
            optimizer: name (``"adam"``) or optimizer instance.
            loss: name, Loss instance or function; a list or dict (by output name)
                for multi-output models.
            loss_weights: scalars weighting each output's loss (list or dict).
            metrics: names, Metric instances or functions; ``"accuracy"``/``"acc"``
                pick binary, categorical or sparse accuracy from the loss and shapes.
            weighted_metrics: metrics that take ``sample_weight``/``class_weight`` into account.
            run_eagerly: run steps as plain Python (debugging).
            steps_per_execution: batches run per compiled call.
            jit_compile: ``True`` asks for ``torch.compile`` (torch) or XLA (TensorFlow);
                JAX always jits unless ``run_eagerly``.

        Example:
            >>> model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
            ...               metrics=["accuracy"])
        """
        from kerasx import metrics as metrics_mod
        from kerasx import optimizers
        try:
            self.optimizer = optimizers.get(optimizer)
        except ValueError as e:
            raise ValueError(f"compile: optimizer: {e}") from None
        if not isinstance(steps_per_execution, int) or steps_per_execution < 1:
            raise ValueError(f"compile: steps_per_execution must be an int >= 1, got {steps_per_execution!r}.")
        output_names = list(getattr(self, "output_names", None) or [])
        self.loss = loss
        self._compile_loss = compile_utils.CompileLoss(loss, loss_weights, output_names) \
            if loss is not None else None
        self._compile_metrics = compile_utils.CompileMetrics(
            metrics, weighted_metrics, output_names, self._compile_loss)
        self._loss_tracker = metrics_mod.Mean(name="loss")
        self._output_loss_trackers = []
        if self._compile_loss is not None and len(output_names) > 1:
            self._output_loss_trackers = [metrics_mod.Mean(name=f"{n}_loss") for n in output_names]
        self._run_eagerly = bool(run_eagerly)
        self._jit_compile = jit_compile
        self.steps_per_execution = steps_per_execution
        self.compiled = True
        self.stop_training = False
        self.train_function = self.test_function = self.predict_function = None

    @property
    def run_eagerly(self):
        return self._run_eagerly

    @run_eagerly.setter
    def run_eagerly(self, value):
        self._run_eagerly = bool(value)
        self.train_function = self.test_function = self.predict_function = None

    @property
    def jit_compile(self):
        return self._jit_compile

    # ------------------------------------------------------------------ metrics
    @property
    def metrics(self):
        """The model's metric objects: the loss tracker, compiled metrics, then metric attributes."""
        out = []
        if self._loss_tracker is not None:
            out.append(self._loss_tracker)
        out.extend(self._output_loss_trackers)
        if self._compile_metrics is not None:
            out.extend(self._compile_metrics.metric_objects)
        seen = {id(m) for m in out}
        for value in list(vars(self).values()):
            if type(value) in _PLAIN_TYPES:
                continue  # most attributes: skip the duck-typing checks
            if _is_metric(value) and id(value) not in seen:
                out.append(value)
                seen.add(id(value))
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self):
        out = []
        for m in self.metrics:
            out.extend(m.variables)
        return out

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    def get_metrics_result(self):
        """Returns ``{name: result}`` of every metric (backend tensors; dict results are merged)."""
        logs = {}
        for m in self.metrics:
            r = m.result()
            if isinstance(r, dict):
                logs.update(r)
            else:
                logs[m.name] = r
        return logs

    # ------------------------------------------------------------------ steps
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """Returns the total loss: compiled losses (weighted) plus ``self.losses``.

        Also updates the ``loss`` tracker (weighted by batch size), so custom
        ``train_step`` code that calls it gets the ``loss`` entry in its logs.
        """
        total = None
        if self._compile_loss is not None:
            parts = self._compile_loss.per_output(y, y_pred, sample_weight)
            for i, (_, value) in enumerate(parts):
                total = value if total is None else ops.add(total, value)
                if self._output_loss_trackers and i < len(self._output_loss_trackers):
                    self._output_loss_trackers[i].update_state(ops.stop_gradient(value))
        extra = getattr(self, "losses", None) or ()
        for l in extra:
            l = ops.cast(l, config.floatx()) if ops.dtype(l) != config.floatx() else l
            total = l if total is None else ops.add(total, l)
        if total is None:
            total = ops.convert_to_tensor(0.0)
        if self._loss_tracker is not None:
            tracked = ops.stop_gradient(total)
            batch = _batch_size(x if x is not None else y_pred)
            if batch is None:
                self._loss_tracker.update_state(tracked)
            else:
                self._loss_tracker.update_state(tracked, sample_weight=batch)
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Updates the compiled metrics and returns ``get_metrics_result()``."""
        if self._compile_metrics is not None and y is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def train_step(self, data):
        """One training step on ``data`` = x, (x, y) or (x, y, sample_weight); returns logs.

        Override it for custom training; this default uses only kerasx APIs, so an
        override written the same way runs on every backend (inside ``jit`` on JAX).
        """
        x, y, sample_weight = _loop.unpack_x_y_sample_weight(data)
        variables = self.trainable_variables

        def loss_fn():
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
            return loss, y_pred

        (loss, y_pred), grads = ops.compute_gradients(loss_fn, variables, has_aux=True)
        if variables:
            self.optimizer.apply(grads, variables)
        with B.core.no_grad_scope():
            return self._metrics_and_logs(x, y, y_pred, sample_weight)

    def _metrics_and_logs(self, x, y, y_pred, sample_weight):
        # The default steps' tail: ``compute_metrics``. While fit/evaluate run a step whose
        # logs no callback reads (``_defer_step_logs``), an eager step only updates the
        # metric states and returns None; the loop reads the results when it needs them
        # (a progress-bar redraw, a batch callback, the epoch's end). Compiled steps, and
        # models that override compute_metrics, always return their logs.
        if self._defer_step_logs and type(self).compute_metrics is Trainer.compute_metrics \
                and not B.core.in_tracing():
            if self._compile_metrics is not None and y is not None:
                self._compile_metrics.update_state(y, y_pred, sample_weight)
            return None
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def test_step(self, data):
        """One evaluation step; returns logs."""
        x, y, sample_weight = _loop.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)
        return self._metrics_and_logs(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        """One prediction step; returns the model outputs."""
        x, _, _ = _loop.unpack_x_y_sample_weight(data)
        return self(x, training=False)

    # ------------------------------------------------------------------ step functions
    def _eager_function(self, step, collect=False):
        def run(batches):
            if collect:
                return [step(data) for data in batches]
            logs = None
            for data in batches:
                logs = step(data)
            return logs
        return run

    def make_train_function(self, force=False):
        if self.train_function is None or force:
            if self._run_eagerly:
                self.train_function = self._eager_function(self.train_step)
            else:
                self.train_function = B.trainer.make_train_function(
                    self, jit_compile=self._jit_compile, steps_per_execution=self.steps_per_execution)
        return self.train_function

    def make_test_function(self, force=False):
        if self.test_function is None or force:
            if self._run_eagerly:
                self.test_function = self._eager_function(self.test_step)
            else:
                self.test_function = B.trainer.make_test_function(
                    self, jit_compile=self._jit_compile, steps_per_execution=self.steps_per_execution)
        return self.test_function

    def make_predict_function(self, force=False):
        if self.predict_function is None or force:
            if self._run_eagerly:
                self.predict_function = self._eager_function(self.predict_step, collect=True)
            else:
                self.predict_function = B.trainer.make_predict_function(
                    self, jit_compile=self._jit_compile, steps_per_execution=self.steps_per_execution)
        return self.predict_function

    def _state_variables(self, include_optimizer=True, include_metrics=True):
        """Every Variable a step may read or write (JAX threads these through jit)."""
        out, seen = [], set()
        groups = [self.trainable_variables, self.non_trainable_variables]
        if include_optimizer and self.optimizer is not None:
            groups.append(self.optimizer.variables)
        if include_metrics:
            groups.append(self.metrics_variables)
        for g in groups:
            for v in g:
                if id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)
        return out

    # ------------------------------------------------------------------ public loops
    fit = _loop.fit
    evaluate = _loop.evaluate
    predict = _loop.predict
    train_on_batch = _loop.train_on_batch
    test_on_batch = _loop.test_on_batch
    predict_on_batch = _loop.predict_on_batch


_PLAIN_TYPES = frozenset((type(None), bool, int, float, str, list, tuple, dict, set))


def _is_metric(value):
    return (hasattr(value, "update_state") and hasattr(value, "result")
            and hasattr(value, "reset_state") and hasattr(value, "variables")
            and not isinstance(value, type))


def _batch_size(x):
    """The batch size of ``x``: a Python int, or a scalar tensor when it is only known
    at run time (a graph traced for several batch sizes); None without a batched leaf."""
    for leaf in tree.flatten(x):
        shape = getattr(leaf, "shape", None)
        if shape is not None and len(shape) > 0:
            if shape[0] is not None:
                return shape[0]
            rest = 1
            for d in tuple(shape)[1:]:
                if d is None:
                    return None
                rest *= int(d)
            return ops.floor_divide(ops.size(leaf), rest) if rest else None
    return None

