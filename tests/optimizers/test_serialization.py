"""get/serialize/deserialize/get_config round trips and argument errors."""

import numpy as np
import pytest

import kerasx
from kerasx import optimizers

NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop",
         "adagrad": "Adagrad", "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "Nadam",
         "ftrl": "Ftrl", "lion": "Lion", "lamb": "Lamb"}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_get_by_name_and_round_trip(name):
    opt = optimizers.get(name)
    assert type(opt).__name__ == NAMES[name]
    config = optimizers.serialize(opt)
    assert config["class_name"] == NAMES[name] and config["module"] == "keras.optimizers"
    restored = optimizers.deserialize(config)
    assert type(restored) is type(opt)
    assert restored.get_config() == opt.get_config()


def test_config_keeps_arguments_and_schedule():
    sched = optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)
    opt = optimizers.SGD(learning_rate=sched, momentum=0.8, nesterov=True, clipnorm=2.0,
                         use_ema=True, ema_momentum=0.5, name="my_sgd")
    config = opt.get_config()
    assert config["momentum"] == 0.8 and config["nesterov"] is True and config["clipnorm"] == 2.0
    assert config["learning_rate"]["class_name"] == "ExponentialDecay"
    restored = optimizers.SGD.from_config(config)
    assert isinstance(restored._learning_rate, optimizers.schedules.ExponentialDecay)
    assert restored.name == "my_sgd" and restored.use_ema
    opt2 = optimizers.Adam(learning_rate=0.02, beta_1=0.8, amsgrad=True)
    r2 = optimizers.deserialize(optimizers.serialize(opt2))
    assert r2.beta_1 == 0.8 and r2.amsgrad
    np.testing.assert_allclose(float(r2.learning_rate), 0.02, rtol=1e-6)


def test_keras2_config_is_accepted():
    cfg = {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.01, "decay": 0.0,
                                            "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7,
                                            "amsgrad": False, "jit_compile": True,
                                            "is_legacy_optimizer": False}}
    opt = optimizers.deserialize(cfg)
    assert isinstance(opt, optimizers.Adam)
    np.testing.assert_allclose(float(opt.learning_rate), 0.01, rtol=1e-6)


def test_instances_pass_through_get():
    opt = optimizers.RMSprop()
    assert optimizers.get(opt) is opt


def test_unknown_name_lists_close_matches():
    with pytest.raises(ValueError, match="adam"):
        optimizers.get("adamm")
    with pytest.raises(ValueError, match="Could not interpret"):
        optimizers.get(3)


def test_argument_errors():
    with pytest.raises(TypeError, match="momentumm"):
        optimizers.SGD(momentumm=0.9)
    with pytest.raises(ValueError, match="only one of clipnorm"):
        optimizers.Adam(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(ValueError, match="weight_decay"):
        optimizers.AdamW(weight_decay=None)
    with pytest.raises(ValueError, match="gradient_accumulation_steps"):
        optimizers.Adam(gradient_accumulation_steps=1)
    with pytest.raises(ValueError, match="learning_rate"):
        optimizers.Adam(learning_rate="fast")


def test_unknown_variable_is_rejected():
    opt = optimizers.SGD()
    a = kerasx.Variable(np.zeros(2, "float32"))
    opt.apply([np.ones(2, "float32")], [a])
    b = kerasx.Variable(np.zeros(2, "float32"))
    with pytest.raises(ValueError, match="not among the variables"):
        opt.apply([np.ones(2, "float32")], [b])
    with pytest.raises(ValueError, match="gradient"):
        opt.apply([np.ones(2, "float32")], [a, b])


def test_save_and_load_own_variables():
    vs = [kerasx.Variable(np.ones(3, "float32"), name="k")]
    opt = optimizers.Adam(learning_rate=0.1)
    opt.apply([np.full(3, 0.5, "float32")], vs)
    store = {}
    opt.save_own_variables(store)
    assert sorted(store) == ["0", "1", "2", "3"]
    fresh = optimizers.Adam(learning_rate=0.1)
    fresh.build([kerasx.Variable(np.ones(3, "float32"), name="k")])
    fresh.load_own_variables(store)
    for a, b in zip(fresh.variables, opt.variables):
        np.testing.assert_allclose(np.asarray(a.numpy()), np.asarray(b.numpy()))
    with pytest.raises(ValueError, match="holds 4"):
        optimizers.SGD().load_own_variables(store)
