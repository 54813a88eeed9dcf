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


def test_interleaved_rounds_are_shuffled_and_prime_runs_each_case_three_times_in_a_row():
    calls = []
    names = ("a", "b", "c", "d")
    cases = {name: (lambda name=name: calls.append(name)) for name in names}
    r = bench_saving._interleaved_medians(cases, repeats=11, collect=False)
    rounds = [calls[i:i + 4] for i in range(0, len(calls), 4)]
    assert len(rounds) == 12  # one warm-up round, then the timed ones
    assert all(sorted(rd) == list(names) for rd in rounds)  # every case once per round
    predecessors = {(rd[i - 1], rd[i]) for rd in rounds for i in range(1, 4)}
    assert len({b for a, b in predecessors if a == "a"}) > 1  # no fixed successor
    assert len({a for a, b in predecessors if b == "a"}) > 1  # nor a fixed predecessor
    assert set(r) == set(names) | {"faults " + n for n in names}
    calls.clear()
    bench_saving._interleaved_medians(cases, repeats=2, collect=False, prime=True)
    assert len(calls) == 36 and all(calls[i] == calls[i + 1] == calls[i + 2]
                                    for i in range(0, 36, 3))


def test_main_prints_the_table(capsys):
    bench_saving.main(["--repeats", "1", "--params-millions", "0.01", "--no-gc"])
    out = capsys.readouterr().out
    assert "no gc" in out and "h5py direct" in out and "fresh memory" in out
    assert "repeated" in out and "page faults" in out
    for ext in (".keras", ".weights.h5", ".h5"):
        assert ext in out
