"""Step functions for the JAX backend.

A step is made pure: every Variable it may touch (model, optimizer, metrics) is
passed in as a value, read and written through a kerasx StatelessScope inside
``jax.jit``, and the new values come back out. The input state is donated, and
the new values are written back into the Variables after every call, so
callbacks and user code always see current weights.
"""

import jax

from kerasx.core.scope import StatelessScope


def _make_pure(trainer, step, variables, collect):
    ids = {id(v) for v in variables}

    def pure(values, batches):
        with StatelessScope(zip(variables, values)) as scope:
            if collect:
                logs = [step(data) for data in batches]
            else:
                logs = None
                for data in batches:
                    logs = step(data)
        stray = [item[0].path for key, item in scope.state_mapping.items() if key not in ids]
        if stray:
            raise ValueError(
                "A train/test step assigned to Variables that the model does not track: "
                f"{stray[:5]}. Create them in a layer's build() or __init__ (add_weight), a "
                "metric or the optimizer, so that the JAX backend can carry their state.")
        return logs, [scope.get_current_value(v) for v in variables]

    return pure


def _make(trainer, step, variables, collect, donate):
    pure = _make_pure(trainer, step, variables, collect)
    jitted = jax.jit(pure, donate_argnums=(0,) if donate else ())

    def run(batches):
        values = [v._value for v in variables]
        logs, new_values = jitted(values, batches)
        # written back after every call (also predict: stateful RNNs update their state)
        for v, value in zip(variables, new_values):
            v._direct_assign(value)
        return logs

    return run


# fit may pass staged batches (kerasx/trainers/_staged.py) to ``train_function.staged``
supports_staged_batches = True


def stage_array(array):
    """A NumPy training array as a jax.Array for staged batches (dtype as convert_to_tensor
    gives). Where the device is the host and the dtype already matches, the array's
    memory is shared (no second copy of the data set); the steps only read it."""
    from kerasx.backends.jax.core import convert_to_tensor
    if convert_to_tensor(array[:0]).dtype == array.dtype:
        return jax.device_put(array, may_alias=True)
    return convert_to_tensor(array)


def _make_staged(trainer, step, variables):
    """``run(key, batch_of, arrays, order, start)``: one step on the batch that
    ``batch_of(arrays, order, start)`` slices inside the jit from the staged
    (device-resident) training arrays; compiled once per ``key`` (layout and size)."""
    compiled = {}

    def run(key, batch_of, arrays, order, start):
        jitted = compiled.get(key)
        if jitted is None:
            pure = _make_pure(trainer, step, variables, collect=False)
            jitted = compiled[key] = jax.jit(
                lambda values, arrays, order, start: pure(values, [batch_of(arrays, order, start)]),
                donate_argnums=(0,))
        logs, new_values = jitted([v._value for v in variables], arrays, order, start)
        for v, value in zip(variables, new_values):
            v._direct_assign(value)
        return logs

    return run


def make_train_function(trainer, jit_compile=False, steps_per_execution=1):
    variables = trainer._state_variables()
    run = _make(trainer, trainer.train_step, variables, collect=False, donate=True)
    run.staged = _make_staged(trainer, trainer.train_step, variables)
    return run


def make_test_function(trainer, jit_compile=False, steps_per_execution=1):
    variables = trainer._state_variables(include_optimizer=False)
    return _make(trainer, trainer.test_step, variables, collect=False, donate=True)


def make_predict_function(trainer, jit_compile=False, steps_per_execution=1):
    variables = trainer._state_variables(include_optimizer=False, include_metrics=False)
    return _make(trainer, trainer.predict_step, variables, collect=True, donate=False)
