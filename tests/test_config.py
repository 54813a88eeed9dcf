"""Backend choice, config file precedence, settings and import isolation."""

import json
import os
import subprocess
import sys

import pytest

import kerasx
from kerasx import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTIVE = config.backend()
FRAMEWORKS = ("jax", "torch", "tensorflow")


def _run(code, env_extra, home):
    env = {k: v for k, v in os.environ.items() if k != "KERASX_BACKEND"}
    env["KERASX_HOME"] = str(home)
    env["PYTHONPATH"] = ROOT
    env.update(env_extra)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)


def test_active_backend_is_the_requested_one():
    assert kerasx.backend.backend() == os.environ.get("KERASX_BACKEND", ACTIVE)
    assert kerasx.config.backend() == ACTIVE


def test_env_var_beats_config_file(tmp_path):
    other = next(b for b in FRAMEWORKS if b != ACTIVE)
    (tmp_path / "kerasx.json").write_text(json.dumps({"backend": other, "floatx": "float64"}))
    r = _run("import kerasx; print(kerasx.backend.backend(), kerasx.config.floatx())",
             {"KERASX_BACKEND": ACTIVE}, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [ACTIVE, "float64"]


def test_config_file_used_without_env_var(tmp_path):
    (tmp_path / "kerasx.json").write_text(json.dumps(
        {"backend": ACTIVE, "epsilon": 1e-5, "image_data_format": "channels_first"}))
    r = _run("import kerasx; print(kerasx.backend.backend(), kerasx.config.epsilon(), "
             "kerasx.config.image_data_format())", {}, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [ACTIVE, "1e-05", "channels_first"]


def test_default_backend_without_env_or_file(tmp_path):
    r = _run("import kerasx; print(kerasx.backend.backend())", {}, tmp_path)
    assert r.returncode == 0, r.stderr
    import importlib.util
    expected = next(b for b in config.DEFAULT_ORDER if importlib.util.find_spec(b) is not None)
    assert r.stdout.strip() == expected


def test_import_never_writes_files(tmp_path):
    r = _run("import kerasx", {"KERASX_BACKEND": ACTIVE}, tmp_path)
    assert r.returncode == 0, r.stderr
    assert list(tmp_path.iterdir()) == []


def test_import_isolation_only_active_framework_loaded(tmp_path):
    code = ("import sys, kerasx; import kerasx.ops, kerasx.random\n"
            "print(','.join(sorted(m for m in ('jax','torch','tensorflow','keras','flax','optax','tf_keras') "
            "if m in sys.modules)))")
    r = _run(code, {"KERASX_BACKEND": ACTIVE}, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ACTIVE


def test_unknown_backend_lists_valid_names(tmp_path):
    r = _run("import kerasx", {"KERASX_BACKEND": "mxnet"}, tmp_path)
    assert r.returncode != 0
    assert "unknown backend 'mxnet'" in r.stderr
    for b in FRAMEWORKS:
        assert b in r.stderr


def test_missing_framework_names_the_extra(monkeypatch):
    monkeypatch.setattr(config, "_framework_installed", lambda name: False)
    with pytest.raises(ImportError, match=r'pip install "kerasx\[torch\]"'):
        config._check_backend_name("torch", "test")


def test_malformed_config_file_names_file_and_problem(tmp_path):
    path = tmp_path / "kerasx.json"
    path.write_text("{not json")
    r = _run("import kerasx", {"KERASX_BACKEND": ACTIVE}, tmp_path)
    assert r.returncode != 0
    assert str(path) in r.stderr and "not valid JSON" in r.stderr


def test_bad_config_value_is_named(tmp_path):
    (tmp_path / "kerasx.json").write_text(json.dumps({"floatx": "float8"}))
    r = _run("import kerasx", {"KERASX_BACKEND": ACTIVE}, tmp_path)
    assert r.returncode != 0
    assert "floatx='float8'" in r.stderr


def test_setters_and_validation():
    old = (config.floatx(), config.epsilon(), config.image_data_format())
    try:
        kerasx.backend.set_floatx("float16")
        assert kerasx.backend.floatx() == "float16"
        kerasx.backend.set_epsilon(1e-3)
        assert kerasx.backend.epsilon() == 1e-3
        kerasx.backend.set_image_data_format("channels_first")
        assert kerasx.backend.image_data_format() == "channels_first"
        with pytest.raises(ValueError, match="set_floatx"):
            kerasx.backend.set_floatx("int8")
        with pytest.raises(ValueError, match="set_image_data_format"):
            kerasx.backend.set_image_data_format("nhwc")
    finally:
        config.set_floatx(old[0])
        config.set_epsilon(old[1])
        config.set_image_data_format(old[2])


def test_clear_session_runs_hooks():
    calls = []
    kerasx.backend.register_clear_session_hook(lambda: calls.append(1))
    kerasx.backend.clear_session()
    assert calls == [1]
