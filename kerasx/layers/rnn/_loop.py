"""The generic recurrent time loop shared by ``RNN`` and its subclasses.

``run_loop`` steps a cell over the time axis with ``kerasx.ops.scan`` while a
function is being traced (jit / tf.function / torch.compile: one compiled loop), and
with a Python loop when running eagerly or with ``unroll=True`` (eager ops need no
loop compilation). Masked steps keep the previous states; their output is the
previous output (or zeros with ``zero_output_for_mask``), as in Keras.
"""

from kerasx import ops, tree
from kerasx.backends import B  # for core.in_tracing, which kerasx.ops does not expose


def template_of(state_size):
    """Nested-list template of the states: an int leaf per state (top level always a list)."""
    def rec(s):
        if isinstance(s, (list, tuple)):
            return [rec(v) for v in s]
        return 0
    t = rec(state_size)
    return t if isinstance(t, list) else [t]


def pack(template, flat):
    """Packs the flat list of states into ``template``'s nesting."""
    it = iter(flat)

    def rec(t):
        if isinstance(t, list):
            return [rec(v) for v in t]
        return next(it)
    return rec(template)


def _expand_mask(m, like):
    rank = len(like.shape)
    if rank <= 1:
        return m
    return ops.reshape(m, (-1,) + (1,) * (rank - 1))


def run_loop(step_fn, sequences, flat_states, template, mask=None, go_backwards=False,
             unroll=False, zero_output_for_mask=False, prev_output=None):
    """Runs ``step_fn(x_t, states) -> (output, new_states)`` over axis 1 of ``sequences``.

    Args:
        step_fn: the cell call; receives the states packed as ``template``.
        sequences: ``(batch, time, ...)`` tensor.
        flat_states: flat list of initial states.
        template: nesting of the states (from ``template_of``).
        mask: optional ``(batch, time)`` boolean mask.
        go_backwards: process the sequence in reverse order.
        unroll: Python loop instead of ``ops.scan``.
        zero_output_for_mask: masked steps output zeros instead of the previous output.
        prev_output: the "previous output" used for masked first steps (defaults to the
            first state).

    Returns:
        ``(last_output, outputs (batch, time, ...) in processing order, final_flat_states)``.
    """
    xs = ops.moveaxis(sequences, 1, 0)
    ms = None
    if mask is not None:
        ms = ops.moveaxis(ops.cast(mask, "bool"), 1, 0)
    if go_backwards:
        xs = ops.flip(xs, 0)
        if ms is not None:
            ms = ops.flip(ms, 0)

    def plain_step(states, x_t):
        out, new_states = step_fn(x_t, pack(template, states))
        return list(tree.flatten(new_states)), out

    def masked_step(carry, inp):
        states, last = carry
        x_t, m_t = inp
        out, new_states = step_fn(x_t, pack(template, states))
        new_flat = tree.flatten(new_states)
        new_flat = [ops.where(_expand_mask(m_t, n), n, o) for n, o in zip(new_flat, states)]
        last = ops.where(_expand_mask(m_t, out), out, last)
        emitted = (ops.where(_expand_mask(m_t, out), out, ops.zeros_like(out))
                   if zero_output_for_mask else last)
        return (new_flat, last), emitted

    if ms is None:
        step, seq_in = plain_step, xs
        carry = list(flat_states)
    else:
        step, seq_in = masked_step, (xs, ms)
        carry = (list(flat_states), flat_states[0] if prev_output is None else prev_output)
    if unroll or (xs.shape[0] is not None and not B.core.in_tracing()):
        n = xs.shape[0]
        ys = []
        for t in range(n):
            inp = (xs[t], ms[t]) if ms is not None else xs[t]
            carry, y = step(carry, inp)
            ys.append(y)
        outputs = ops.stack(ys, axis=0)
    else:
        carry, outputs = ops.scan(step, carry, seq_in)
    if ms is None:
        final_states, last = carry, outputs[-1]
    else:
        final_states, last = carry
        if zero_output_for_mask:  # Keras: the last output is the last emitted one
            last = outputs[-1]
    outputs = ops.moveaxis(outputs, 0, 1)
    return last, outputs, list(final_states)
