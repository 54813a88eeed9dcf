"""Files written by real Keras 3.15 load here and reproduce Keras's recorded outputs."""

import json
import os

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, models
from kerasx.saving import legacy_h5

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "fixtures", "keras3")
FIXTURES = os.path.normpath(FIXTURES)
_MANIFEST = os.path.join(FIXTURES, "MANIFEST.json")
NAMES = (sorted(json.load(open(_MANIFEST))["models"]) if os.path.exists(_MANIFEST) else [])
FORMATS = [".keras", ".h5", ".weights.h5", ".legacy_weights.h5", ".json"]


def _require_layers(name):
    if not NAMES:
        pytest.skip(f"Keras 3 fixtures not found at {FIXTURES}")
    classes = json.load(open(_MANIFEST))["models"][name]["layers"]
    missing = sorted({c for c in classes if not hasattr(layers, c)})
    if missing:
        pytest.skip(f"kerasx.layers lacks {', '.join(missing)} (needed by fixture {name!r})")


def _io(name):
    d = np.load(os.path.join(FIXTURES, name + ".io.npz"))
    xs = [d[k] for k in sorted(d.files) if k.startswith("x")]
    ys = [d[k] for k in sorted(d.files) if k.startswith("y")]
    return xs, ys


def _load(name, fmt):
    path = os.path.join(FIXTURES, name + fmt)
    if fmt in (".keras", ".h5"):
        return models.load_model(path)
    model = models.model_from_json(open(os.path.join(FIXTURES, name + ".json")).read())
    if fmt == ".json":  # the architecture alone; the weights come from Keras's .keras file
        model.set_weights(models.load_model(os.path.join(FIXTURES, name + ".keras")).get_weights())
    elif fmt == ".weights.h5":
        model.load_weights(path)
    elif fmt == ".legacy_weights.h5":
        with h5py.File(path, "r") as f:
            assert "layer_names" in f.attrs  # the Keras 2 layout
        before = [w.copy() for w in model.get_weights()]
        model.load_weights(path)
        assert any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    return model


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES or ["missing"])
def test_fixture_reproduces_keras_outputs(name, fmt):
    _require_layers(name)
    model = _load(name, fmt)
    xs, ys = _io(name)
    out = model(xs if len(xs) > 1 else xs[0], training=False)
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    assert len(outs) == len(ys)
    for o, y in zip(outs, ys):
        np.testing.assert_allclose(np.asarray(kerasx.ops.convert_to_numpy(o)), y, atol=1e-5, rtol=0)


@pytest.mark.parametrize("name", NAMES or ["missing"])
def test_resaved_weights_follow_keras_layout(name, tmp_path):
    """kerasx writes the same groups, variable order and shapes as Keras 3."""
    _require_layers(name)
    import io
    import zipfile

    def tree(f):
        out = {}
        f.visititems(lambda n, o: out.__setitem__(
            n, tuple(o.shape) if isinstance(o, h5py.Dataset) else None))
        return out

    model = models.load_model(os.path.join(FIXTURES, name + ".keras"))
    model.save(tmp_path / "re.keras")
    model.save_weights(tmp_path / "re.weights.h5")
    with zipfile.ZipFile(os.path.join(FIXTURES, name + ".keras")) as zf:
        theirs = tree(h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r"))
    with zipfile.ZipFile(tmp_path / "re.keras") as zf:
        ours = tree(h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r"))
    assert ours == theirs
    with h5py.File(tmp_path / "re.weights.h5", "r") as f:
        assert tree(f) == theirs
    # Keras 2 layout: same layer names and weight shapes as Keras's legacy file.
    model.save_weights(tmp_path / "re.h5")
    with h5py.File(os.path.join(FIXTURES, name + ".legacy_weights.h5"), "r") as f, \
            h5py.File(tmp_path / "re.h5", "r") as g:
        assert list(f.attrs["layer_names"]) == list(g.attrs["layer_names"])
        for lname in legacy_h5._decode(f.attrs["layer_names"]):
            a = [v.shape for v in legacy_h5._layer_values(f, lname)]
            b = [v.shape for v in legacy_h5._layer_values(g, lname)]
            assert a == b, lname
