"""Frontend helpers shared by the public op modules (not part of the public API)."""

import functools

from kerasx.core.keras_tensor import any_symbolic


def concrete_only(op, what):
    """Wraps ``op`` so that symbolic inputs raise a clear error.

    Used for ops whose output shape depends on the input *values* (``nonzero``,
    one-argument ``where``): a KerasTensor has no values, so no static shape exists.
    """

    @functools.wraps(op)
    def wrapper(*args, **kwargs):
        if any_symbolic(args, kwargs):
            raise ValueError(
                f"ops.{op.__name__}: the output shape depends on the values of {what}, "
                "but a symbolic KerasTensor (a model-building placeholder) has no values. "
                "Call it on concrete tensors, e.g. inside a Layer's call() at run time, or "
                "use a fixed-size alternative such as ops.where(condition, x1, x2)."
            )
        return op(*args, **kwargs)

    return wrapper
