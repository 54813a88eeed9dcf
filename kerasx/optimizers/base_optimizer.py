"""The ``Optimizer`` base class: state, clipping, weight decay, EMA, accumulation.

Every update is written with ``Variable.assign*`` and ``kerasx.ops`` and never
branches in Python on a tensor's value, so the same code runs eagerly (torch),
inside ``tf.function`` and inside ``jax.jit`` under a ``StatelessScope``.
"""

import re
import warnings

import numpy as np

from kerasx.backends import B
from kerasx import ops
from kerasx.core import scope as scope_mod
from kerasx.optimizers import schedules as schedules_mod
from kerasx.optimizers.optimizer_features import OptimizerFeatures, new_variable

_LEGACY_CONFIG_KEYS = ("is_legacy_optimizer", "jit_compile")


class Optimizer(OptimizerFeatures):
    """Base class of kerasx optimizers.

    Subclasses implement ``build(var_list)`` (create slot variables after calling
    ``super().build``) and ``update_step(gradient, variable, learning_rate)``.

    Args:
        learning_rate: float or ``LearningRateSchedule``.
        weight_decay: optional decoupled decay (``v -= v * weight_decay * lr``).
        clipnorm: clip each gradient to this L2 norm.
        clipvalue: clip each gradient element to ``[-clipvalue, clipvalue]``.
        global_clipnorm: clip all gradients jointly to this global norm.
        use_ema: keep an exponential moving average of the weights.
        ema_momentum: momentum of that average.
        ema_overwrite_frequency: every this many steps, overwrite the weights
            with their average (None: only in ``finalize_variable_values``).
        loss_scale_factor: gradients are divided by this before use.
        gradient_accumulation_steps: apply updates every N steps with the mean
            of the N accumulated gradients.
        name: optimizer name (prefix of its variables' paths).
        **kwargs: the Keras 2 arguments ``lr`` and ``decay`` (deprecated but honoured).

    Raises:
        TypeError: for any other keyword argument.
        ValueError: for more than one of clipnorm/clipvalue/global_clipnorm or
            out-of-range values.

    Example:
        >>> opt = kerasx.optimizers.SGD(learning_rate=0.1)
        >>> opt.apply([grad], [variable])
    """

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        cls = type(self).__name__
        legacy_lr = kwargs.pop("lr", None)
        decay = kwargs.pop("decay", None)
        if kwargs:
            raise TypeError(
                f"{cls}: unexpected keyword argument(s) {sorted(kwargs)}. Valid arguments are "
                "learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, "
                "ema_momentum, ema_overwrite_frequency, loss_scale_factor, "
                "gradient_accumulation_steps, name (and the deprecated Keras 2 lr, decay)."
            )
        if legacy_lr is not None:
            warnings.warn(f"{cls}: the `lr` argument is deprecated, use `learning_rate` instead.",
                          DeprecationWarning, stacklevel=3)
            learning_rate = legacy_lr
        self._decay = 0.0
        if decay is not None and float(decay) != 0.0:
            warnings.warn(
                f"{cls}: the Keras 2 `decay` argument is deprecated; it is applied as "
                f"learning_rate / (1 + decay * iterations). Prefer a schedule such as "
                f"kerasx.optimizers.schedules.InverseTimeDecay.",
                DeprecationWarning, stacklevel=3)
            if float(decay) < 0:
                raise ValueError(f"{cls}: decay must be >= 0, got {decay}.")
            self._decay = float(decay)
        if sum(x is not None for x in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                f"{cls}: only one of clipnorm, clipvalue and global_clipnorm can be set; got "
                f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}.")
        for arg, val in (("clipnorm", clipnorm), ("clipvalue", clipvalue),
                         ("global_clipnorm", global_clipnorm)):
            if val is not None and float(val) <= 0:
                raise ValueError(f"{cls}: {arg} must be > 0, got {val}.")
        if use_ema and not 0 <= float(ema_momentum) <= 1:
            raise ValueError(f"{cls}: ema_momentum must be in [0, 1], got {ema_momentum}.")
        if ema_overwrite_frequency is not None and (int(ema_overwrite_frequency) < 1):
            raise ValueError(
                f"{cls}: ema_overwrite_frequency must be an int >= 1 or None, "
                f"got {ema_overwrite_frequency}.")
        if gradient_accumulation_steps is not None and int(gradient_accumulation_steps) < 2:
            raise ValueError(
                f"{cls}: gradient_accumulation_steps must be an int >= 2 or None, "
                f"got {gradient_accumulation_steps}.")
        self.name = name or _snake(cls)
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.use_ema = bool(use_ema)
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = (None if gradient_accumulation_steps is None
                                            else int(gradient_accumulation_steps))
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._var_index = {}
        self._exclude_ids = set()
        self._exclude_names = []
        with scope_mod.name_scope(self.name):
            self._iterations = new_variable(np.array(0, dtype="int64"), dtype="int64",
                                             name="iteration")
        self._learning_rate = self._build_learning_rate(learning_rate)

    # ---- learning rate --------------------------------------------------
    def _build_learning_rate(self, learning_rate):
        if isinstance(learning_rate, schedules_mod.LearningRateSchedule) or (
                callable(learning_rate) and not hasattr(learning_rate, "assign")):
            return learning_rate
        try:
            value = float(learning_rate)
        except (TypeError, ValueError):
            raise ValueError(
                f"{type(self).__name__}: learning_rate must be a float or a "
                f"LearningRateSchedule, got {learning_rate!r}.") from None
        with scope_mod.name_scope(self.name):
            return new_variable(np.array(value, dtype="float32"), dtype="float32",
                                 name="learning_rate")

    def _has_lr_variable(self):
        return hasattr(self._learning_rate, "assign")

    @property
    def learning_rate(self):
        """The learning rate: its Variable (settable) or, for a schedule, its value now."""
        if self._has_lr_variable():
            return self._learning_rate
        return self._evaluate_lr_callable()

    @learning_rate.setter
    def learning_rate(self, value):
        if isinstance(value, schedules_mod.LearningRateSchedule) or (
                callable(value) and not hasattr(value, "assign")):
            self._learning_rate = value
            return
        if not self._has_lr_variable():
            raise TypeError(
                f"{type(self).__name__}: this optimizer was created with a LearningRateSchedule "
                "as its learning_rate, so its learning rate cannot be set to a number. Create "
                "the optimizer with a float learning_rate to change it during training.")
        self._learning_rate.assign(ops.cast(value, "float32"))

    lr = learning_rate

    def _evaluate_lr_callable(self):
        # A schedule takes the step; any other callable takes no arguments (as Keras).
        if isinstance(self._learning_rate, schedules_mod.LearningRateSchedule):
            return self._learning_rate(self._iterations)
        return self._learning_rate()

    def _current_learning_rate(self):
        """The learning rate used by this step (schedule and legacy decay applied)."""
        if self._has_lr_variable():
            lr = ops.convert_to_tensor(self._learning_rate.value)
        else:
            lr = ops.cast(self._evaluate_lr_callable(), "float32")
        if self._decay:
            it = ops.cast(self._iterations, "float32")
            lr = lr / (1.0 + self._decay * it)
        return lr

    @property
    def iterations(self):
        """Number of updates so far: the int64 Variable counting ``apply`` calls, or
        with gradient accumulation that count floor-divided by the accumulation steps."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(self._iterations.value, self.gradient_accumulation_steps)
        return self._iterations

    def _update_count(self):
        """Completed updates, as a tensor (what bias corrections and EMA count)."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(self._iterations.value, self.gradient_accumulation_steps)
        return self._iterations.value

    # ---- variables ------------------------------------------------------
    @property
    def variables(self):
        """All optimizer state: iterations, the learning rate Variable, then slots."""
        head = [self._iterations]
        if self._has_lr_variable():
            head.append(self._learning_rate)
        return head + list(self._variables)

    def build(self, var_list):
        """Creates the state for ``var_list`` (EMA copies, gradient accumulators).

        Subclasses call ``super().build(var_list)`` then create their slots.
        """
        self._trainable_variables = list(var_list)
        self._var_index = {id(v): i for i, v in enumerate(self._trainable_variables)}
        if self.use_ema:
            self._ema_variables = []
            for v in self._trainable_variables:
                self._ema_variables.append(self.add_variable_from_reference(
                    v, name="average",
                    initializer=lambda shape, dtype=None, v=v: ops.cast(ops.copy(v.value), dtype)))
        if self.gradient_accumulation_steps:
            self._accumulators = self.add_optimizer_variables(self._trainable_variables,
                                                              "gradient_accumulator")
        self.built = True

    def _slot_index(self, variable):
        try:
            return self._var_index[id(variable)]
        except KeyError:
            raise ValueError(
                f"{type(self).__name__}: variable {getattr(variable, 'path', variable)!r} was "
                "not among the variables this optimizer was built with. Create a new optimizer "
                "for a new set of variables.") from None

    # ---- applying -------------------------------------------------------
    def update_step(self, gradient, variable, learning_rate):
        """Updates one variable from its gradient; implemented by each optimizer."""
        raise TypeError(f"{type(self).__name__} does not define update_step; subclasses must.")

    def _update_all(self, grads, variables, lr):
        for g, v in zip(grads, variables):
            self.update_step(g, v, ops.cast(lr, v.dtype))

    def apply(self, grads, trainable_variables=None):
        """Applies one step of ``grads`` to ``trainable_variables``.

        Args:
            grads: list of gradients (None entries are skipped).
            trainable_variables: the matching Variables; defaults to the ones
                the optimizer was built with.

        Raises:
            ValueError: if the lists differ in length or no gradient is given.
        """
        grads = list(grads)
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    f"{type(self).__name__}.apply: trainable_variables must be given when the "
                    "optimizer has not been built yet.")
            trainable_variables = self._trainable_variables
        trainable_variables = list(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(
                f"{type(self).__name__}.apply: got {len(grads)} gradient(s) for "
                f"{len(trainable_variables)} variable(s); expected one gradient per variable.")
        if not self.built:
            self.build(trainable_variables)
        pairs = [(g, v) for g, v in zip(grads, trainable_variables) if g is not None]
        if not pairs:
            raise ValueError(
                f"{type(self).__name__}.apply: no gradients provided for any variable "
                f"({[getattr(v, 'path', v) for v in trainable_variables]}).")
        index = self._var_index
        for _, v in pairs:
            if id(v) not in index:
                self._slot_index(v)  # raises, naming the variable
        with B.core.no_grad_scope():
            self._apply_pairs(pairs)

    def _apply_pairs(self, pairs):
        grads = [ops.convert_to_tensor(g) for g, _ in pairs]
        variables = [v for _, v in pairs]
        if self.loss_scale_factor is not None:
            grads = [g / ops.cast(self.loss_scale_factor, g.dtype) for g in grads]
        lr = self._current_learning_rate()
        if self.gradient_accumulation_steps:
            self._apply_accumulated(grads, variables, lr)
        else:
            grads = self._clip_gradients(grads)
            self._apply_weight_decay(variables, lr)
            self._update_all(grads, variables, lr)
        self._apply_constraints(variables)
        if self.use_ema:
            self._update_ema()
        self._iterations.assign_add(1)

    @staticmethod
    def _apply_constraints(variables):
        """Projects each variable with its ``constraint`` (set by ``Layer.add_weight``)."""
        for v in variables:
            constraint = getattr(v, "constraint", None)
            if constraint is not None:
                v.assign(constraint(v.value))

    def apply_gradients(self, grads_and_vars):
        """Keras-2 style: ``apply_gradients(zip(grads, variables))``."""
        grads_and_vars = list(grads_and_vars)
        if not grads_and_vars:
            raise ValueError(f"{type(self).__name__}.apply_gradients: got no (grad, var) pairs.")
        grads, variables = zip(*grads_and_vars)
        self.apply(list(grads), list(variables))
        return self._iterations

    # ---- stateless ------------------------------------------------------
    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """Pure version of ``apply``: takes and returns values instead of mutating.

        Args:
            optimizer_variables: values for ``self.variables``, in order.
            grads: gradients for the variables the optimizer was built with.
            trainable_variables: their current values.

        Returns:
            ``(new_trainable_values, new_optimizer_values)``.
        """
        if not self.built:
            raise ValueError(
                f"{type(self).__name__}.stateless_apply: build the optimizer first "
                "(optimizer.build(trainable_variables)).")
        opt_vars = self.variables
        if len(optimizer_variables) != len(opt_vars) or len(trainable_variables) != len(
                self._trainable_variables):
            raise ValueError(
                f"{type(self).__name__}.stateless_apply: expected {len(opt_vars)} optimizer "
                f"values and {len(self._trainable_variables)} trainable values, got "
                f"{len(optimizer_variables)} and {len(trainable_variables)}.")
        mapping = list(zip(self._trainable_variables, trainable_variables)) + list(
            zip(opt_vars, optimizer_variables))
        with scope_mod.StatelessScope(state_mapping=mapping) as scope:
            self.apply(grads)
        new_train = [scope.get_current_value(v) for v in self._trainable_variables]
        new_opt = [scope.get_current_value(v) for v in opt_vars]
        return new_train, new_opt

    # ---- saving ---------------------------------------------------------
    def save_own_variables(self, store):
        """Writes ``self.variables`` into ``store`` under keys "0", "1", ... (Keras layout)."""
        for i, v in enumerate(self.variables):
            store[str(i)] = np.asarray(v.numpy())

    def load_own_variables(self, store):
        """Restores ``self.variables`` from a ``store`` written by ``save_own_variables``.

        Raises:
            ValueError: if the number of stored values differs (build the optimizer
                for the same variables first).
        """
        variables = self.variables
        if len(store.keys()) != len(variables):
            raise ValueError(
                f"{type(self).__name__}.load_own_variables: the store holds {len(store.keys())} "
                f"value(s) but the optimizer has {len(variables)} variable(s); build it for the "
                "same model variables (optimizer.build(model.trainable_variables)) first.")
        for i, v in enumerate(variables):
            v.assign(np.asarray(store[str(i)]))

    # ---- config ---------------------------------------------------------
    def get_config(self):
        """The constructor arguments as a JSON-friendly dict."""
        if self._has_lr_variable():
            lr = float(np.asarray(self._learning_rate.numpy()))
        elif isinstance(self._learning_rate, schedules_mod.LearningRateSchedule):
            lr = schedules_mod.serialize(self._learning_rate)
        else:
            lr = self._learning_rate
        config = {
            "name": self.name,
            "learning_rate": lr,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }
        if self._decay:
            config["decay"] = self._decay
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Builds the optimizer from ``get_config()`` output (Keras 2 or 3 configs)."""
        config = dict(config)
        for key in _LEGACY_CONFIG_KEYS:
            config.pop(key, None)
        if "lr" in config:
            config.setdefault("learning_rate", config["lr"])
            config.pop("lr")
        decay = config.pop("decay", None)
        lr = config.get("learning_rate")
        if isinstance(lr, dict):
            config["learning_rate"] = schedules_mod.deserialize(lr, custom_objects=custom_objects)
        opt = cls(**config)
        if decay:
            opt._decay = float(decay)
        return opt

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _snake(name):
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


_BASE_ARGS = ("learning_rate", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm",
              "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
              "gradient_accumulation_steps", "name")


def base_kwargs(local_values):
    """Picks the base ``Optimizer`` arguments (and extra ``kwargs``) from a subclass's locals()."""
    out = {k: local_values[k] for k in _BASE_ARGS if k in local_values}
    out.update(local_values.get("kwargs") or {})
    return out
