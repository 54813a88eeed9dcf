"""Small models shared by the saving tests (tiny, so each test runs in well under a second)."""

import numpy as np

import kerasx
from kerasx import layers


def mlp(name="mlp", seed=0):
    """A compiled-free functional MLP with BatchNormalization (non-trainable state)."""
    kerasx.utils.set_random_seed(seed)
    inp = kerasx.Input((4,), name="x")
    h = layers.Dense(5, activation="relu", name="d1")(inp)
    h = layers.BatchNormalization(name="bn")(h)
    out = layers.Dense(2, name="d2")(h)
    return kerasx.Model(inp, out, name=name)


def sequential(units=5, seed=0):
    kerasx.utils.set_random_seed(seed)
    return kerasx.Sequential([kerasx.Input((4,)), layers.Dense(units, activation="tanh", name="a"),
                              layers.Dense(2, name="b")], name="seq")


def data(n=16, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype("float32")
    y = rng.normal(size=(n, 2)).astype("float32")
    return x, y


def randomize(model, seed=3):
    """Sets every weight to random values (so BatchNorm statistics are non-trivial)."""
    rng = np.random.default_rng(seed)
    model.set_weights([rng.uniform(0.5, 1.5, size=w.shape).astype(w.dtype)
                       for w in model.get_weights()])
