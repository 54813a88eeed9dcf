"""Subprocess worker for test_cross_backend.py (run with KERASX_BACKEND set).

``save DIR``: trains a small model one epoch, saves DIR/<backend>.keras, then
records its predictions and the losses of two more epochs in DIR/<backend>.npz.
``load DIR NAME...``: loads each DIR/NAME.keras, compares predictions and the
continued-training losses with DIR/NAME.npz, and prints one JSON line per file.
"""

import json
import sys

import numpy as np

import kerasx
from kerasx import layers
from kerasx.backends import B


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 6)).astype("float32")
    y = (x[:, :2] * 0.5 + 0.1).astype("float32")
    return x, y


def _model():
    kerasx.utils.set_random_seed(0)
    inp = kerasx.Input((6,), name="x")
    h = layers.Dense(8, activation="tanh", name="h")(inp)
    h = layers.BatchNormalization(name="bn")(h)
    out = layers.Dense(2, name="out")(h)
    model = kerasx.Model(inp, out, name="xb")
    model.compile(optimizer=kerasx.optimizers.Adam(0.01), loss="mse")
    return model


def save(folder):
    x, y = _data()
    model = _model()
    model.fit(x, y, epochs=1, batch_size=8, shuffle=False, verbose=0)
    model.save(f"{folder}/{B.name}.keras")
    pred = np.asarray(model.predict(x, verbose=0))
    losses = model.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0).history["loss"]
    np.savez(f"{folder}/{B.name}.npz", pred=pred, losses=np.array(losses))


def load(folder, names):
    x, y = _data()
    for name in names:
        ref = np.load(f"{folder}/{name}.npz")
        model = kerasx.models.load_model(f"{folder}/{name}.keras")
        pred = np.asarray(model.predict(x, verbose=0))
        losses = model.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0).history["loss"]
        print(json.dumps({"saved_by": name, "loaded_by": B.name,
                          "pred_err": float(np.max(np.abs(pred - ref["pred"]))),
                          "losses": [float(v) for v in losses],
                          "ref_losses": [float(v) for v in ref["losses"]]}))


if __name__ == "__main__":
    if sys.argv[1] == "save":
        save(sys.argv[2])
    else:
        load(sys.argv[2], sys.argv[3:])
