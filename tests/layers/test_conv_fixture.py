"""Keras 3's saved ``cnn_functional`` model: its Conv2D / MaxPooling2D / GlobalAveragePooling2D
layers, rebuilt from the saved JSON configs with the saved weights, reproduce Keras's outputs.

BatchNormalization (another family) is applied here in NumPy from its saved statistics, so
this test depends only on the layers of this family (and Dense/Activation).
"""

import json
import os

import numpy as np
import pytest

from kerasx import layers, ops

h5py = pytest.importorskip("h5py")

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "fixtures",
                        "keras3")
NAME = os.path.join(FIXTURES, "cnn_functional")

pytestmark = pytest.mark.skipif(not os.path.exists(NAME + ".json"),
                                reason="Keras 3 fixtures not present")


def _layer_configs():
    with open(NAME + ".json") as f:
        model = json.load(f)
    return {entry["name"]: entry for entry in model["config"]["layers"]}


def _weights():
    out = {}
    with h5py.File(NAME + ".weights.h5", "r") as f:
        for key, group in f["layers"].items():
            out[key] = [np.asarray(group["vars"][str(i)]) for i in range(len(group["vars"]))]
    return out


def test_cnn_fixture_reproduces_keras_outputs():
    configs = _layer_configs()
    weights = _weights()
    data = np.load(NAME + ".io.npz")
    x = data["x"].astype("float32")

    def build(name, class_name, saved_key, input_shape):
        entry = configs[name]
        assert entry["class_name"] == class_name
        layer = layers.deserialize({"class_name": entry["class_name"], "config": entry["config"],
                                    "module": entry["module"]})
        assert isinstance(layer, getattr(layers, class_name))
        layer.build(input_shape)
        if saved_key is not None:
            layer.set_weights(weights[saved_key])
        return layer

    conv1 = build("conv1", "Conv2D", "conv2d", (None, 16, 16, 3))
    pool1 = build("pool1", "MaxPooling2D", None, (None, 16, 16, 8))
    conv2 = build("conv2", "Conv2D", "conv2d_1", (None, 8, 8, 8))
    gap = build("gap", "GlobalAveragePooling2D", None, (None, 3, 3, 16))
    probs = build("probs", "Dense", "dense", (None, 16))

    gamma, beta, mean, var = weights["batch_normalization"]
    eps = configs["bn1"]["config"]["epsilon"]

    h = ops.convert_to_numpy(conv1(x))
    h = (gamma * (h - mean) / np.sqrt(var + eps) + beta).astype("float32")
    h = pool1(h)
    h = ops.relu(conv2(h))
    y = ops.convert_to_numpy(probs(gap(h)))
    np.testing.assert_allclose(y, data["y"], rtol=1e-4, atol=1e-5)
    assert tuple(conv2.kernel.shape) == (3, 3, 8, 16)
