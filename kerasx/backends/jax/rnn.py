"""Fused LSTM/GRU loops for the recurrent layers (``B.rnn``): one ``lax.scan`` each.

The input projection ``x @ kernel + bias`` is computed for all time steps in a
single matmul before the scan; the scan only does the recurrent matmul and the
gates. Weights are in Keras's layout (LSTM gate blocks i, f, c, o; GRU z, r, h with
the ``reset_after=True`` convention). Both are ``jax.jit``-wrapped so that eager
calls reuse one compilation per shape (inside an outer jit they are inlined).
Initial states may be None (zeros).

Both take an optional ``(batch, time)`` boolean mask with Keras's semantics: a masked
step keeps the previous states and emits the previous output (zeros with
``zero_output_for_mask``); any mask pattern is supported (``jnp.where`` per step).
"""

import functools

import jax
import jax.numpy as jnp


def _time_major(inputs, go_backwards):
    xs = jnp.swapaxes(inputs, 0, 1)
    return xs[::-1] if go_backwards else xs


def _masked(step, mask, go_backwards):
    """``step`` with Keras's masking, and the time-major mask to scan over (or None)."""
    if mask is None:
        return step, None
    ms = _time_major(jnp.asarray(mask, bool), go_backwards)[:, :, None]

    def masked_step(carry, inp):
        p, m = inp
        new, _ = step(carry, p)
        new = jax.tree_util.tree_map(lambda n, o: jnp.where(m, n, o), new, carry)
        return new, new[0] if isinstance(new, tuple) else new
    return masked_step, ms


def _init(s, proj, units):
    """The initial state in the projection's dtype (zeros for None)."""
    if s is None:
        return jnp.zeros((proj.shape[1], units), proj.dtype)
    return s.astype(proj.dtype)


def _finish(ys, last_state, ms, zero_output_for_mask):
    if ms is not None and zero_output_for_mask:
        ys = jnp.where(ms, ys, jnp.zeros_like(ys))
        return ys[-1], jnp.swapaxes(ys, 0, 1)
    return last_state, jnp.swapaxes(ys, 0, 1)


@functools.partial(jax.jit, static_argnames=("go_backwards", "zero_output_for_mask"))
def lstm(inputs, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False, mask=None,
         zero_output_for_mask=False):
    """Returns ``(last_output, outputs (batch, time, u) in processing order, h, c)``."""
    xs = _time_major(inputs, go_backwards)
    proj = jnp.matmul(xs, kernel)
    if bias is not None:
        proj = proj + bias

    def step(carry, p):
        h, c = carry
        z = p + jnp.matmul(h, recurrent_kernel)
        i, f, g, o = jnp.split(z, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return (h, c), h

    step, ms = _masked(step, mask, go_backwards)
    units = recurrent_kernel.shape[0]
    (h, c), ys = jax.lax.scan(step, (_init(h0, proj, units), _init(c0, proj, units)),
                              proj if ms is None else (proj, ms))
    last, outputs = _finish(ys, h, ms, zero_output_for_mask)
    return last, outputs, h, c


@functools.partial(jax.jit, static_argnames=("go_backwards", "zero_output_for_mask"))
def gru(inputs, h0, kernel, recurrent_kernel, bias, go_backwards=False, mask=None,
        zero_output_for_mask=False):
    """Returns ``(last_output, outputs (batch, time, u) in processing order, h)``."""
    xs = _time_major(inputs, go_backwards)
    proj = jnp.matmul(xs, kernel)
    b_rec = None
    if bias is not None:
        proj = proj + bias[0]
        b_rec = bias[1]

    def step(h, p):
        rec = jnp.matmul(h, recurrent_kernel)
        if b_rec is not None:
            rec = rec + b_rec
        x_z, x_r, x_h = jnp.split(p, 3, axis=-1)
        r_z, r_r, r_h = jnp.split(rec, 3, axis=-1)
        z = jax.nn.sigmoid(x_z + r_z)
        r = jax.nn.sigmoid(x_r + r_r)
        hh = jnp.tanh(x_h + r * r_h)
        h = z * h + (1.0 - z) * hh
        return h, h

    step, ms = _masked(step, mask, go_backwards)
    h0 = _init(h0, proj, recurrent_kernel.shape[0])
    h, ys = jax.lax.scan(step, h0, proj if ms is None else (proj, ms))
    last, outputs = _finish(ys, h, ms, zero_output_for_mask)
    return last, outputs, h
