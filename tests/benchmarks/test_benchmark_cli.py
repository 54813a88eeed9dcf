"""The benchmark CLI's argument handling (no timings: nothing here measures speed)."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:  # benchmarks/ is a top-level folder of the repository, not installed
    sys.path.insert(0, ROOT)

from benchmarks import cli  # noqa: E402
from benchmarks import report  # noqa: E402


def _exit(argv, capsys):
    with pytest.raises(SystemExit) as info:
        cli.parse_args(argv)
    return info.value.code, capsys.readouterr().err


def test_defaults_select_everything():
    args = cli.parse_args([])
    assert args.backends == ("jax", "torch", "tensorflow")
    assert args.models == ("mlp", "cnn", "lstm", "transformer")
    assert (args.steps, args.repeats) == (20, 5)
    assert args.results_md == cli.DEFAULT_RESULTS_MD


def test_lists_keep_order_and_drop_duplicates():
    args = cli.parse_args(["--backends", "torch, JAX,torch", "--models", "cnn,mlp"])
    assert args.backends == ("torch", "jax")
    assert args.models == ("cnn", "mlp")


def test_quick_uses_few_steps_and_writes_no_markdown():
    args = cli.parse_args(["--quick"])
    assert (args.steps, args.repeats) == (3, 2)
    assert args.results_md is None
    assert cli.parse_args(["--quick", "--results-md", "x.md"]).results_md == "x.md"


def test_unknown_model_lists_valid_names(capsys):
    code, err = _exit(["--models", "mlp,resnet"], capsys)
    assert code == 2
    assert "unknown model name(s): resnet" in err
    assert "mlp, cnn, lstm, transformer" in err


def test_unknown_backend_lists_valid_names(capsys):
    code, err = _exit(["--backends", "mxnet"], capsys)
    assert code == 2
    assert "unknown backend name(s): mxnet" in err
    assert "jax, torch, tensorflow" in err


@pytest.mark.parametrize("argv, fragment", [
    (["--models", ","], "--models is empty"),
    (["--steps", "0"], "--steps must be an integer >= 1, got 0"),
    (["--repeats", "-1"], "--repeats must be an integer >= 1, got -1"),
    (["--timeout", "0"], "--timeout must be > 0"),
])
def test_bad_numbers_and_empty_lists(argv, fragment, capsys):
    code, err = _exit(argv, capsys)
    assert code == 2
    assert fragment in err


def test_missing_framework_is_skipped_with_a_note():
    fake = lambda module: None if module == "tensorflow" else object()
    present, notes = cli.installed_backends(("jax", "tensorflow", "torch"), find_spec=fake)
    assert present == ["jax", "torch"]
    assert len(notes) == 1 and "skipped backend tensorflow" in notes[0]
    assert "not installed" in notes[0]


def test_command_line_exit_code_and_message():
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--models", "vgg"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "unknown model name(s): vgg" in proc.stderr
    assert "valid models: mlp, cnn, lstm, transformer" in proc.stderr


def test_report_marks_targets_and_errors():
    results = [{"backend": "torch", "notes": [], "models": {"mlp": {
        "native": {"step_ms": 10.0, "first_epoch_s": 1.0},
        "kerasx": {"step_ms": 10.5, "first_epoch_s": 1.0},
        "keras": {"step_ms": 30.0},
        "kerasx_jit": {"error": "RuntimeError: boom"}}}}]
    text = report.markdown(results)
    row = [l for l in text.splitlines() if l.startswith("| torch | mlp | 10.00 |")][0]
    assert "1.05x ✓" in row and "0.35x ✓" in row
    assert "- torch / mlp / kerasx_jit: RuntimeError: boom" in text
