"""fit / evaluate / predict and the *_on_batch methods (bound onto Trainer)."""

import numpy as np

from kerasx import config, dtypes, ops, tree
from kerasx.trainers import _staged


def unpack_x_y_sample_weight(data):
    """Splits a batch given as x, (x,), (x, y) or (x, y, sample_weight)."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple) or hasattr(data, "_fields"):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError(
        f"A batch must be x, (x,), (x, y) or (x, y, sample_weight); got a tuple of {len(data)} items.")


def prepare_numpy(array):
    """The NumPy-side part of batch conversion: float64 data becomes floatx."""
    if array.dtype == np.float64 and config.floatx() != "float64":
        return array.astype(config.floatx())
    return array


def _to_tensor(leaf):
    if leaf is None:
        return None
    if isinstance(leaf, np.ndarray):
        if leaf.dtype.kind in "OUS":
            return leaf  # strings stay NumPy (preprocessing layers take them)
        leaf = prepare_numpy(leaf)
    return ops.convert_to_tensor(leaf)


def _convert_batch(batch):
    """NumPy batch -> backend tensors; (x, y, None) becomes (x, y) as Keras passes it on."""
    if isinstance(batch, tuple) and not hasattr(batch, "_fields"):
        items = list(batch)
        while len(items) > 1 and items[-1] is None:
            items.pop()
        return tuple(_convert_leafs(i) for i in items)
    return _convert_leafs(batch)


def _convert_leafs(value):
    if value is None:
        return None
    if isinstance(value, np.ndarray):  # the common case: no structure to walk
        return _to_tensor(value)
    return tree.map_structure(_to_tensor, value)


def _to_python(logs):
    out = {}
    for k, v in (logs or {}).items():
        a = np.asarray(ops.convert_to_numpy(v))
        out[k] = float(a) if a.ndim == 0 else a
    return out


def _assert_compiled(model, what):
    if not getattr(model, "compiled", False):
        raise RuntimeError(
            f"You must call compile() before {what}(): e.g. model.compile(optimizer='adam', loss='mse').")


def _chunks(iterator, size):
    chunk = []
    last_step = 0
    for step, batch in iterator:
        chunk.append(_convert_batch(batch))
        last_step = step
        if len(chunk) == size:
            yield last_step, chunk
            chunk = []
    if chunk:
        yield last_step, chunk


def _build_for(model, batch, training_stage=True):
    """Builds model, optimizer and compiled metrics from one real batch before compiling steps."""
    x, y, _ = unpack_x_y_sample_weight(batch)
    need_model = not getattr(model, "built", False)
    cm = model._compile_metrics
    need_metrics = cm is not None and not cm.built
    opt = model.optimizer
    need_opt = training_stage and opt is not None and not getattr(opt, "built", False)
    if not (need_model or need_metrics or need_opt):
        return
    y_pred = None
    if need_model or need_metrics:
        y_pred = model(x, training=False)
    if need_metrics:
        cm.build(y, y_pred)
        _check_sparse_labels(model, y, y_pred)
    if need_opt or (training_stage and opt is not None and not getattr(opt, "built", False)):
        opt.build(model.trainable_variables)
    model.train_function = model.test_function = model.predict_function = None


def _check_sparse_labels(model, y, y_pred):
    cl = model._compile_loss
    if cl is None or y is None:
        return
    ys = y if isinstance(y, (list, tuple)) else [y]
    preds = y_pred if isinstance(y_pred, (list, tuple)) else [y_pred]
    for loss, yt, yp in zip(cl.losses, ys, preds):
        if loss is None or yt is None or not compile_sparse(loss):
            continue
        a = np.asarray(ops.convert_to_numpy(yt))
        n = tuple(ops.shape(yp))[-1]
        if a.size and dtypes.is_int(str(a.dtype)) and (a.min() < 0 or a.max() >= n):
            raise ValueError(
                f"Labels out of range for sparse_categorical_crossentropy: the model outputs "
                f"{n} classes, so labels must be in [0, {n - 1}]; found labels from {a.min()} to {a.max()}.")


def compile_sparse(loss):
    from kerasx.trainers.compile_utils import _is_sparse_loss
    return _is_sparse_loss(loss)


def _callbacks(model, callbacks, verbose, epochs, steps, add_history, **params):
    from kerasx.callbacks import CallbackList
    if isinstance(callbacks, CallbackList):
        return callbacks
    return CallbackList(callbacks, add_history=add_history, add_progbar=verbose != 0, model=model,
                        verbose=verbose, epochs=epochs, steps=steps, **params)


def _verbose(verbose):
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2):
        raise ValueError(f"verbose must be 0, 1, 2 or 'auto', got {verbose!r}.")
    return verbose


def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
        validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
        sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
        validation_batch_size=None, validation_freq=1):
    """Trains the model for ``epochs`` epochs; returns a ``History`` object.

    Example:
        >>> history = model.fit(x, y, batch_size=32, epochs=5, validation_split=0.2)
        >>> history.history["val_loss"]
    """
    from kerasx.trainers import data_adapters as da
    _assert_compiled(self, "fit")
    verbose = _verbose(verbose)
    if validation_split and validation_data is None:
        (x, y, sample_weight), validation_data = da.train_validation_split(
            (x, y, sample_weight), validation_split=validation_split)
    adapter = da.get_data_adapter(x, y, sample_weight=sample_weight, batch_size=batch_size,
                                  steps_per_epoch=steps_per_epoch, shuffle=shuffle,
                                  class_weight=class_weight)
    val_adapter = None
    if validation_data is not None:
        vx, vy, vsw = unpack_x_y_sample_weight(validation_data) if isinstance(
            validation_data, (tuple, list)) else (validation_data, None, None)
        val_adapter = da.get_data_adapter(vx, vy, sample_weight=vsw,
                                          batch_size=validation_batch_size or batch_size,
                                          steps_per_epoch=validation_steps, shuffle=False)
    steps = steps_per_epoch if steps_per_epoch is not None else adapter.num_batches
    staged = _staged.stage(self, adapter, _to_tensor, epochs=epochs - initial_epoch)
    source = adapter if staged is None else _staged.PlanAdapter(adapter)
    cbs = _callbacks(self, callbacks, verbose, epochs, steps, add_history=True,
                     do_validation=val_adapter is not None)
    self.stop_training = False
    cbs.on_train_begin()
    initial_step = 0
    for cb in getattr(cbs, "callbacks", []):
        resume = getattr(cb, "_initial_epoch", None)
        if resume is not None and int(resume) >= initial_epoch:
            initial_epoch = int(resume)
            initial_step = int(getattr(cb, "_initial_step", 0) or 0)
    iterator = da.EpochIterator(source, steps_per_epoch=steps_per_epoch, initial_step=initial_step)
    try:
        return _fit_epochs(self, cbs, iterator, source, staged, val_adapter, initial_epoch,
                           initial_step, epochs, steps_per_epoch, validation_steps,
                           validation_freq)
    finally:
        self._defer_step_logs = False


def _step_logs(model, logs, consumers, mode, step):
    """A step's logs for the batch callbacks: what the step returned, or (when it deferred
    them) the metric results if a consumer reads this batch's logs."""
    from kerasx.callbacks.callback_list import wants_batch_logs
    if logs is None and consumers and wants_batch_logs(consumers, mode, step):
        return model.get_metrics_result()
    return logs


def _fit_epochs(self, cbs, iterator, source, staged, val_adapter, initial_epoch, initial_step,
                epochs, steps_per_epoch, validation_steps, validation_freq):
    from kerasx.trainers import data_adapters as da
    consumers_of = getattr(cbs, "batch_log_consumers", None)
    epoch_logs = {}
    for epoch in range(initial_epoch, epochs):
        if epoch > initial_epoch and initial_step:
            initial_step = 0
            iterator = da.EpochIterator(source, steps_per_epoch=steps_per_epoch)
        self.reset_metrics()
        cbs.on_epoch_begin(epoch)
        consumers = consumers_of("train") if consumers_of is not None else None
        self._defer_step_logs = consumers is not None
        logs = None
        ran = False
        batches = _chunks(iterator, self.steps_per_execution) if staged is None else iterator
        for step, chunk in batches:
            if self.train_function is None or not getattr(self, "built", False) or (
                    self._compile_metrics is not None and not self._compile_metrics.built):
                _build_for(self, chunk[0] if staged is None else _convert_batch(
                    staged.numpy_batch(*chunk)), training_stage=True)
            fn = self.make_train_function()
            cbs.on_train_batch_begin(step)
            if staged is None:
                logs = fn(chunk)
            else:  # chunk is one batch's (order, start, stop)
                run = getattr(fn, "staged", None)
                logs = staged.run(run, *chunk) if run is not None else fn(
                    [_convert_batch(staged.numpy_batch(*chunk))])
            ran = True
            cbs.on_train_batch_end(step, _step_logs(self, logs, consumers, "train", step))
            if self.stop_training:
                break
        if not ran:
            if getattr(iterator, "exhausted", False):
                break  # a generator ran dry: the iterator warned, stop as Keras does
            raise ValueError(
                "fit: the training data produced no batch in this epoch. Check x/y (empty?) or "
                "steps_per_epoch with a generator that is exhausted.")
        if logs is None:  # the steps deferred their logs: the metric results now
            logs = self.get_metrics_result()
        epoch_logs = _to_python(logs)  # what the last train_step returned (Keras semantics)
        if val_adapter is not None and _should_validate(epoch, validation_freq):
            val_logs = _run_evaluation(self, val_adapter, validation_steps, cbs)
            epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
        cbs.on_epoch_end(epoch, epoch_logs)
        if self.stop_training or getattr(iterator, "exhausted", False):
            break
    cbs.on_train_end(epoch_logs)
    return self.history


def _should_validate(epoch, freq):
    if isinstance(freq, int):
        if freq < 1:
            raise ValueError(f"validation_freq must be >= 1, got {freq}.")
        return (epoch + 1) % freq == 0
    return (epoch + 1) in freq


def _run_evaluation(model, adapter, steps, cbs):
    from kerasx.trainers import data_adapters as da
    model.reset_metrics()
    iterator = da.EpochIterator(adapter, steps_per_epoch=steps)
    cbs.on_test_begin()
    consumers_of = getattr(cbs, "batch_log_consumers", None)
    consumers = consumers_of("test") if consumers_of is not None else None
    outer = model._defer_step_logs
    model._defer_step_logs = consumers is not None
    logs = None
    ran = False
    try:
        for step, chunk in _chunks(iterator, model.steps_per_execution):
            if model.test_function is None:
                _build_for(model, chunk[0], training_stage=False)
            fn = model.make_test_function()
            cbs.on_test_batch_begin(step)
            logs = fn(chunk)
            ran = True
            cbs.on_test_batch_end(step, _step_logs(model, logs, consumers, "test", step))
    finally:
        model._defer_step_logs = outer
    if not ran:
        raise ValueError("evaluate: the data produced no batch.")
    if logs is None:
        logs = model.get_metrics_result()
    result = _to_python(logs)
    cbs.on_test_end(result)
    return result


def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
             steps=None, callbacks=None, return_dict=False, **kwargs):
    """Returns the loss (and metrics) on the given data: a scalar, a list, or a dict.

    Example:
        >>> loss, acc = model.evaluate(x_test, y_test)
    """
    from kerasx.trainers import data_adapters as da
    _assert_compiled(self, "evaluate")
    if kwargs:
        raise TypeError(f"evaluate() got unexpected keyword arguments {sorted(kwargs)}.")
    verbose = _verbose(verbose)
    adapter = da.get_data_adapter(x, y, sample_weight=sample_weight, batch_size=batch_size,
                                  steps_per_epoch=steps, shuffle=False)
    cbs = _callbacks(self, callbacks, verbose, 1, steps or adapter.num_batches, add_history=False)
    logs = _run_evaluation(self, adapter, steps, cbs)
    if return_dict:
        return logs
    values = [logs[n] for n in self.metrics_names if n in logs]
    extra = [v for k, v in logs.items() if k not in self.metrics_names]
    values += extra
    return values[0] if len(values) == 1 else values


def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
    """Returns the model's outputs for ``x`` as NumPy arrays, computed in batches.

    Example:
        >>> probs = model.predict(x_test, batch_size=256)
    """
    from kerasx.trainers import data_adapters as da
    verbose = _verbose(verbose)
    if (verbose == 0 and callbacks is None and steps is None and isinstance(x, np.ndarray)
            and x.ndim >= 1 and 0 < len(x) <= (batch_size or 32) and getattr(self, "built", False)
            and x.dtype.kind in "biuf"):
        # one batch, nothing observing: the same single step without the data adapter,
        # epoch iterator and callback machinery (a large share of a small predict call)
        _check_batch_size(batch_size)
        out = self.make_predict_function()([(_to_tensor(x),)])[0]
        return tree.map_structure(lambda t: np.array(ops.convert_to_numpy(t), copy=True), out)
    adapter = da.get_data_adapter(x, None, batch_size=batch_size, steps_per_epoch=steps, shuffle=False)
    iterator = da.EpochIterator(adapter, steps_per_epoch=steps)
    cbs = _callbacks(self, callbacks, verbose, 1, steps or adapter.num_batches, add_history=False)
    cbs.on_predict_begin()
    outputs = []
    spe = getattr(self, "steps_per_execution", 1)
    for step, chunk in _chunks(iterator, 1 if spe == 1 else spe):
        if not getattr(self, "built", False):
            x0, _, _ = unpack_x_y_sample_weight(chunk[0])
            self(x0, training=False)
        fn = self.make_predict_function()
        cbs.on_predict_batch_begin(step)
        outs = fn(chunk)  # one output structure per batch
        for o in outs:
            outputs.append(tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), o))
        cbs.on_predict_batch_end(step, {"outputs": outs[-1]})
    cbs.on_predict_end()
    if not outputs:
        raise ValueError("predict: the input produced no batch (is x empty?).")
    return tree.map_structure(lambda *parts: np.concatenate(parts, axis=0), *outputs)


def _check_batch_size(batch_size):
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(
            batch_size, (int, np.integer)) or batch_size < 1):
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}.")


def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
    """Runs one training step on one batch; returns the loss (and metrics)."""
    from kerasx.trainers import data_adapters as da
    _assert_compiled(self, "train_on_batch")
    if class_weight is not None:
        adapter = da.get_data_adapter(x, y, sample_weight=sample_weight, batch_size=None,
                                      class_weight=class_weight, shuffle=False)
        x, y, sample_weight = next(iter(adapter.get_numpy_iterator()))
    batch = _convert_batch((x, y, sample_weight))
    if not getattr(self, "built", False) or (self._compile_metrics and not self._compile_metrics.built) \
            or not getattr(self.optimizer, "built", False):
        _build_for(self, batch, training_stage=True)
    logs = self.make_train_function()([batch])
    return _format_batch_logs(self, logs, return_dict)


def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
    """Evaluates one batch; returns the loss (and metrics)."""
    _assert_compiled(self, "test_on_batch")
    batch = _convert_batch((x, y, sample_weight))
    if not getattr(self, "built", False) or (self._compile_metrics and not self._compile_metrics.built):
        _build_for(self, batch, training_stage=False)
    self.reset_metrics()
    logs = self.make_test_function()([batch])
    return _format_batch_logs(self, logs, return_dict)


def predict_on_batch(self, x):
    """Returns the model's outputs for one batch, as NumPy arrays."""
    batch = _convert_batch((x,))
    if not getattr(self, "built", False):
        self(batch[0], training=False)
    out = self.make_predict_function()([batch])[0]
    return tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), out)


def _format_batch_logs(model, logs, return_dict):
    if logs is None:  # called while fit defers step logs (e.g. from a callback)
        logs = model.get_metrics_result()
    logs = _to_python(logs)
    if return_dict:
        return logs
    values = [logs[n] for n in model.metrics_names if n in logs]
    return values[0] if len(values) == 1 else values
