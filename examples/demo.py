"""kerasx demo: train a small CNN to recognise drawn shapes, on whichever backend is active.

    python examples/demo.py                      # default backend
    KERASX_BACKEND=torch python examples/demo.py # same script on PyTorch

The data is generated here (no download): 28x28 grayscale images of noisy
squares, circles, triangles and crosses at random positions and sizes.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import kerasx  # noqa: E402
from kerasx import layers  # noqa: E402

CLASSES = ("square", "circle", "triangle", "cross")


def draw(kind, rng, size=28):
    img = np.zeros((size, size), dtype="float32")
    r = rng.integers(5, 10)
    cy, cx = rng.integers(r + 1, size - r - 1, size=2)
    yy, xx = np.mgrid[:size, :size]
    if kind == "square":
        img[(abs(yy - cy) <= r) & (abs(xx - cx) <= r)] = 1.0
    elif kind == "circle":
        img[(yy - cy) ** 2 + (xx - cx) ** 2 <= r * r] = 1.0
    elif kind == "triangle":
        img[(yy - cy + r >= 0) & (yy - cy <= r) & (abs(xx - cx) <= (yy - cy + r) / 2)] = 1.0
    else:
        img[(abs(yy - cy) <= r) & (abs(xx - cx) <= 1)] = 1.0
        img[(abs(xx - cx) <= r) & (abs(yy - cy) <= 1)] = 1.0
    img += rng.normal(0, 0.15, size=img.shape).astype("float32")
    return img


def make_data(n, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, len(CLASSES), size=n)
    x = np.stack([draw(CLASSES[c], rng) for c in y])[..., None]
    return x, y.astype("int32")


def main():
    print(f"kerasx {kerasx.__version__} on backend: {kerasx.backend.backend()}")
    x_train, y_train = make_data(3000, seed=0)
    x_test, y_test = make_data(500, seed=1)
    model = kerasx.Sequential([
        kerasx.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(len(CLASSES), activation="softmax"),
    ])
    model.summary()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=64, epochs=4, validation_split=0.1)
    loss, acc = model.evaluate(x_test, y_test, verbose=0)
    print(f"test loss {loss:.4f}, test accuracy {acc:.3f}")
    preds = model.predict(x_test[:8], verbose=0).argmax(axis=1)
    print("predicted:", [CLASSES[i] for i in preds])
    print("actual:   ", [CLASSES[i] for i in y_test[:8]])
    return 0 if acc > 0.75 else 1  # chance is 0.25: anything well above it learned


if __name__ == "__main__":
    sys.exit(main())
