"""Kernel and bias weight arguments shared by the layers that own a ``kernel`` and a ``bias``
(convolutions, transposed convolutions, EinsumDense)."""

from kerasx import constraints, initializers, regularizers


def set_weight_args(layer, kernel_initializer, bias_initializer, kernel_regularizer,
                    bias_regularizer, kernel_constraint, bias_constraint):
    """Resolves the six kernel/bias arguments (names, configs or objects) onto ``layer``."""
    layer.kernel_initializer = initializers.get(kernel_initializer)
    layer.bias_initializer = initializers.get(bias_initializer)
    layer.kernel_regularizer = regularizers.get(kernel_regularizer)
    layer.bias_regularizer = regularizers.get(bias_regularizer)
    layer.kernel_constraint = constraints.get(kernel_constraint)
    layer.bias_constraint = constraints.get(bias_constraint)


def add_kernel(layer, shape):
    """Creates ``layer``'s "kernel" weight with its initializer, regularizer and constraint."""
    return layer.add_weight(name="kernel", shape=shape, initializer=layer.kernel_initializer,
                            regularizer=layer.kernel_regularizer,
                            constraint=layer.kernel_constraint)


def add_bias(layer, shape):
    """Creates ``layer``'s "bias" weight with its initializer, regularizer and constraint."""
    return layer.add_weight(name="bias", shape=shape, initializer=layer.bias_initializer,
                            regularizer=layer.bias_regularizer, constraint=layer.bias_constraint)


def weight_args_config(layer, activity_regularizer=False):
    """The serialized kernel/bias arguments, in Keras's config order (with the layer's
    ``activity_regularizer`` after the bias regularizer when asked)."""
    config = {
        "kernel_initializer": initializers.serialize(layer.kernel_initializer),
        "bias_initializer": initializers.serialize(layer.bias_initializer),
        "kernel_regularizer": regularizers.serialize(layer.kernel_regularizer),
        "bias_regularizer": regularizers.serialize(layer.bias_regularizer),
    }
    if activity_regularizer:
        config["activity_regularizer"] = regularizers.serialize(layer.activity_regularizer)
    config["kernel_constraint"] = constraints.serialize(layer.kernel_constraint)
    config["bias_constraint"] = constraints.serialize(layer.bias_constraint)
    return config
