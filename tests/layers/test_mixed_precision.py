"""Mixed precision: float32 variables, float16 computation inside the layer."""

import numpy as np

import kerasx
from kerasx import layers, ops


def test_mixed_float16_dense_computes_in_float16_with_float32_weights():
    layer = layers.Dense(4, dtype="mixed_float16")
    x = np.random.default_rng(0).normal(size=(3, 5)).astype("float32")
    y = layer(x)
    assert layer.kernel.dtype == "float32"
    assert ops.dtype(y) == "float16"
    k, b = layer.get_weights()
    np.testing.assert_allclose(ops.convert_to_numpy(y).astype("float32"), x @ k + b, rtol=2e-2, atol=2e-2)
    sym = layers.Dense(4, dtype="mixed_float16")(kerasx.Input((5,)))
    assert sym.dtype == "float16"


def test_mixed_precision_gradients_reach_float32_weights():
    layer = layers.Dense(2, dtype="mixed_float16")
    x = np.ones((2, 3), dtype="float32")
    layer(x)

    def loss():
        return ops.cast(ops.sum(layer(x)), "float32")

    value, grads = ops.compute_gradients(loss, layer.trainable_variables)
    assert [ops.dtype(g) for g in grads] == ["float32", "float32"]
    np.testing.assert_allclose(ops.convert_to_numpy(grads[0]), np.full((3, 2), 2.0), rtol=1e-3)
