"""get / serialize / deserialize for initializers, regularizers, constraints and activations."""

import json

import numpy as np
import pytest

from kerasx import activations, constraints, initializers, ops, regularizers

INIT_CLASSES = [
    initializers.Zeros, initializers.Ones, initializers.Constant, initializers.RandomNormal,
    initializers.RandomUniform, initializers.TruncatedNormal, initializers.VarianceScaling,
    initializers.GlorotUniform, initializers.GlorotNormal, initializers.HeUniform,
    initializers.HeNormal, initializers.LecunUniform, initializers.LecunNormal,
    initializers.Orthogonal, initializers.Identity, initializers.STFT,
]
INIT_ALIASES = {
    "zeros": "Zeros", "zero": "Zeros", "ones": "Ones", "one": "Ones", "constant": "Constant",
    "random_normal": "RandomNormal", "normal": "RandomNormal", "random_uniform": "RandomUniform",
    "uniform": "RandomUniform", "truncated_normal": "TruncatedNormal",
    "variance_scaling": "VarianceScaling", "glorot_uniform": "GlorotUniform",
    "glorot_normal": "GlorotNormal", "he_uniform": "HeUniform", "he_normal": "HeNormal",
    "lecun_uniform": "LecunUniform", "lecun_normal": "LecunNormal", "orthogonal": "Orthogonal",
    "identity": "Identity", "IdentityInitializer": "Identity", "OrthogonalInitializer": "Orthogonal",
    "stft": "STFT", "STFTInitializer": "STFT",
}


@pytest.mark.parametrize("cls", INIT_CLASSES, ids=lambda c: c.__name__)
def test_initializer_class_round_trip(cls):
    obj = cls()
    cfg = initializers.serialize(obj)
    assert set(cfg) == {"module", "class_name", "config", "registered_name"}
    assert cfg["module"] == "keras.initializers" and cfg["class_name"] == cls.__name__
    assert cfg["registered_name"] is None
    json.dumps(cfg)
    back = initializers.deserialize(cfg)
    assert type(back) is cls and back.get_config() == obj.get_config()
    assert type(initializers.get(cls.__name__)) is cls
    assert type(initializers.get(cfg)) is cls
    assert initializers.get(obj) is obj
    assert type(initializers.get(cls)) is cls
    # the Keras 2 form, without module / registered_name
    legacy = {"class_name": cls.__name__, "config": obj.get_config()}
    assert type(initializers.deserialize(legacy)) is cls


@pytest.mark.parametrize("alias,class_name", sorted(INIT_ALIASES.items()))
def test_initializer_aliases(alias, class_name):
    obj = initializers.get(alias)
    assert type(obj).__name__ == class_name
    if hasattr(initializers, alias):
        assert getattr(initializers, alias) is type(obj)


def test_initializer_configs_with_arguments():
    obj = initializers.VarianceScaling(scale=3.0, mode="fan_out", distribution="uniform", seed=4)
    back = initializers.deserialize(json.loads(json.dumps(initializers.serialize(obj))))
    assert back.get_config() == obj.get_config()
    w1, w2 = obj((5, 5)), back((5, 5))
    np.testing.assert_array_equal(ops.convert_to_numpy(w1), ops.convert_to_numpy(w2))
    const = initializers.Constant(np.array([1.0, 2.0]))
    assert initializers.deserialize(initializers.serialize(const)).get_config() == {"value": [1.0, 2.0]}


def test_initializer_keras3_fixture_configs():
    # exactly as Keras 3.15 writes them into config.json
    cfg = {"class_name": "GlorotUniform", "config": {"input_axes": None, "output_axes": None,
           "seed": None}, "module": "keras.initializers", "registered_name": None}
    assert type(initializers.get(cfg)) is initializers.GlorotUniform
    cfg = {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None},
           "module": "keras.initializers", "registered_name": None}
    assert initializers.get(cfg).gain == 1.0


def test_initializer_get_edge_cases_and_errors():
    assert initializers.get(None) is None

    def fn(shape, dtype=None):
        return ops.zeros(shape, dtype=dtype)

    assert initializers.get(fn) is fn
    with pytest.raises(ValueError, match="glorot_uniform"):
        initializers.get("glorot_unifrom")
    with pytest.raises(ValueError, match="Could not interpret"):
        initializers.get(3)
    with pytest.raises(ValueError, match="class_name"):
        initializers.deserialize({"config": {}})
    with pytest.raises(ValueError, match="stdev"):
        initializers.deserialize({"class_name": "RandomNormal", "config": {"stdev": 1.0}})


def test_initializer_custom_objects():
    class Fives(initializers.Initializer):
        def __call__(self, shape, dtype=None):
            return ops.full(shape, 5.0, dtype=dtype)

    cfg = initializers.serialize(Fives())
    assert cfg["class_name"] == "Fives"
    obj = initializers.deserialize(cfg, custom_objects={"Fives": Fives})
    np.testing.assert_array_equal(ops.convert_to_numpy(obj((2,))), [5.0, 5.0])


REG_CASES = [
    (regularizers.L1, {"l1": 0.01}, ["L1", "l1"]),
    (regularizers.L2, {"l2": 0.01}, ["L2", "l2"]),
    (regularizers.L1L2, {"l1": 0.0, "l2": 0.0}, ["L1L2", "l1_l2"]),
    (regularizers.OrthogonalRegularizer, {"factor": 0.01, "mode": "rows"},
     ["OrthogonalRegularizer", "orthogonal_regularizer"]),
]


@pytest.mark.parametrize("cls,default_cfg,names", REG_CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_regularizer_round_trip(cls, default_cfg, names):
    obj = cls()
    assert obj.get_config() == default_cfg
    cfg = regularizers.serialize(obj)
    assert cfg == {"module": "keras.regularizers", "class_name": cls.__name__,
                   "config": default_cfg, "registered_name": None}
    assert type(regularizers.deserialize(cfg)) is cls
    for name in names:
        assert type(regularizers.get(name)) is cls
    assert regularizers.get(obj) is obj
    assert regularizers.get(None) is None
    assert regularizers.l1 is regularizers.L1 and regularizers.l1_l2 is regularizers.L1L2
    assert regularizers.orthogonal_regularizer is regularizers.OrthogonalRegularizer


def test_regularizer_errors():
    with pytest.raises(ValueError, match="l2"):
        regularizers.get("l3")
    with pytest.raises(ValueError, match="non-negative"):
        regularizers.L1(-1.0)
    with pytest.raises(ValueError, match="mode"):
        regularizers.OrthogonalRegularizer(mode="diagonal")
    back = regularizers.deserialize({"class_name": "L1L2", "config": {"l1": 0.1, "l2": 0.2}})
    assert back.get_config() == {"l1": 0.1, "l2": 0.2}


CON_CASES = [
    (constraints.MaxNorm, {"max_value": 2, "axis": 0}, ["MaxNorm", "max_norm", "maxnorm"]),
    (constraints.MinMaxNorm, {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0},
     ["MinMaxNorm", "min_max_norm"]),
    (constraints.NonNeg, {}, ["NonNeg", "non_neg", "nonneg"]),
    (constraints.UnitNorm, {"axis": 0}, ["UnitNorm", "unit_norm", "unitnorm"]),
]


@pytest.mark.parametrize("cls,default_cfg,names", CON_CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_constraint_round_trip(cls, default_cfg, names):
    obj = cls()
    assert obj.get_config() == default_cfg
    cfg = constraints.serialize(obj)
    assert cfg == {"module": "keras.constraints", "class_name": cls.__name__,
                   "config": default_cfg, "registered_name": None}
    assert type(constraints.deserialize(cfg)) is cls
    for name in names:
        assert type(constraints.get(name)) is cls
    assert constraints.get(obj) is obj
    assert constraints.get(None) is None
    assert getattr(constraints, names[1]) is cls


def test_constraint_errors_and_tuple_axis():
    with pytest.raises(ValueError, match="non_neg"):
        constraints.get("non_negative")
    with pytest.raises(ValueError, match="axis"):
        constraints.MaxNorm(axis="rows")
    c = constraints.deserialize(json.loads(json.dumps(constraints.serialize(
        constraints.UnitNorm(axis=(0, 1))))))
    assert c.axis == (0, 1)


ACTIVATION_NAMES = [
    "relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "celu", "glu", "silu", "mish",
    "sigmoid", "hard_sigmoid", "hard_silu", "softmax", "log_softmax", "softplus", "softsign",
    "tanh", "exponential", "linear", "hard_tanh", "hard_shrink", "soft_shrink", "tanh_shrink",
    "log_sigmoid", "sparse_plus", "sparse_sigmoid", "squareplus", "threshold", "sparsemax",
]


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_round_trip(name):
    fn = activations.get(name)
    assert fn is getattr(activations, name)
    assert activations.serialize(fn) == name
    assert activations.deserialize(name) is fn
    assert activations.get(fn) is fn


def test_activation_aliases_and_special_cases():
    assert activations.get("swish") is activations.silu
    assert activations.serialize(activations.swish) == "silu"
    assert activations.get("hard_swish") is activations.hard_silu
    assert activations.get(None) is activations.linear
    assert activations.deserialize({"module": "builtins", "class_name": "function",
                                    "config": "relu", "registered_name": "function"}) is activations.relu
    with pytest.raises(ValueError, match="relu"):
        activations.get("rleu")
    with pytest.raises(ValueError, match="Could not interpret"):
        activations.get(5)


def test_activation_custom_function():
    def my_act(x):
        return ops.multiply(x, 2.0)

    cfg = activations.serialize(my_act)
    assert cfg["class_name"] == "function" and cfg["config"] == "my_act"
    assert activations.deserialize(cfg, custom_objects={"my_act": my_act}) is my_act
    assert activations.deserialize("my_act", custom_objects={"my_act": my_act}) is my_act
    with pytest.raises(ValueError, match="lambda"):
        activations.serialize(lambda x: x)


def test_registered_custom_objects_round_trip():
    from kerasx import saving

    @saving.register_keras_serializable(package="bbtest")
    class HalfNorm(constraints.Constraint):
        def __call__(self, w):
            return ops.multiply(w, 0.5)

    @saving.register_keras_serializable(package="bbtest")
    def bbtest_double(x):
        return ops.multiply(x, 2.0)

    cfg = constraints.serialize(HalfNorm())
    assert cfg["registered_name"] == "bbtest>HalfNorm"
    assert type(constraints.deserialize(cfg)) is HalfNorm
    act_cfg = activations.serialize(bbtest_double)
    assert act_cfg["config"] == "bbtest>bbtest_double"
    assert activations.deserialize(act_cfg) is bbtest_double
    assert activations.get(act_cfg) is bbtest_double


def test_custom_object_scope():
    from kerasx import saving

    class Tiny(regularizers.Regularizer):
        def __init__(self, k=1.0):
            self.k = k

        def __call__(self, x):
            return ops.multiply(self.k, ops.sum(x))

        def get_config(self):
            return {"k": self.k}

    cfg = {"class_name": "Tiny", "config": {"k": 3.0}}
    with pytest.raises(ValueError, match="Tiny"):
        regularizers.deserialize(cfg)
    with saving.custom_object_scope({"Tiny": Tiny}):
        reg = regularizers.get(cfg)
    assert isinstance(reg, Tiny) and reg.k == 3.0


def test_initializer_with_seed_generator_round_trip():
    from kerasx.random.seed_generator import SeedGenerator

    init = initializers.RandomUniform(seed=SeedGenerator(21))
    cfg = json.loads(json.dumps(initializers.serialize(init)))
    assert cfg["config"]["seed"]["class_name"] == "SeedGenerator"
    assert cfg["config"]["seed"]["config"]["seed"] == 21
    back = initializers.deserialize(cfg)
    # both generators start from seed 21: the same first and second draws
    for _ in range(2):
        np.testing.assert_array_equal(ops.convert_to_numpy(init((4,))),
                                      ops.convert_to_numpy(back((4,))))


def test_function_initializer_and_regularizer_round_trip():
    def bbtest_fill_two(shape, dtype=None):
        return ops.full(shape, 2.0, dtype=dtype)

    def bbtest_sum_reg(x):
        return ops.sum(x)

    cfg = initializers.serialize(bbtest_fill_two)
    assert cfg["class_name"] == "function" and cfg["config"] == "bbtest_fill_two"
    back = initializers.deserialize(json.loads(json.dumps(cfg)),
                                    custom_objects={"bbtest_fill_two": bbtest_fill_two})
    assert back is bbtest_fill_two
    rcfg = regularizers.serialize(bbtest_sum_reg)
    assert regularizers.deserialize(rcfg, custom_objects={"bbtest_sum_reg": bbtest_sum_reg}) is bbtest_sum_reg
    with pytest.raises(ValueError, match="lambda"):
        constraints.serialize(lambda w: w)
