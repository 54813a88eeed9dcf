"""Backend-neutral gradients of a function of Variables: ``ops.compute_gradients``."""

from kerasx.backends import B


def compute_gradients(fn, variables, has_aux=False):
    """Evaluates ``fn()`` and its gradient with respect to ``variables``.

    Works the same on every backend — eagerly on torch, inside ``tf.function``,
    and inside ``jax.jit`` (where Variables are read through a StatelessScope) —
    so a custom ``train_step`` written with it runs everywhere.

    Args:
        fn: function of no arguments that reads the Variables (directly or by
            calling layers/models) and returns a scalar, or ``(scalar, aux)``
            when ``has_aux=True``.
        variables: list of ``kerasx.Variable``.
        has_aux: whether ``fn`` returns auxiliary outputs besides the value.

    Returns:
        ``(value, grads)``, or ``((value, aux), grads)`` with ``has_aux``; ``grads``
        has one tensor per variable (zeros where the value does not depend on it).

    Raises:
        ValueError: if ``fn`` is not callable or ``variables`` holds non-Variables.

    Example:
        >>> loss, grads = ops.compute_gradients(lambda: ops.sum(v * v), [v])
    """
    if not callable(fn):
        raise ValueError(f"ops.compute_gradients: fn must be callable, got {fn!r}.")
    variables = list(variables)
    for i, v in enumerate(variables):
        if not isinstance(v, B.core.Variable):
            raise ValueError(
                f"ops.compute_gradients: variables[{i}] must be a kerasx.Variable, got "
                f"{type(v).__name__}.")
    return B.core.compute_gradients(fn, variables, has_aux=has_aux)
