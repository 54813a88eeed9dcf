"""NumPy reference recurrences for the recurrent-layer tests (written independently of kerasx)."""

import numpy as np


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def lstm_step(k, r, b):
    def step(x, states):
        h, c = states
        z = x @ k + h @ r + (0 if b is None else b)
        i, f, g, o = np.split(z, 4, axis=-1)
        c2 = sig(f) * c + sig(i) * np.tanh(g)
        h2 = sig(o) * np.tanh(c2)
        return h2, [h2, c2]
    return step


def gru_step(k, r, b, reset_after):
    u = r.shape[0]

    def step(x, states):
        (h,) = states
        if reset_after:
            b_in, b_rec = (0, 0) if b is None else (b[0], b[1])
            xz, xr, xh = np.split(x @ k + b_in, 3, axis=-1)
            rz, rr, rh = np.split(h @ r + b_rec, 3, axis=-1)
            z, rg = sig(xz + rz), sig(xr + rr)
            hh = np.tanh(xh + rg * rh)
        else:
            xz, xr, xh = np.split(x @ k + (0 if b is None else b), 3, axis=-1)
            z = sig(xz + h @ r[:, :u])
            rg = sig(xr + h @ r[:, u:2 * u])
            hh = np.tanh(xh + (rg * h) @ r[:, 2 * u:])
        h2 = z * h + (1 - z) * hh
        return h2, [h2]
    return step


def simple_step(k, r, b):
    def step(x, states):
        h2 = np.tanh(x @ k + (0 if b is None else b) + states[0] @ r)
        return h2, [h2]
    return step


def run(step, x, states, mask=None, go_backwards=False, zero_output_for_mask=False):
    """Returns (last_output, outputs in processing order, final states), Keras semantics."""
    steps = x.shape[1]
    order = range(steps - 1, -1, -1) if go_backwards else range(steps)
    states = [np.array(s, dtype="float64") for s in states]
    last = states[0]
    outs = []
    for t in order:
        out, new = step(x[:, t].astype("float64"), states)
        if mask is None:
            last = out
            outs.append(out)
        else:
            m = mask[:, t].reshape((-1,) + (1,) * (out.ndim - 1))
            new = [np.where(m, n, o) for n, o in zip(new, states)]
            last = np.where(m, out, last)
            outs.append(np.where(m, out, 0.0) if zero_output_for_mask else last)
        states = new
    if mask is not None and zero_output_for_mask:
        last = outs[-1]
    return last, np.stack(outs, axis=1), states


def conv2d_same_or_valid(x, k, padding, stride=1):
    """Channels-last 2-D convolution (cross-correlation) with TensorFlow's 'same' rule."""
    b, hh, ww, cin = x.shape
    kh, kw, _, cout = k.shape
    if padding == "same":
        oh, ow = -(-hh // stride), -(-ww // stride)
        ph = max((oh - 1) * stride + kh - hh, 0)
        pw = max((ow - 1) * stride + kw - ww, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        oh, ow = (hh - kh) // stride + 1, (ww - kw) // stride + 1
    out = np.zeros((b, oh, ow, cout))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
            out[:, i, j, :] = np.tensordot(patch, k, axes=([1, 2, 3], [0, 1, 2]))
    return out


def conv_lstm2d_step(k, r, b, padding):
    def step(x, states):
        h, c = states
        z = conv2d_same_or_valid(x, k, padding) + conv2d_same_or_valid(h, r, "same")
        if b is not None:
            z = z + b
        i, f, g, o = np.split(z, 4, axis=-1)
        c2 = sig(f) * c + sig(i) * np.tanh(g)
        h2 = sig(o) * np.tanh(c2)
        return h2, [h2, c2]
    return step


def test_reference_lstm_step_by_hand():
    # One unit, one input: gates by hand.
    k = np.array([[1.0, 2.0, 3.0, 4.0]])
    r = np.array([[0.5, 0.5, 0.5, 0.5]])
    b = np.array([0.1, 0.2, 0.3, 0.4])
    h, (h2, c2) = lstm_step(k, r, b)(np.array([[1.0]]), [np.array([[1.0]]), np.array([[2.0]])])
    i, f, g, o = sig(1.6), sig(2.7), np.tanh(3.8), sig(4.9)
    c = f * 2.0 + i * g
    np.testing.assert_allclose(c2, [[c]])
    np.testing.assert_allclose(h, [[o * np.tanh(c)]])


def test_reference_masked_run_keeps_state():
    step = simple_step(np.ones((1, 1)), np.ones((1, 1)), None)
    x = np.ones((1, 3, 1))
    mask = np.array([[True, False, True]])
    last, outs, (h,) = run(step, x, [np.zeros((1, 1))], mask=mask)
    a = np.tanh(1.0)
    b = np.tanh(1.0 + a)
    np.testing.assert_allclose(outs[0, :, 0], [a, a, b])
    np.testing.assert_allclose(h, [[b]])
    _, outs0, _ = run(step, x, [np.zeros((1, 1))], mask=mask, zero_output_for_mask=True)
    np.testing.assert_allclose(outs0[0, :, 0], [a, 0.0, b])


def test_reference_conv_same_padding_sums_window():
    x = np.ones((1, 3, 3, 1))
    k = np.ones((3, 3, 1, 1))
    out = conv2d_same_or_valid(x, k, "same")
    assert out.shape == (1, 3, 3, 1)
    assert out[0, 1, 1, 0] == 9 and out[0, 0, 0, 0] == 4
