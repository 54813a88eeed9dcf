"""A backend's fused Adam hook (B.optimizers.adam_update: torch, TensorFlow) equals the
generic ops path and Keras's formula, on every backend (the generic path alone where no
hook exists)."""

import numpy as np
import pytest

import kerasx
from kerasx.backends import B


def _numpy_adam(w, grads, lr, b1, b2, eps):
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t, g in enumerate(grads, start=1):
        m = m + (g - m) * (1 - b1)
        v = v + (g * g - v) * (1 - b2)
        w = w - lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t) * m / (np.sqrt(v) + eps)
    return w


def _run(grads_per_step, init, fused, monkeypatch, **kw):
    hook = getattr(getattr(B, "optimizers", None), "adam_update", None)
    calls = []
    if not fused:
        monkeypatch.setattr(B, "optimizers", None, raising=False)
    elif hook is not None:
        def counting(*args):
            done = hook(*args)
            calls.append(done)
            return done
        monkeypatch.setattr(B.optimizers, "adam_update", counting)
    variables = [kerasx.Variable(a.copy(), name=f"w{i}") for i, a in enumerate(init)]
    opt = kerasx.optimizers.Adam(**kw)
    for grads in grads_per_step:
        opt.apply([kerasx.ops.convert_to_tensor(g) for g in grads], variables)
    monkeypatch.undo()
    if fused and hook is not None:
        assert calls == [True] * len(grads_per_step)  # the fused kernels did the updates
    return [v.numpy() for v in variables], opt


@pytest.mark.parametrize("kw", [dict(), dict(learning_rate=0.05, beta_1=0.8, beta_2=0.95,
                                             epsilon=1e-4)])
def test_fused_adam_equals_generic_and_formula_over_5_steps(kw, monkeypatch):
    rng = np.random.default_rng(0)
    init = [rng.normal(size=(4, 3)).astype("float32"), rng.normal(size=(3,)).astype("float32")]
    steps = [[rng.normal(size=a.shape).astype("float32") for a in init] for _ in range(5)]
    fused, opt = _run(steps, init, True, monkeypatch, **kw)
    generic, _ = _run(steps, init, False, monkeypatch, **kw)
    full = dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)
    full.update(kw)
    for i, (a, b) in enumerate(zip(fused, generic)):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
        ref = _numpy_adam(init[i].astype("float64"), [s[i].astype("float64") for s in steps],
                          full["learning_rate"], full["beta_1"], full["beta_2"], full["epsilon"])
        np.testing.assert_allclose(a, ref, rtol=1e-4, atol=1e-5)
    assert int(opt.iterations.numpy()) == 5


def test_fused_adam_follows_learning_rate_changes(monkeypatch):
    rng = np.random.default_rng(1)
    init = [rng.normal(size=(5,)).astype("float32")]
    steps = [[rng.normal(size=(5,)).astype("float32")] for _ in range(3)]
    variables = [kerasx.Variable(init[0].copy(), name="w")]
    opt = kerasx.optimizers.Adam(learning_rate=0.1)
    opt.apply([kerasx.ops.convert_to_tensor(steps[0][0])], variables)
    opt.learning_rate = 0.0  # no movement from now on
    before = variables[0].numpy()
    opt.apply([kerasx.ops.convert_to_tensor(steps[1][0])], variables)
    np.testing.assert_allclose(variables[0].numpy(), before, atol=0)
    assert not np.allclose(before, init[0])


def test_amsgrad_takes_the_generic_path():
    rng = np.random.default_rng(2)
    w = rng.normal(size=(3,)).astype("float32")
    g = [rng.normal(size=(3,)).astype("float32") for _ in range(3)]
    v = kerasx.Variable(w.copy(), name="w")
    opt = kerasx.optimizers.Adam(learning_rate=0.01, amsgrad=True)
    for gi in g:
        opt.apply([kerasx.ops.convert_to_tensor(gi)], [v])
    m, s, s_hat, ref = np.zeros(3), np.zeros(3), np.zeros(3), w.astype("float64")
    for t, gi in enumerate(g, start=1):
        m = m + (gi - m) * 0.1
        s = s + (gi * gi - s) * 0.001
        s_hat = np.maximum(s_hat, s)
        ref = ref - 0.01 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) * m / (np.sqrt(s_hat) + 1e-7)
    np.testing.assert_allclose(v.numpy(), ref, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("single_kernel", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_fused_adam_kernel_choices_match_the_formula(single_kernel, dtype, monkeypatch):
    # A backend may offer more than one fused kernel (torch on CPU: one fused Adam pass,
    # or multi-tensor foreach ops); each must give Keras's formula, epsilon included.
    hooks = getattr(B, "optimizers", None)
    if not single_kernel:
        if getattr(hooks, "_FUSED", None) is None:
            pytest.skip("this backend has a single fused Adam kernel")
        monkeypatch.setattr(hooks, "_FUSED", None)
    rng = np.random.default_rng(3)
    init = [rng.normal(size=(6, 4)).astype(dtype), rng.normal(size=(4,)).astype(dtype)]
    steps = [[(rng.normal(size=a.shape) * 1e-3).astype(dtype) for a in init] for _ in range(6)]
    kw = dict(learning_rate=0.02, beta_1=0.85, beta_2=0.99, epsilon=1e-3)
    variables = [kerasx.Variable(a.copy(), name=f"w{i}", dtype=dtype) for i, a in enumerate(init)]
    opt = kerasx.optimizers.Adam(**kw)
    for grads in steps:
        opt.apply([kerasx.ops.convert_to_tensor(g) for g in grads], variables)
    for i, v in enumerate(variables):
        ref = _numpy_adam(init[i].astype("float64"), [s[i].astype("float64") for s in steps],
                          0.02, 0.85, 0.99, 1e-3)
        # small gradients next to a large epsilon: an epsilon applied at the wrong place
        # (after the bias correction, as torch.optim does) is far outside this tolerance
        # (the learning rate is a float32 variable, as in Keras, whatever the weights' dtype)
        np.testing.assert_allclose(v.numpy(), ref, rtol=1e-5, atol=1e-7)
