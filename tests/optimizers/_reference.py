"""NumPy reference implementations of the optimizer update rules (float64)."""

import numpy as np


def _slots(state, key, shape, init=0.0):
    if key not in state:
        state[key] = np.full(shape, init)
    return state[key]


def sgd(w, g, lr, t, s, momentum=0.0, nesterov=False):
    if momentum == 0:
        return w - lr * g
    m = momentum * _slots(s, "m", w.shape) - lr * g
    s["m"] = m
    return w + momentum * m - lr * g if nesterov else w + m


def adam(w, g, lr, t, s, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False):
    m = _slots(s, "m", w.shape) + (g - _slots(s, "m", w.shape)) * (1 - beta_1)
    v = _slots(s, "v", w.shape) + (g * g - _slots(s, "v", w.shape)) * (1 - beta_2)
    s["m"], s["v"] = m, v
    if amsgrad:
        v = np.maximum(_slots(s, "vh", w.shape), v)
        s["vh"] = v
    alpha = lr * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - m * alpha / (np.sqrt(v) + epsilon)


def rmsprop(w, g, lr, t, s, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    v = rho * _slots(s, "v", w.shape) + (1 - rho) * g * g
    s["v"] = v
    if centered:
        a = rho * _slots(s, "a", w.shape) + (1 - rho) * g
        s["a"] = a
        den = v - a * a + epsilon
    else:
        den = v + epsilon
    inc = lr * g / np.sqrt(den)
    if momentum > 0:
        inc = momentum * _slots(s, "m", w.shape) + inc
        s["m"] = inc
    return w - inc


def adagrad(w, g, lr, t, s, initial_accumulator_value=0.1, epsilon=1e-7):
    acc = _slots(s, "acc", w.shape, initial_accumulator_value) + g * g
    s["acc"] = acc
    return w - lr * g / np.sqrt(acc + epsilon)


def adadelta(w, g, lr, t, s, rho=0.95, epsilon=1e-7):
    eg = rho * _slots(s, "eg", w.shape) + (1 - rho) * g * g
    s["eg"] = eg
    d = -np.sqrt(_slots(s, "ed", w.shape) + epsilon) / np.sqrt(eg + epsilon) * g
    s["ed"] = rho * s["ed"] + (1 - rho) * d * d
    return w + lr * d


def adamax(w, g, lr, t, s, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = _slots(s, "m", w.shape) + (g - _slots(s, "m", w.shape)) * (1 - beta_1)
    u = np.maximum(beta_2 * _slots(s, "u", w.shape), np.abs(g))
    s["m"], s["u"] = m, u
    return w - lr * m / ((1 - beta_1 ** t) * (u + epsilon))


def nadam(w, g, lr, t, s, beta_1=0.9, beta_2=0.999, epsilon=1e-7, shared=None):
    u_t = beta_1 * (1 - 0.5 * 0.96 ** t)
    u_t1 = beta_1 * (1 - 0.5 * 0.96 ** (t + 1))
    u_prod = shared["u_product"]
    m = _slots(s, "m", w.shape) + (g - _slots(s, "m", w.shape)) * (1 - beta_1)
    v = _slots(s, "v", w.shape) + (g * g - _slots(s, "v", w.shape)) * (1 - beta_2)
    s["m"], s["v"] = m, v
    m_hat = u_t1 * m / (1 - u_prod * u_t1) + (1 - u_t) * g / (1 - u_prod)
    v_hat = v / (1 - beta_2 ** t)
    return w - m_hat * lr / (np.sqrt(v_hat) + epsilon)


def nadam_shared(t, shared, beta_1=0.9, **_):
    shared.setdefault("u_product", 1.0)
    shared["u_product"] *= beta_1 * (1 - 0.5 * 0.96 ** t)


def ftrl(w, g, lr, t, s, learning_rate_power=-0.5, initial_accumulator_value=0.1,
         l1_regularization_strength=0.0, l2_regularization_strength=0.0,
         l2_shrinkage_regularization_strength=0.0, beta=0.0):
    acc = _slots(s, "acc", w.shape, initial_accumulator_value)
    lin = _slots(s, "lin", w.shape)
    p = -learning_rate_power
    l2 = l2_regularization_strength + beta / (2 * lr)
    gu = g + 2 * l2_shrinkage_regularization_strength * w
    new_acc = acc + g * g
    lin = lin + gu - (new_acc ** p - acc ** p) / lr * w
    quad = new_acc ** p / lr + 2 * l2
    l1 = l1_regularization_strength
    s["acc"], s["lin"] = new_acc, lin
    return (np.clip(lin, -l1, l1) - lin) / quad


def lion(w, g, lr, t, s, beta_1=0.9, beta_2=0.99):
    m = _slots(s, "m", w.shape)
    out = w - lr * np.sign(beta_1 * m + (1 - beta_1) * g)
    s["m"] = beta_2 * m + (1 - beta_2) * g
    return out


def lamb(w, g, lr, t, s, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = _slots(s, "m", w.shape) + (g - _slots(s, "m", w.shape)) * (1 - beta_1)
    v = _slots(s, "v", w.shape) + (g * g - _slots(s, "v", w.shape)) * (1 - beta_2)
    s["m"], s["v"] = m, v
    upd = (m / (1 - beta_1 ** t)) / (np.sqrt(v / (1 - beta_2 ** t)) + epsilon)
    wn, un = np.linalg.norm(w), np.linalg.norm(upd)
    ratio = wn / un if wn > 0 and un > 0 else 1.0
    return w - ratio * lr * upd


RULES = {"SGD": sgd, "Adam": adam, "AdamW": adam, "RMSprop": rmsprop, "Adagrad": adagrad,
         "Adadelta": adadelta, "Adamax": adamax, "Nadam": nadam, "Ftrl": ftrl, "Lion": lion,
         "Lamb": lamb}
DEFAULT_LR = {"SGD": 0.01}


def run(name, weights, grad_seq, kwargs=None, learning_rate=None, lr_fn=None, weight_decay=None,
        clipnorm=None, clipvalue=None, global_clipnorm=None, decay=0.0, accumulate=None,
        ema=None, exclude=()):
    """Applies ``len(grad_seq)`` steps; returns the final weights (and EMA weights)."""
    kwargs = dict(kwargs or {})
    rule = RULES[name]
    lr0 = learning_rate if learning_rate is not None else DEFAULT_LR.get(name, 0.001)
    ws = [np.array(w, dtype=np.float64) for w in weights]
    states = [{} for _ in ws]
    shared = {}
    accs = [np.zeros_like(w) for w in ws]
    emas = [w.copy() for w in ws]
    for it, grads in enumerate(grad_seq):
        grads = [np.asarray(g, np.float64) for g in grads]
        lr = lr_fn(it) if lr_fn is not None else lr0
        lr = lr / (1 + decay * it)
        do_update = True
        if accumulate:
            accs = [a + g for a, g in zip(accs, grads)]
            do_update = (it + 1) % accumulate == 0
            grads = [a / accumulate for a in accs]
            if do_update:
                accs = [np.zeros_like(a) for a in accs]
        if do_update:
            if clipnorm is not None:
                grads = [g * clipnorm / max(np.linalg.norm(g), clipnorm) for g in grads]
            if clipvalue is not None:
                grads = [np.clip(g, -clipvalue, clipvalue) for g in grads]
            if global_clipnorm is not None:
                gn = np.sqrt(sum((g * g).sum() for g in grads))
                grads = [g * global_clipnorm / max(gn, global_clipnorm) for g in grads]
            if weight_decay is not None:
                ws = [w if i in exclude else w - w * weight_decay * lr for i, w in enumerate(ws)]
            t = (it // accumulate if accumulate else it) + 1
            if name == "Nadam":
                nadam_shared(t, shared, **kwargs)
                ws = [rule(w, g, lr, t, s, shared=shared, **kwargs)
                      for w, g, s in zip(ws, grads, states)]
            else:
                ws = [rule(w, g, lr, t, s, **kwargs) for w, g, s in zip(ws, grads, states)]
        if ema is not None:
            mom = 0.0 if (it // accumulate if accumulate else it) == 0 else ema
            emas = [mom * e + (1 - mom) * w for e, w in zip(emas, ws)]
    return ws, emas
