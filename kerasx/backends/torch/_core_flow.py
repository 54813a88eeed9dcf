"""Control flow for the torch backend (eager Python loops with jax.lax semantics)."""

import torch

from kerasx import tree
from kerasx.backends.torch._common import convert_to_tensor


def _tensorize(x):
    return tree.map_structure(
        lambda e: convert_to_tensor(e) if hasattr(e, "_direct_assign") else e, x)


def cond(pred, true_fn, false_fn):
    if isinstance(pred, torch.Tensor) and pred.numel() != 1:
        raise ValueError(f"ops.cond: pred must be a scalar boolean, got a tensor of shape "
                         f"{tuple(pred.shape)}.")
    return true_fn() if bool(pred) else false_fn()


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_seq = isinstance(loop_vars, (list, tuple))
    state = tuple(loop_vars) if is_seq else (loop_vars,)
    limit = None if maximum_iterations is None else int(maximum_iterations)
    i = 0
    while (limit is None or i < limit) and bool(cond(*state)):
        out = body(*state)
        out = tuple(out) if isinstance(out, (list, tuple)) else (out,)
        if len(out) != len(state):
            raise ValueError(f"ops.while_loop: body must return {len(state)} value(s) like "
                             f"loop_vars, got {len(out)}.")
        state = out
        i += 1
    if is_seq:
        return list(state) if isinstance(loop_vars, list) else state
    return state[0]


def fori_loop(lower, upper, body_fun, init_val):
    val = init_val
    for i in range(int(lower), int(upper)):
        val = body_fun(i, val)
    return val


def _stack_tree(items, template):
    if not items:
        return None
    flats = [tree.flatten(it) for it in items]
    stacked = [None if col[0] is None else torch.stack([convert_to_tensor(c) for c in col])
               for col in zip(*flats)]
    return tree.pack_sequence_as(template, stacked)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None:
        if length is None:
            raise ValueError("ops.scan: give xs or length; both were None.")
        n = int(length)
        leaves = []
    else:
        leaves = [convert_to_tensor(e) for e in tree.flatten(xs)]
        n = int(leaves[0].shape[0]) if leaves else int(length or 0)
        if length is not None and int(length) != n:
            raise ValueError(f"ops.scan: length={length} does not match the leading dim {n} of xs.")
    carry = init
    ys = [None] * n
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        x = None if xs is None else tree.pack_sequence_as(xs, [e[i] for e in leaves])
        carry, y = f(carry, x)
        ys[i] = y
    if n == 0 or ys[0] is None:
        return carry, None
    return carry, _stack_tree(ys, ys[0])


def associative_scan(f, elems, reverse=False, axis=0):
    leaves = [convert_to_tensor(e) for e in tree.flatten(elems)]
    if reverse:
        leaves = [torch.flip(e, (axis,)) for e in leaves]
    n = leaves[0].shape[axis]
    if n == 0:
        return elems
    acc = [e.narrow(axis, 0, 1) for e in leaves]
    outs = [acc]
    for i in range(1, n):
        a = tree.pack_sequence_as(elems, acc)
        b = tree.pack_sequence_as(elems, [e.narrow(axis, i, 1) for e in leaves])
        acc = [convert_to_tensor(r) for r in tree.flatten(f(a, b))]
        outs.append(acc)
    result = [torch.cat(col, dim=axis) for col in zip(*outs)]
    if reverse:
        result = [torch.flip(e, (axis,)) for e in result]
    return tree.pack_sequence_as(elems, result)


def map(f, xs):
    leaves = [convert_to_tensor(e) for e in tree.flatten(xs)]
    n = int(leaves[0].shape[0])
    ys = [f(tree.pack_sequence_as(xs, [e[i] for e in leaves])) for i in range(n)]
    if not ys:
        raise ValueError("ops.map: xs has a zero-length leading dimension; nothing to map over.")
    return _stack_tree(ys, ys[0])


def switch(index, branches, *operands):
    i = int(index)
    i = min(max(i, 0), len(branches) - 1)  # clamped like lax.switch
    return branches[i](*operands)


class _CustomGradFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, fun, kwargs, n_tensors, *args):
        out, grad_fn = fun(*args, **kwargs)
        ctx.grad_fn = grad_fn
        ctx.n_args = len(args)
        return out

    @staticmethod
    def backward(ctx, *upstream):
        grads = ctx.grad_fn(*upstream)
        if not isinstance(grads, (list, tuple)):
            grads = (grads,)
        grads = tuple(None if g is None else convert_to_tensor(g) for g in grads)
        grads = grads + (None,) * (ctx.n_args - len(grads))
        return (None, None, None) + grads


def custom_gradient(fun):
    def wrapper(*args, **kwargs):
        args = tuple(convert_to_tensor(a) if hasattr(a, "_direct_assign") else a for a in args)
        return _CustomGradFunction.apply(fun, kwargs, len(args), *args)

    wrapper.__name__ = getattr(fun, "__name__", "custom_gradient")
    return wrapper


def vectorized_map(function, elements):
    elements = _tensorize(elements)
    try:
        return torch.vmap(function)(elements)
    except Exception:
        # functions using data-dependent Python control flow cannot be vmapped (torch 2.x)
        return map(function, elements)
