"""Shapes and data of the benchmark models (NumPy only)."""

import numpy as np

# name -> sizes; every model ends in a Dense(10) with logits + sparse crossentropy.
SPECS = {
    "mlp": dict(batch=64, input_shape=(784,), hidden=256, classes=10),
    "cnn": dict(batch=64, input_shape=(28, 28, 1), filters=(16, 32), pool=2, classes=10),
    "lstm": dict(batch=32, input_shape=(100, 32), units=128, classes=10),
    "transformer": dict(batch=32, input_shape=(64,), vocab=1000, dim=64, heads=4, key_dim=16,
                        ffn=128, classes=10),
}

ADAM = dict(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7)
LN_EPSILON = 1e-3  # Keras LayerNormalization default


def make_data(name, n, seed=0):
    """Returns (x, y) NumPy arrays of ``n`` samples for model ``name`` (y: int32 class ids)."""
    spec = SPECS[name]
    rng = np.random.default_rng(seed)
    if name == "transformer":
        x = rng.integers(0, spec["vocab"], size=(n,) + spec["input_shape"]).astype("int32")
    else:
        x = rng.standard_normal((n,) + spec["input_shape"]).astype("float32")
    y = rng.integers(0, spec["classes"], size=(n,)).astype("int32")
    return x, y


def describe(name):
    s = SPECS[name]
    if name == "mlp":
        return f"MLP 784-{s['hidden']}-{s['hidden']}-10, batch {s['batch']}"
    if name == "cnn":
        return (f"CNN 28x28x1: Conv{s['filters'][0]} 3x3, Conv{s['filters'][1]} 3x3, MaxPool 2, "
                f"Dense 10, batch {s['batch']}")
    if name == "lstm":
        return f"LSTM({s['units']}) over {s['input_shape'][0]} steps x {s['input_shape'][1]}, batch {s['batch']}"
    return (f"Transformer encoder block: Embedding {s['vocab']}x{s['dim']}, MHA {s['heads']}x"
            f"{s['key_dim']}, FFN {s['ffn']}, 2 LayerNorms, mean pool, seq {s['input_shape'][0]}, "
            f"batch {s['batch']}")
