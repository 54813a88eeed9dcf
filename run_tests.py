"""Runs the whole kerasx test suite once per installed backend, one process per backend.

Usage:
    python run_tests.py                      # every installed backend
    python run_tests.py --backends jax,torch # a subset
    python run_tests.py -- -k dense          # extra arguments go to pytest

Prints each backend's pytest summary and a final table; exits non-zero if any
backend has a failure or error (or ran no test).
"""

import argparse
import concurrent.futures
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time

BACKENDS = ("jax", "torch", "tensorflow")
FRAMEWORK = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}
ROOT = os.path.dirname(os.path.abspath(__file__))


def _installed(name):
    return importlib.util.find_spec(FRAMEWORK[name]) is not None


def _counts(text):
    counts = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0, "xfailed": 0}
    lines = [l for l in text.strip().splitlines() if re.search(r"\d+ (passed|failed|error|skipped)", l)]
    if lines:
        for n, word in re.findall(r"(\d+) (passed|failed|skipped|errors?|xfailed)", lines[-1]):
            key = "errors" if word.startswith("error") else word
            counts[key] += int(n)
    return counts


def run_backend(backend, pytest_args, home):
    env = dict(os.environ)
    env["KERASX_BACKEND"] = backend
    env["KERASX_HOME"] = home  # no user config file interferes with the suite
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONHASHSEED", "0")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"] + pytest_args
    start = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return backend, proc.returncode, proc.stdout, time.time() - start


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="all", help="comma-separated subset of jax,torch,tensorflow")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="backends run in parallel (default 2)")
    args = parser.parse_args(argv)
    wanted = BACKENDS if args.backends == "all" else tuple(b.strip() for b in args.backends.split(","))
    for b in wanted:
        if b not in BACKENDS:
            parser.error(f"unknown backend {b!r}; valid: {', '.join(BACKENDS)}")
    chosen = [b for b in wanted if _installed(b)]
    for b in wanted:
        if b not in chosen:
            print(f"[{b}] skipped: framework not installed (pip install \"kerasx[{b}]\")")
    if not chosen:
        print("No backend installed: nothing was tested.")
        return 1
    results = {}
    with tempfile.TemporaryDirectory(prefix="kerasx_home_") as home:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run_backend, b, extra, home) for b in chosen]
            for fut in concurrent.futures.as_completed(futures):
                backend, rc, out, secs = fut.result()
                results[backend] = (rc, out, secs)
                print(f"\n===== backend: {backend} (exit {rc}, {secs:.0f}s) =====")
                print(out.rstrip())
                sys.stdout.flush()
    print("\n===== summary =====")
    total_pass = total_fail = 0
    ok = True
    for b in chosen:
        rc, out, secs = results[b]
        c = _counts(out)
        failed = c["failed"] + c["errors"]
        total_pass += c["passed"]
        total_fail += failed
        status = "OK" if rc == 0 else "FAILED"
        if rc != 0:
            ok = False
        print(f"{b:<11} {status:<7} passed={c['passed']} failed={c['failed']} errors={c['errors']} "
              f"skipped={c['skipped']} ({secs:.0f}s)")
    print(f"all backends: {total_pass} passed, {total_fail} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
