"""The cheaper paths a load takes: placeholder variables without a value until a loader
adopts one, the HDF5 group index and low-level dataset handles, the per-class attribute
list of the Keras 3 layout walk, and cached call/build signatures."""

import functools

import h5py
import numpy as np
import pytest

import kerasx
from kerasx import layers, models
from kerasx.core.scope import skip_initializers
from kerasx.layers._layer_utils import signature
from kerasx.saving import h5_io, keras3_layout
from tests.saving._models import data, mlp, randomize

BACKEND = kerasx.backend.backend()


def _placeholder(shape=(3, 2), trainable=True):
    with skip_initializers():
        return kerasx.Variable(kerasx.initializers.Ones(), shape=shape, dtype="float32",
                               trainable=trainable, name="w")


def test_placeholder_has_no_value_until_read_then_reads_zeros():
    v = _placeholder()
    assert v._placeholder_pending()
    assert v.shape == (3, 2) and v.dtype == "float32"
    np.testing.assert_array_equal(v.numpy(), np.zeros((3, 2), "float32"))  # not the ones
    assert not v._placeholder_pending()
    v.assign(np.full((3, 2), 2.0, "float32"))
    np.testing.assert_array_equal(v.numpy(), np.full((3, 2), 2.0, "float32"))


def test_outside_skip_initializers_the_initializer_runs():
    v = kerasx.Variable(kerasx.initializers.Ones(), shape=(2,), dtype="float32")
    assert not v._placeholder_pending()
    np.testing.assert_array_equal(v.numpy(), np.ones(2, "float32"))


@pytest.mark.parametrize("trainable", [True, False])
def test_adopting_a_loaded_buffer_gives_a_pending_placeholder_its_value(trainable):
    v = _placeholder(trainable=trainable)
    buf = v._load_buffer()
    buf[...] = np.arange(6, dtype="float32").reshape(3, 2)
    v._adopt_loaded(buf)
    assert not v._placeholder_pending()
    np.testing.assert_array_equal(v.numpy(), np.arange(6, dtype="float32").reshape(3, 2))
    assert v.trainable is trainable
    if BACKEND == "torch":
        assert v.value.requires_grad is trainable
    # still an ordinary variable afterwards
    v.assign_add(np.ones((3, 2), "float32"))
    np.testing.assert_array_equal(v.numpy(), np.arange(1, 7, dtype="float32").reshape(3, 2))


def test_a_missing_attribute_still_raises_attribute_error():
    v = _placeholder()
    with pytest.raises(AttributeError, match="no attribute 'not_there'"):
        v.not_there  # noqa: B018
    assert v._placeholder_pending()  # asking for another attribute made no value


def test_placeholder_first_read_inside_a_trace_is_made_eagerly():
    v = _placeholder()
    if BACKEND == "jax":
        import jax
        import jax.numpy as jnp
        assert float(jax.jit(lambda: jnp.sum(v.value) + 1.0)()) == 1.0
        assert not isinstance(v._value, jax.core.Tracer)
    elif BACKEND == "tensorflow":
        import tensorflow as tf
        with tf.__internal__.FuncGraph("scratch").as_default():  # as compute_output_spec
            v.value  # noqa: B018
        assert not v._placeholder_pending()
        np.testing.assert_array_equal(v.numpy(), np.zeros((3, 2), "float32"))
        assert float(tf.function(lambda: tf.reduce_sum(v.value) + 1.0)()) == 1.0
    else:
        import torch
        assert float(torch.sum(v.value.detach()) + 1.0) == 1.0
    v.assign(np.ones((3, 2), "float32"))  # usable eagerly afterwards
    assert float(np.sum(v.numpy())) == 6.0


def test_loaded_model_has_no_pending_placeholder_and_trains(tmp_path):
    m = mlp()
    randomize(m, seed=5)
    m.compile(optimizer="adam", loss="mse")
    x, y = data()
    m.fit(x, y, epochs=1, batch_size=8, verbose=0)
    path = str(tmp_path / "m.keras")
    m.save(path)
    loaded = models.load_model(path)
    assert not any(v._placeholder_pending() for v in loaded.variables)
    np.testing.assert_allclose(loaded.predict(x, verbose=0), m.predict(x, verbose=0), atol=1e-6)
    before = loaded.evaluate(x, y, verbose=0)
    loaded.fit(x, y, epochs=5, batch_size=8, verbose=0)
    assert loaded.evaluate(x, y, verbose=0) < before


# ---- HDF5 group index and dataset handles ------------------------------------------

@pytest.fixture
def h5file(tmp_path):
    path = str(tmp_path / "f.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("a/vars/0", data=np.arange(6, dtype="float32").reshape(2, 3))
        f.create_dataset("a/vars/1", data=np.arange(3, dtype="int64"))
        f.create_group("empty/vars")
        f.create_dataset("ds", data=np.ones(2))
        f.create_group("mixed/vars/g")
        f.create_dataset("mixed/vars/0", data=np.zeros(1))
    with h5py.File(path, "r") as f:
        yield f


def test_group_index_lists_a_groups_datasets(h5file):
    index = h5_io.GroupIndex(h5file)
    got = index.datasets("a/vars")
    assert sorted(got) == ["0", "1"]
    d0 = got["0"]
    assert d0.shape == (2, 3) and d0.dtype == np.float32 and d0.size == 6
    assert d0.name == "/a/vars/0"
    np.testing.assert_array_equal(d0[()], np.arange(6, dtype="float32").reshape(2, 3))
    assert got["1"].dtype == np.int64


def test_group_index_empty_missing_and_non_group_paths(h5file):
    index = h5_io.GroupIndex(h5file)
    assert index.datasets("empty/vars") == {}
    assert index.datasets("nope/vars") is None
    assert index.datasets("a/nope") is None
    assert index.datasets("ds") is None  # a dataset, not a group
    mixed = index.datasets("mixed/vars")
    assert isinstance(mixed["g"], h5py.Group)
    assert mixed["0"].shape == (1,)


def test_open_member_gives_a_dataset_handle_or_names_what_is_missing(h5file):
    ref = h5_io.open_member(h5file["a"], "vars/1")
    assert ref.name == "/a/vars/1" and ref.shape == (3,)
    np.testing.assert_array_equal(ref[()], np.arange(3))
    assert isinstance(h5_io.open_member(h5file, "empty"), h5py.Group)
    with pytest.raises(KeyError, match="'missing'.*'/a'"):
        h5_io.open_member(h5file["a"], "missing")


# ---- the attribute walk of the Keras 3 layout --------------------------------------

def _dir_based_names(obj):
    """What the walk listed before it cached class attributes (dir of every object)."""
    skip = keras3_layout._skipset(keras3_layout._kind(obj))
    return sorted({a for a in dir(obj) if not a.startswith(("__", "_kx_")) and a not in skip},
                  key=keras3_layout._name_key)


class _WithProperty(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._inner = layers.Dense(2, name="inner")
        self.blocks = [layers.Dense(3), layers.Dense(3)]
        self.call_count = 0

    @property
    def head(self):
        return self._inner

    def helper(self):
        return 1

    def call(self, x):
        return self._inner(x)


class _CustomDir(layers.Layer):
    """Lists an attribute that only ``__getattr__`` provides (no class or instance entry)."""

    def __dir__(self):
        return list(super().__dir__()) + ["extra"]

    def __getattr__(self, name):
        if name == "extra":
            return layers.Dense(1, name="extra_dense")
        raise AttributeError(name)


@pytest.mark.parametrize("make", [lambda: _WithProperty(), lambda: _CustomDir(), mlp])
def test_attribute_names_match_dir_less_plain_methods(make):
    obj = make()
    cached = keras3_layout._attribute_names(obj, keras3_layout._skipset(keras3_layout._kind(obj)))
    full = _dir_based_names(obj)
    assert cached == [a for a in full if a in set(cached)]  # same order
    dropped = set(full) - set(cached)
    for attr in dropped:  # only methods were left out
        assert callable(getattr(obj, attr)) and not isinstance(getattr(obj, attr), layers.Layer)
    for attr in ("head", "blocks", "call_count") if isinstance(obj, _WithProperty) else ():
        assert attr in cached
    if isinstance(obj, _CustomDir):
        assert "extra" in cached


def test_instance_attribute_shadowing_a_method_is_walked(tmp_path):
    layer = _WithProperty()
    layer.helper = layers.Dense(4, name="shadow")  # an instance attribute named like a method
    names = keras3_layout._attribute_names(layer, keras3_layout._skipset("Layer"))
    assert "helper" in names
    layer.build((None, 3))
    layer.helper.build((None, 3))
    paths = [p for p, _, _ in keras3_layout.saveable_entries(layer)]
    assert "helper" in paths and "head" in paths


# ---- cached signatures --------------------------------------------------------------

class _Sig:
    def method(self, x, y=2):
        return x + y


def test_signature_cache_matches_inspect():
    import inspect
    a, b = _Sig(), _Sig()
    assert signature(a.method) == inspect.signature(a.method)
    assert list(signature(b.method).parameters) == ["x", "y"]  # self dropped for any instance
    assert list(signature(_Sig.method).parameters) == ["self", "x", "y"]
    assert signature(a.method) is signature(b.method)  # computed once
    part = functools.partial(_Sig.method, a)
    assert list(signature(part).parameters) == ["x", "y"]
    assert signature(len) == inspect.signature(len)  # builtins (no weak references)
