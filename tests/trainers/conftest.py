import pytest

import kerasx


@pytest.fixture(autouse=True)
def _seeded():
    """Deterministic initial weights: convergence assertions must not depend on luck."""
    kerasx.utils.set_random_seed(1234)
    yield
