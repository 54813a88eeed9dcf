"""The saving benchmark runs end to end on a tiny model (no timings are checked)."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:  # benchmarks/ is a top-level folder of the repository, not installed
    sys.path.insert(0, ROOT)

from benchmarks import bench_saving  # noqa: E402


def test_run_reports_every_format_for_a_tiny_model():
    for collect in (True, False):
        r = bench_saving.run(repeats=1, params_millions=0.01, collect=collect)
        model = bench_saving.build_model(0.01)
        assert r["params"] == model.count_params() == 2048 * 2048 + 2048
        for key in ("h5py_write", "h5py_read", ".keras save", ".keras load", ".weights.h5 save",
                    ".weights.h5 load", ".h5 save", ".h5 load", "fresh-memory h5py_read",
                    "fresh-memory .keras load", "fresh-memory .h5 load", "repeated h5py_read",
                    "repeated .keras load", "repeated .weights.h5 load", "repeated .h5 load"):
            assert r[key] > 0.0, key
            assert r["faults " + key] >= 0, key


def test_interleaved_rounds_rotate_and_prime_runs_each_case_right_before_its_timing():
    calls = []
    cases = {name: (lambda name=name: calls.append(name)) for name in ("a", "b", "c")}
    r = bench_saving._interleaved_medians(cases, repeats=3, collect=False)
    # one warm-up round, then each round starts one case later
    assert calls == ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]
    assert set(r) == {"a", "b", "c", "faults a", "faults b", "faults c"}
    calls.clear()
    bench_saving._interleaved_medians(cases, repeats=1, collect=False, prime=True)
    assert calls == ["a", "a", "b", "b", "c", "c", "b", "b", "c", "c", "a", "a"]


def test_main_prints_the_table(capsys):
    bench_saving.main(["--repeats", "1", "--params-millions", "0.01", "--no-gc"])
    out = capsys.readouterr().out
    assert "no gc" in out and "h5py direct" in out and "fresh memory" in out
    assert "repeated" in out and "page faults" in out
    for ext in (".keras", ".weights.h5", ".h5"):
        assert ext in out
