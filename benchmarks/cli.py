"""Command-line arguments of ``python -m benchmarks`` (no framework is imported here).

Kept separate from the runner so that argument checks are fast and testable:
unknown model or backend names exit with status 2 and a message listing the
valid names; a backend whose framework is not installed is reported as skipped.
"""

import argparse
import importlib.util
import os

BACKENDS = ("jax", "torch", "tensorflow")
MODELS = ("mlp", "cnn", "lstm", "transformer")
FRAMEWORK_MODULE = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT_DIR = os.path.join(HERE, "results")
DEFAULT_RESULTS_MD = os.path.join(HERE, "RESULTS.md")


def _split_names(text, valid, what, parser):
    """``'all'`` or a comma list -> tuple of valid names (order kept, duplicates dropped)."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if not names:
        parser.error(f"--{what} is empty; valid {what}: {', '.join(valid)} (or 'all').")
    if names == ["all"]:
        return tuple(valid)
    unknown = [n for n in names if n not in valid]
    if unknown:
        parser.error(f"unknown {what[:-1]} name(s): {', '.join(unknown)}; "
                     f"valid {what}: {', '.join(valid)} (or 'all').")
    return tuple(dict.fromkeys(names))


def make_parser():
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="kerasx vs hand-written native code (and Keras 3) on every installed backend: "
                    "fit step, predict, eager call, first epoch and peak memory.")
    parser.add_argument("--backends", default="all",
                        help=f"'all' or a comma list of {', '.join(BACKENDS)} (default: all)")
    parser.add_argument("--models", default="all",
                        help=f"'all' or a comma list of {', '.join(MODELS)} (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="few steps and repeats: a smoke run that finishes in minutes")
    parser.add_argument("--steps", type=int, default=None,
                        help="training steps per timed epoch (default 20, quick 3)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="timed epochs / timing samples, median taken (default 5, quick 2)")
    parser.add_argument("--no-keras", action="store_true", help="skip Keras 3 even if installed")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the peak-memory probes (one fresh process per measurement)")
    parser.add_argument("--no-variants", action="store_true",
                        help="skip the jit_compile / steps_per_execution rows")
    parser.add_argument("--spe", type=int, default=8,
                        help="steps_per_execution of the variant row (default 8)")
    parser.add_argument("--out-dir", default=DEFAULT_OUT_DIR,
                        help="where latest.json and the PNG chart go (default benchmarks/results)")
    parser.add_argument("--results-md", default=None,
                        help="Markdown copy of the table (default benchmarks/RESULTS.md for a full "
                             "run; not written with --quick unless given)")
    parser.add_argument("--threads", type=int, default=None,
                        help="intra-op threads per framework (OMP/TF/XLA/torch); default: the "
                             "frameworks' own choice. 1 steadies numbers on a loaded machine")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds allowed per backend process (default 1800)")
    return parser


def parse_args(argv=None):
    """Parses and validates ``argv``; exits with status 2 and a clear message on bad input."""
    parser = make_parser()
    args = parser.parse_args(argv)
    args.backends = _split_names(args.backends, BACKENDS, "backends", parser)
    args.models = _split_names(args.models, MODELS, "models", parser)
    if args.steps is None:
        args.steps = 3 if args.quick else 20
    if args.repeats is None:
        args.repeats = 2 if args.quick else 5
    for name in ("steps", "repeats", "spe"):
        value = getattr(args, name)
        if value < 1:
            parser.error(f"--{name} must be an integer >= 1, got {value}.")
    if args.threads is not None and args.threads < 1:
        parser.error(f"--threads must be an integer >= 1, got {args.threads}.")
    if args.timeout <= 0:
        parser.error(f"--timeout must be > 0 seconds, got {args.timeout}.")
    if args.results_md is None and not args.quick:
        args.results_md = DEFAULT_RESULTS_MD
    return args


def installed_backends(backends, find_spec=importlib.util.find_spec):
    """Splits ``backends`` into (installed, notes) where notes explain each skipped backend."""
    present, notes = [], []
    for name in backends:
        module = FRAMEWORK_MODULE[name]
        if find_spec(module) is None:
            notes.append(f"skipped backend {name}: the '{module}' package is not installed "
                         f"(pip install kerasx[{name}]).")
        else:
            present.append(name)
    return present, notes


def thread_env(threads):
    """Environment variables that limit each framework's intra-op threads to ``threads``."""
    if threads is None:
        return {}
    n = str(threads)
    return {"OMP_NUM_THREADS": n, "MKL_NUM_THREADS": n, "TF_NUM_INTRAOP_THREADS": n,
            "TF_NUM_INTEROP_THREADS": n,
            "XLA_FLAGS": f"--xla_cpu_multi_thread_eigen={'true' if threads > 1 else 'false'} "
                         f"intra_op_parallelism_threads={n}"}
