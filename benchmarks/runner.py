"""One backend's measurements, run in its own process by ``python -m benchmarks``.

``python -m benchmarks.runner --backend torch --models mlp,cnn --json out.json``
times, for each model, the hand-written native loop, kerasx ``fit``/``predict``/
``model(x)``, the kerasx compile knobs and (when importable) Keras 3 on the same
backend. ``--memory-probe IMPL`` instead trains one implementation and reports its
peak RSS above the post-import baseline (the parent runs one fresh process each).
"""

import argparse
import importlib
import statistics
import json
import os
import platform
import sys
import traceback

NATIVE_MODULE = {"torch": "benchmarks.models.native_torch", "jax": "benchmarks.models.native_jax",
                 "tensorflow": "benchmarks.models.native_tf"}
JIT_BACKENDS = ("torch", "tensorflow")  # where jit_compile=True changes something (JAX always jits)


def _parse(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks.runner")
    p.add_argument("--backend", required=True, choices=sorted(NATIVE_MODULE))
    p.add_argument("--models", required=True)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--spe", type=int, default=8)
    p.add_argument("--no-keras", action="store_true")
    p.add_argument("--no-variants", action="store_true")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--memory-probe", choices=("native", "kerasx", "keras"))
    p.add_argument("--json", required=True)
    return p.parse_args(argv)


def _import_libs(backend, want_keras):
    """Imports kerasx (and Keras 3 when wanted and importable) for ``backend``."""
    os.environ["KERASX_BACKEND"] = backend
    os.environ["KERAS_BACKEND"] = backend
    import kerasx
    import kerasx.callbacks, kerasx.layers, kerasx.losses, kerasx.models, kerasx.optimizers  # noqa: E401,F401
    libs, notes = {"kerasx": kerasx}, []
    if want_keras:
        try:
            import keras
            libs["keras"] = keras
        except Exception as e:  # an absent or broken Keras only drops its column
            notes.append(f"keras not measured: {type(e).__name__}: {e}")
    return libs, notes


def _versions(backend, libs):
    fw = importlib.import_module(backend)
    out = {"python": platform.python_version(), backend: getattr(fw, "__version__", "?")}
    for name, lib in libs.items():
        out[name] = getattr(lib, "__version__", "?")
    return out


class _Bench:
    def __init__(self, args, libs, native_cls, sync):
        self.args, self.libs, self.native_cls, self.sync = args, libs, native_cls, sync

    def data(self, name):
        from benchmarks.models.specs import SPECS, make_data
        batch = SPECS[name]["batch"]
        x, y = make_data(name, self.args.steps * batch)
        xp, _ = make_data(name, 256, seed=1)
        return batch, x, y, xp

    # -- native
    def native_fit(self, native, batches, epochs):
        import time
        times = []
        for _ in range(epochs):
            start = time.perf_counter()
            native.train_epoch(batches)
            times.append(time.perf_counter() - start)
        return times

    # -- Keras API (kerasx or keras)
    def api_model(self, lib_name, name, **compile_kwargs):
        from benchmarks.models.keras_api import build, compile_model
        lib = self.libs[lib_name]
        return compile_model(lib, build(lib, name), **compile_kwargs)

    def api_fit(self, lib_name, model, x, y, batch, epochs):
        from benchmarks.timing import epoch_timer
        timer = epoch_timer(self.libs[lib_name])
        model.fit(x, y, batch_size=batch, epochs=epochs, shuffle=False, verbose=0, callbacks=[timer])
        return timer.times

    def api_inference(self, lib_name, model, xp, calls, repeats):
        from benchmarks.timing import median_ms_per_call
        lib = self.libs[lib_name]
        x1, x256 = xp[:1], xp[:256]
        xt1 = lib.ops.convert_to_tensor(x1)
        return {
            "predict_b1_ms": median_ms_per_call(lambda: model.predict(x1, batch_size=1, verbose=0),
                                                lambda o: o, calls, repeats),
            "predict_b256_ms": median_ms_per_call(lambda: model.predict(x256, batch_size=256, verbose=0),
                                                  lambda o: o, max(1, calls // 4), repeats),
            "eager_b1_ms": median_ms_per_call(lambda: model(xt1), self.sync, calls, repeats),
        }


def _guard(results, key, fn):
    """Runs ``fn``; stores its dict in ``results[key]`` or the error that stopped it."""
    try:
        results[key] = fn()
    except Exception as e:
        results[key] = {"error": f"{type(e).__name__}: {e}".splitlines()[0][:300]}
        traceback.print_exc(file=sys.stderr)


def run_model(bench, name):
    from benchmarks.models.keras_api import count_layers
    from benchmarks.timing import median_ms_per_call, summarize_epochs
    args, steps = bench.args, bench.args.steps
    batch, x, y, xp = bench.data(name)
    epochs = 1 + args.repeats
    calls = 5 if args.steps <= 3 else 20
    out = {}

    native = bench.native_cls(name)
    batches = native.prepare(x, y, batch)
    native_times = bench.native_fit(native, batches, epochs)

    def native_all():
        r = summarize_epochs(native_times, steps)
        xt1 = native.to_input(xp[:1])
        r.update(predict_b1_ms=median_ms_per_call(lambda: native.predict(xp[:1]), lambda o: o, calls,
                                                  args.repeats),
                 predict_b256_ms=median_ms_per_call(lambda: native.predict(xp[:256]), lambda o: o,
                                                    max(1, calls // 4), args.repeats),
                 eager_b1_ms=median_ms_per_call(lambda: native.eager(xt1), bench.sync, calls, args.repeats))
        return r

    _guard(out, "native", native_all)
    fused_cls = bench.native_fused_cls
    fused = None
    if fused_cls is not None and name in getattr(fused_cls, "models", ()):
        # the framework's own fused kernel (e.g. TF BlockLSTM): a second native row
        def fused_fit():
            nonlocal fused
            fused = fused_cls(name)
            return summarize_epochs(bench.native_fit(fused, fused.prepare(x, y, batch), epochs), steps)
        _guard(out, "native_fused", fused_fit)

    models = {}

    def api_all(lib_name):
        def run():
            model = models[lib_name] = bench.api_model(lib_name, name)
            r = summarize_epochs(bench.api_fit(lib_name, model, x, y, batch, epochs), steps)
            r.update(bench.api_inference(lib_name, model, xp, calls, args.repeats))
            r["layers"] = count_layers(model)
            if lib_name == "keras":
                r["jit_compile"] = str(getattr(model, "jit_compile", "?"))
            return r
        return run

    _guard(out, "kerasx", api_all("kerasx"))
    if "keras" in bench.libs:
        _guard(out, "keras", api_all("keras"))
    _paired_eager(bench, out, native, models, xp, calls)
    _paired_fit(bench, out, native, batches, models, x, y, batch)
    if not args.no_variants:
        def variant(**kw):
            def run():
                model = bench.api_model("kerasx", name, **kw)
                return summarize_epochs(bench.api_fit("kerasx", model, x, y, batch, epochs), steps)
            return run
        if args.backend in JIT_BACKENDS:
            _guard(out, "kerasx_jit", variant(jit_compile=True))
        _guard(out, f"kerasx_spe{args.spe}", variant(steps_per_execution=args.spe))
    # a second native block after the others, so that load drift affects both sides alike
    # (only where the interleaved rounds of _paired_fit did not run)
    if "error" not in out["native"] and not out["native"].get("paired"):
        more = bench.native_fit(native, batches, args.repeats)
        merged = summarize_epochs(native_times + more, steps)
        merged["epoch_samples_s"] = native_times + more
        out["native"].update(step_ms=merged["step_ms"], epoch_samples_s=merged["epoch_samples_s"])
    if fused is not None and "error" not in out["native_fused"]:
        more = bench.native_fit(fused, fused.prepare(x, y, batch), args.repeats)
        merged = summarize_epochs(out["native_fused"]["epoch_samples_s"] + more, steps)
        out["native_fused"].update(step_ms=merged["step_ms"], epoch_samples_s=merged["epoch_samples_s"])
    return out


def _paired_fit(bench, out, native, batches, models, x, y, batch):
    """Re-measures the fit step of native, kerasx (and Keras 3) in interleaved rounds.

    Every round trains one timed epoch of each, starting one implementation later than
    the round before; the step times are the medians over the rounds. Timing each
    implementation's epochs in one block let the machine's load drift between blocks
    by more than the ratios measured (±15% between runs). The first-epoch (compile)
    times stay those of the first, separate runs.
    """
    runs = {}
    if "error" not in out.get("native", {"error": 1}):
        runs["native"] = lambda: bench.native_fit(native, batches, 1)[0]
    for lib_name, model in models.items():
        if "error" not in out.get(lib_name, {"error": 1}):
            runs[lib_name] = (lambda n, m: lambda: bench.api_fit(n, m, x, y, batch, 1)[0])(
                lib_name, model)
    if len(runs) < 2:
        return
    names = list(runs)
    times = {n: [] for n in names}
    for r in range(max(6, bench.args.repeats + 1)):
        k = r % len(names)
        for n in names[k:] + names[:k]:
            times[n].append(runs[n]())
    for n, ts in times.items():
        out[n].update(step_ms=statistics.median(ts) / bench.args.steps * 1e3,
                      epoch_samples_s=ts, paired=True)


def _paired_eager(bench, out, native, models, xp, calls):
    """Re-measures eager ``model(x)`` at batch 1 for native, kerasx (and Keras 3) side by
    side, interleaved: the ratio is of tens of microseconds, and separate blocks timed
    minutes apart on a shared machine differ by more than that."""
    from benchmarks.timing import paired_median_ms_per_call
    fns = {}
    if "error" not in out.get("native", {"error": 1}):
        xn = native.to_input(xp[:1])
        fns["native"] = lambda: native.eager(xn)
    for lib_name, model in models.items():
        if "error" not in out.get(lib_name, {"error": 1}):
            xt = bench.libs[lib_name].ops.convert_to_tensor(xp[:1])
            fns[lib_name] = (lambda m, t: lambda: m(t))(model, xt)
    if len(fns) < 2:
        return
    medians = paired_median_ms_per_call(fns, bench.sync, calls, max(10, 2 * bench.args.repeats))
    for label, ms in medians.items():
        out[label]["eager_b1_ms"] = ms


def memory_probe(bench, name, impl):
    from benchmarks.timing import PeakRSS
    batch, x, y, _ = bench.data(name)
    epochs = 2
    with PeakRSS() as mem:
        if impl == "native":
            native = bench.native_cls(name)
            batches = native.prepare(x, y, batch)
            bench.native_fit(native, batches, epochs)
        else:
            model = bench.api_model(impl, name)
            bench.api_fit(impl, model, x, y, batch, epochs)
    return {"peak_mb": mem.delta_mb}


def _sync_fn(backend):
    if backend == "jax":
        return lambda out: out.block_until_ready()
    return lambda out: out


def main(argv=None):
    args = _parse(argv)
    want_keras = not args.no_keras and args.memory_probe in (None, "keras")
    libs, notes = _import_libs(args.backend, want_keras)
    if args.threads is not None and args.backend == "torch":
        import torch
        torch.set_num_threads(args.threads)
    native_mod = importlib.import_module(NATIVE_MODULE[args.backend])
    native_cls = native_mod.Native
    bench = _Bench(args, libs, native_cls, _sync_fn(args.backend))
    bench.native_fused_cls = getattr(native_mod, "NativeFused", None)
    result = {"backend": args.backend, "versions": _versions(args.backend, libs), "notes": notes,
              "models": {}}
    for name in args.models.split(","):
        if args.memory_probe:
            if args.memory_probe not in libs and args.memory_probe != "native":
                continue
            _guard(result["models"], name, lambda: memory_probe(bench, name, args.memory_probe))
        else:
            print(f"[{args.backend}] {name} ...", file=sys.stderr, flush=True)
            try:
                result["models"][name] = run_model(bench, name)
            except Exception as e:  # the native side failed: report it, go on with the next model
                traceback.print_exc(file=sys.stderr)
                result["models"][name] = {"native": {"error": f"{type(e).__name__}: {e}".splitlines()[0][:300]}}
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
