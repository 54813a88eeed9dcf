"""bench_saving --phases: the per-phase split of the baseline and .keras saves (no timings checked)."""

import os
import sys

import h5py

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:  # benchmarks/ is a top-level folder of the repository, not installed
    sys.path.insert(0, ROOT)

from benchmarks import bench_saving  # noqa: E402
from kerasx.saving import array_crc, atomic, keras3_layout, keras_zip, zip_inplace  # noqa: E402


def _wrapped():
    return [keras_zip.model_config_json, keras3_layout.write_entries,
            array_crc.ArrayChecksums.result, zip_inplace.finish_archive, atomic.replace,
            h5py.File.close]


def test_save_phases_splits_both_saves_and_restores_every_function():
    before = _wrapped()
    r = bench_saving.save_phases(repeats=2, params_millions=0.01)
    assert _wrapped() == before  # nothing stays wrapped
    assert set(r["h5py"]) == {"open", "write", "close", "total"}
    assert {"config", "write", "crc wait", "close", "zip finish", "rename", "other",
            "total"} <= set(r[".keras"])
    for phases in r.values():
        parts = sum(v for k, v in phases.items() if k not in ("total", "other"))
        assert all(v >= 0.0 for k, v in phases.items() if k != "other")
        assert phases["total"] > 0.0 and parts <= phases["total"] * 1.5
        assert phases["write"] > 0.0


def test_main_prints_the_phases(capsys):
    bench_saving.main(["--repeats", "1", "--params-millions", "0.01", "--phases"])
    out = capsys.readouterr().out
    assert "phases h5py" in out and "phases .keras" in out and "crc wait" in out
