"""Every optimizer against a NumPy reference of its update rule, for 5 steps."""

import numpy as np
import pytest

import kerasx
from kerasx import optimizers
from tests.optimizers import _reference as R

RNG = np.random.default_rng(0)
W0 = [RNG.normal(size=(3,)), RNG.normal(size=(2, 2))]
GRADS = [[RNG.normal(size=(3,)), RNG.normal(size=(2, 2))] for _ in range(5)]


def run_kerasx(opt, grads=GRADS, w0=W0, between=None):
    vs = [kerasx.Variable(w.astype("float32"), name=f"w{i}") for i, w in enumerate(w0)]
    for step, g in enumerate(grads):
        opt.apply([x.astype("float32") for x in g], vs)
        if between is not None:
            between(step, opt)
    return vs


def assert_close(vs, ref, tol=2e-5):
    for v, r in zip(vs, ref):
        np.testing.assert_allclose(np.asarray(v.numpy(), np.float64), r, rtol=tol, atol=tol)


CASES = [
    ("SGD", {}), ("SGD", {"momentum": 0.9}), ("SGD", {"momentum": 0.9, "nesterov": True}),
    ("Adam", {}), ("Adam", {"amsgrad": True}), ("Adam", {"beta_1": 0.5, "epsilon": 1e-3}),
    ("AdamW", {}), ("RMSprop", {}), ("RMSprop", {"momentum": 0.5}),
    ("RMSprop", {"centered": True}), ("RMSprop", {"rho": 0.8, "momentum": 0.3, "centered": True}),
    ("Adagrad", {}), ("Adagrad", {"initial_accumulator_value": 1.0}), ("Adadelta", {}),
    ("Adamax", {}), ("Nadam", {}), ("Ftrl", {}),
    ("Ftrl", {"l1_regularization_strength": 0.01, "l2_regularization_strength": 0.1,
              "beta": 0.1, "l2_shrinkage_regularization_strength": 0.05,
              "learning_rate_power": -0.7}),
    ("Lion", {}), ("Lion", {"beta_1": 0.5, "beta_2": 0.9}), ("Lamb", {}),
]


@pytest.mark.parametrize("name,kwargs", CASES, ids=[f"{n}-{sorted(k)}" for n, k in CASES])
def test_matches_numpy_reference(name, kwargs):
    opt = getattr(optimizers, name)(learning_rate=0.1, **kwargs)
    vs = run_kerasx(opt)
    wd = 0.004 if name == "AdamW" else None
    ref, _ = R.run(name, W0, GRADS, kwargs, learning_rate=0.1, weight_decay=wd)
    assert_close(vs, ref)
    assert int(opt.iterations.numpy()) == 5


BASE_CASES = [
    ("Adam", {}, {"clipnorm": 0.5}), ("SGD", {"momentum": 0.9}, {"clipvalue": 0.3}),
    ("RMSprop", {}, {"global_clipnorm": 0.5}), ("SGD", {"momentum": 0.9}, {"weight_decay": 0.1}),
    ("Adam", {}, {"gradient_accumulation_steps": 2}),
    ("Nadam", {}, {"gradient_accumulation_steps": 3, "clipnorm": 1.0}),
    ("Lamb", {}, {"weight_decay": 0.01, "global_clipnorm": 1.0}),
]


@pytest.mark.parametrize("name,kwargs,base", BASE_CASES,
                         ids=[f"{n}-{sorted(b)}" for n, _, b in BASE_CASES])
def test_base_features_match_reference(name, kwargs, base):
    opt = getattr(optimizers, name)(learning_rate=0.1, **kwargs, **base)
    vs = run_kerasx(opt)
    rb = {k: v for k, v in base.items() if k != "gradient_accumulation_steps"}
    ref, _ = R.run(name, W0, GRADS, kwargs, learning_rate=0.1,
                   accumulate=base.get("gradient_accumulation_steps"), **rb)
    assert_close(vs, ref)


def test_gradient_accumulation_holds_weights_between_updates():
    opt = optimizers.SGD(learning_rate=0.1, gradient_accumulation_steps=2)
    v = kerasx.Variable(np.ones(2, "float32"))
    opt.apply([np.array([1.0, 2.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [1.0, 1.0])
    opt.apply([np.array([3.0, 4.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [1 - 0.1 * 2.0, 1 - 0.1 * 3.0], rtol=1e-6)
    assert int(np.asarray(opt.iterations)) == 1


def test_schedule_learning_rate_matches_reference():
    sched = optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
    opt = optimizers.SGD(learning_rate=sched, momentum=0.5)
    vs = run_kerasx(opt)
    ref, _ = R.run("SGD", W0, GRADS, {"momentum": 0.5}, lr_fn=lambda it: 0.1 * 0.5 ** (it / 2))
    assert_close(vs, ref)
    np.testing.assert_allclose(float(opt.learning_rate), 0.1 * 0.5 ** 2.5, rtol=1e-5)
    with pytest.raises(TypeError, match="LearningRateSchedule"):
        opt.learning_rate = 0.5


def test_keras2_lr_and_decay_are_honoured_with_warning():
    with pytest.warns(DeprecationWarning) as record:
        opt = optimizers.SGD(lr=0.2, decay=0.5, momentum=0.9)
    messages = " ".join(str(w.message) for w in record)
    assert "`lr`" in messages and "`decay`" in messages
    vs = run_kerasx(opt)
    ref, _ = R.run("SGD", W0, GRADS, {"momentum": 0.9}, learning_rate=0.2, decay=0.5)
    assert_close(vs, ref)
    restored = optimizers.SGD.from_config(opt.get_config())
    assert restored._decay == 0.5
    np.testing.assert_allclose(float(restored.learning_rate), 0.2, rtol=1e-6)


def test_learning_rate_settable_between_steps():
    def change(step, opt):
        if step == 1:
            opt.learning_rate = 0.01

    opt = optimizers.Adam(learning_rate=0.1)
    vs = run_kerasx(opt, between=change)
    w = [np.array(x, np.float64) for x in W0]
    st = [{}, {}]
    for it, g in enumerate(GRADS):
        lr = 0.1 if it < 2 else 0.01
        w = [R.adam(a, b, lr, it + 1, s) for a, b, s in zip(w, g, st)]
    assert_close(vs, w)
    np.testing.assert_allclose(float(opt.learning_rate), 0.01, rtol=1e-6)
    opt.learning_rate.assign(0.05)  # Keras 2 style: optimizer.lr.assign(...)
    np.testing.assert_allclose(float(opt.lr), 0.05, rtol=1e-6)


def test_exclude_from_weight_decay():
    opt = optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    opt.exclude_from_weight_decay(var_names=["w1"])
    vs = run_kerasx(opt)
    ref, _ = R.run("Adam", W0, GRADS, {}, learning_rate=0.1, weight_decay=0.5, exclude=(1,))
    assert_close(vs, ref)


def test_ema_and_finalize():
    opt = optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.9)
    vs = run_kerasx(opt)
    ref, ema = R.run("SGD", W0, GRADS, {}, learning_rate=0.1, ema=0.9)
    assert_close(vs, ref)
    opt.finalize_variable_values(vs)
    assert_close(vs, ema)


def test_ema_overwrite_frequency():
    opt = optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5,
                         ema_overwrite_frequency=1)
    v = kerasx.Variable(np.zeros(1, "float32"))
    opt.apply([np.ones(1, "float32")], [v])      # w=-0.1, ema=-0.1 (first step)
    opt.apply([np.ones(1, "float32")], [v])      # w=-0.2, ema=-0.15, overwritten
    np.testing.assert_allclose(v.numpy(), [-0.15], rtol=1e-5)


def test_loss_scale_factor_divides_gradients():
    opt = optimizers.SGD(learning_rate=1.0, loss_scale_factor=4.0)
    v = kerasx.Variable(np.zeros(2, "float32"))
    opt.apply([np.array([4.0, 8.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [-1.0, -2.0])


def test_stateless_apply_matches_apply():
    opt = optimizers.Adam(learning_rate=0.1, amsgrad=True, clipnorm=1.0)
    vs = [kerasx.Variable(w.astype("float32")) for w in W0]
    opt.build(vs)
    train = [v.value for v in vs]
    opt_vals = [v.value for v in opt.variables]
    for g in GRADS:
        train, opt_vals = opt.stateless_apply(opt_vals, [x.astype("float32") for x in g], train)
    np.testing.assert_allclose(np.asarray(vs[0].numpy()), W0[0].astype("float32"))  # untouched
    ref, _ = R.run("Adam", W0, GRADS, {"amsgrad": True}, learning_rate=0.1, clipnorm=1.0)
    for t, r in zip(train, ref):
        np.testing.assert_allclose(kerasx.ops.convert_to_numpy(t), r, rtol=2e-5, atol=2e-5)
    assert int(kerasx.ops.convert_to_numpy(opt_vals[0])) == 5


def test_apply_gradients_and_none_gradients():
    opt = optimizers.SGD(learning_rate=1.0)
    a = kerasx.Variable(np.zeros(2, "float32"))
    b = kerasx.Variable(np.zeros(2, "float32"))
    opt.apply_gradients([(np.ones(2, "float32"), a), (None, b)])
    np.testing.assert_allclose(a.numpy(), [-1.0, -1.0])
    np.testing.assert_allclose(b.numpy(), [0.0, 0.0])
    with pytest.raises(ValueError, match="no gradients"):
        opt.apply([None, None], [a, b])


def test_variables_order_and_names():
    opt = optimizers.Adam(learning_rate=0.1)
    v = kerasx.Variable(np.zeros(2, "float32"), name="kernel")
    opt.apply([np.ones(2, "float32")], [v])
    names = [x.name for x in opt.variables]
    assert names == ["iteration", "learning_rate", "kernel_momentum", "kernel_velocity"]
    assert kerasx.dtypes.standardize_dtype(opt.iterations.dtype) == "int64"


def test_callable_learning_rate_takes_no_arguments():
    opt = optimizers.SGD(learning_rate=lambda: 0.5)
    v = kerasx.Variable(np.zeros(2, "float32"))
    opt.apply([np.ones(2, "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [-0.5, -0.5])
    np.testing.assert_allclose(float(kerasx.ops.convert_to_numpy(opt.learning_rate)), 0.5)
