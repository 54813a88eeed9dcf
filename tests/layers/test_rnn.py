"""SimpleRNN, LSTM and GRU (both reset_after modes) against NumPy recurrences."""

import numpy as np
import pytest

from kerasx import layers, ops
from test_rnn_reference import gru_step, lstm_step, run, simple_step

to_np = ops.convert_to_numpy
rng = np.random.default_rng(0)
B, T, F, U = 3, 6, 4, 5

X = rng.standard_normal((B, T, F)).astype("float32")
MASK = np.ones((B, T), bool)
MASK[0, 4:] = False   # right padding
MASK[1, :2] = False   # left padding
MASK[2, 3] = False    # a hole

KINDS = {
    "lstm": (lambda **kw: layers.LSTM(U, **kw), 2),
    "gru": (lambda **kw: layers.GRU(U, **kw), 1),
    "gru_v1": (lambda **kw: layers.GRU(U, reset_after=False, **kw), 1),
    "simple": (lambda **kw: layers.SimpleRNN(U, **kw), 1),
}


def _randomize(layer):
    for w in layer.trainable_weights:
        w.assign(rng.standard_normal(w.shape).astype("float32") * 0.4)


def _ref_step(kind, layer):
    w = [to_np(v.value) for v in layer.trainable_weights]
    k, r = w[0], w[1]
    b = w[2] if len(w) > 2 else None
    if kind == "lstm":
        return lstm_step(k, r, b)
    if kind == "simple":
        return simple_step(k, r, b)
    return gru_step(k, r, b, reset_after=(kind == "gru"))


def _make(kind, **kw):
    factory, n_states = KINDS[kind]
    layer = factory(**kw)
    layer(X)
    _randomize(layer)
    return layer, n_states


OPTIONS = [
    {},
    {"return_sequences": True},
    {"return_sequences": True, "go_backwards": True},
    {"return_state": True},
    {"mask": True, "return_sequences": True},
    {"mask": True, "go_backwards": True, "return_state": True, "return_sequences": True},
    {"mask": True, "zero_output_for_mask": True, "return_sequences": True},
    {"initial_state": True, "return_sequences": True},
    {"unroll": True, "return_sequences": True, "mask": True},
    {"use_bias": False, "return_state": True},
]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("opts", OPTIONS, ids=lambda o: "-".join(o) or "default")
def test_matches_numpy_recurrence(kind, opts):
    opts = dict(opts)
    use_mask = opts.pop("mask", False)
    use_init = opts.pop("initial_state", False)
    layer, n_states = _make(kind, **opts)
    init = [rng.standard_normal((B, U)).astype("float32") for _ in range(n_states)]
    kwargs = {}
    if use_mask:
        kwargs["mask"] = ops.convert_to_tensor(MASK)
    if use_init:
        kwargs["initial_state"] = init
    y = layer(X, **kwargs)
    states0 = init if use_init else [np.zeros((B, U))] * n_states
    last, outs, states = run(_ref_step(kind, layer), X, states0,
                             mask=MASK if use_mask else None,
                             go_backwards=opts.get("go_backwards", False),
                             zero_output_for_mask=opts.get("zero_output_for_mask", False))
    expected = outs if opts.get("return_sequences") else last
    if opts.get("return_state"):
        assert isinstance(y, list) and len(y) == 1 + n_states
        for got, want in zip(y[1:], states):
            np.testing.assert_allclose(to_np(got), want, rtol=1e-4, atol=1e-5)
        y = y[0]
    np.testing.assert_allclose(to_np(y), expected, rtol=1e-4, atol=1e-5)


def test_keras_weight_names_shapes_and_forget_bias():
    lstm = layers.LSTM(U)
    lstm(X)
    assert [w.path for w in lstm.weights] == [
        f"{lstm.name}/lstm_cell/kernel", f"{lstm.name}/lstm_cell/recurrent_kernel",
        f"{lstm.name}/lstm_cell/bias"]
    assert [tuple(w.shape) for w in lstm.weights] == [(F, 4 * U), (U, 4 * U), (4 * U,)]
    bias = lstm.get_weights()[2]
    np.testing.assert_array_equal(bias, np.r_[np.zeros(U), np.ones(U), np.zeros(2 * U)])
    no_fb = layers.LSTM(U, unit_forget_bias=False)
    no_fb(X)
    np.testing.assert_array_equal(no_fb.get_weights()[2], np.zeros(4 * U))
    gru = layers.GRU(U)
    gru(X)
    assert [tuple(w.shape) for w in gru.weights] == [(F, 3 * U), (U, 3 * U), (2, 3 * U)]
    gru1 = layers.GRU(U, reset_after=False)
    gru1(X)
    assert tuple(gru1.weights[2].shape) == (3 * U,)
    s = layers.SimpleRNN(U)
    s(X)
    assert [tuple(w.shape) for w in s.weights] == [(F, U), (U, U), (U,)]
    assert s.weights[0].path.endswith("simple_rnn_cell/kernel")


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_stateful_continues_and_resets(kind):
    layer, n_states = _make(kind, stateful=True, return_sequences=True)
    layer.reset_states()
    y1 = to_np(layer(X[:, :3]))
    y2 = to_np(layer(X[:, 3:]))
    full = _make(kind, return_sequences=True)[0]
    full.set_weights([to_np(v.value) for v in layer.trainable_weights])
    y_full = to_np(full(X))
    np.testing.assert_allclose(np.concatenate([y1, y2], 1), y_full, rtol=1e-4, atol=1e-5)
    layer.reset_states()
    for v in layer.states:
        np.testing.assert_array_equal(to_np(v.value), 0)
    np.testing.assert_allclose(to_np(layer(X[:, :3])), y1, rtol=1e-5, atol=1e-6)
    layer.reset_state()
    assert len(layer.states) == n_states


def test_stateful_needs_batch_size():
    with pytest.raises(ValueError, match="fixed batch size"):
        layers.LSTM(2, stateful=True)(layers.Input((4, 3)))


@pytest.mark.parametrize("kind", ["lstm", "gru", "simple"])
def test_dropout_only_in_training_and_seeded(kind):
    factory = KINDS[kind][0]
    layer = factory(dropout=0.5, recurrent_dropout=0.3, seed=3)
    y_inf = to_np(layer(X))
    plain = factory()
    plain(X)
    plain.set_weights(layer.get_weights())
    np.testing.assert_allclose(y_inf, to_np(plain(X)), rtol=1e-5, atol=1e-6)
    y_tr = to_np(layer(X, training=True))
    assert np.abs(y_tr - y_inf).max() > 1e-3
    twin = factory(dropout=0.5, recurrent_dropout=0.3, seed=3)
    twin(X)
    twin.set_weights(layer.get_weights())
    np.testing.assert_allclose(to_np(twin(X, training=True)), y_tr, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("kind", list(KINDS))
def test_gradients_reach_every_weight(kind):
    layer, _ = _make(kind, return_sequences=True)
    _, grads = ops.compute_gradients(lambda: ops.sum(ops.square(layer(X))),
                                     layer.trainable_variables)
    assert len(grads) == 3
    for v, g in zip(layer.trainable_variables, grads):
        assert np.abs(to_np(g)).max() > 0, v.path


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("opts", [{}, {"return_sequences": True, "return_state": True}])
def test_symbolic_shape_equals_eager(kind, opts):
    layer, _ = _make(kind, **opts)
    sym = layer(layers.Input((None, F)))
    eager = layer(X)
    sym = sym if isinstance(sym, list) else [sym]
    eager = eager if isinstance(eager, list) else [eager]
    assert len(sym) == len(eager)
    for s, e in zip(sym, eager):
        assert tuple(s.shape)[1:] in (tuple(e.shape)[1:], (None,) + tuple(e.shape)[2:])
    assert layer.compute_output_shape((B, T, F)) == (
        [tuple(e.shape) for e in eager] if len(eager) > 1 else tuple(eager[0].shape))


@pytest.mark.parametrize("kind", list(KINDS))
def test_config_round_trip(kind):
    layer, _ = _make(kind, return_sequences=True, go_backwards=True, dropout=0.1)
    config = layer.get_config()
    assert config["units"] == U and config["go_backwards"] is True
    assert "activity_regularizer" in config and "zero_output_for_mask" in config
    clone = type(layer).from_config(config)
    clone(X)
    clone.set_weights(layer.get_weights())
    np.testing.assert_allclose(to_np(clone(X)), to_np(layer(X)), rtol=1e-6)
    assert clone.get_config() == config
    round2 = layers.deserialize(layers.serialize(layer))
    assert type(round2) is type(layer)


def test_mask_reaches_layer_in_functional_model():
    from kerasx.models import Model
    tokens = layers.Input((T,), dtype="int32")
    emb = layers.Embedding(10, F, mask_zero=True)
    lstm = layers.LSTM(U, return_sequences=True)
    out = lstm(emb(tokens))
    model = Model(tokens, out)
    ids = rng.integers(1, 10, (B, T)).astype("int32")
    ids[0, 3:] = 0
    y = to_np(model(ids))
    # Right-padded steps repeat the last valid output (Keras behaviour).
    np.testing.assert_allclose(y[0, 3:], np.repeat(y[0, 2:3], T - 3, axis=0), rtol=1e-6)
    emb_w = emb.get_weights()[0]
    w = lstm.get_weights()
    _, outs, _ = run(lstm_step(*w), emb_w[ids], [np.zeros((B, U))] * 2, mask=ids != 0)
    np.testing.assert_allclose(y, outs, rtol=1e-4, atol=1e-5)


def test_bad_arguments():
    with pytest.raises(ValueError, match="units"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match="units"):
        layers.GRU(-3)
    with pytest.raises(ValueError, match="dropout"):
        layers.SimpleRNN(2, dropout=1.5)
    with pytest.raises(ValueError, match="use_cudnn"):
        layers.LSTM(2, use_cudnn="yes")
    with pytest.raises(ValueError, match="unroll"):
        layers.LSTM(2, unroll=True)(layers.Input((None, 3)))
    with pytest.raises(ValueError, match="initial_state"):
        layers.LSTM(2)(X, initial_state=[np.zeros((B, 2), "float32")])
    with pytest.raises(ValueError, match="cell"):
        layers.RNN(object())
