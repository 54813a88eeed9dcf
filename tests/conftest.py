"""Shared test setup: an isolated KERASX_HOME and restored global config after each test."""

import os

import pytest

# A user's ~/.kerasx/kerasx.json must not change test outcomes; set before kerasx is imported.
os.environ.setdefault(
    "KERASX_HOME", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                ".kerasx_test_home"))

from kerasx import config  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_global_config():
    saved = (config.floatx(), config.epsilon(), config.image_data_format())
    yield
    config.set_floatx(saved[0])
    config.set_epsilon(saved[1])
    config.set_image_data_format(saved[2])
