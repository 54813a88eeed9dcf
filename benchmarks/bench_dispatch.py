"""Per-call overhead of kerasx.ops over the active backend's native functions.

Run: ``KERASX_BACKEND=torch python -m benchmarks.bench_dispatch`` (any backend).
Measures ``ops.add`` and ``ops.matmul`` on small tensors against the framework
function they end in, and the time ``import kerasx`` adds on top of importing the
framework (fresh subprocesses). Prints medians in microseconds / milliseconds.
"""

import argparse
import statistics
import subprocess
import sys
import time

import numpy as np


def _native_functions(name):
    """The framework's own add/matmul and a blocking 'sync' (benchmarks may import frameworks)."""
    if name == "jax":
        import jax.numpy as jnp
        return jnp.add, jnp.matmul, lambda t: t.block_until_ready()
    if name == "torch":
        import torch
        return torch.add, torch.matmul, lambda t: t
    if name == "tensorflow":
        import tensorflow as tf
        return tf.add, tf.matmul, lambda t: t
    raise ValueError(f"bench_dispatch: unknown backend {name!r}")


def _median_us(fns, sync, calls, repeats):
    """Median microseconds per call of each function; samples alternate to share load drift."""
    for fn in fns:
        for _ in range(min(calls, 200)):  # warm-up (compilation caches, allocator)
            sync(fn())
    samples = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            for _ in range(calls):
                out = fn()
            sync(out)
            samples[i].append((time.perf_counter() - start) / calls * 1e6)
    return [statistics.median(s) for s in samples]


def _import_seconds(code, backend, repeats):
    times = []
    for _ in range(repeats):
        env_code = (f"import os, time; os.environ['KERASX_BACKEND'] = {backend!r}; "
                    f"t = time.perf_counter(); {code}; print(time.perf_counter() - t)")
        out = subprocess.run([sys.executable, "-c", env_code], capture_output=True, text=True,
                             check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per timing sample")
    parser.add_argument("--repeats", type=int, default=7, help="timing samples (median taken)")
    parser.add_argument("--import-repeats", type=int, default=3, help="fresh interpreters per import timing")
    args = parser.parse_args(argv)

    from kerasx import config, ops
    from kerasx.backends import B

    backend = config.backend()
    native_add, native_matmul, sync = _native_functions(backend)
    rng = np.random.default_rng(0)
    a = ops.convert_to_tensor(rng.standard_normal((8, 8)).astype("float32"))
    b = ops.convert_to_tensor(rng.standard_normal((8, 8)).astype("float32"))

    rows = []
    for label, kfn, nfn, bfn in (
            ("add (8x8)", lambda: ops.add(a, b), lambda: native_add(a, b), lambda: B.numpy.add(a, b)),
            ("matmul (8x8)", lambda: ops.matmul(a, b), lambda: native_matmul(a, b),
             lambda: B.numpy.matmul(a, b))):
        n_us, b_us, k_us = _median_us([nfn, bfn, kfn], sync, args.calls, args.repeats)
        rows.append((label, n_us, b_us, k_us))

    framework_module = {"jax": "jax.numpy", "torch": "torch", "tensorflow": "tensorflow"}[backend]
    t_framework = _import_seconds(f"import {framework_module}", backend, args.import_repeats)
    t_kerasx = _import_seconds(f"import {framework_module}; import kerasx, kerasx.ops", backend,
                               args.import_repeats)

    print(f"kerasx dispatch overhead - backend {backend} (median of {args.repeats} x {args.calls} calls)")
    print(f"{'op':<14}{'native us':>11}{'backend us':>12}{'kerasx us':>11}{'overhead us':>13}"
          f"{'frontend us':>13}")
    for label, n_us, b_us, k_us in rows:
        print(f"{label:<14}{n_us:>11.2f}{b_us:>12.2f}{k_us:>11.2f}{k_us - n_us:>13.2f}"
              f"{k_us - b_us:>13.2f}")
    print("overhead = kerasx.ops - native framework call; frontend = kerasx.ops - kerasx backend "
          "function (dtype rules live in the backend).")
    print(f"import {framework_module}: {t_framework * 1e3:.0f} ms; "
          f"+ import kerasx: {(t_kerasx - t_framework) * 1e3:.0f} ms extra "
          f"(median of {args.import_repeats} fresh interpreters)")


if __name__ == "__main__":
    main()
