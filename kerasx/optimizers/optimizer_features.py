"""Optimizer features shared by every optimizer: gradient clipping, decoupled weight
decay, gradient accumulation and weight EMA (mixed into ``Optimizer``).

All of them use ``Variable.assign`` and kerasx.ops only, with ``ops.where`` in place
of Python branches on tensor values, so they run unchanged under jit.
"""

import re

from kerasx import ops
from kerasx.core import scope as scope_mod


def new_variable(value_or_init, shape=None, dtype=None, trainable=False, name=None):
    from kerasx.backends import B
    return B.core.Variable(value_or_init, shape=shape, dtype=dtype, trainable=trainable, name=name)


def _resolve_initializer(initializer):
    if callable(initializer):
        return initializer
    if isinstance(initializer, str):
        if initializer == "zeros":
            return lambda shape, dtype=None: ops.zeros(shape, dtype=dtype)
        if initializer == "ones":
            return lambda shape, dtype=None: ops.ones(shape, dtype=dtype)
        from kerasx import initializers
        return initializers.get(initializer)
    value = initializer
    return lambda shape, dtype=None: ops.full(shape, value, dtype=dtype)


class OptimizerFeatures:
    """Mixin holding slot creation, clipping, weight decay, accumulation and EMA."""

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none",
                     name=None):
        """Creates a non-trainable optimizer variable and tracks it.

        Args:
            shape: its shape.
            initializer: "zeros", "ones", a callable ``(shape, dtype)`` or a constant.
            dtype: its dtype (default floatx).
            name: its name.

        Returns:
            The new Variable.
        """
        init = _resolve_initializer(initializer)
        with scope_mod.name_scope(self.name):
            var = new_variable(init, shape=shape, dtype=dtype, trainable=False, name=name)
        self._variables.append(var)
        return var

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """Creates a slot with the shape and dtype of ``reference_variable``.

        Its name is the reference's path with '/' replaced by '_', then ``_name``.
        """
        base = str(getattr(reference_variable, "path", reference_variable.name)).replace("/", "_")
        return self.add_variable(tuple(reference_variable.shape), initializer=initializer,
                                 dtype=reference_variable.dtype, name=f"{base}_{name}")

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """Creates one slot per variable per name (interleaved per variable, as Keras).

        Returns:
            A list of slots, or a tuple of lists when ``name`` is a list.
        """
        names = [name] if isinstance(name, str) else list(name)
        inits = (initializer if isinstance(initializer, (list, tuple))
                 else [initializer] * len(names))
        out = tuple([] for _ in names)
        for var in trainable_variables:
            for i, (n, init) in enumerate(zip(names, inits)):
                out[i].append(self.add_variable_from_reference(var, name=n, initializer=init))
        return out[0] if isinstance(name, str) else out

    # ---- weight decay ---------------------------------------------------
    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Excludes variables (objects, or names matched as regex substrings) from weight decay."""
        for v in var_list or ():
            self._exclude_ids.add(id(v))
        for n in var_names or ():
            self._exclude_names.append(str(n))

    def _use_weight_decay(self, variable):
        if id(variable) in self._exclude_ids:
            return False
        name = getattr(variable, "name", "")
        return not any(re.search(n, name) for n in self._exclude_names)

    def _apply_weight_decay(self, variables, lr):
        if self.weight_decay is None:
            return
        for v in variables:
            if self._use_weight_decay(v):
                factor = ops.cast(lr, v.dtype) * ops.cast(self.weight_decay, v.dtype)
                v.assign(v.value - v.value * factor)

    # ---- clipping -------------------------------------------------------
    def _clip_gradients(self, grads):
        if self.clipnorm is not None:
            return [_clip_by_norm(g, self.clipnorm) for g in grads]
        if self.clipvalue is not None:
            c = float(self.clipvalue)
            return [ops.clip(g, -c, c) for g in grads]
        if self.global_clipnorm is not None:
            sq = [ops.sum(ops.square(ops.cast(g, "float32"))) for g in grads]
            gnorm = ops.sqrt(ops.sum(ops.stack(sq)))
            scale = float(self.global_clipnorm) / ops.maximum(gnorm, float(self.global_clipnorm))
            return [g * ops.cast(scale, g.dtype) for g in grads]
        return grads

    def _apply_accumulated(self, grads, variables, lr):
        steps = self.gradient_accumulation_steps
        accs = [self._accumulators[self._slot_index(v)] for v in variables]
        is_update = ops.equal(ops.mod(self._iterations.value + 1, steps), 0)
        new_accs = [ops.add(a.value, ops.cast(g, a.dtype)) for a, g in zip(accs, grads)]
        # Compute the update unconditionally, then keep it only on update steps
        # (ops.where instead of a branch, so it traces the same under jit).
        watched = list(variables) + [s for s in self._variables
                                     if not any(s is a for a in self._accumulators)]
        before = [ops.copy(s.value) for s in watched]
        mean_grads = [a / float(steps) for a in new_accs]
        mean_grads = self._clip_gradients(mean_grads)
        self._apply_weight_decay(variables, lr)
        self._update_all(mean_grads, variables, lr)
        for s, old in zip(watched, before):
            s.assign(ops.where(is_update, s.value, old))
        for a, new in zip(accs, new_accs):
            a.assign(ops.where(is_update, ops.zeros_like(new), new))

    # ---- EMA ------------------------------------------------------------
    def _update_ema(self):
        first = ops.equal(self._update_count(), 0)
        for v, avg in zip(self._trainable_variables, self._ema_variables):
            m = ops.where(first, 0.0, float(self.ema_momentum))
            m = ops.cast(m, avg.dtype)
            avg.assign(m * avg.value + (1.0 - m) * ops.cast(v.value, avg.dtype))
        if self.ema_overwrite_frequency:
            overwrite = ops.equal(ops.mod(self._update_count() + 1,
                                          int(self.ema_overwrite_frequency)), 0)
            for v, avg in zip(self._trainable_variables, self._ema_variables):
                v.assign(ops.where(overwrite, ops.cast(avg.value, v.dtype), v.value))

    def finalize_variable_values(self, var_list):
        """With ``use_ema``, overwrites the variables with their moving averages."""
        if not self.use_ema or not self.built:
            return
        for v in var_list:
            idx = self._var_index.get(id(v))
            if idx is not None:
                v.assign(self._ema_variables[idx].value)


def _clip_by_norm(g, clipnorm):
    sq = ops.sum(ops.square(g))
    positive = ops.greater(sq, 0)
    norm = ops.where(positive, ops.sqrt(ops.where(positive, sq, 1.0)), 0.0)
    c = float(clipnorm)
    return g * c / ops.maximum(ops.cast(norm, g.dtype), c)
