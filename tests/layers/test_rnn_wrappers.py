"""Bidirectional, TimeDistributed, RNN with user cells and StackedRNNCells, ConvLSTM."""

import numpy as np
import pytest

from kerasx import layers, ops
from test_rnn_reference import conv_lstm2d_step, gru_step, lstm_step, run, simple_step

to_np = ops.convert_to_numpy
rng = np.random.default_rng(1)
B, T, F, U = 3, 5, 4, 3
X = rng.standard_normal((B, T, F)).astype("float32")
MASK = np.ones((B, T), bool)
MASK[0, 3:] = False
MASK[2, :1] = False


def _randomize(layer):
    for w in layer.trainable_weights:
        w.assign(rng.standard_normal(w.shape).astype("float32") * 0.4)


def _w(layer):
    return [to_np(v.value) for v in layer.trainable_weights]


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave", None])
@pytest.mark.parametrize("use_mask", [False, True])
def test_bidirectional_merge_modes(merge_mode, use_mask):
    bi = layers.Bidirectional(layers.LSTM(U, return_sequences=True), merge_mode=merge_mode)
    bi(X)
    _randomize(bi)
    mask = MASK if use_mask else None
    y = bi(X, mask=None if mask is None else ops.convert_to_tensor(mask))
    zero = [np.zeros((B, U))] * 2
    # Inside Bidirectional with return_sequences, masked steps output zeros (as Keras).
    _, fw, _ = run(lstm_step(*_w(bi.forward_layer)), X, zero, mask=mask, zero_output_for_mask=True)
    _, bw, _ = run(lstm_step(*_w(bi.backward_layer)), X, zero, mask=mask, go_backwards=True,
                   zero_output_for_mask=True)
    bw = bw[:, ::-1]
    expected = {"concat": lambda: np.concatenate([fw, bw], -1), "sum": lambda: fw + bw,
                "mul": lambda: fw * bw, "ave": lambda: (fw + bw) / 2,
                None: lambda: [fw, bw]}[merge_mode]()
    if merge_mode is None:
        assert isinstance(y, list) and len(y) == 2
        for got, want in zip(y, expected):
            np.testing.assert_allclose(to_np(got), want, rtol=1e-4, atol=1e-5)
    else:
        np.testing.assert_allclose(to_np(y), expected, rtol=1e-4, atol=1e-5)
    sym = bi(layers.Input((T, F)))
    sym = sym if isinstance(sym, list) else [sym]
    got = y if isinstance(y, list) else [y]
    assert [tuple(s.shape)[1:] for s in sym] == [tuple(g.shape)[1:] for g in got]


def test_bidirectional_return_state_backward_layer_and_initial_state():
    fwd = layers.GRU(U, return_state=True)
    bwd = layers.SimpleRNN(U, return_state=True, go_backwards=True)
    bi = layers.Bidirectional(fwd, backward_layer=bwd)
    assert bi.forward_layer.name == "forward_" + fwd.name
    init = [rng.standard_normal((B, U)).astype("float32") for _ in range(2)]
    bi(X, initial_state=init)
    _randomize(bi)
    out, h_f, h_b = bi(X, initial_state=init)
    last_f, _, (hf,) = run(gru_step(*_w(bi.forward_layer), reset_after=True), X, [init[0]])
    last_b, _, (hb,) = run(simple_step(*_w(bi.backward_layer)), X, [init[1]], go_backwards=True)
    np.testing.assert_allclose(to_np(out), np.concatenate([last_f, last_b], -1), rtol=1e-4,
                               atol=1e-5)
    np.testing.assert_allclose(to_np(h_f), hf, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(h_b), hb, rtol=1e-4, atol=1e-5)
    shapes = bi.compute_output_shape((B, T, F))
    assert shapes == [(B, 2 * U), (B, U), (B, U)]


def test_bidirectional_config_gradients_and_errors():
    bi = layers.Bidirectional(layers.GRU(U, return_sequences=True), merge_mode="sum")
    y = to_np(bi(X))
    clone = layers.Bidirectional.from_config(bi.get_config())
    clone(X)
    clone.set_weights(bi.get_weights())
    np.testing.assert_allclose(to_np(clone(X)), y, rtol=1e-6)
    assert clone.backward_layer.go_backwards and not clone.forward_layer.go_backwards
    _, grads = ops.compute_gradients(lambda: ops.sum(ops.square(bi(X))), bi.trainable_variables)
    assert len(grads) == 6 and all(np.abs(to_np(g)).max() > 0 for g in grads)
    with pytest.raises(ValueError, match="merge_mode"):
        layers.Bidirectional(layers.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="go_backwards"):
        layers.Bidirectional(layers.LSTM(2), backward_layer=layers.LSTM(2))
    with pytest.raises(ValueError, match="return_sequences"):
        layers.Bidirectional(layers.LSTM(2), backward_layer=layers.LSTM(
            2, go_backwards=True, return_sequences=True))
    with pytest.raises(ValueError, match="RNN layer"):
        layers.Bidirectional(layers.Dense(2))


def test_time_distributed_dense_equals_dense_per_step():
    x = rng.standard_normal((B, T, 2, F)).astype("float32")
    td = layers.TimeDistributed(layers.Dense(6, activation="tanh"))
    y = to_np(td(x))
    k, b = td.layer.get_weights()
    np.testing.assert_allclose(y, np.tanh(x @ k + b), rtol=1e-5, atol=1e-6)
    assert td.compute_output_shape((None, T, 2, F)) == (None, T, 2, 6)
    sym = td(layers.Input((None, 2, F)))
    assert tuple(sym.shape) == (None, None, 2, 6)
    clone = layers.TimeDistributed.from_config(td.get_config())
    clone(x)
    clone.set_weights(td.get_weights())
    np.testing.assert_allclose(to_np(clone(x)), y, rtol=1e-6)
    _, grads = ops.compute_gradients(lambda: ops.sum(td(x)), td.trainable_variables)
    assert all(np.abs(to_np(g)).max() > 0 for g in grads)
    with pytest.raises(ValueError, match="rank >= 3"):
        layers.TimeDistributed(layers.Dense(2))(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match="Layer instance"):
        layers.TimeDistributed("dense")


class MaskedSum(layers.Layer):
    """Sums the features where the mask is true (a mask-consuming layer)."""

    def call(self, inputs, mask=None):
        if mask is None:
            return ops.sum(inputs, axis=-1)
        return ops.sum(ops.where(mask, inputs, ops.zeros_like(inputs)), axis=-1)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1])


def test_time_distributed_passes_the_mask_per_step():
    x = rng.standard_normal((B, T, F)).astype("float32")
    mask = rng.random((B, T, F)) > 0.5
    td = layers.TimeDistributed(MaskedSum())
    y = to_np(td(x, mask=ops.convert_to_tensor(mask)))
    np.testing.assert_allclose(y, np.where(mask, x, 0).sum(-1), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(to_np(td(x)), x.sum(-1), rtol=1e-5, atol=1e-6)


class MinimalCell(layers.Layer):
    """A user cell: h_t = x_t @ W + tanh(h_{t-1}) (no training argument)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), name="w")

    def call(self, inputs, states):
        out = ops.matmul(inputs, self.w) + ops.tanh(states[0])
        return out, [out]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_rnn_with_user_cell_and_stacked_cells():
    rnn = layers.RNN(MinimalCell(U), return_sequences=True, return_state=True)
    seq, h = rnn(X, mask=ops.convert_to_tensor(MASK))
    (w,) = _w(rnn)

    def step(x, states):
        out = x @ w + np.tanh(states[0])
        return out, [out]
    _, outs, (h_ref,) = run(step, X, [np.zeros((B, U))], mask=MASK)
    np.testing.assert_allclose(to_np(seq), outs, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(h), h_ref, rtol=1e-4, atol=1e-5)

    stacked = layers.RNN([layers.LSTMCell(4), layers.GRUCell(U)], return_state=True)
    out, (h1, c1), h2 = stacked(X)
    _randomize(stacked)
    out, (h1, c1), h2 = stacked(X)
    wl = _w(stacked.cell.cells[0])
    wg = _w(stacked.cell.cells[1])
    ls, gs = lstm_step(*wl), gru_step(*wg, reset_after=True)

    def step2(x, states):
        o1, s1 = ls(x, states[:2])
        o2, s2 = gs(o1, states[2:])
        return o2, s1 + s2
    last, _, st = run(step2, X, [np.zeros((B, 4))] * 2 + [np.zeros((B, U))])
    np.testing.assert_allclose(to_np(out), last, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(c1), st[1], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(h2), st[2], rtol=1e-4, atol=1e-5)
    config = stacked.get_config()
    clone = layers.RNN.from_config(config)
    clone(X)
    clone.set_weights(stacked.get_weights())
    np.testing.assert_allclose(to_np(clone(X)[0]), to_np(out), rtol=1e-6)


@pytest.mark.parametrize("padding", ["same", "valid"])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_conv_lstm2d_matches_numpy(padding, data_format):
    x = rng.standard_normal((2, 3, 5, 4, 2)).astype("float32")  # channels_last
    layer = layers.ConvLSTM2D(3, (3, 2), padding=padding, data_format=data_format,
                              return_sequences=True, return_state=True)
    xin = x if data_format == "channels_last" else np.transpose(x, (0, 1, 4, 2, 3))
    layer(xin)
    _randomize(layer)
    seq, h, c = layer(xin)
    k, r, b = _w(layer)
    oh, ow = (5, 4) if padding == "same" else (3, 3)
    zero = [np.zeros((2, oh, ow, 3))] * 2
    _, outs, (h_ref, c_ref) = run(conv_lstm2d_step(k, r, b, padding), x, zero)
    if data_format == "channels_first":
        outs = np.transpose(outs, (0, 1, 4, 2, 3))
        h_ref, c_ref = (np.transpose(a, (0, 3, 1, 2)) for a in (h_ref, c_ref))
    np.testing.assert_allclose(to_np(seq), outs, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(h), h_ref, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(to_np(c), c_ref, rtol=1e-4, atol=1e-5)
    sym = layer(layers.Input(xin.shape[1:]))
    assert [tuple(s.shape)[1:] for s in sym] == [tuple(t.shape)[1:] for t in (seq, h, c)]


def test_conv_lstm_1d_3d_shapes_config_gradients_and_errors():
    l1 = layers.ConvLSTM1D(2, 3, padding="same", return_sequences=True)
    y1 = l1(rng.standard_normal((2, 3, 6, 4)).astype("float32"))
    assert tuple(y1.shape) == (2, 3, 6, 2)
    l3 = layers.ConvLSTM3D(2, 2, strides=2)
    x3 = rng.standard_normal((1, 2, 4, 4, 4, 1)).astype("float32")
    y3 = to_np(l3(x3))
    assert y3.shape == (1, 2, 2, 2, 2)
    cfg = l3.get_config()
    assert cfg["filters"] == 2 and tuple(cfg["strides"]) == (2, 2, 2) and "rank" not in cfg
    clone = layers.ConvLSTM3D.from_config(cfg)
    clone(x3)
    clone.set_weights(l3.get_weights())
    np.testing.assert_allclose(to_np(clone(x3)), y3, rtol=1e-6)
    assert [w.path.split("/", 1)[1] for w in l3.weights] == [
        "conv_lstm_cell/kernel", "conv_lstm_cell/recurrent_kernel", "conv_lstm_cell/bias"]
    _, grads = ops.compute_gradients(lambda: ops.sum(ops.square(l1(
        rng.standard_normal((2, 3, 6, 4)).astype("float32")))), l1.trainable_variables)
    assert all(np.abs(to_np(g)).max() > 0 for g in grads)
    with pytest.raises(ValueError, match="filters"):
        layers.ConvLSTM2D(0, 3)
    with pytest.raises(ValueError, match="padding"):
        layers.ConvLSTM2D(2, 3, padding="full")
    with pytest.raises(ValueError, match="data_format"):
        layers.ConvLSTM2D(2, 3, data_format="NHWC")
    with pytest.raises(ValueError, match="larger than the input"):
        layers.ConvLSTM2D(2, 5)(np.zeros((1, 2, 3, 3, 1), "float32"))


def test_encoder_decoder_initial_state_in_functional_model():
    from kerasx.models import Model
    enc_in, dec_in = layers.Input((None, F)), layers.Input((None, 2))
    enc = layers.LSTM(U, return_state=True)
    _, h, c = enc(enc_in)
    dec = layers.LSTM(U, return_sequences=True)
    out = dec(dec_in, initial_state=[h, c])
    assert tuple(out.shape) == (None, None, U)
    model = Model([enc_in, dec_in], out)
    xd = rng.standard_normal((B, 2, 2)).astype("float32")
    y = to_np(model([X, xd]))
    zero = [np.zeros((B, U))] * 2
    _, _, (h_ref, c_ref) = run(lstm_step(*_w(enc)), X, zero)
    _, seq, _ = run(lstm_step(*_w(dec)), xd, [h_ref, c_ref])
    np.testing.assert_allclose(y, seq, rtol=1e-4, atol=1e-5)
    clone = Model.from_config(model.get_config())
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(to_np(clone([X, xd])), y, rtol=1e-6)
