"""Every loss (class and function) against NumPy, with reductions and sample weights."""

import numpy as np
import pytest

from kerasx import losses
from kerasx import ops
from tests.losses import _reference as R

RNG = np.random.default_rng(1)
N, C = 4, 3
REG_T = RNG.uniform(0.1, 2.0, (N, C))
REG_P = RNG.uniform(0.1, 2.0, (N, C))
BIN_T = RNG.integers(0, 2, (N, C)).astype("float64")
PROB = RNG.uniform(0.05, 0.95, (N, C))
LOGITS = RNG.normal(size=(N, C)) * 2
ONEHOT = np.eye(C)[RNG.integers(0, C, N)]
SOFT = R.softmax(LOGITS)
SIGNED = np.where(BIN_T > 0, 1.0, -1.0)
SW = np.array([1.0, 0.5, 0.0, 2.0])


def np_out(x):
    return np.asarray(ops.convert_to_numpy(x), np.float64)


# (class, constructor kwargs, function, reference, y_true, y_pred)
CASES = [
    (losses.MeanSquaredError, {}, losses.mean_squared_error, R.mse, REG_T, REG_P),
    (losses.MeanAbsoluteError, {}, losses.mean_absolute_error, R.mae, REG_T, REG_P),
    (losses.MeanAbsolutePercentageError, {}, losses.mean_absolute_percentage_error, R.mape,
     REG_T, REG_P),
    (losses.MeanSquaredLogarithmicError, {}, losses.mean_squared_logarithmic_error, R.msle,
     REG_T, REG_P),
    (losses.Huber, {"delta": 0.5}, losses.huber, R.huber, REG_T, REG_P * 2),
    (losses.LogCosh, {}, losses.log_cosh, R.log_cosh, REG_T, REG_P),
    (losses.CosineSimilarity, {}, losses.cosine_similarity, R.cosine_similarity, LOGITS,
     REG_P),
    (losses.BinaryCrossentropy, {}, losses.binary_crossentropy, R.bce, BIN_T, PROB),
    (losses.BinaryCrossentropy, {"from_logits": True, "label_smoothing": 0.2},
     losses.binary_crossentropy, R.bce, BIN_T, LOGITS),
    (losses.BinaryFocalCrossentropy, {"gamma": 1.5}, losses.binary_focal_crossentropy,
     R.binary_focal, BIN_T, PROB),
    (losses.BinaryFocalCrossentropy,
     {"apply_class_balancing": True, "alpha": 0.3, "from_logits": True, "label_smoothing": 0.1},
     losses.binary_focal_crossentropy, R.binary_focal, BIN_T, LOGITS),
    (losses.CategoricalCrossentropy, {}, losses.categorical_crossentropy, R.cce, ONEHOT, SOFT),
    (losses.CategoricalCrossentropy, {"from_logits": True, "label_smoothing": 0.1},
     losses.categorical_crossentropy, R.cce, ONEHOT, LOGITS),
    (losses.CategoricalFocalCrossentropy, {}, losses.categorical_focal_crossentropy,
     R.categorical_focal, ONEHOT, SOFT),
    (losses.CategoricalFocalCrossentropy,
     {"alpha": 0.5, "gamma": 1.0, "from_logits": True, "label_smoothing": 0.2},
     losses.categorical_focal_crossentropy, R.categorical_focal, ONEHOT, LOGITS),
    (losses.KLDivergence, {}, losses.kl_divergence, R.kld, SOFT[::-1].copy(), SOFT),
    (losses.Poisson, {}, losses.poisson, R.poisson, REG_T, REG_P),
    (losses.Hinge, {}, losses.hinge, R.hinge, BIN_T, LOGITS),
    (losses.Hinge, {}, losses.hinge, R.hinge, SIGNED, LOGITS),
    (losses.SquaredHinge, {}, losses.squared_hinge, R.squared_hinge, BIN_T, LOGITS),
    (losses.CategoricalHinge, {}, losses.categorical_hinge, R.categorical_hinge, ONEHOT,
     LOGITS),
]
IDS = [f"{c[0].__name__}{i}" for i, c in enumerate(CASES)]


@pytest.mark.parametrize("cls,kwargs,fn,ref,y_true,y_pred", CASES, ids=IDS)
def test_function_matches_numpy(cls, kwargs, fn, ref, y_true, y_pred):
    out = np_out(fn(y_true.astype("float32"), y_pred.astype("float32"), **kwargs))
    np.testing.assert_allclose(out, ref(y_true, y_pred, **kwargs), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("reduction", ["sum_over_batch_size", "sum", "mean",
                                       "mean_with_sample_weight", "none", None])
@pytest.mark.parametrize("cls,kwargs,fn,ref,y_true,y_pred", CASES, ids=IDS)
def test_class_reductions_and_sample_weight(cls, kwargs, fn, ref, y_true, y_pred, reduction):
    loss = cls(reduction=reduction, **kwargs)
    per_sample = ref(y_true, y_pred, **kwargs)
    yt, yp = y_true.astype("float32"), y_pred.astype("float32")
    np.testing.assert_allclose(np_out(loss(yt, yp)), R.reduce(per_sample, None, reduction),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(np_out(loss(yt, yp, sample_weight=SW)),
                               R.reduce(per_sample, SW, reduction), rtol=1e-4, atol=1e-5)


def test_sparse_categorical_crossentropy():
    labels = np.array([0, 2, 1, 2])
    for from_logits, pred in ((False, SOFT), (True, LOGITS)):
        ref = R.scce(labels, pred, from_logits)
        out = losses.sparse_categorical_crossentropy(labels, pred.astype("float32"),
                                                     from_logits=from_logits)
        np.testing.assert_allclose(np_out(out), ref, rtol=1e-4, atol=1e-5)
        loss = losses.SparseCategoricalCrossentropy(from_logits=from_logits)
        np.testing.assert_allclose(np_out(loss(labels[:, None], pred.astype("float32"))),
                                   ref.mean(), rtol=1e-4)
        np.testing.assert_allclose(np_out(loss(labels, pred.astype("float32"), SW)),
                                   (ref * SW).mean(), rtol=1e-4)


def test_sparse_ignore_class_excludes_entries_from_mean():
    labels = np.array([0, -1, 1, 2])
    loss = losses.SparseCategoricalCrossentropy(ignore_class=-1)
    per = R.scce(np.array([0, 0, 1, 2]), SOFT)
    np.testing.assert_allclose(np_out(loss(labels, SOFT.astype("float32"))),
                               per[[0, 2, 3]].mean(), rtol=1e-4)
    none = losses.SparseCategoricalCrossentropy(ignore_class=-1, reduction="none")
    out = np_out(none(labels, SOFT.astype("float32")))
    np.testing.assert_allclose(out, [per[0], 0.0, per[2], per[3]], rtol=1e-4, atol=1e-6)
    seq = np.array([[0, 1, 2], [2, 2, 2]])
    pred = np.stack([SOFT[:3], SOFT[1:]]).astype("float32")
    out = np_out(losses.SparseCategoricalCrossentropy(ignore_class=2)(seq, pred))
    ref = R.scce(np.array([0, 1]), SOFT[:2]).mean()
    np.testing.assert_allclose(out, ref, rtol=1e-4)


@pytest.mark.parametrize("axis", [None, -1])
def test_dice_and_tversky(axis):
    t, p = BIN_T, PROB
    d = losses.Dice(axis=axis, reduction="none")
    np.testing.assert_allclose(np_out(d(t, p.astype("float32"))), R.dice(t, p, axis), rtol=1e-4)
    tv = losses.Tversky(alpha=0.7, beta=0.3, axis=axis, reduction="none")
    np.testing.assert_allclose(np_out(tv(t, p.astype("float32"))),
                               R.tversky(t, p, 0.7, 0.3, axis), rtol=1e-4)
    np.testing.assert_allclose(np_out(losses.Dice(axis=axis)(t, p.astype("float32"))),
                               np.mean(R.dice(t, p, axis)), rtol=1e-4)


def test_rank_mismatch_by_trailing_one_is_squeezed():
    t = REG_T[:, :1]
    p = REG_P[:, 0]
    out = losses.MeanSquaredError()(t.astype("float32"), p.astype("float32"))
    np.testing.assert_allclose(np_out(out), ((t[:, 0] - p) ** 2).mean(), rtol=1e-5)
