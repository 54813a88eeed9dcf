"""``python -m benchmarks``: kerasx vs native code (and Keras 3) on every installed backend.

Example:
    python -m benchmarks --backends all --models mlp,cnn,lstm,transformer
    python -m benchmarks --quick --backends torch --models mlp

Each backend runs in its own process (``benchmarks.runner``), peak memory in one
fresh process per implementation. Prints Markdown tables, writes
``benchmarks/results/latest.json`` and ``fit_step_ratio.png`` there, and (full runs)
``benchmarks/RESULTS.md``.
"""

import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time

from benchmarks import cli

ROOT = os.path.dirname(cli.HERE)


def machine_description():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average {load:.1f} at start; "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.")


def _run_runner(backend, extra, timeout, threads=None):
    """Runs ``benchmarks.runner`` for ``backend``; returns (result dict or None, error text)."""
    import json
    env = dict(os.environ, KERASX_BACKEND=backend, KERAS_BACKEND=backend, **cli.thread_env(threads))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        cmd = [sys.executable, "-m", "benchmarks.runner", "--backend", backend, "--json", out] + extra
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=env, timeout=timeout, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        except subprocess.TimeoutExpired:
            return None, f"timed out after {timeout:.0f} s"
        if proc.returncode != 0 or not os.path.exists(out):
            tail = "\n".join(proc.stdout.strip().splitlines()[-15:])
            return None, f"exit code {proc.returncode}:\n{tail}"
        with open(out) as f:
            return json.load(f), ""


def run_backend(backend, args):
    """The timing run and the memory probes of one backend."""
    common = ["--steps", str(args.steps), "--repeats", str(args.repeats), "--spe", str(args.spe)]
    extra = common + ["--models", ",".join(args.models)]
    if args.no_keras:
        extra.append("--no-keras")
    if args.no_variants:
        extra.append("--no-variants")
    start = time.perf_counter()
    print(f"== {backend}: timing {', '.join(args.models)} ...", flush=True)
    if args.threads is not None:
        extra += ["--threads", str(args.threads)]
        common = common + ["--threads", str(args.threads)]
    result, err = _run_runner(backend, extra, args.timeout, args.threads)
    if result is None:
        print(f"   {backend} failed: {err}", flush=True)
        return {"backend": backend, "models": {}, "notes": [f"timing run failed: {err.splitlines()[0]}"]}
    if not args.no_memory:
        impls = ["native", "kerasx"] + ([] if args.no_keras or "keras" not in result["versions"] else ["keras"])
        memory = {}
        for name in args.models:
            print(f"   {backend}: memory probes for {name} ({', '.join(impls)}) ...", flush=True)
            for impl in impls:
                probe, perr = _run_runner(backend, common + ["--models", name, "--memory-probe", impl],
                                          args.timeout, args.threads)
                value = _probe_value(probe, name, perr)
                memory.setdefault(name, {})[impl] = value
        result["memory"] = memory
    print(f"   {backend} done in {time.perf_counter() - start:.0f} s", flush=True)
    return result


def _probe_value(probe, name, err):
    if probe is None:
        return {"error": err.splitlines()[0] if err else "no result"}
    return probe["models"].get(name, {"error": "no result"})


def main(argv=None):
    args = cli.parse_args(argv)
    backends, notes = cli.installed_backends(args.backends)
    for note in notes:
        print(note, flush=True)
    if not backends:
        print("No requested backend is installed; nothing to measure.", file=sys.stderr)
        return 1
    machine = machine_description()
    print(machine, flush=True)
    from benchmarks import report
    results = []
    for b in backends:
        results.append(run_backend(b, args))
        print(report.markdown(results[-1:]), flush=True)  # each backend's table as soon as it is done
    for note in notes:
        results.append({"backend": note.split()[2].rstrip(":"), "models": {}, "notes": [note]})
    from benchmarks.models.specs import describe
    header = machine + "\n\nModels: " + "; ".join(f"**{m}**: {describe(m)}" for m in args.models) + \
        f".\nSettings: {args.steps} steps per timed epoch; fit step: median over "  \
        f"{max(6, args.repeats + 1)} interleaved rounds of one epoch each of native, kerasx and "  \
        f"Keras 3 (knob rows: {args.repeats} timed epochs in a block); " \
        f"Adam(1e-3), sparse crossentropy on logits, no metrics, shuffle=False, " \
        f"intra-op threads: {args.threads or 'framework default'}." + \
        (" QUICK run: smoke test, not representative." if args.quick else "")
    table = report.markdown(results, header)
    print()
    print(table)
    meta = {"machine": machine, "argv": sys.argv[1:] if argv is None else list(argv),
            "quick": args.quick, "steps": args.steps, "repeats": args.repeats, "threads": args.threads,
            "load_average_at_end": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    json_path = os.path.join(args.out_dir, "latest.json")
    report.write_json(results, json_path, meta)
    print(f"wrote {json_path}")
    try:
        png = report.bar_chart(results, os.path.join(args.out_dir, "fit_step_ratio.png"))
        if png:
            print(f"wrote {png}")
    except ImportError as e:
        print(f"no chart: matplotlib is not importable ({e})")
    if args.results_md:
        with open(args.results_md, "w") as f:
            f.write("# kerasx benchmark results\n\nProduced by `python -m benchmarks " +
                    " ".join(meta["argv"]) + "`.\n\n" + table)
        print(f"wrote {args.results_md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
