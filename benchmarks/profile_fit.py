"""Where kerasx ``fit`` spends its time: cProfile of warm training steps, by category.

Run: ``KERASX_BACKEND=torch python -m benchmarks.profile_fit --model cnn`` (any backend).
Profiles ``--epochs`` epochs of ``--steps`` steps after one warm-up epoch and
prints self time grouped by where the code lives (optimizer, Layer.__call__
machinery, data conversion, metrics, ops dispatch, backend, framework internals),
then the top functions. Also times the native loop for the same model, unprofiled.
"""

import argparse
import cProfile
import io
import os
import pstats
import time

CATEGORIES = (  # (label, path fragment) - first match wins
    ("optimizer (kerasx/optimizers)", "kerasx/optimizers"),
    ("losses (kerasx/losses)", "kerasx/losses"),
    ("metrics + loss tracker (kerasx/metrics)", "kerasx/metrics"),
    ("data adapters / batch conversion", "kerasx/trainers/data_adapters"),
    ("fit loop + compile_utils (kerasx/trainers)", "kerasx/trainers"),
    ("callbacks", "kerasx/callbacks"),
    ("Functional graph walk (kerasx/models)", "kerasx/models"),
    ("Layer.__call__ machinery (kerasx/layers/layer*, _layer_*)", "kerasx/layers/layer"),
    ("Layer.__call__ machinery (kerasx/layers/layer*, _layer_*)", "kerasx/layers/_layer"),
    ("layer call() bodies (kerasx/layers/<family>)", "kerasx/layers/"),
    ("ops dispatch (kerasx/ops)", "kerasx/ops"),
    ("Variable / scopes (kerasx/core)", "kerasx/core"),
    ("tree utilities (kerasx/tree.py)", "kerasx/tree.py"),
    ("backend functions (kerasx/backends)", "kerasx/backends"),
    ("other kerasx", "kerasx/"),
    ("torch Python (autograd, optim, nn)", "/torch/"),
    ("jax Python (dispatch, tracing)", "/jax/"),
    ("tensorflow Python", "/tensorflow/"),
    ("numpy", "/numpy/"),
)


def _category(filename, funcname):
    for label, frag in CATEGORIES:
        if frag in filename:
            return label
    if filename == "~":  # C functions: the kernels and C++ dispatch of the framework
        return f"C builtins ({funcname.split(' ')[-1].split('.')[0].strip('<>{}') or 'builtin'})"
    return "other Python"


def breakdown(profile, top=25):
    stats = pstats.Stats(profile)
    total = sum(v[2] for v in stats.stats.values())
    by_cat, calls = {}, {}
    for (filename, _, funcname), (_, ncalls, tottime, _, _) in stats.stats.items():
        key = _category(filename, funcname)
        by_cat[key] = by_cat.get(key, 0.0) + tottime
        calls[key] = calls.get(key, 0) + ncalls
    lines = [f"total profiled self time: {total:.3f} s (share, seconds, function calls - the call "
             "counts do not depend on machine load)"]
    for key, t in sorted(by_cat.items(), key=lambda kv: -kv[1]):
        if t / total >= 0.005 or calls[key] >= 100:
            lines.append(f"  {100 * t / total:5.1f}%  {t:7.3f} s  {calls[key]:>8} calls  {key}")
    buf = io.StringIO()
    pstats.Stats(profile, stream=buf).sort_stats("tottime").print_stats(top)
    lines.append(buf.getvalue())
    return "\n".join(lines)


def main(argv=None):
    from benchmarks.cli import MODELS
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile_fit", description=__doc__.splitlines()[0])
    p.add_argument("--model", default="cnn", choices=MODELS)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--jit-compile", action="store_true")
    p.add_argument("--spe", type=int, default=1, help="steps_per_execution")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)

    import kerasx
    import kerasx.callbacks, kerasx.layers, kerasx.losses, kerasx.optimizers  # noqa: E401,F401
    from benchmarks.models.keras_api import build, compile_model
    from benchmarks.models.specs import SPECS, make_data
    from benchmarks.runner import NATIVE_MODULE
    import importlib

    backend = kerasx.config.backend()
    batch = SPECS[args.model]["batch"]
    x, y = make_data(args.model, args.steps * batch)
    model = compile_model(kerasx, build(kerasx, args.model),
                          jit_compile=True if args.jit_compile else "auto", steps_per_execution=args.spe)
    model.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0)  # warm-up / compile
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    model.fit(x, y, batch_size=batch, epochs=args.epochs, shuffle=False, verbose=0)
    prof.disable()
    profiled = (time.perf_counter() - start) / (args.epochs * args.steps) * 1e3
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch, epochs=args.epochs, shuffle=False, verbose=0)
    plain = (time.perf_counter() - start) / (args.epochs * args.steps) * 1e3

    native = importlib.import_module(NATIVE_MODULE[backend]).Native(args.model)
    batches = native.prepare(x, y, batch)
    native.train_epoch(batches)
    start = time.perf_counter()
    for _ in range(args.epochs):
        native.train_epoch(batches)
    native_ms = (time.perf_counter() - start) / (args.epochs * args.steps) * 1e3
    print(f"backend {backend}, model {args.model}: kerasx fit {plain:.2f} ms/step "
          f"(under cProfile {profiled:.2f}), native {native_ms:.2f} ms/step, "
          f"ratio {plain / native_ms:.2f}x; load average {os.getloadavg()[0]:.1f}")
    print(breakdown(prof, args.top))


if __name__ == "__main__":
    main()
