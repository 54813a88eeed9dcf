"""Fused LSTM/GRU loops for the recurrent layers (``B.rnn``): one ``lax.scan`` each.

The input projection ``x @ kernel + bias`` is computed for all time steps in a
single matmul before the scan; the scan only does the recurrent matmul and the
gates. Weights are in Keras's layout (LSTM gate blocks i, f, c, o; GRU z, r, h with
the ``reset_after=True`` convention). Both are ``jax.jit``-wrapped so that eager
calls reuse one compilation per shape (inside an outer jit they are inlined).
"""

import functools

import jax
import jax.numpy as jnp


def _time_major(inputs, go_backwards):
    xs = jnp.swapaxes(inputs, 0, 1)
    return xs[::-1] if go_backwards else xs


@functools.partial(jax.jit, static_argnames=("go_backwards",))
def lstm(inputs, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False):
    """Returns ``(last_output, outputs (batch, time, u) in processing order, h, c)``."""
    xs = _time_major(inputs, go_backwards)
    proj = jnp.matmul(xs, kernel)
    if bias is not None:
        proj = proj + bias
    dtype = proj.dtype

    def step(carry, p):
        h, c = carry
        z = p + jnp.matmul(h, recurrent_kernel)
        i, f, g, o = jnp.split(z, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return (h, c), h

    (h, c), ys = jax.lax.scan(step, (h0.astype(dtype), c0.astype(dtype)), proj)
    return h, jnp.swapaxes(ys, 0, 1), h, c


@functools.partial(jax.jit, static_argnames=("go_backwards",))
def gru(inputs, h0, kernel, recurrent_kernel, bias, go_backwards=False):
    """Returns ``(last_output, outputs (batch, time, u) in processing order, h)``."""
    xs = _time_major(inputs, go_backwards)
    proj = jnp.matmul(xs, kernel)
    b_rec = None
    if bias is not None:
        proj = proj + bias[0]
        b_rec = bias[1]
    dtype = proj.dtype

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

    h, ys = jax.lax.scan(step, h0.astype(dtype), proj)
    return h, jnp.swapaxes(ys, 0, 1), h
