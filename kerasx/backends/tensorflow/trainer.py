"""Step functions for the TensorFlow backend: ``tf.function`` (XLA with jit_compile=True).

Several batches per call (steps_per_execution) are unrolled inside one
tf.function; a shorter last chunk traces once more. AutoGraph is off: kerasx code
(and backend-neutral train_step code) expresses data-dependent control flow with
kerasx.ops.cond/while_loop, and converting the whole call tree cost tens of seconds
of tracing per model with TF 2.21.
"""

import tensorflow as tf


_XLA = [False]


def xla_tracing():
    """True while a step for XLA (jit_compile=True) is being traced: ops without XLA
    kernels (the fused BlockLSTM) must take their generic path then."""
    return _XLA[0]


def _wrap(fn, jit_compile):
    xla = jit_compile is True

    def traced(batches):
        previous = _XLA[0]
        _XLA[0] = xla
        try:
            return fn(batches)
        finally:
            _XLA[0] = previous

    return tf.function(traced, jit_compile=xla, reduce_retracing=True, autograph=False)


def make_train_function(trainer, jit_compile=False, steps_per_execution=1):
    def multi(batches):
        logs = None
        for data in batches:
            logs = trainer.train_step(data)
        return logs

    compiled = _wrap(multi, jit_compile)
    return lambda batches: compiled(list(batches))


def make_test_function(trainer, jit_compile=False, steps_per_execution=1):
    def multi(batches):
        logs = None
        for data in batches:
            logs = trainer.test_step(data)
        return logs

    compiled = _wrap(multi, jit_compile)
    return lambda batches: compiled(list(batches))


def make_predict_function(trainer, jit_compile=False, steps_per_execution=1):
    def multi(batches):
        return [trainer.predict_step(data) for data in batches]

    compiled = _wrap(multi, jit_compile)
    return lambda batches: compiled(list(batches))
