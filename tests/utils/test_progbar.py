import re

import pytest

from kerasx.utils import Progbar
from kerasx.utils.progbar import format_time, format_time_per_unit, format_value


def _strip(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_verbose1_final_line_format(capsys):
    bar = Progbar(32)
    for i in range(32):
        bar.update(i + 1, values=[("accuracy", 0.9), ("loss", 0.2)])
    lines = [ln for ln in _strip(capsys.readouterr().out).replace("\r", "\n").split("\n") if ln]
    last = lines[-1].rstrip()
    assert re.fullmatch(
        r"32/32 \u2501{20} \d+s \d+(us|ms|s)/step - accuracy: 0\.9000 - loss: 0\.2000", last), last


def test_verbose1_partial_bar_and_eta(capsys):
    bar = Progbar(10, interval=0.0)
    bar.update(5, values=[("loss", 1.5)])
    out = _strip(capsys.readouterr().out).strip("\r\n")
    # five of ten steps: half of the 20-character bar is filled.
    assert out.startswith(" 5/10 ")
    assert out.count("\u2501") == 10
    assert re.search(r" \d+s \d+(us|ms|s)/step - loss: 1\.5000$", out)


def test_values_are_averaged_unless_stateful(capsys):
    bar = Progbar(2, verbose=2, stateful_metrics=["acc"])
    bar.update(1, values=[("loss", 1.0), ("acc", 0.5)])
    bar.update(2, values=[("loss", 3.0), ("acc", 0.7)])
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # verbose=2 prints only when finished
    assert re.fullmatch(r"2/2 - \d+s - \d+(us|ms|s)/step - loss: 2\.0000 - acc: 0\.7000\n", out)


def test_verbose0_prints_nothing(capsys):
    bar = Progbar(3, verbose=0)
    for i in range(3):
        bar.update(i + 1, values=[("loss", 1.0)])
    assert capsys.readouterr().out == ""


def test_unknown_target_and_add(capsys):
    bar = Progbar(None, verbose=1, interval=0.0)
    bar.add(3, values=[("loss", 0.5)])
    bar.add(2)
    out = _strip(capsys.readouterr().out)
    assert "      5/Unknown" in out
    assert bar._seen_so_far == 5


def test_formatters():
    assert format_value(0.123456) == " 0.1235"
    assert format_value(1e-5) == " 1.0000e-05"
    assert format_time(5.2) == "5s"
    assert format_time(65) == "1:05"
    assert format_time(3723) == "1:02:03"
    assert format_time_per_unit(0.003, "step") == "3ms/step"
    assert format_time_per_unit(2.0, "step") == "2s/step"
    assert format_time_per_unit(5e-5, "sample") == "50us/sample"


def test_bad_verbose():
    with pytest.raises(ValueError, match="verbose"):
        Progbar(3, verbose=3)
