"""Control flow and gradient-control ops (re-exported by ``kerasx.ops.core``)."""

from kerasx.ops._dispatch import make_op


def cond(pred, true_fn, false_fn):
    """Runs ``true_fn()`` if ``pred`` is true, else ``false_fn()`` (traceable).

    Args:
        pred: scalar boolean tensor or Python bool.
        true_fn, false_fn: callables without arguments returning the same structure.

    Returns:
        The output of the selected branch.

    Example:
        >>> ops.cond(x > 0, lambda: x, lambda: -x)
    """


cond = make_op(cond, "core")


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    """Repeats ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)`` holds.

    Args:
        cond: callable returning a scalar boolean.
        body: callable returning new loop variables (same structure).
        loop_vars: a tensor or a tuple/list of tensors.
        maximum_iterations: optional cap on the number of iterations.

    Returns:
        The final loop variables (same structure as ``loop_vars``).

    Example:
        >>> ops.while_loop(lambda i: i < 10, lambda i: i + 1, 0)  # 10
    """


while_loop = make_op(while_loop, "core")


def fori_loop(lower, upper, body_fun, init_val):
    """Runs ``val = body_fun(i, val)`` for ``i`` in ``range(lower, upper)``.

    Args:
        lower, upper: integer bounds.
        body_fun: callable ``(i, val) -> val``.
        init_val: initial value (any structure of tensors).

    Returns:
        The final value.

    Example:
        >>> ops.fori_loop(0, 5, lambda i, s: s + i, 0)  # 10
    """


fori_loop = make_op(fori_loop, "core")


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """Loops ``f(carry, x) -> (carry, y)`` over the leading axis of ``xs``.

    Args:
        f: the step function.
        init: initial carry.
        xs: tensors scanned over their first axis (or None with ``length``).
        length: number of steps when ``xs`` is None.
        reverse: scan from the end.
        unroll: unrolling hint.

    Returns:
        ``(final_carry, stacked_ys)``.

    Example:
        >>> ops.scan(lambda c, x: (c + x, c + x), 0.0, ops.ones((3,)))  # (3., [1., 2., 3.])
    """


scan = make_op(scan, "core")


def associative_scan(f, elems, reverse=False, axis=0):
    """Inclusive scan of ``elems`` along ``axis`` with an associative binary ``f``.

    Args:
        f: associative function of two tensors (or structures).
        elems: tensor or structure of tensors with equal length along ``axis``.
        reverse: scan from the end.
        axis: the scanned axis.

    Returns:
        Same structure as ``elems`` holding the running results.

    Example:
        >>> ops.associative_scan(ops.add, ops.ones((4,)))  # [1., 2., 3., 4.]
    """


associative_scan = make_op(associative_scan, "core")


def map(f, xs):
    """Applies ``f`` to each slice of ``xs`` along the first axis and stacks the results.

    Args:
        f: callable on one slice.
        xs: tensor (or structure of tensors).

    Returns:
        The stacked outputs.

    Example:
        >>> ops.map(lambda r: ops.sum(r), ops.ones((3, 2)))  # [2., 2., 2.]
    """


map = make_op(map, "core")


def switch(index, branches, *operands):
    """Calls ``branches[index](*operands)``; ``index`` is clamped to the valid range.

    Args:
        index: scalar integer (tensor).
        branches: sequence of callables with the same output structure.
        *operands: arguments passed to the chosen branch.

    Returns:
        The chosen branch's output.

    Example:
        >>> ops.switch(1, [lambda x: x + 1, lambda x: x * 2], 3)  # 6
    """


switch = make_op(switch, "core")


def vectorized_map(function, elements):
    """Maps ``function`` over the first axis of ``elements`` in parallel (vectorized).

    Args:
        function: callable on one slice.
        elements: tensor or structure of tensors.

    Returns:
        The stacked outputs.

    Example:
        >>> ops.vectorized_map(lambda r: r * 2, ops.ones((3, 2)))
    """


vectorized_map = make_op(vectorized_map, "core")


def stop_gradient(variable):
    """Returns ``variable`` unchanged but blocks gradients through it.

    Args:
        variable: tensor or Variable.

    Returns:
        A tensor with the same value and no gradient.

    Example:
        >>> y = ops.stop_gradient(x)
    """


stop_gradient = make_op(stop_gradient, "core")


def custom_gradient(fun):
    """Decorator giving a function a custom gradient.

    ``fun(*args)`` must return ``(output, grad_fn)``; ``grad_fn(upstream)`` returns
    the gradient for each input (a tuple when there are several).

    Args:
        fun: the function to decorate.

    Returns:
        A function computing ``output`` whose gradient is ``grad_fn``.

    Example:
        >>> @ops.custom_gradient
        ... def clip_grad(x):
        ...     return x, lambda g: ops.clip(g, -1.0, 1.0)
    """


custom_gradient = make_op(custom_gradient, "core")
