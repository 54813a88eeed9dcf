"""The real Keras 3 fixture ``attention_block`` rebuilt with kerasx layers and Keras's weights."""

import os
import json

import h5py
import numpy as np

import kerasx
from kerasx import layers, ops

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "fixtures", "keras3") + os.sep + "attention_block"
to_np = ops.convert_to_numpy


def _h5_layer_weights():
    """``{layer group: [arrays]}`` from the Keras 3 ``.weights.h5`` layout."""
    out = {}
    with h5py.File(FIX + ".weights.h5", "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Group) and name.endswith("/vars") and len(obj):
                out[name[:-len("/vars")]] = [obj[str(i)][()] for i in range(len(obj))]
        f.visititems(visit)
    return out


def _build():
    with open(FIX + ".json") as f:
        cfg = {lay["name"]: lay["config"] for lay in json.load(f)["config"]["layers"]}
    mha_cfg = dict(cfg["mha"])
    mha_cfg.pop("dtype")
    mha_cfg["kernel_initializer"] = "zeros"  # weights are loaded below; zeros build fast
    inp = kerasx.Input((7, 16), name="seq")
    mha = layers.MultiHeadAttention.from_config(mha_cfg)
    h = layers.Add()([inp, mha(inp, inp)])
    ln1 = layers.LayerNormalization(epsilon=cfg["ln1"]["epsilon"])
    h = ln1(h)
    ff1 = layers.Dense(32, activation="gelu", kernel_initializer="zeros")
    ff2 = layers.Dense(16, kernel_initializer="zeros")
    h2 = layers.LayerNormalization(epsilon=cfg["ln2"]["epsilon"])
    out = layers.Add()([h, ff2(ff1(h))])
    out = layers.GlobalAveragePooling1D()(h2(out))
    head = layers.Dense(4, kernel_initializer="zeros")
    model = kerasx.Model(inp, head(out))
    return model, mha, [ln1, ff1, ff2, h2, head]


def test_attention_block_fixture_reproduces_keras_outputs():
    model, mha, others = _build()
    w = _h5_layer_weights()
    mha_w = []
    for sub in ("query_dense", "key_dense", "value_dense", "output_dense"):
        mha_w += w[f"layers/multi_head_attention/{sub}"]
    assert [a.shape for a in mha_w] == [tuple(v.shape) for v in mha.weights]
    mha.set_weights(mha_w)
    groups = ["layer_normalization", "dense", "dense_1", "layer_normalization_1", "dense_2"]
    for layer, g in zip(others, groups):
        layer.set_weights(w[f"layers/{g}"])
    io = np.load(FIX + ".io.npz")
    y = to_np(model(io["x"]))
    np.testing.assert_allclose(y, io["y"], rtol=1e-5, atol=1e-5)
    assert mha.get_config()["attention_axes"] == [1]
    assert len(model.weights) == 8 + 4 + 4 + 2


def test_attention_block_loads_through_kerasx_saving():
    io = np.load(FIX + ".io.npz")
    for suffix in (".keras", ".h5"):
        model = kerasx.models.load_model(FIX + suffix)
        np.testing.assert_allclose(to_np(model(io["x"])), io["y"], rtol=1e-5, atol=1e-5)
    with open(FIX + ".json") as f:
        model = kerasx.models.model_from_json(f.read())
    model.load_weights(FIX + ".weights.h5")
    np.testing.assert_allclose(to_np(model(io["x"])), io["y"], rtol=1e-5, atol=1e-5)


def test_attention_layers_save_and_load_weights(tmp_path):
    q = kerasx.Input((5, 6))
    v = kerasx.Input((4, 6))
    outs = [layers.MultiHeadAttention(2, 3, use_gate=True, kernel_initializer="zeros")(q, v),
            layers.GroupedQueryAttention(2, 4, 2, kernel_initializer="zeros")(q, v),
            layers.Attention(use_scale=True, score_mode="concat")([q, v]),
            layers.AdditiveAttention()([q, v])]
    model = kerasx.Model([q, v], layers.Concatenate()(outs))
    rng = np.random.default_rng(0)
    for w in model.weights:
        w.assign(rng.standard_normal(tuple(w.shape)).astype("float32"))
    x = [rng.standard_normal((2, 5, 6)).astype("float32"),
         rng.standard_normal((2, 4, 6)).astype("float32")]
    path = str(tmp_path / "attn.keras")
    model.save(path)
    loaded = kerasx.models.load_model(path)
    np.testing.assert_allclose(to_np(loaded(x)), to_np(model(x)), rtol=1e-5, atol=1e-6)
