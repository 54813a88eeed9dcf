"""The Keras 3 fixture rnn_text (Embedding mask_zero + LSTM + Bidirectional GRU + Dense)."""

import os

import numpy as np
import pytest

from kerasx import layers, ops
from kerasx.models import Model

h5py = pytest.importorskip("h5py")
to_np = ops.convert_to_numpy
FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "fixtures",
                       "keras3", "rnn_text")
pytestmark = pytest.mark.skipif(not os.path.exists(FIXTURE + ".weights.h5"),
                                reason="Keras 3 fixtures not available")


def _vars(f, path):
    group = f[path]
    return [np.array(group[str(i)]) for i in range(len(group))]


def _weights():
    with h5py.File(FIXTURE + ".weights.h5", "r") as f:
        return {
            "emb": _vars(f, "layers/embedding/vars"),
            "lstm": _vars(f, "layers/lstm/cell/vars"),
            "bigru": (_vars(f, "layers/bidirectional/forward_layer/cell/vars")
                      + _vars(f, "layers/bidirectional/backward_layer/cell/vars")),
            "score": _vars(f, "layers/dense/vars"),
        }


def _io():
    data = np.load(FIXTURE + ".io.npz")
    return data["x"], data["y"]


def test_rnn_text_functional_model_reproduces_keras():
    x, y = _io()
    tokens = layers.Input((12,), dtype="int32", name="tokens")
    emb = layers.Embedding(50, 8, mask_zero=True, name="emb")
    lstm = layers.LSTM(16, return_sequences=True, name="lstm")
    bigru = layers.Bidirectional(layers.GRU(8), name="bigru")
    score = layers.Dense(1, activation="sigmoid", name="score")
    model = Model(tokens, score(bigru(lstm(emb(tokens)))))
    w = _weights()
    for layer in (emb, lstm, bigru, score):
        layer.set_weights(w[layer.name])
    np.testing.assert_allclose(to_np(model(x)), y, atol=1e-5)
    np.testing.assert_allclose(model.predict(x, verbose=0), y, atol=1e-5)  # compiled step
    # The mask matters: without it the padded sequences give other outputs.
    plain = ops.take(ops.convert_to_tensor(w["emb"][0]), ops.convert_to_tensor(x), axis=0)
    unmasked = to_np(score(bigru(lstm(plain))))
    assert np.abs(unmasked - y).max() > 1e-3


def test_rnn_text_eager_layers_with_explicit_mask():
    x, y = _io()
    w = _weights()
    lstm = layers.LSTM(16, return_sequences=True)
    bigru = layers.Bidirectional(layers.GRU(8))
    h = ops.take(ops.convert_to_tensor(w["emb"][0]), ops.convert_to_tensor(x), axis=0)
    mask = ops.convert_to_tensor(x != 0)
    lstm(h)
    lstm.set_weights(w["lstm"])
    seq = lstm(h, mask=mask)
    bigru(seq)
    bigru.set_weights(w["bigru"])
    feats = to_np(bigru(seq, mask=mask))
    k, b = w["score"]
    out = 1 / (1 + np.exp(-(feats @ k + b)))
    np.testing.assert_allclose(out, y, atol=1e-5)


def test_rnn_text_from_keras_json_config():
    from kerasx.models import model_from_json
    x, y = _io()
    with open(FIXTURE + ".json") as fh:
        model = model_from_json(fh.read())
    bigru = model.get_layer("bigru")
    assert isinstance(bigru, layers.Bidirectional)
    assert bigru.backward_layer.go_backwards and bigru.backward_layer.name == "backward_gru"
    w = _weights()
    for name in ("emb", "lstm", "bigru", "score"):
        model.get_layer(name).set_weights(w[name])
    np.testing.assert_allclose(to_np(model(x)), y, atol=1e-5)
