"""The fit hot-path shortcuts give the same results as the general paths, on every backend:
staged (device-resident) batches vs per-batch conversion, the loss tracker's scalar
update, the sparse crossentropy's integer labels, and weights read by callbacks mid-epoch."""

import numpy as np
import pytest

import kerasx
from kerasx import layers
from kerasx.trainers import _staged


def _data(n=70, dim=6, classes=4, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))  # float64: fit converts it to float32 either way
    y = rng.integers(0, classes, size=n)
    return x, y


def _model(dim=6, classes=4):
    kerasx.utils.set_random_seed(7)
    m = kerasx.Sequential([kerasx.Input(shape=(dim,)), layers.Dense(8, activation="relu"),
                           layers.Dense(classes)])
    m.compile(optimizer=kerasx.optimizers.Adam(0.01),
              loss=kerasx.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
    return m


def _fit(monkeypatch, staged_allowed, epochs_override=3, **kw):
    if not staged_allowed:
        monkeypatch.setattr(_staged, "MAX_STAGED_BYTES", -1)
    used = []
    real = _staged.StagedData.run

    def spy(self, *a):
        used.append(True)
        return real(self, *a)

    monkeypatch.setattr(_staged.StagedData, "run", spy)
    x, y = _data()
    model = _model()
    np.random.seed(3)  # the shuffles come from NumPy's global RNG on both paths
    h = model.fit(x, y, batch_size=16, epochs=epochs_override, verbose=0, **kw)
    monkeypatch.undo()
    return model, h.history, bool(used)


@pytest.mark.parametrize("shuffle", [False, True, "batch"])
def test_staged_batches_equal_per_batch_conversion(shuffle, monkeypatch):
    sw = np.linspace(0.5, 1.5, 70)
    a, ha, used = _fit(monkeypatch, True, shuffle=shuffle, sample_weight=sw)
    b, hb, used_b = _fit(monkeypatch, False, shuffle=shuffle, sample_weight=sw)
    assert not used_b
    from kerasx.backends import B
    assert used == bool(getattr(B.trainer, "supports_staged_batches", False))
    for k in ha:
        np.testing.assert_allclose(ha[k], hb[k], rtol=1e-5, atol=1e-6)
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, rtol=1e-5, atol=1e-6)


def test_staged_fit_matches_manual_numpy_batches_with_steps_per_epoch(monkeypatch):
    # steps_per_epoch shorter than the data: epochs continue where the previous stopped
    a, ha, _ = _fit(monkeypatch, True, shuffle=False, steps_per_epoch=3)
    b, hb, _ = _fit(monkeypatch, False, shuffle=False, steps_per_epoch=3)
    np.testing.assert_allclose(ha["loss"], hb["loss"], rtol=1e-5, atol=1e-6)
    x, y = _data()
    ref = _model()
    for start in range(0, 9 * 16, 16):  # 9 steps over the 5 batches of one pass, repeated
        s = start % 80
        if s >= 70:
            continue
        ref.train_on_batch(x[s:s + 16].astype("float32"), y[s:s + 16])
    for wa, wr in zip(a.get_weights(), ref.get_weights()):
        np.testing.assert_allclose(wa, wr, rtol=1e-5, atol=1e-6)


def test_single_epoch_fit_keeps_per_batch_conversion(monkeypatch):
    _, _, used = _fit(monkeypatch, True, shuffle=False, epochs_override=1)
    assert not used


def test_callbacks_see_the_weights_of_the_current_step():
    x, y = _data()
    model = _model()
    seen = []

    class Reader(kerasx.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            seen.append(("begin", batch, self.model.layers[-1].kernel.numpy().copy()))

        def on_train_batch_end(self, batch, logs=None):
            seen.append(("end", batch, self.model.layers[-1].kernel.numpy().copy()))

    model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0, callbacks=[Reader()])
    ref = _model()
    for i, start in enumerate(list(range(0, 70, 16)) * 2):
        begin, end = seen[2 * i], seen[2 * i + 1]
        np.testing.assert_allclose(begin[2], ref.layers[-1].kernel.numpy(), rtol=1e-5, atol=1e-6)
        ref.train_on_batch(x[start:start + 16].astype("float32"), y[start:start + 16])
        np.testing.assert_allclose(end[2], ref.layers[-1].kernel.numpy(), rtol=1e-5, atol=1e-6)
        assert not np.allclose(begin[2], end[2])


def test_loss_tracker_is_the_batch_size_weighted_mean():
    x, y = _data(n=40)
    model = _model()
    logs = []

    class Keep(kerasx.callbacks.Callback):
        def on_train_batch_end(self, batch, l=None):
            logs.append(float(np.asarray(l["loss"])))

    losses = []
    ref = _model()
    for s in range(0, 40, 16):  # batches of 16, 16, 8
        loss_fn = kerasx.losses.SparseCategoricalCrossentropy(from_logits=True)
        losses.append(float(np.asarray(loss_fn(y[s:s + 16], ref.predict(x[s:s + 16], verbose=0)))))
        ref.train_on_batch(x[s:s + 16].astype("float32"), y[s:s + 16])
    model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0, callbacks=[Keep()])
    sizes = np.array([16, 16, 8])
    expected = np.cumsum(np.array(losses) * sizes) / np.cumsum(sizes)
    np.testing.assert_allclose(logs, expected, rtol=1e-5, atol=1e-6)


def test_mean_scalar_weight_shortcut_equals_general_path():
    a, b = kerasx.metrics.Mean(), kerasx.metrics.Mean()
    for value, w in ((2.0, 3), (5.0, 1), (-1.5, 4.0)):
        a.update_state(kerasx.ops.convert_to_tensor(value), sample_weight=w)  # shortcut
        b.update_state(np.array([value]), sample_weight=np.array([w], "float32"))  # general
    np.testing.assert_allclose(float(a.result()), float(b.result()), rtol=1e-6)
    np.testing.assert_allclose(float(a.result()), (6.0 + 5.0 - 6.0) / 8.0, rtol=1e-6)
    assert float(kerasx.metrics.Mean().result()) == 0.0  # no data: 0, not NaN


def test_sparse_crossentropy_integer_and_float_labels_agree():
    rng = np.random.default_rng(4)
    logits = rng.normal(size=(6, 5)).astype("float32")
    labels = rng.integers(0, 5, size=6)
    loss = kerasx.losses.SparseCategoricalCrossentropy(from_logits=True)
    shifted = logits - logits.max(1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(1, keepdims=True))
    ref = -logp[np.arange(6), labels].mean()
    for y in (labels, labels.astype("int32"), labels.astype("float32"), labels[:, None]):
        np.testing.assert_allclose(float(np.asarray(loss(y, logits))), ref, rtol=1e-5)
    with pytest.raises(ValueError, match="labels"):
        loss(np.array([0, 5, 1, 1, 1, 1]), logits)


def test_single_batch_predict_shortcut_equals_general_path():
    x, _ = _data(n=5)
    model = _model()
    fast = model.predict(x, batch_size=8, verbose=0)  # one batch, no callbacks: shortcut
    general = model.predict(x, batch_size=8, verbose=0, callbacks=[])
    per_row = np.concatenate([model.predict(x[i:i + 1], verbose=0) for i in range(5)])
    assert fast.dtype == general.dtype == np.float32 and fast.shape == (5, 4)
    np.testing.assert_allclose(fast, general, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(per_row, general, rtol=1e-5, atol=1e-6)
    fast[0, 0] = 123.0  # a writable copy, not a view of backend memory
    assert model.predict(x, batch_size=8, verbose=0)[0, 0] != 123.0
    with pytest.raises(ValueError, match="batch_size"):
        model.predict(x, batch_size=0, verbose=0)


def test_staged_batches_with_dict_inputs_leave_user_data_untouched(monkeypatch):
    rng = np.random.default_rng(5)
    xa = rng.normal(size=(30, 3)).astype("float32")
    xb = rng.normal(size=(30, 2))
    y = rng.normal(size=(30, 1)).astype("float32")
    keep = (xa.copy(), xb.copy(), y.copy())

    def build():
        kerasx.utils.set_random_seed(11)
        a, b = kerasx.Input(shape=(3,), name="a"), kerasx.Input(shape=(2,), name="b")
        out = layers.Dense(1)(layers.Concatenate()([a, b]))
        m = kerasx.Model({"a": a, "b": b}, out)
        m.compile(optimizer=kerasx.optimizers.SGD(0.05), loss="mse")
        return m

    results = []
    for allowed in (True, False):
        if not allowed:
            monkeypatch.setattr(_staged, "MAX_STAGED_BYTES", -1)
        m = build()
        h = m.fit({"a": xa, "b": xb}, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
        h2 = m.fit({"a": xa[:20], "b": xb[:20]}, y[:20], batch_size=8, epochs=2, shuffle=False,
                   verbose=0)  # other sizes: a new batch layout
        results.append((h.history["loss"] + h2.history["loss"], m.get_weights()))
        monkeypatch.undo()
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-5, atol=1e-6)
    for wa, wb in zip(results[0][1], results[1][1]):
        np.testing.assert_allclose(wa, wb, rtol=1e-5, atol=1e-6)
    for before, after in zip(keep, (xa, xb, y)):
        np.testing.assert_array_equal(before, after)
