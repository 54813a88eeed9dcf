"""The benchmark models written once against the Keras API.

``build(lib, name)`` takes the library module (``kerasx`` or ``keras``), so kerasx
and Keras 3 time exactly the same definition.
"""

from benchmarks.models.specs import ADAM, LN_EPSILON, SPECS


def build(lib, name):
    """Returns an uncompiled Functional model ``name`` built with library ``lib``."""
    s = SPECS[name]
    L = lib.layers
    inputs = lib.Input(shape=s["input_shape"], dtype="int32" if name == "transformer" else "float32")
    if name == "mlp":
        x = L.Dense(s["hidden"], activation="relu")(inputs)
        x = L.Dense(s["hidden"], activation="relu")(x)
    elif name == "cnn":
        x = L.Conv2D(s["filters"][0], 3, activation="relu")(inputs)
        x = L.Conv2D(s["filters"][1], 3, activation="relu")(x)
        x = L.MaxPooling2D(s["pool"])(x)
        x = L.Flatten()(x)
    elif name == "lstm":
        x = L.LSTM(s["units"])(inputs)
    elif name == "transformer":
        h = L.Embedding(s["vocab"], s["dim"])(inputs)
        a = L.MultiHeadAttention(num_heads=s["heads"], key_dim=s["key_dim"])(h, h)
        h = L.LayerNormalization(epsilon=LN_EPSILON)(L.Add()([h, a]))
        f = L.Dense(s["ffn"], activation="relu")(h)
        f = L.Dense(s["dim"])(f)
        h = L.LayerNormalization(epsilon=LN_EPSILON)(L.Add()([h, f]))
        x = L.GlobalAveragePooling1D()(h)
    else:
        raise ValueError(f"unknown benchmark model {name!r}; valid: {', '.join(SPECS)}")
    outputs = L.Dense(s["classes"])(x)
    return lib.Model(inputs, outputs, name=f"bench_{name}")


def compile_model(lib, model, jit_compile="auto", steps_per_execution=1):
    """Adam + sparse crossentropy on logits, no metrics (the native loops compute none)."""
    kwargs = dict(optimizer=lib.optimizers.Adam(**ADAM),
                  loss=lib.losses.SparseCategoricalCrossentropy(from_logits=True),
                  steps_per_execution=steps_per_execution)
    if jit_compile != "auto":
        kwargs["jit_compile"] = jit_compile
    model.compile(**kwargs)
    return model


def count_layers(model):
    """Layers that run on a call (the InputLayer excluded)."""
    return sum(1 for layer in model.layers if type(layer).__name__ != "InputLayer")
