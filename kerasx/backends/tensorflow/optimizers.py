"""Fused optimizer updates for the TensorFlow backend (optional: the frontend falls back to ops).

Adam runs as one ``ResourceApplyAdam`` kernel per variable (TensorFlow's own fused
Adam op), instead of about a dozen graph nodes per variable. Its math is Keras's:
``lr_t = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)``, ``m += (g - m) * (1 - beta_1)``,
``v += (g * g - v) * (1 - beta_2)``, ``w -= lr_t * m / (sqrt(v) + epsilon)``.
"""

import tensorflow as tf

from kerasx.core import scope as scope_mod

_FLOATS = (tf.float16, tf.bfloat16, tf.float32, tf.float64)


def adam_update(variables, grads, momentums, velocities, learning_rate, count, beta_1, beta_2,
                epsilon):
    """Applies one Adam step to the variables in place; returns False when it cannot.

    ``count`` is the number of updates done so far (this is update ``count + 1``).
    All variables share one floating dtype.
    """
    if scope_mod.in_stateless_scope():
        return False
    dtype = variables[0]._value.dtype
    if dtype not in _FLOATS:
        return False
    t = tf.cast(count + 1, dtype)
    b1 = tf.constant(beta_1, dtype)
    b2 = tf.constant(beta_2, dtype)
    b1_power, b2_power = tf.pow(b1, t), tf.pow(b2, t)
    lr = tf.cast(learning_rate, dtype)
    eps = tf.constant(epsilon, dtype)
    for var, grad, m, v in zip(variables, grads, momentums, velocities):
        tf.raw_ops.ResourceApplyAdam(
            var=var._value.handle, m=m._value.handle, v=v._value.handle,
            beta1_power=b1_power, beta2_power=b2_power, lr=lr, beta1=b1, beta2=b2,
            epsilon=eps, grad=tf.cast(grad, dtype), use_locking=False, use_nesterov=False)
    return True
