"""Fused LSTM/GRU kernels for the recurrent layers (``B.rnn``), on torch's native RNN ops.

Weights arrive in Keras's layout and are mapped onto torch's once per weight change
(see the cache below): the LSTM kernel ``(in, 4u)`` with gate blocks i, f, c, o is the
transpose of torch's ``weight_ih (4u, in)`` with blocks i, f, g, o (same order); the
GRU's blocks z, r, h are reordered to torch's r, z, n, and Keras's ``reset_after=True``
GRU is exactly torch's GRU (reset gate applied after the recurrent matmul, with the
recurrent bias inside).

The torch-layout weight list (contiguous copies: the CPU kernel needs them and would
otherwise copy the transposed views on every call) is cached in the caller's ``cache``
(one per layer) and rebuilt when a weight tensor is replaced, modified in place or given
new storage (its identity, ``_version`` or ``data_ptr`` changes: assign, optimizer step,
set_weights, loading) or grad mode changes. Writes that bypass autograd's version counter
(``param.data.copy_(...)``) are not seen; use ``Variable.assign``. The cache also keeps
the default zero state (the ops only read it). Initial states may be None (zeros, made
here).

A ``(batch, time)`` mask is supported when it is right-padded (each row a non-empty
prefix of ones): the rows run as a packed sequence with their lengths (reversed within
each row for ``go_backwards``), and the outputs are then placed as Keras's masked loop
gives them (masked steps repeat the previous output, or are zeros with
``zero_output_for_mask``). Other masks return None (the layer's loop runs).
"""

import torch


class KernelCache:
    """Per-layer cache of torch-layout weights; never copied or pickled with its layer."""

    __slots__ = ("key", "params", "zeros")

    def __init__(self):
        self.key, self.params, self.zeros = None, None, None

    def __deepcopy__(self, memo):
        return KernelCache()

    def __reduce__(self):
        return KernelCache, ()


def _params(cache, weights, build):
    # Grad mode is part of the key: weights built under no_grad carry no autograd graph.
    # data_ptr: a loader may swap a Parameter's storage (``param.data = ...``), which
    # keeps its identity and _version.
    key = (torch.is_grad_enabled(),) + tuple((id(w), w._version, w.data_ptr()) for w in weights
                                             if w is not None)
    if cache is not None and cache.key == key and cache.params is not None \
            and all(a is b for a, b in zip(cache.params[0], weights)):
        return cache.params[1]
    params = build()
    if cache is not None:
        cache.key, cache.params = key, (tuple(weights), params)
    return params


def _state(s, x, units, cache):
    if s is not None:
        return s.to(x.dtype).unsqueeze(0)
    # Default zero state; the fused ops only read it, so one tensor serves every call.
    z = cache.zeros if cache is not None else None
    if z is None or z.shape[1] != x.shape[0] or z.dtype != x.dtype or z.device != x.device:
        z = x.new_zeros((1, x.shape[0], units))
        if cache is not None:
            cache.zeros = z
    return z


def _right_padded_lengths(mask):
    """Row lengths of a right-padded mask with no empty row, else None."""
    m = torch.as_tensor(mask).to(torch.bool)
    lengths = m.sum(1)
    steps = torch.arange(m.shape[1], device=m.device)
    if int(lengths.min()) < 1 or not bool((m == (steps < lengths[:, None])).all()):
        return None
    return m, lengths


def _packed(fn, x, hx, params, has_bias, lengths):
    """Runs ``fn`` (torch._VF.lstm/gru) over the packed rows; padded outputs are zeros."""
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence
    packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
    order, unorder = packed.sorted_indices, packed.unsorted_indices
    hx = tuple(h.index_select(1, order) for h in hx)
    out = fn(packed.data, packed.batch_sizes, hx if len(hx) > 1 else hx[0], params, has_bias,
             1, 0.0, False, False)
    states = [s.index_select(1, unorder)[0] for s in out[1:]]
    seq = PackedSequence(out[0], packed.batch_sizes, order, unorder)
    outputs, _ = pad_packed_sequence(seq, batch_first=True, total_length=x.shape[1])
    return outputs, states


def _gather_steps(t, idx):
    return torch.gather(t, 1, idx[:, :, None].expand(-1, -1, t.shape[2]))


def _run(fn, x, hx, params, has_bias, go_backwards, mask, zero_output_for_mask):
    """Returns ``(last, outputs, states)`` or None for an unsupported mask."""
    if mask is None:
        if go_backwards:
            x = torch.flip(x, (1,))
        out = fn(x, hx if len(hx) > 1 else hx[0], params, has_bias, 1, 0.0, False, False, True)
        states = [s[0] for s in out[1:]]
        return states[0], out[0], states
    found = _right_padded_lengths(mask)
    if found is None:
        return None
    valid, lengths = found
    steps = torch.arange(x.shape[1], device=x.device)
    if go_backwards:  # each row's valid steps, last first
        x = _gather_steps(x, (lengths[:, None] - 1 - steps).clamp(min=0))
    outputs, states = _packed(fn, x, hx, params, has_bias, lengths)
    fill = states[0][:, None, :]  # right padding: masked steps repeat the last output
    if go_backwards:
        # In processing order the reversed mask is left-padded: the first T - L steps are
        # masked (they keep and emit the initial state), then come the valid ones.
        shift = (x.shape[1] - lengths)[:, None]
        valid = steps >= shift
        outputs = _gather_steps(outputs, (steps - shift).clamp(min=0))
        fill = hx[0][0][:, None, :]
    if zero_output_for_mask:
        outputs = torch.where(valid[:, :, None], outputs, torch.zeros_like(outputs))
        return outputs[:, -1], outputs, states
    outputs = torch.where(valid[:, :, None], outputs, fill)
    return states[0], outputs, states


def lstm(inputs, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False, mask=None,
         zero_output_for_mask=False, cache=None):
    """LSTM over ``inputs (batch, time, in)`` with Keras-layout weights.

    Args:
        h0, c0: initial states ``(batch, u)``, or None for zeros.
        mask: optional ``(batch, time)`` boolean mask; zero_output_for_mask: see module doc.
        cache: a ``KernelCache`` for the torch-layout weights, or None.

    Returns:
        ``(last_output, outputs (batch, time, u) in processing order, h, c)``, or None
        under torch.compile (Dynamo cannot trace the fused kernel in torch 2.13) or for a
        mask that is not right-padded (or has an empty row); the layer then runs its loop.
    """
    if torch.compiler.is_compiling():
        return None
    units = recurrent_kernel.shape[0]

    def build():
        # Contiguous copies: the CPU (oneDNN) kernel would otherwise copy the transposed
        # views on every call (torch 2.13), ~25 us each for a 128x512 weight.
        params = [kernel.t().contiguous(), recurrent_kernel.t().contiguous()]
        if bias is not None:
            params += [bias, torch.zeros_like(bias)]
        return params
    params = _params(cache, (kernel, recurrent_kernel, bias), build)
    hx = (_state(h0, inputs, units, cache), _state(c0, inputs, units, cache))
    out = _run(torch._VF.lstm, inputs, hx, params, bias is not None, go_backwards, mask,
               zero_output_for_mask)
    if out is None:
        return None
    last, outputs, (h, c) = out
    return last, outputs, h, c


def _gru_order(w, units):
    # Keras blocks z, r, h -> torch blocks r, z, n (along the last axis).
    return torch.cat([w[..., units:2 * units], w[..., :units], w[..., 2 * units:]], dim=-1)


def gru(inputs, h0, kernel, recurrent_kernel, bias, go_backwards=False, mask=None,
        zero_output_for_mask=False, cache=None):
    """GRU (``reset_after=True`` convention) over ``inputs (batch, time, in)``.

    Args:
        h0: initial state ``(batch, u)`` or None (zeros).
        bias: ``(2, 3u)`` (input bias, recurrent bias) or None.
        mask, zero_output_for_mask, cache: as for ``lstm``.

    Returns:
        ``(last_output, outputs (batch, time, u) in processing order, h)``, or None (see
        ``lstm``).
    """
    if torch.compiler.is_compiling():
        return None
    u = recurrent_kernel.shape[0]

    def build():
        params = [_gru_order(kernel, u).t().contiguous(),
                  _gru_order(recurrent_kernel, u).t().contiguous()]
        if bias is not None:
            params += [_gru_order(bias[0], u), _gru_order(bias[1], u)]
        return params
    params = _params(cache, (kernel, recurrent_kernel, bias), build)
    out = _run(torch._VF.gru, inputs, (_state(h0, inputs, u, cache),), params, bias is not None,
               go_backwards, mask, zero_output_for_mask)
    if out is None:
        return None
    last, outputs, (h,) = out
    return last, outputs, h
