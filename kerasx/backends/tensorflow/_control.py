"""TensorFlow backend: control flow with jax.lax semantics."""

import builtins

import tensorflow as tf

from kerasx import tree
from kerasx.backends.tensorflow._common import convert


def cond(pred, true_fn, false_fn):
    if isinstance(pred, bool):
        return true_fn() if pred else false_fn()
    return tf.cond(convert(pred), true_fn, false_fn)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_seq = isinstance(loop_vars, (list, tuple))
    lv = tuple(loop_vars) if is_seq else (loop_vars,)

    def _cond(*a):
        return cond(*a) if is_seq else cond(a[0])

    def _body(*a):
        r = body(*a) if is_seq else body(a[0])
        return tuple(r) if is_seq else (r,)

    out = tf.while_loop(_cond, _body, lv, maximum_iterations=maximum_iterations)
    if not is_seq:
        return out[0]
    return list(out) if isinstance(loop_vars, list) else tuple(out)


def fori_loop(lower, upper, body_fun, init_val):
    if tf.executing_eagerly() and isinstance(lower, int) and isinstance(upper, int):
        val = init_val
        for i in builtins.range(lower, upper):
            val = body_fun(tf.constant(i, tf.int32), val)
        return val
    _, val = tf.while_loop(lambda i, v: i < upper,
                           lambda i, v: (i + 1, body_fun(i, v)),
                           (convert(lower, "int32"), init_val))
    return val


def _stack_ys(ys):
    if not ys or ys[0] is None:
        return None
    return tree.map_structure(lambda *a: tf.stack([convert(e) for e in a]), *ys)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    xs_flat = [convert(x) for x in tree.flatten(xs)] if xs is not None else []
    if length is None:
        if not xs_flat:
            raise ValueError("ops.scan: give xs or length; both are None.")
        length = xs_flat[0].shape[0]
        if length is None:
            length = tf.shape(xs_flat[0])[0]

    def x_at(i):
        if xs is None:
            return None
        return tree.pack_sequence_as(xs, [t[i] for t in xs_flat])

    if isinstance(length, int):
        carry = init
        ys = []
        order = builtins.range(length - 1, -1, -1) if reverse else builtins.range(length)
        for i in order:
            carry, y = f(carry, x_at(i))
            ys.append(y)
        if reverse:
            ys.reverse()
        return carry, _stack_ys(ys)
    # Dynamic length (graph mode): peel the first step to learn the output structure.
    n = length

    def idx(i):
        return n - 1 - i if reverse else i

    carry, y0 = f(init, x_at(idx(0)))
    y_flat = tree.flatten(y0) if y0 is not None else []
    tas = [tf.TensorArray(convert(y).dtype, size=n).write(idx(0), convert(y)) for y in y_flat]

    def body(i, c, tas):
        c2, y = f(c, x_at(idx(i)))
        yf = tree.flatten(y) if y is not None else []
        return i + 1, c2, [ta.write(idx(i), convert(v)) for ta, v in zip(tas, yf)]

    _, carry, tas = tf.while_loop(lambda i, c, t: i < n, body, (tf.constant(1), carry, tas))
    if y0 is None:
        return carry, None
    return carry, tree.pack_sequence_as(y0, [ta.stack() for ta in tas])


def associative_scan(f, elems, reverse=False, axis=0):
    flat = [convert(e) for e in tree.flatten(elems)]
    nd = len(flat[0].shape)
    axis = axis % nd
    if flat[0].shape[axis] is None:
        raise ValueError("ops.associative_scan: the scanned axis must have a static size; got "
                         f"shape {tuple(flat[0].shape)} with axis={axis}.")
    if reverse:
        flat = [tf.reverse(e, [axis]) for e in flat]

    def sl(x, start, stop, step=1):
        return x[(builtins.slice(None),) * axis + (builtins.slice(start, stop, step),)]

    def fn(a, b):
        out = f(tree.pack_sequence_as(elems, a), tree.pack_sequence_as(elems, b))
        return [convert(o) for o in tree.flatten(out)]

    def interleave(a, b):
        na, nb = a.shape[axis], b.shape[axis]
        if na > nb:
            b = tf.concat([b, sl(a, 0, 1)], axis)
        st = tf.stack([a, b], axis=axis + 1)
        shp = tf.concat([tf.shape(a)[:axis], [2 * na], tf.shape(a)[axis + 1:]], 0)
        return sl(tf.reshape(st, shp), 0, na + nb)

    # Parallel prefix (Ladner-Fischer): combine pairs, scan the half-length result, fill evens.
    def scan_(xs):
        m = xs[0].shape[axis]
        if m < 2:
            return xs
        odd = scan_(fn([sl(x, 0, m - 1, 2) for x in xs], [sl(x, 1, m, 2) for x in xs]))
        rest = [sl(x, 2, m, 2) for x in xs]
        left = [sl(o, 0, -1) for o in odd] if m % 2 == 0 else odd
        even = fn(left, rest) if rest[0].shape[axis] else rest
        even = [tf.concat([sl(x, 0, 1), e], axis) for x, e in zip(xs, even)]
        return [interleave(e, o) for e, o in zip(even, odd)]

    out = scan_(flat)
    if reverse:
        out = [tf.reverse(e, [axis]) for e in out]
    return tree.pack_sequence_as(elems, out)


def map(f, xs):
    flat = [convert(x) for x in tree.flatten(xs)]
    n = flat[0].shape[0]
    if n is None:
        return tf.map_fn(f, xs)
    ys = [f(tree.pack_sequence_as(xs, [t[i] for t in flat])) for i in builtins.range(n)]
    if n == 0:
        return tf.map_fn(f, xs)
    return _stack_ys(ys)


def switch(index, branches, *operands):
    n = len(branches)
    if tf.executing_eagerly():
        i = int(convert(index))
        return branches[builtins.min(builtins.max(i, 0), n - 1)](*operands)
    index = tf.clip_by_value(convert(index, "int32"), 0, n - 1)
    return tf.switch_case(index, [lambda b=b: b(*operands) for b in branches])


def vectorized_map(function, elements):
    return tf.vectorized_map(function, elements)
