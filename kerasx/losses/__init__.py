"""Losses (``kerasx.losses``) as classes and functions, resolvable by name or config.

Example:
    >>> loss = kerasx.losses.get("sparse_categorical_crossentropy")
    >>> kerasx.losses.CategoricalCrossentropy(label_smoothing=0.1)(y_true, y_pred)
"""

from kerasx.initializers import _lookup
from kerasx.losses.hinge_losses import (CategoricalHinge, Dice, Hinge, SquaredHinge, Tversky,
                                 categorical_hinge, dice, hinge, squared_hinge, tversky)
from kerasx.losses.loss import Loss, LossFunctionWrapper, reduce_weighted_values
from kerasx.losses.probabilistic import (
    BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
    CategoricalFocalCrossentropy, KLDivergence, Poisson, SparseCategoricalCrossentropy,
    binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, kl_divergence, poisson, sparse_categorical_crossentropy)
from kerasx.losses.regression import (
    CosineSimilarity, Huber, LogCosh, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, cosine_similarity, huber, log_cosh,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error)

_MODULE = "keras.losses"

_CLASSES = (
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, Huber, LogCosh, CosineSimilarity, BinaryCrossentropy,
    BinaryFocalCrossentropy, CategoricalCrossentropy, CategoricalFocalCrossentropy,
    SparseCategoricalCrossentropy, KLDivergence, Poisson, Hinge, SquaredHinge,
    CategoricalHinge, Dice, Tversky, Loss, LossFunctionWrapper)
_FUNCTIONS = (
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
    mean_squared_logarithmic_error, huber, log_cosh, cosine_similarity, binary_crossentropy,
    binary_focal_crossentropy, categorical_crossentropy, categorical_focal_crossentropy,
    sparse_categorical_crossentropy, kl_divergence, poisson, hinge, squared_hinge,
    categorical_hinge, dice, tversky)

# Short names, as Keras.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
huber_loss = huber

ALL_OBJECTS = {c.__name__: c for c in _CLASSES}
ALL_OBJECTS.update({f.__name__: f for f in _FUNCTIONS})
ALL_OBJECTS.update({
    "mse": mse, "MSE": mse, "mae": mae, "MAE": mae, "mape": mape, "MAPE": mape,
    "msle": msle, "MSLE": msle, "kld": kld, "KLD": kld,
    "kullback_leibler_divergence": kld, "logcosh": log_cosh, "huber_loss": huber,
})


def serialize(loss):
    """Keras 3 config of a loss object, or of a built-in loss function."""
    return _lookup.serialize_with_functions(loss, _MODULE)


def deserialize(config, custom_objects=None):
    """A loss from a name (``"mse"``) or a config dict.

    Raises:
        ValueError: for an unknown name, listing the closest valid names.
    """
    return _lookup.deserialize_with_functions("loss", config, ALL_OBJECTS, custom_objects)


def get(identifier):
    """A loss callable from None, a name, a config dict, a Loss class/instance or a function.

    Raises:
        ValueError: if ``identifier`` cannot be interpreted (names list close matches).
    """
    return _lookup.get_object("loss", identifier, ALL_OBJECTS, deserialize)


__all__ = sorted(set(ALL_OBJECTS) | {"serialize", "deserialize", "get",
                                     "reduce_weighted_values"})
