"""Helpers shared by the fused-RNN tests: a fused/loop layer pair with equal weights and a
spy on the backend's fused kernel."""

from kerasx import layers


def fused_loop_pair(cls, x, rng, **kw):
    """Builds ``layers.<cls>`` twice on ``x``: the default (fused kernel allowed) and the
    generic loop (``use_cudnn=False``), both returning sequences and states, and gives them
    the same random weights drawn from ``rng``. Returns ``(fused, loop)``."""
    opts = dict(return_sequences=True, return_state=True, **kw)
    fused, loop = getattr(layers, cls)(5, **opts), getattr(layers, cls)(5, use_cudnn=False, **opts)
    fused(x)
    loop(x)
    for a, b in zip(fused.trainable_weights, loop.trainable_weights):
        value = rng.standard_normal(a.shape).astype("float32") * 0.4
        a.assign(value)
        b.assign(value)
    return fused, loop


def spy_fused_kernel(monkeypatch, name):
    """Wraps ``B.rnn.<name>`` and returns the list it appends to on each call: True when the
    kernel ran, False when it returned None (fell back to the loop). Returns None when the
    backend has no such kernel."""
    from kerasx.backends import B
    mod = getattr(B, "rnn", None)
    real = getattr(mod, name, None) if mod is not None else None
    if real is None:
        return None
    results = []

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        results.append(out is not None)
        return out
    monkeypatch.setattr(mod, name, spy)
    return results
