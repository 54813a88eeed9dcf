"""Metric lookup, serialization, stateless API and tracing."""

import numpy as np
import pytest

import kerasx
from kerasx import metrics
from kerasx import ops
from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor

SIMPLE = [metrics.Mean, metrics.Sum, metrics.Accuracy, metrics.BinaryAccuracy,
          metrics.CategoricalAccuracy, metrics.SparseCategoricalAccuracy,
          metrics.TopKCategoricalAccuracy, metrics.SparseTopKCategoricalAccuracy, metrics.AUC,
          metrics.Precision, metrics.Recall, metrics.TruePositives, metrics.TrueNegatives,
          metrics.FalsePositives, metrics.FalseNegatives, metrics.F1Score, metrics.FBetaScore,
          metrics.MeanSquaredError, metrics.RootMeanSquaredError, metrics.MeanAbsoluteError,
          metrics.MeanAbsolutePercentageError, metrics.MeanSquaredLogarithmicError,
          metrics.CosineSimilarity, metrics.LogCoshError, metrics.R2Score, metrics.BinaryIoU,
          metrics.BinaryCrossentropy, metrics.CategoricalCrossentropy,
          metrics.SparseCategoricalCrossentropy, metrics.Hinge, metrics.SquaredHinge,
          metrics.CategoricalHinge, metrics.KLDivergence, metrics.Poisson]
WITH_ARGS = [metrics.PrecisionAtRecall(0.5), metrics.RecallAtPrecision(0.4, num_thresholds=10),
             metrics.SensitivityAtSpecificity(0.5), metrics.SpecificityAtSensitivity(0.3),
             metrics.IoU(3, [0, 1]), metrics.MeanIoU(3), metrics.OneHotIoU(3, [2]),
             metrics.OneHotMeanIoU(4), metrics.AUC(curve="PR", thresholds=[0.2, 0.6]),
             metrics.Precision(thresholds=[0.3, 0.7], top_k=2, class_id=1),
             metrics.FBetaScore(average="macro", beta=2.0, threshold=0.4)]


@pytest.mark.parametrize("metric", [c() for c in SIMPLE] + WITH_ARGS,
                         ids=[c.__name__ for c in SIMPLE] + [type(m).__name__ + "_args"
                                                            for m in WITH_ARGS])
def test_serialize_round_trip(metric):
    config = metrics.serialize(metric)
    assert config["class_name"] == type(metric).__name__ and config["module"] == "keras.metrics"
    restored = metrics.deserialize(config)
    assert type(restored) is type(metric)
    assert restored.get_config() == metric.get_config()
    assert restored.name == metric.name


def test_default_names():
    assert metrics.Accuracy().name == "accuracy"
    assert metrics.SparseCategoricalAccuracy().name == "sparse_categorical_accuracy"
    assert metrics.AUC().name == "auc"
    assert metrics.MeanIoU(2).name == "mean_io_u"
    assert metrics.RootMeanSquaredError().name == "root_mean_squared_error"


def test_get_names_and_functions():
    assert metrics.get("mse") is metrics.mean_squared_error
    assert metrics.get("acc") is metrics.accuracy
    assert metrics.get("sparse_categorical_accuracy") is metrics.sparse_categorical_accuracy
    assert isinstance(metrics.get("AUC"), metrics.AUC)
    assert metrics.deserialize(metrics.serialize(metrics.binary_accuracy)) is \
        metrics.binary_accuracy
    m = metrics.MeanMetricWrapper(metrics.mean_absolute_error, name="m")
    r = metrics.deserialize(metrics.serialize(m))
    assert r._fn is metrics.mean_absolute_error and r.name == "m"
    with pytest.raises(ValueError, match="categorical_accuracy"):
        metrics.get("categorical_acuracy")


def test_variables_are_non_trainable_state():
    m = metrics.Mean(name="loss")
    assert [v.name for v in m.variables] == ["total", "count"]
    assert not any(v.trainable for v in m.variables)


def test_stateless_api_matches_stateful():
    m = metrics.SparseCategoricalAccuracy()
    y = np.array([0, 1, 2, 1])
    p = np.eye(3)[[0, 2, 2, 1]].astype("float32")
    state = m.stateless_reset_state()
    state = m.stateless_update_state(state, y, p)
    state = m.stateless_update_state(state, y[:2], p[:2], sample_weight=np.array([1.0, 3.0]))
    np.testing.assert_allclose(ops.convert_to_numpy(m.stateless_result(state)), 4 / 8)
    np.testing.assert_allclose(ops.convert_to_numpy(m.result()), 0.0)  # untouched
    with pytest.raises(ValueError, match="expected 2"):
        m.stateless_result([state[0]])


TRACE_CASES = [
    (metrics.Mean(), ((4,),), None),
    (metrics.SparseCategoricalAccuracy(), ((4,), (4, 3)), "labels"),
    (metrics.CategoricalAccuracy(), ((4, 3), (4, 3)), None),
    (metrics.SparseTopKCategoricalAccuracy(k=2), ((4,), (4, 3)), "labels"),
    (metrics.BinaryCrossentropy(), ((4, 1), (4, 1)), None),
    (metrics.AUC(num_thresholds=10), ((4, 3), (4, 3)), None),
    (metrics.Precision(top_k=2), ((4, 3), (4, 3)), None),
    (metrics.SensitivityAtSpecificity(0.5, num_thresholds=10), ((4,), (4,)), None),
    (metrics.MeanIoU(3), ((4,), (4,)), "labels2"),
    (metrics.RootMeanSquaredError(), ((4, 2), (4, 2)), None),
]


@pytest.mark.parametrize("metric,shapes,kind", TRACE_CASES,
                         ids=[type(c[0]).__name__ for c in TRACE_CASES])
def test_stateless_update_traces(metric, shapes, kind):
    specs = []
    for i, s in enumerate(shapes):
        int_input = (kind == "labels" and i == 0) or kind == "labels2"
        specs.append(KerasTensor(s, dtype="int32" if int_input else "float32"))
    state = [KerasTensor(v.shape, dtype=v.dtype) for v in metric.variables]
    new_state = B.core.compute_output_spec(metric.stateless_update_state, state, *specs)
    assert [tuple(v.shape) for v in new_state] == [tuple(v.shape) for v in metric.variables]


def test_lazy_state_metrics_can_be_built_from_shapes():
    for m in (metrics.R2Score(), metrics.F1Score(), metrics.AUC(multi_label=True)):
        assert m.variables == [] or type(m) is metrics.R2Score
        m.build((4, 3), (4, 3))
        assert any(tuple(v.shape)[-1:] == (3,) for v in m.variables)
    m = metrics.AUC(multi_label=True)
    m.build((2, 2), (2, 2))
    m.update_state(np.array([[0, 1], [1, 0]]), np.array([[0.2, 0.9], [0.8, 0.1]], "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(m.result()), 1.0)


def test_custom_metric_subclass():
    class Max(metrics.Metric):
        def __init__(self, name="max", dtype=None):
            super().__init__(name=name, dtype=dtype)
            self.best = self.add_variable((), initializer=-1e9, name="best")

        def update_state(self, values, sample_weight=None):
            self.best.assign(ops.maximum(self.best.value, ops.max(values)))

        def result(self):
            return self.best.value

    m = Max()
    m.update_state(np.array([1.0, 5.0, 2.0], "float32"))
    m.update_state(np.array([3.0], "float32"))
    assert float(ops.convert_to_numpy(m.result())) == 5.0
    m.reset_state()
    assert float(ops.convert_to_numpy(m.result())) == -1e9
    assert isinstance(m.variables[0], kerasx.Variable)
