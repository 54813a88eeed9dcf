"""Mean/Sum, accuracies, regression and cross-entropy metrics against NumPy: several
update_state calls, sample weights, reset_state."""

import numpy as np
import pytest

from kerasx import metrics
from kerasx import ops
from tests.losses import _reference as R

RNG = np.random.default_rng(2)
N, C = 6, 4


def out(x):
    return np.asarray(ops.convert_to_numpy(x), np.float64)


def batches():
    """Two batches of (regression, probabilities, one-hot, labels, weights)."""
    res = []
    for _ in range(2):
        labels = RNG.integers(0, C, N)
        logits = RNG.normal(size=(N, C))
        res.append({
            "t": RNG.uniform(0.1, 2, (N, C)), "p": RNG.uniform(0.1, 2, (N, C)),
            "bin_t": RNG.integers(0, 2, (N, C)).astype("float64"),
            "prob": RNG.uniform(0.02, 0.98, (N, C)), "logits": logits,
            "soft": R.softmax(logits), "onehot": np.eye(C)[labels], "labels": labels,
            "sw": RNG.uniform(0, 2, N)})
    return res


BATCHES = batches()


def weighted_mean(per_sample_list, weights_list=None):
    vals = np.concatenate(per_sample_list)
    if weights_list is None:
        return vals.mean()
    w = np.concatenate(weights_list)
    return (vals * w).sum() / w.sum()


def test_mean_and_sum():
    m, s = metrics.Mean(), metrics.Sum()
    m.update_state([1.0, 2.0, 3.0])
    m.update_state([[4.0, 6.0], [8.0, 10.0]], sample_weight=[1.0, 3.0])
    # second batch: per-sample means 5 and 9 with weights 1 and 3
    np.testing.assert_allclose(out(m.result()), (6 + 5 + 27) / (3 + 4), rtol=1e-6)
    s.update_state([1.0, 2.0], sample_weight=[2.0, 0.5])
    s.update_state(4.0)
    np.testing.assert_allclose(out(s.result()), 7.0, rtol=1e-6)
    m.reset_state()
    s.reset_state()
    assert out(m.result()) == 0.0 and out(s.result()) == 0.0
    np.testing.assert_allclose(out(m([2.0, 4.0])), 3.0)


def _acc_cases():
    return [
        (metrics.BinaryAccuracy(), lambda b: (b["bin_t"], b["prob"]),
         lambda t, p: ((p > 0.5) == t).mean(-1)),
        (metrics.BinaryAccuracy(threshold=0.7), lambda b: (b["bin_t"], b["prob"]),
         lambda t, p: ((p > 0.7) == t).mean(-1)),
        (metrics.CategoricalAccuracy(), lambda b: (b["onehot"], b["soft"]),
         lambda t, p: (t.argmax(-1) == p.argmax(-1)).astype(float)),
        (metrics.SparseCategoricalAccuracy(), lambda b: (b["labels"], b["soft"]),
         lambda t, p: (t == p.argmax(-1)).astype(float)),
        (metrics.SparseCategoricalAccuracy(), lambda b: (b["labels"][:, None], b["soft"]),
         lambda t, p: (t[:, 0] == p.argmax(-1)).astype(float)),
        (metrics.TopKCategoricalAccuracy(k=2), lambda b: (b["onehot"], b["soft"]),
         lambda t, p: np.array([t[i].argmax() in np.argsort(-p[i])[:2] for i in range(len(p))],
                               float)),
        (metrics.SparseTopKCategoricalAccuracy(k=2), lambda b: (b["labels"], b["soft"]),
         lambda t, p: np.array([t[i] in np.argsort(-p[i])[:2] for i in range(len(p))], float)),
        (metrics.Accuracy(), lambda b: (b["labels"], b["soft"].argmax(-1)),
         lambda t, p: (t == p).astype(float)),
        (metrics.MeanSquaredError(), lambda b: (b["t"], b["p"]), R.mse),
        (metrics.MeanAbsoluteError(), lambda b: (b["t"], b["p"]), R.mae),
        (metrics.MeanAbsolutePercentageError(), lambda b: (b["t"], b["p"]), R.mape),
        (metrics.MeanSquaredLogarithmicError(), lambda b: (b["t"], b["p"]), R.msle),
        (metrics.LogCoshError(), lambda b: (b["t"], b["p"]), R.log_cosh),
        (metrics.CosineSimilarity(), lambda b: (b["t"], b["p"]),
         lambda t, p: -R.cosine_similarity(t, p)),
        (metrics.BinaryCrossentropy(), lambda b: (b["bin_t"], b["prob"]), R.bce),
        (metrics.BinaryCrossentropy(from_logits=True, label_smoothing=0.1),
         lambda b: (b["bin_t"], b["logits"]),
         lambda t, p: R.bce(t, p, from_logits=True, label_smoothing=0.1)),
        (metrics.CategoricalCrossentropy(), lambda b: (b["onehot"], b["soft"]), R.cce),
        (metrics.CategoricalCrossentropy(from_logits=True), lambda b: (b["onehot"], b["logits"]),
         lambda t, p: R.cce(t, p, from_logits=True)),
        (metrics.SparseCategoricalCrossentropy(), lambda b: (b["labels"], b["soft"]), R.scce),
        (metrics.SparseCategoricalCrossentropy(from_logits=True),
         lambda b: (b["labels"], b["logits"]), lambda t, p: R.scce(t, p, from_logits=True)),
        (metrics.KLDivergence(), lambda b: (b["soft"][::-1].copy(), b["soft"]), R.kld),
        (metrics.Poisson(), lambda b: (b["t"], b["p"]), R.poisson),
        (metrics.Hinge(), lambda b: (b["bin_t"], b["logits"]), R.hinge),
        (metrics.SquaredHinge(), lambda b: (b["bin_t"], b["logits"]), R.squared_hinge),
        (metrics.CategoricalHinge(), lambda b: (b["onehot"], b["logits"]), R.categorical_hinge),
    ]


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("case", range(len(_acc_cases())))
def test_mean_metrics_against_numpy(case, weighted):
    metric, pick, ref = _acc_cases()[case]
    per, ws = [], []
    for b in BATCHES:
        t, p = pick(b)
        p32 = p.astype("float32") if p.dtype.kind == "f" else p
        metric.update_state(t, p32, sample_weight=b["sw"] if weighted else None)
        per.append(ref(t, p))
        ws.append(b["sw"])
    expected = weighted_mean(per, ws if weighted else None)
    np.testing.assert_allclose(out(metric.result()), expected, rtol=1e-4, atol=1e-6)
    metric.reset_state()
    np.testing.assert_allclose(out(metric.result()), 0.0)
    t, p = pick(BATCHES[0])
    np.testing.assert_allclose(out(metric(t, p.astype("float32") if p.dtype.kind == "f" else p)),
                               ref(t, p).mean(), rtol=1e-4, atol=1e-6)


def test_root_mean_squared_error():
    m = metrics.RootMeanSquaredError()
    sq = []
    for b in BATCHES:
        m.update_state(b["t"], b["p"], sample_weight=b["sw"])
        sq.append((((b["t"] - b["p"]) ** 2).mean(-1), b["sw"]))
    vals = np.concatenate([s for s, _ in sq])
    w = np.concatenate([w for _, w in sq])
    np.testing.assert_allclose(out(m.result()), np.sqrt((vals * w).sum() / w.sum()), rtol=1e-5)


@pytest.mark.parametrize("aggregation", ["uniform_average", "variance_weighted_average", None])
def test_r2_score(aggregation):
    m = metrics.R2Score(class_aggregation=aggregation)
    ts, ps, ws = [], [], []
    for b in BATCHES:
        m.update_state(b["t"], b["p"], sample_weight=b["sw"])
        ts.append(b["t"]), ps.append(b["p"]), ws.append(b["sw"])
    t, p, w = np.concatenate(ts), np.concatenate(ps), np.concatenate(ws)[:, None]
    mean = (t * w).sum(0) / w.sum()
    total = (w * (t - mean) ** 2).sum(0)
    raw = 1 - (w * (t - p) ** 2).sum(0) / total
    expected = {"uniform_average": raw.mean(), None: raw,
                "variance_weighted_average": (raw * total).sum() / total.sum()}[aggregation]
    np.testing.assert_allclose(out(m.result()), expected, rtol=1e-4)


def test_r2_adjusted():
    m = metrics.R2Score(num_regressors=2)
    t = np.array([[1.0], [2.0], [4.0], [3.0], [5.0]])
    p = np.array([[1.2], [1.8], [3.5], [3.3], [4.6]])
    m.update_state(t, p)
    r2 = 1 - ((t - p) ** 2).sum() / ((t - t.mean()) ** 2).sum()
    np.testing.assert_allclose(out(m.result()), 1 - (1 - r2) * 4 / 2, rtol=1e-5)


def test_function_forms():
    b = BATCHES[0]
    np.testing.assert_allclose(out(metrics.sparse_categorical_accuracy(b["labels"], b["soft"])),
                               (b["labels"] == b["soft"].argmax(-1)).astype(float))
    np.testing.assert_allclose(out(metrics.categorical_accuracy(b["onehot"], b["soft"])),
                               (b["onehot"].argmax(-1) == b["soft"].argmax(-1)).astype(float))
    np.testing.assert_allclose(out(metrics.binary_accuracy(b["bin_t"], b["prob"])),
                               ((b["prob"] > 0.5) == b["bin_t"]).astype(float))
    top = metrics.top_k_categorical_accuracy(b["onehot"], b["soft"], k=C)
    np.testing.assert_allclose(out(top), np.ones(N))
    top1 = metrics.sparse_top_k_categorical_accuracy(b["labels"], b["soft"], k=1)
    np.testing.assert_allclose(out(top1), (b["labels"] == b["soft"].argmax(-1)).astype(float))


def test_mean_metric_wrapper_with_custom_fn():
    def abs_err(y_true, y_pred, scale=1.0):
        diff = ops.subtract(y_true, ops.convert_to_tensor(y_pred))
        return scale * ops.mean(ops.abs(diff), axis=-1)

    m = metrics.MeanMetricWrapper(abs_err, name="abs_err", scale=2.0)
    m.update_state(np.zeros((2, 2)), np.ones((2, 2), "float32"))
    np.testing.assert_allclose(out(m.result()), 2.0)
    assert m.name == "abs_err" and m.get_config()["scale"] == 2.0
