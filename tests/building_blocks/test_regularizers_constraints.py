"""Regularizer penalties and constraint projections against NumPy formulas."""

import numpy as np
import pytest

from kerasx import constraints, ops, regularizers

RNG = np.random.default_rng(0)
W = RNG.normal(size=(5, 4)).astype("float32")
EPS = 1e-7


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_l1_l2_l1l2_values():
    np.testing.assert_allclose(to_np(regularizers.L1(0.3)(W)), 0.3 * np.abs(W).sum(), rtol=1e-5)
    np.testing.assert_allclose(to_np(regularizers.L2(0.2)(W)), 0.2 * np.square(W).sum(), rtol=1e-5)
    both = regularizers.L1L2(l1=0.1, l2=0.05)(W)
    np.testing.assert_allclose(to_np(both), 0.1 * np.abs(W).sum() + 0.05 * np.square(W).sum(),
                               rtol=1e-5)
    assert float(to_np(regularizers.L1L2()(W))) == 0.0
    np.testing.assert_allclose(to_np(regularizers.L2()(W)), 0.01 * np.square(W).sum(), rtol=1e-5)


def test_regularizer_accepts_backend_tensor():
    x = ops.convert_to_tensor(W)
    np.testing.assert_allclose(to_np(regularizers.l1(0.5)(x)), 0.5 * np.abs(W).sum(), rtol=1e-5)


def _np_orthogonal(w, factor, mode):
    v = w if mode == "rows" else w.T
    v = v / np.sqrt(np.maximum((v ** 2).sum(axis=1, keepdims=True), 1e-12))
    g = np.abs(v @ v.T)
    n = v.shape[0]
    return factor * (g.sum() - np.trace(g)) / (n * (n - 1))


@pytest.mark.parametrize("mode", ["rows", "columns"])
def test_orthogonal_regularizer(mode):
    reg = regularizers.OrthogonalRegularizer(factor=0.5, mode=mode)
    np.testing.assert_allclose(to_np(reg(W)), _np_orthogonal(W, 0.5, mode), rtol=1e-5)
    assert abs(float(to_np(reg(np.eye(4, dtype="float32"))))) < 1e-7
    with pytest.raises(ValueError, match="2-D"):
        reg(np.ones((2, 2, 2), "float32"))


def _np_norms(w, axis):
    return np.sqrt((w ** 2).sum(axis=axis, keepdims=True))


@pytest.mark.parametrize("axis", [0, 1, [0, 1]])
def test_max_norm(axis):
    ax = tuple(axis) if isinstance(axis, list) else axis
    n = _np_norms(W, ax)
    expected = W * (np.clip(n, 0, 1.5) / (n + EPS))
    np.testing.assert_allclose(to_np(constraints.MaxNorm(1.5, axis=axis)(W)), expected, rtol=1e-5)
    out_norms = _np_norms(to_np(constraints.MaxNorm(1.5, axis=axis)(W)), ax)
    assert np.all(out_norms <= 1.5 + 1e-5)


def test_min_max_norm_and_rate():
    n = _np_norms(W, 0)
    for rate in (1.0, 0.5):
        desired = rate * np.clip(n, 1.0, 2.0) + (1 - rate) * n
        expected = W * desired / (n + EPS)
        got = constraints.MinMaxNorm(min_value=1.0, max_value=2.0, rate=rate)(W)
        np.testing.assert_allclose(to_np(got), expected, rtol=1e-5)
    with pytest.raises(ValueError, match="min_value"):
        constraints.MinMaxNorm(min_value=3.0, max_value=1.0)


def test_non_neg_and_unit_norm():
    np.testing.assert_array_equal(to_np(constraints.NonNeg()(W)), np.where(W >= 0, W, 0))
    for axis in (0, 1):
        got = to_np(constraints.UnitNorm(axis=axis)(W))
        np.testing.assert_allclose(got, W / (_np_norms(W, axis) + EPS), rtol=1e-5)
        np.testing.assert_allclose(_np_norms(got, axis), 1.0, rtol=1e-5)


def test_base_classes_and_variable_input():
    assert float(regularizers.Regularizer()(W)) == 0.0
    assert constraints.Constraint()(W) is W
    from kerasx import Variable
    v = Variable(W, name="w")
    np.testing.assert_allclose(to_np(constraints.NonNeg()(v)), np.where(W >= 0, W, 0))
    np.testing.assert_allclose(to_np(regularizers.L1(1.0)(v)), np.abs(W).sum(), rtol=1e-5)
