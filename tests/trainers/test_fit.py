"""End-to-end training: compile/fit/evaluate/predict on real learnable data, on every backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops


def _blobs(n=600, classes=10, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 4.0, size=(classes, dim))
    y = rng.integers(0, classes, size=n)
    x = centers[y] + rng.normal(0, 0.6, size=(n, dim))
    return x.astype("float32"), y.astype("int32")


def _mlp(classes=10, dim=16):
    return kerasx.Sequential([
        kerasx.Input(shape=(dim,)),
        layers.Dense(32, activation="relu"),
        layers.Dense(classes, activation="softmax"),
    ])


def test_fit_converges_on_separable_10_class_problem():
    x, y = _blobs()
    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, batch_size=32, epochs=5, verbose=0)
    assert set(history.history) == {"loss", "accuracy"}
    assert len(history.history["loss"]) == 5
    assert history.history["loss"][-1] < history.history["loss"][0]
    loss, acc = model.evaluate(x, y, verbose=0)
    assert acc >= 0.95
    probs = model.predict(x[:50], verbose=0)
    assert probs.shape == (50, 10)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    assert (probs.argmax(1) == y[:50]).mean() >= 0.9


def test_accuracy_resolution_and_user_names():
    x, y = _blobs(n=200)
    onehot = np.eye(10, dtype="float32")[y]
    model = _mlp()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["acc"])
    h = model.fit(x, onehot, epochs=2, batch_size=50, verbose=0, validation_split=0.25)
    assert set(h.history) == {"loss", "acc", "val_loss", "val_acc"}
    assert model.metrics_names == ["loss", "acc"]
    m = model.metrics[1]
    assert type(m).__name__ == "CategoricalAccuracy"
    binary = kerasx.Sequential([kerasx.Input(shape=(16,)), layers.Dense(1, activation="sigmoid")])
    binary.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])
    binary.fit(x, (y > 4).astype("float32"), epochs=1, verbose=0)
    assert type(binary.metrics[1]).__name__ == "BinaryAccuracy"
    sparse = _mlp()
    sparse.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    sparse.fit(x, y, epochs=1, verbose=0)
    assert type(sparse.metrics[1]).__name__ == "SparseCategoricalAccuracy"


def test_validation_split_takes_last_fraction_and_evaluate_return_dict():
    x, y = _blobs(n=100)
    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=1, batch_size=10, verbose=0, validation_split=0.2)
    logs_val = model.evaluate(x[80:], y[80:], verbose=0, return_dict=True)
    assert set(logs_val) == {"loss"}
    # after training the history's last val_loss is what evaluating the last 20% gives
    assert np.isclose(model.history.history["val_loss"][-1], logs_val["loss"], rtol=1e-4)


def test_sample_weight_zero_ignores_samples():
    x, y = _blobs(n=64)
    model = _mlp()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    sw = np.zeros(64, dtype="float32")
    sw[:32] = 1.0
    full = model.evaluate(x[:32], y[:32], verbose=0, batch_size=64)
    weighted = model.evaluate(x, y, sample_weight=sw, verbose=0, batch_size=64)
    # sum_over_batch_size: weighted loss = sum(w * l) / batch = half the mean over the first 32
    assert np.isclose(weighted, full * 0.5, rtol=1e-4)


def test_class_weight_changes_loss_as_sample_weight():
    x, y = _blobs(n=64, classes=3)
    model = _mlp(classes=3)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    cw = {0: 2.0, 1: 0.0, 2: 1.0}
    before = [w.copy() for w in model.get_weights()] if model.built else None
    a = model.train_on_batch(x, y, class_weight=cw)
    model2 = _mlp(classes=3)
    model2.build((None, 16))
    model2.set_weights(model.get_weights())
    # recompute: the class-weighted loss equals the sample-weighted loss with per-class weights
    model2.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    sw = np.array([cw[int(c)] for c in y], dtype="float32")
    l1 = model2.evaluate(x, y, verbose=0, batch_size=64)
    l2 = model2.evaluate(x, y, sample_weight=sw, verbose=0, batch_size=64)
    assert not np.isclose(l1, l2)
    assert np.isfinite(a)
    del before


def test_train_on_batch_test_on_batch_predict_on_batch():
    x, y = _blobs(n=32)
    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    out = model.train_on_batch(x, y)
    assert isinstance(out, list) and len(out) == 2
    d = model.test_on_batch(x, y, return_dict=True)
    assert set(d) == {"loss", "accuracy"}
    p = model.predict_on_batch(x)
    assert p.shape == (32, 10)


def test_fit_before_compile_is_a_clear_error():
    model = _mlp()
    with pytest.raises(RuntimeError, match="compile"):
        model.fit(np.zeros((4, 16)), np.zeros(4), verbose=0)


def test_unknown_strings_suggest_close_names():
    model = _mlp()
    with pytest.raises(ValueError, match="adam"):
        model.compile(optimizer="adamm", loss="mse")
    with pytest.raises(ValueError, match="mean_squared_error|mse"):
        model.compile(optimizer="adam", loss="mean_squared_eror")


def test_sparse_labels_out_of_range_is_a_clear_error():
    x, y = _blobs(n=32)
    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="out of range"):
        model.fit(x, y + 5, verbose=0)


def test_x_y_length_mismatch_is_a_clear_error():
    x, y = _blobs(n=32)
    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="32|30"):
        model.fit(x, y[:30], verbose=0)


@pytest.mark.parametrize("spe", [1, 3])
def test_steps_per_execution_gives_same_result(spe):
    x, y = _blobs(n=96)
    kerasx.utils.set_random_seed(1)
    ref = _mlp()
    ref.build((None, 16))
    w0 = ref.get_weights()
    losses = []
    for s in (1, spe):
        m = _mlp()
        m.build((None, 16))
        m.set_weights(w0)
        m.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", steps_per_execution=s)
        h = m.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
        losses.append(h.history["loss"])
    np.testing.assert_allclose(losses[0], losses[1], rtol=1e-5)


def test_generator_input_and_steps_per_epoch():
    x, y = _blobs(n=64)

    def gen():
        while True:
            for i in range(0, 64, 16):
                yield x[i:i + 16], y[i:i + 16]

    model = _mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    h = model.fit(gen(), steps_per_epoch=4, epochs=3, verbose=0)
    assert len(h.history["loss"]) == 3


def test_multi_output_dict_losses_and_names():
    a = kerasx.Input(shape=(8,), name="a")
    h = layers.Dense(16, activation="relu")(a)
    out1 = layers.Dense(3, activation="softmax", name="cls")(h)
    out2 = layers.Dense(1, name="reg")(h)
    model = kerasx.Model(a, [out1, out2])
    model.compile(optimizer="adam",
                  loss={"cls": "sparse_categorical_crossentropy", "reg": "mse"},
                  loss_weights={"cls": 1.0, "reg": 0.5}, metrics={"cls": ["accuracy"]})
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 8)).astype("float32")
    y1 = rng.integers(0, 3, size=40)
    y2 = rng.normal(size=(40, 1)).astype("float32")
    hist = model.fit(x, {"cls": y1, "reg": y2}, epochs=2, verbose=0)
    assert {"loss", "cls_loss", "reg_loss", "cls_accuracy"} <= set(hist.history)
    total = hist.history["loss"][-1]
    assert total > 0


def test_custom_train_step_backend_agnostic():
    class Custom(kerasx.Model):
        def __init__(self):
            super().__init__()
            self.d1 = layers.Dense(16, activation="relu")
            self.d2 = layers.Dense(1)
            self.mae = kerasx.metrics.MeanAbsoluteError(name="mae")

        def call(self, x, training=None):
            return self.d2(self.d1(x))

        def train_step(self, data):
            x, y = data

            def loss_fn():
                y_pred = self(x, training=True)
                return ops.mean(ops.square(y - y_pred)), y_pred

            (loss, y_pred), grads = ops.compute_gradients(loss_fn, self.trainable_variables, has_aux=True)
            self.optimizer.apply(grads, self.trainable_variables)
            self.mae.update_state(y, y_pred)
            return {"loss": loss, "mae": self.mae.result()}

    rng = np.random.default_rng(0)
    x = rng.normal(size=(128, 4)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")).astype("float32")
    model = Custom()
    model.compile(optimizer=kerasx.optimizers.Adam(0.05))
    h = model.fit(x, y, epochs=15, batch_size=32, verbose=0)
    assert h.history["loss"][-1] < 0.2 * h.history["loss"][0]
    assert "mae" in h.history


def test_weight_constraints_are_applied_by_the_optimizer():
    x, y = _blobs(n=64)
    model = kerasx.Sequential([
        kerasx.Input(shape=(16,)),
        layers.Dense(8, kernel_constraint=kerasx.constraints.NonNeg()),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=kerasx.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, verbose=0)
    assert (model.layers[0].get_weights()[0] >= 0).all()
