"""The Layer base: build, weights, tracking, trainable, training flag, losses, masks, stateless."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.models import Model

to_np = ops.convert_to_numpy


class Scale(layers.Layer):
    def __init__(self, init=1.0, **kwargs):
        super().__init__(**kwargs)
        self.init = init

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")
        self.count = self.add_weight((), initializer="zeros", trainable=False, name="count")

    def call(self, x):
        return x * self.w * self.init


def test_auto_names_are_unique_and_reset_by_clear_session():
    kerasx.backend.clear_session()
    a, b, c = layers.Dense(1), layers.Dense(1), layers.Dropout(0.1)
    assert (a.name, b.name, c.name) == ("dense", "dense_1", "dropout")
    assert Scale().name == "scale"
    kerasx.backend.clear_session()
    assert layers.Dense(1).name == "dense"


def test_lazy_build_and_weight_paths():
    layer = Scale(2.0, name="sc")
    assert not layer.built and layer.weights == []
    y = layer(np.ones((2, 3), "float32"))
    assert layer.built
    assert [v.path for v in layer.weights] == ["sc/w", "sc/count"]
    assert [v.name for v in layer.trainable_weights] == ["w"]
    assert [v.name for v in layer.non_trainable_weights] == ["count"]
    np.testing.assert_allclose(to_np(y), np.full((2, 3), 2.0))
    assert layer.get_build_config() == {"input_shape": (2, 3)}


def test_add_weight_defaults_and_positional_shape():
    class L(layers.Layer):
        def build(self, input_shape):
            self.a = self.add_weight((2, 3))
            self.b = self.add_weight(shape=(4,), dtype="int32")

        def call(self, x):
            return x

    layer = L()
    layer(np.zeros((1, 2), "float32"))
    a, b = layer.get_weights()
    assert a.shape == (2, 3) and a.dtype == np.float32
    limit = np.sqrt(6.0 / 5)
    assert np.all(np.abs(a) <= limit) and np.any(a != 0)   # glorot_uniform
    assert b.dtype == np.int32 and np.all(b == 0)             # zeros for non-floats


def test_tracking_attributes_lists_and_dicts_in_keras_order():
    class Block(layers.Layer):
        def __init__(self):
            super().__init__()
            self.first = layers.Dense(2, name="first")
            self.stack = []
            for i in range(2):
                self.stack.append(layers.Dense(2, name=f"s{i}"))
            self.by_name = {"head": layers.Dense(1, name="head")}
            self.v = kerasx.Variable(np.zeros((3,), "float32"), name="own")

        def call(self, x):
            for layer in [self.first] + self.stack:
                x = layer(x)
            return self.by_name["head"](x)

    block = Block()
    block(np.ones((1, 4), "float32"))
    assert [l.name for l in block._layers] == ["first", "s0", "s1", "head"]
    names = [v.path.split("/")[-2] + "/" + v.name for v in block.weights[1:]]
    assert names == ["first/kernel", "first/bias", "s0/kernel", "s0/bias", "s1/kernel",
                     "s1/bias", "head/kernel", "head/bias"]
    assert block.weights[0].name == "own"
    assert block.count_params() == 3 + 10 + 6 + 6 + 3


def test_trainable_false_freezes_recursively():
    inner = layers.Dense(3)
    outer = Model.__new__(Model)
    Model.__init__(outer)
    outer.inner = inner
    inner(np.ones((1, 2), "float32"))
    outer.built = True
    assert len(outer.trainable_weights) == 2
    outer.trainable = False
    assert inner.trainable is False
    assert outer.trainable_weights == [] and len(outer.non_trainable_weights) == 2
    assert inner.trainable_variables == []
    outer.trainable = True
    assert len(outer.trainable_variables) == 2


def test_get_set_weights_and_errors():
    layer = layers.Dense(2, name="dd")
    layer(np.ones((1, 3), "float32"))
    k = np.arange(6, dtype="float32").reshape(3, 2)
    b = np.array([1.0, -1.0], "float32")
    layer.set_weights([k, b])
    np.testing.assert_allclose(layer.get_weights()[0], k)
    with pytest.raises(ValueError, match=r"'dd'.*expected a list of 2.*received 1"):
        layer.set_weights([k])
    with pytest.raises(ValueError, match=r"'dd'.*array 0.*shape \(2, 3\).*expects shape \(3, 2\)"):
        layer.set_weights([k.T, b])


def test_training_flag_propagates_to_nested_layers():
    seen = []

    class Probe(layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    class Outer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.p = Probe()

        def call(self, x):  # no training argument: still propagated by the call context
            return self.p(x)

    outer = Outer()
    x = np.ones((1, 2), "float32")
    outer(x, training=True)
    outer(x)
    outer(x, training=False)
    assert seen == [True, None, False]


def test_dropout_inside_model_follows_outer_training():
    inputs = layers.Input((200,))
    model = Model(inputs, layers.Dropout(0.5, seed=3)(inputs))
    x = np.ones((2, 200), "float32")
    np.testing.assert_allclose(to_np(model(x)), x)
    y = to_np(model(x, training=True))
    assert set(np.unique(y)) <= {0.0, 2.0} and 0.2 < (y == 0).mean() < 0.8


def test_add_loss_activity_regularizer_and_weight_regularizer():
    class WithLoss(layers.Layer):
        def call(self, x):
            self.add_loss(ops.sum(x))
            return x

    layer = WithLoss()
    layer(np.ones((2, 2), "float32"))
    layer(np.ones((2, 2), "float32"))
    assert len(layer.losses) == 1 and float(to_np(layer.losses[0])) == 4.0
    d = layers.Dense(2, activity_regularizer="l2", kernel_regularizer=kerasx.regularizers.L1(0.5),
                     kernel_initializer="ones", bias_initializer="zeros")
    d(np.ones((1, 3), "float32"))
    vals = sorted(float(to_np(v)) for v in d.losses)
    # activity: 0.01 * sum(3^2 * 2) = 0.18 ; kernel L1: 0.5 * 6 = 3
    np.testing.assert_allclose(vals, [0.18, 3.0], rtol=1e-5)


def test_stateless_call_returns_outputs_new_state_and_losses():
    class Counter(layers.Layer):
        def build(self, input_shape):
            self.n = self.add_weight((), initializer="zeros", trainable=False, name="n")
            self.w = self.add_weight((input_shape[-1],), initializer="ones", name="w")

        def call(self, x):
            self.n.assign(self.n + 1.0)
            self.add_loss(ops.sum(self.w))
            return x * self.w

    layer = Counter()
    x = np.ones((1, 2), "float32")
    layer(x)
    before = to_np(layer.n)
    out, ntv, losses = layer.stateless_call([np.full((2,), 3.0, "float32")], [np.float32(10.0)],
                                            x, return_losses=True)
    np.testing.assert_allclose(to_np(out), [[3.0, 3.0]])
    assert float(to_np(ntv[0])) == 11.0
    assert float(to_np(layer.n)) == float(before)  # the Variable itself is untouched
    assert len(losses) == 1 and float(to_np(losses[0])) == 6.0
    with pytest.raises(ValueError, match="expected 1 trainable"):
        layer.stateless_call([], [np.float32(0)], x)


def test_input_spec_error_names_layer_and_shapes():
    d = layers.Dense(2, name="proj")
    d(np.ones((1, 3), "float32"))
    with pytest.raises(ValueError, match=r"'proj'.*axis -1.*value 3.*got 5.*\(1, 5\)"):
        d(np.ones((1, 5), "float32"))
    with pytest.raises(ValueError, match=r"'proj'.*min_ndim=2.*ndim=1"):
        d(layers.Input(batch_shape=(3,)))


def test_unknown_kwarg_is_a_type_error_naming_class_and_arg():
    with pytest.raises(TypeError, match=r"Dense.*'foo'"):
        layers.Dense(2, foo=1)
    d = layers.Dense(2, input_shape=(5,))
    assert d._batch_input_shape == (None, 5)
    assert layers.Dense(2, input_dim=7)._batch_input_shape == (None, 7)


def test_masks_supports_masking_and_compute_mask():
    class MaskMaker(layers.Layer):
        def compute_mask(self, inputs, mask=None):
            return ops.not_equal(inputs[..., 0], 0)

        def call(self, x):
            return x

    class MaskUser(layers.Layer):
        def call(self, x, mask=None):
            m = ops.cast(ops.expand_dims(mask, -1), x.dtype)
            return x * m

    assert MaskMaker().supports_masking and not layers.Layer().supports_masking
    inputs = layers.Input((3, 2))
    h = MaskMaker()(inputs)
    assert h._keras_mask is not None and h._keras_mask.shape == (None, 3)
    h = layers.Dense(2, kernel_initializer="ones")(h)  # Dense passes the mask through
    out = MaskUser()(h)
    model = Model(inputs, out)
    x = np.array([[[1, 1], [0, 5], [2, 2]]], "float32")
    y = to_np(model(x))
    np.testing.assert_allclose(y, [[[2, 2], [0, 0], [4, 4]]])


def test_compute_output_shape_and_spec():
    d = layers.Dense(5)
    assert d.compute_output_shape((None, 7, 3)) == (None, 7, 5)
    spec = d.compute_output_spec(layers.Input((7, 3)))
    assert spec.shape == (None, 7, 5)

    class Twice(layers.Layer):
        def call(self, x):
            return ops.concatenate([x, x], axis=-1)

    assert Twice().compute_output_shape((None, 4)) == (None, 8)


def test_get_config_from_config_and_auto_config():
    d = layers.Dense(3, activation="tanh", name="d3")
    cfg = d.get_config()
    assert cfg["name"] == "d3" and cfg["trainable"] is True
    assert cfg["dtype"] == {"module": "keras", "class_name": "DTypePolicy",
                            "config": {"name": "float32"}, "registered_name": None}
    d2 = layers.Dense.from_config(cfg)
    assert d2.get_config() == cfg
    s = Scale(3.0, name="s")
    scfg = s.get_config()
    assert scfg["init"] == 3.0
    assert Scale.from_config(scfg).init == 3.0


def test_build_from_config_creates_weights():
    d = layers.Dense(4)
    d.build_from_config({"input_shape": [None, 6]})
    assert d.built and d.kernel.shape == (6, 4)


def test_missing_super_init_is_reported():
    class Bad(layers.Layer):
        def __init__(self):
            pass

        def call(self, x):
            return x

    with pytest.raises(RuntimeError, match=r"super\(\)\.__init__"):
        Bad()(np.ones((1, 1), "float32"))
