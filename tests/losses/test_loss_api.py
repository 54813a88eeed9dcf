"""Loss lookup, serialization, configs and bad-input errors."""

import numpy as np
import pytest

from kerasx import losses
from kerasx import ops

ALIASES = {
    "mse": losses.mean_squared_error, "mae": losses.mean_absolute_error,
    "mape": losses.mean_absolute_percentage_error,
    "msle": losses.mean_squared_logarithmic_error, "kld": losses.kl_divergence,
    "categorical_crossentropy": losses.categorical_crossentropy,
    "binary_crossentropy": losses.binary_crossentropy,
    "sparse_categorical_crossentropy": losses.sparse_categorical_crossentropy,
    "huber": losses.huber, "logcosh": losses.log_cosh, "hinge": losses.hinge,
}


@pytest.mark.parametrize("name", sorted(ALIASES))
def test_get_by_name(name):
    assert losses.get(name) is ALIASES[name]


CLASSES = [losses.MeanSquaredError, losses.MeanAbsoluteError,
           losses.MeanAbsolutePercentageError, losses.MeanSquaredLogarithmicError, losses.Huber,
           losses.LogCosh, losses.CosineSimilarity, losses.BinaryCrossentropy,
           losses.BinaryFocalCrossentropy, losses.CategoricalCrossentropy,
           losses.CategoricalFocalCrossentropy, losses.SparseCategoricalCrossentropy,
           losses.KLDivergence, losses.Poisson, losses.Hinge, losses.SquaredHinge,
           losses.CategoricalHinge, losses.Dice, losses.Tversky]


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__name__ for c in CLASSES])
def test_class_round_trip(cls):
    loss = cls(reduction="sum")
    config = losses.serialize(loss)
    assert config["class_name"] == cls.__name__ and config["module"] == "keras.losses"
    restored = losses.deserialize(config)
    assert type(restored) is cls
    assert restored.get_config() == loss.get_config()
    assert losses.get(cls.__name__).__class__ is cls


def test_configs_keep_arguments():
    loss = losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2, name="cce")
    cfg = loss.get_config()
    assert cfg["from_logits"] is True and cfg["label_smoothing"] == 0.2 and cfg["name"] == "cce"
    assert cfg["reduction"] == "sum_over_batch_size"
    cfg = losses.SparseCategoricalCrossentropy(ignore_class=0).get_config()
    assert cfg["ignore_class"] == 0
    assert losses.Huber(delta=2.0).get_config()["delta"] == 2.0
    assert losses.MeanSquaredError().name == "mean_squared_error"


def test_function_serialization_round_trip():
    cfg = losses.serialize(losses.mean_squared_error)
    assert losses.deserialize(cfg) is losses.mean_squared_error
    assert losses.get(losses.mean_absolute_error) is losses.mean_absolute_error


def test_unknown_name_lists_close_matches():
    with pytest.raises(ValueError, match="categorical_crossentropy"):
        losses.get("categorical_crossentropyy")
    with pytest.raises(ValueError, match="Could not interpret"):
        losses.get(42)


def test_invalid_reduction():
    with pytest.raises(ValueError, match="reduction"):
        losses.MeanSquaredError(reduction="average")


def test_shape_mismatch_names_loss_and_shapes():
    with pytest.raises(ValueError, match=r"mean_squared_error.*\(4, 3\).*\(4, 5\)"):
        losses.MeanSquaredError()(np.zeros((4, 3)), np.zeros((4, 5)))
    with pytest.raises(ValueError, match=r"categorical_crossentropy.*\(4, 10\).*\(4, 3\)"):
        losses.CategoricalCrossentropy()(np.zeros((4, 10)), np.full((4, 3), 1 / 3))


def test_sparse_labels_out_of_range_and_bad_shape():
    pred = np.full((3, 4), 0.25, "float32")
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy.*\[0, 4\)"):
        losses.SparseCategoricalCrossentropy()(np.array([0, 4, 1]), pred)
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy.*\[0, 4\)"):
        losses.SparseCategoricalCrossentropy()(ops.convert_to_tensor([0, -1, 1]), pred)
    with pytest.raises(ValueError, match=r"y_true.shape=\(3, 4\)"):
        losses.SparseCategoricalCrossentropy()(np.zeros((3, 4)), pred)
    # the ignored class may lie outside the range
    out = losses.SparseCategoricalCrossentropy(ignore_class=-1)(np.array([0, -1, 1]), pred)
    np.testing.assert_allclose(float(ops.convert_to_numpy(out)), np.log(4), rtol=1e-5)


def test_custom_loss_subclass():
    class Abs(losses.Loss):
        def call(self, y_true, y_pred):
            return ops.mean(ops.abs(y_true - y_pred), axis=-1)

    loss = Abs(reduction="sum")
    out = loss(np.zeros((2, 3)), np.ones((2, 3)))
    np.testing.assert_allclose(float(ops.convert_to_numpy(out)), 2.0)
    assert loss.name == "abs"


def test_function_forms_check_inputs_too():
    pred = np.full((2, 3), 1 / 3, "float32")
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy.*\[0, 3\)"):
        losses.sparse_categorical_crossentropy(np.array([0, 3]), pred)
    with pytest.raises(ValueError, match=r"categorical_crossentropy.*\(2, 4\)"):
        losses.categorical_crossentropy(np.zeros((2, 4)), pred)
    wrapped = losses.LossFunctionWrapper(losses.mean_squared_error, name="mse")
    with pytest.raises(ValueError, match=r"mse.*\(2, 4\)"):
        wrapped(np.zeros((2, 4)), pred)
