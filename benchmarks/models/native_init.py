"""NumPy initial values of the native benchmark models (shared by the JAX and TensorFlow versions)."""

import numpy as np

from benchmarks.models.specs import SPECS


def _dense_params(rng, n_in, n_out):
    return {"w": (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype("float32"),
            "b": np.zeros((n_out,), "float32")}


def init_arrays(name, seed=0):
    s, rng = SPECS[name], np.random.default_rng(seed)
    if name == "mlp":
        return {"d1": _dense_params(rng, 784, s["hidden"]), "d2": _dense_params(rng, s["hidden"], s["hidden"]),
                "out": _dense_params(rng, s["hidden"], s["classes"])}
    if name == "cnn":
        f1, f2 = s["filters"]
        side = (s["input_shape"][0] - 4) // s["pool"]
        conv = lambda cin, cout: {"w": np.asarray(rng.standard_normal((3, 3, cin, cout)).astype("float32") * 0.1),
                                  "b": np.zeros((cout,), "float32")}
        return {"c1": conv(1, f1), "c2": conv(f1, f2), "out": _dense_params(rng, side * side * f2, s["classes"])}
    if name == "lstm":
        f, u = s["input_shape"][1], s["units"]
        return {"w": _dense_params(rng, f, 4 * u)["w"], "u": _dense_params(rng, u, 4 * u)["w"],
                "b": np.zeros((4 * u,), "float32"), "out": _dense_params(rng, u, s["classes"])}
    d, inner = s["dim"], s["heads"] * s["key_dim"]
    ln = lambda: {"g": np.ones((d,), "float32"), "b": np.zeros((d,), "float32")}
    return {"emb": np.asarray(rng.standard_normal((s["vocab"], d)).astype("float32") * 0.05),
            "q": _dense_params(rng, d, inner), "k": _dense_params(rng, d, inner),
            "v": _dense_params(rng, d, inner), "o": _dense_params(rng, inner, d),
            "ln1": ln(), "ln2": ln(), "ff1": _dense_params(rng, d, s["ffn"]),
            "ff2": _dense_params(rng, s["ffn"], d), "out": _dense_params(rng, d, s["classes"])}
