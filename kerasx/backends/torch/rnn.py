"""Fused LSTM/GRU kernels for the recurrent layers (``B.rnn``), on torch's native RNN ops.

Weights arrive in Keras's layout and are mapped onto torch's without copies where
possible: the LSTM kernel ``(in, 4u)`` with gate blocks i, f, c, o is the transpose
of torch's ``weight_ih (4u, in)`` with blocks i, f, g, o (same order); the GRU's
blocks z, r, h are reordered to torch's r, z, n, and Keras's ``reset_after=True``
GRU is exactly torch's GRU (reset gate applied after the recurrent matmul, with the
recurrent bias inside).
"""

import torch


def _prep(inputs, go_backwards):
    x = inputs
    if go_backwards:
        x = torch.flip(x, (1,))
    return x


def lstm(inputs, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False):
    """LSTM over ``inputs (batch, time, in)`` with Keras-layout weights.

    Returns:
        ``(last_output, outputs (batch, time, u) in processing order, h, c)``, or None
        under torch.compile (Dynamo cannot trace the fused kernel in torch 2.13; the layer
        then runs its generic loop).
    """
    if torch.compiler.is_compiling():
        return None
    x = _prep(inputs, go_backwards)
    params = [kernel.t(), recurrent_kernel.t()]
    if bias is not None:
        params += [bias, torch.zeros_like(bias)]
    hx = (h0.to(x.dtype).unsqueeze(0), c0.to(x.dtype).unsqueeze(0))
    out, h, c = torch._VF.lstm(x, hx, params, bias is not None, 1, 0.0, False, False, True)
    h, c = h[0], c[0]
    return h, out, h, c


def _gru_order(w, units):
    # Keras blocks z, r, h -> torch blocks r, z, n (along the last axis).
    return torch.cat([w[..., units:2 * units], w[..., :units], w[..., 2 * units:]], dim=-1)


def gru(inputs, h0, kernel, recurrent_kernel, bias, go_backwards=False):
    """GRU (``reset_after=True`` convention) over ``inputs (batch, time, in)``.

    Args:
        bias: ``(2, 3u)`` (input bias, recurrent bias) or None.

    Returns:
        ``(last_output, outputs (batch, time, u) in processing order, h)``.
    """
    if torch.compiler.is_compiling():
        return None  # see lstm()
    x = _prep(inputs, go_backwards)
    u = recurrent_kernel.shape[0]
    params = [_gru_order(kernel, u).t(), _gru_order(recurrent_kernel, u).t()]
    if bias is not None:
        params += [_gru_order(bias[0], u), _gru_order(bias[1], u)]
    out, h = torch._VF.gru(x, h0.to(x.dtype).unsqueeze(0), params, bias is not None, 1, 0.0,
                           False, False, True)
    h = h[0]
    return h, out, h
