"""Saving and loading a ~25M-parameter model vs writing/reading the same arrays with h5py.

Run: ``KERASX_BACKEND=torch python -m benchmarks.bench_saving`` (any backend).

The baseline writes every weight array as one dataset of an HDF5 file (and reads
them back into NumPy) with h5py directly; kerasx does the same work plus the
config, the zip container and the layout walk. The issue's target is a ratio of
at most 1.2 for both saving and loading. Prints medians over ``--repeats`` runs,
timed in interleaved rounds (each format beside the baseline, same conditions).

Garbage is collected before every timed run (outside the timing): a loaded model
holds reference cycles, so without it the models of earlier repeats keep their
weight memory and every load pays for fresh pages, which the baseline (plain
arrays, freed at once) never does. ``--no-gc`` measures without it.

Each load also shows its median count of minor page faults in brackets: on virtual
machines a fresh memory page costs microseconds, so a load that faults in its buffers
while the baseline reuses freed memory (or the other way round) is visible as such.

``--phases`` also prints where the time of the baseline write and of a ``.keras``
save goes (see ``save_phases``).
"""

import argparse
import gc
import os
import random
import statistics
import tempfile
import time

import h5py
import numpy as np


def build_model(params_millions=25.0):
    """A stack of Dense layers with about ``params_millions`` million parameters."""
    import kerasx
    from kerasx import layers
    width = 2048
    per_layer = width * width + width
    n = max(1, int(round(params_millions * 1e6 / per_layer)))
    kerasx.utils.set_random_seed(0)
    inp = kerasx.Input((width,))
    x = inp
    for i in range(n):
        x = layers.Dense(width, name=f"dense_{i}")(x)
    return kerasx.Model(inp, x, name="bench")


def _h5py_write(path, arrays):
    with h5py.File(path, "w") as f:
        for i, a in enumerate(arrays):
            f.create_dataset(str(i), data=a)


def _h5py_read(path, n):
    with h5py.File(path, "r") as f:
        return [f[str(i)][()] for i in range(n)]


def _interleaved_medians(cases, repeats, collect=True, keep=False, prime=False):
    """Median seconds of each ``name -> fn`` in ``cases``, timed in shuffled interleaved rounds.

    Every round runs each case once (gc before each, not timed), in an order shuffled
    anew for every round (seeded). A fixed cyclic order (even rotated) would give every
    case the same predecessor in every round, and what the predecessor leaves behind
    (which memory it freed, where the heap ends) decides whether a call pays for fresh
    pages: a load that always follows ``load_weights`` pays differently from one that
    always follows a read. Timing the baseline's runs first and a format's runs later
    lets the file system's state drift between them (writeback of the files just
    written, blocks being freed) by more than the ratio measured; interleaving gives
    every case the same conditions. One untimed warm-up round comes first.

    ``keep``: keep every result alive until all rounds are done, so that each call
    gets fresh memory pages (as the first load in a process does) instead of the
    pages the previous call freed. Fresh pages are expensive on this machine
    (several µs per page fault), and whether a call can reuse freed pages depends
    on the allocator's state, so the two regimes are reported apart.

    ``prime``: each case runs three times in a row, the last two timed, so a timed call
    follows a call of its own kind (repeated loads of one file in a process) rather than
    whatever memory another case happened to free. Both of the two are timed because
    some cases alternate: an atomic ``load_weights`` allocates its new buffers while the
    old ones are alive, so every other call lands in pages the heap just returned to
    the system.
    """
    names = list(cases)
    times = {name: [] for name in names}
    faults = {name: [] for name in names}
    kept = []
    shuffler = random.Random(0)
    for r in range(repeats + 1):
        order = list(names)
        shuffler.shuffle(order)
        for name in order:
            if prime:
                if collect:
                    gc.collect()
                cases[name]()
            for _ in range(2 if prime else 1):
                if collect:
                    gc.collect()
                f = _minor_faults()
                t = time.perf_counter()
                result = cases[name]()
                if r:
                    times[name].append(time.perf_counter() - t)
                    faults[name].append(_minor_faults() - f)
                if keep:
                    kept.append(result)
                del result
    kept.clear()
    out = {name: statistics.median(ts) for name, ts in times.items()}
    out.update({"faults " + name: statistics.median(fs) for name, fs in faults.items()})
    return out


def _minor_faults():
    """Minor page faults of this process so far (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def run(repeats=5, params_millions=25.0, collect=True):
    """Returns a dict of median seconds for the baseline and every format.

    Saves are timed interleaved with the baseline write, loads with the baseline
    read (``_interleaved_medians``). Loads three times: with memory recycled between
    calls of every kind; with every timed call right after one of its own kind (keys
    ``"repeated ..."``); and with fresh memory for every call (``"fresh-memory ..."``).
    Every time has a ``"faults <key>"`` entry: its median minor page faults.
    ``collect``: run ``gc.collect()`` before each timed call (not timed).
    """
    from kerasx import models
    model = build_model(params_millions)
    arrays = [np.asarray(w) for w in model.get_weights()]
    n_params = sum(a.size for a in arrays)
    results = {"params": int(n_params)}
    with tempfile.TemporaryDirectory() as d:
        raw = os.path.join(d, "raw.h5")
        paths = {ext: os.path.join(d, "model" + ext) for ext in (".keras", ".weights.h5", ".h5")}
        saves = {"h5py_write": lambda: _h5py_write(raw, arrays),
                 ".keras save": lambda: model.save(paths[".keras"]),
                 ".weights.h5 save": lambda: model.save_weights(paths[".weights.h5"]),
                 ".h5 save": lambda: model.save(paths[".h5"])}
        results.update(_interleaved_medians(saves, repeats, collect))
        loads = {"h5py_read": lambda: _h5py_read(raw, len(arrays)),
                 ".keras load": lambda: models.load_model(paths[".keras"]),
                 ".weights.h5 load": lambda: model.load_weights(paths[".weights.h5"]),
                 ".h5 load": lambda: models.load_model(paths[".h5"])}
        results.update(_interleaved_medians(loads, repeats, collect))
        primed = _interleaved_medians(loads, repeats, collect, prime=True)
        results.update({("faults repeated " + k[7:]) if k.startswith("faults ")
                        else "repeated " + k: v for k, v in primed.items()})
        # (load_weights frees the model's previous arrays at once: not in this regime)
        cold = _interleaved_medians({k: v for k, v in loads.items() if "weights" not in k},
                                    repeats, collect, keep=True)
        results.update({("faults fresh-memory " + k[7:]) if k.startswith("faults ")
                        else "fresh-memory " + k: v for k, v in cold.items()})
    return results


class _PhaseClock:
    """Adds the wall time of calls to wrapped functions into ``self.times`` (per name)."""

    def __init__(self):
        self.times, self._undo = {}, []

    def wrap(self, owner, attr, name):
        original = getattr(owner, attr)

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - t

        setattr(owner, attr, timed)
        self._undo.append((owner, attr, original))

    def restore(self):
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)


def save_phases(repeats=5, params_millions=25.0):
    """Median wall seconds per phase of the h5py baseline write and of a ``.keras`` save.

    The baseline is split into open (which truncates the previous file), dataset
    writes and close; the ``.keras`` save into the config, the weights written by
    h5py, the wait for the array CRCs, closing the HDF5 file, finishing the zip, and
    the atomic rename. ``other`` is the rest of the total. Interleaved, gc before each.
    """
    from kerasx.saving import array_crc, atomic, keras3_layout, keras_zip, zip_inplace
    model = build_model(params_millions)
    arrays = [np.asarray(w) for w in model.get_weights()]
    rows = {"h5py": [], ".keras": []}
    clock = _PhaseClock()
    clock.wrap(keras_zip, "model_config_json", "config")
    clock.wrap(keras3_layout, "write_entries", "write")
    clock.wrap(array_crc.ArrayChecksums, "result", "crc wait")
    clock.wrap(zip_inplace, "finish_archive", "zip finish")
    clock.wrap(atomic, "replace", "rename")
    clock.wrap(h5py.File, "close", "close")
    try:
        with tempfile.TemporaryDirectory() as d:
            raw, path = os.path.join(d, "raw.h5"), os.path.join(d, "model.keras")
            _h5py_write(raw, arrays)
            model.save(path)
            for _ in range(repeats):
                gc.collect()
                t0 = time.perf_counter()
                f = h5py.File(raw, "w")
                t1 = time.perf_counter()
                for i, a in enumerate(arrays):
                    f.create_dataset(str(i), data=a)
                t2 = time.perf_counter()
                f.close()
                t3 = time.perf_counter()
                rows["h5py"].append({"open": t1 - t0, "write": t2 - t1, "close": t3 - t2,
                                     "total": t3 - t0})
                gc.collect()
                clock.times = {}
                t0 = time.perf_counter()
                model.save(path)
                total = time.perf_counter() - t0
                phases = dict(clock.times)
                phases["other"] = total - sum(phases.values())
                phases["total"] = total
                rows[".keras"].append(phases)
    finally:
        clock.restore()
    return {name: {k: statistics.median(r.get(k, 0.0) for r in rs)
                   for k in sorted({k for r in rs for k in r})}
            for name, rs in rows.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--params-millions", type=float, default=25.0)
    parser.add_argument("--no-gc", action="store_true",
                        help="do not collect garbage before each timed run")
    parser.add_argument("--phases", action="store_true",
                        help="also print where the time of the baseline and .keras saves goes")
    args = parser.parse_args(argv)
    from kerasx.backends import B
    r = run(args.repeats, args.params_millions, collect=not args.no_gc)
    print(f"backend={B.name} params={r['params']:,} (median of {args.repeats}"
          f"{', no gc' if args.no_gc else ''})")
    print(f"  h5py direct: write {r['h5py_write'] * 1e3:8.1f} ms   "
          f"read {r['h5py_read'] * 1e3:8.1f} ms  [{r['faults h5py_read']:.0f} page faults]")
    for ext in (".keras", ".weights.h5", ".h5"):
        s, lo = r[f"{ext} save"], r[f"{ext} load"]
        print(f"  {ext:12s} save {s * 1e3:8.1f} ms ({s / r['h5py_write']:.2f}x)   "
              f"load {lo * 1e3:8.1f} ms ({lo / r['h5py_read']:.2f}x)  "
              f"[{r[f'faults {ext} load']:.0f}]")
    rp = r["repeated h5py_read"]
    print(f"  repeated (three loads of a kind in a row, the last two timed): h5py read "
          f"{rp * 1e3:.1f} ms  [{r['faults repeated h5py_read']:.0f}]")
    for ext in (".keras", ".weights.h5", ".h5"):
        lo = r[f"repeated {ext} load"]
        print(f"  {ext:12s} load {lo * 1e3:8.1f} ms ({lo / rp:.2f}x)  "
              f"[{r[f'faults repeated {ext} load']:.0f}]")
    fr = r["fresh-memory h5py_read"]
    print(f"  fresh memory (every result kept, as a first load in a process): h5py read "
          f"{fr * 1e3:.1f} ms  [{r['faults fresh-memory h5py_read']:.0f}]")
    for ext in (".keras", ".h5"):
        lo = r[f"fresh-memory {ext} load"]
        print(f"  {ext:12s} load {lo * 1e3:8.1f} ms ({lo / fr:.2f}x)  "
              f"[{r[f'faults fresh-memory {ext} load']:.0f}]")
    print("  target: <= 1.20x for save and load")
    if args.phases:
        for name, phases in save_phases(args.repeats, args.params_millions).items():
            parts = "  ".join(f"{k} {v * 1e3:.1f}" for k, v in phases.items() if k != "total")
            print(f"  phases {name:7s} total {phases['total'] * 1e3:7.1f} ms: {parts}")


if __name__ == "__main__":
    main()
