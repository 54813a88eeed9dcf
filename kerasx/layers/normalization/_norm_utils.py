"""Helpers shared by the normalization layers: axis checks, dtype handling and the
gamma/beta weight arguments."""

from kerasx import constraints, initializers, ops, regularizers
from kerasx.layers.layer import KNOWN_TENSOR_TYPES, dtype_name

_LOW_PRECISION = ("float16", "bfloat16")


def as_axis_list(axis, layer_name, cls_name):
    """Returns ``axis`` as a list of ints (int, list or tuple accepted)."""
    if isinstance(axis, bool):
        raise ValueError(f"{cls_name} {layer_name!r}: axis must be an int or a list of ints, "
                         f"got axis={axis!r}.")
    if isinstance(axis, int):
        return [axis]
    if isinstance(axis, (list, tuple)) and axis and all(
            isinstance(a, int) and not isinstance(a, bool) for a in axis):
        return list(axis)
    raise ValueError(f"{cls_name} {layer_name!r}: axis must be an int or a non-empty list of "
                     f"ints, got axis={axis!r}.")


def resolve_axes(axes, rank, layer_name, cls_name):
    """Makes ``axes`` non-negative for an input of ``rank``; checks range and duplicates."""
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"{cls_name} {layer_name!r}: axis {a} is out of range for an input "
                             f"of rank {rank}.")
        out.append(a % rank)
    if len(set(out)) != len(out):
        raise ValueError(f"{cls_name} {layer_name!r}: duplicate axes in axis={axes!r}.")
    return sorted(out)


def upcast(x):
    """Casts half-precision inputs to float32 for the statistics; returns (x, original dtype)."""
    name = dtype_name(x.dtype) if type(x) in KNOWN_TENSOR_TYPES else ops.dtype(x)
    if name in _LOW_PRECISION:
        return ops.cast(x, "float32"), name
    return x, None


def downcast(x, dtype):
    return x if dtype is None else ops.cast(x, dtype)


def broadcast_param(param, rank, axes):
    """Reshapes a weight stored over ``axes`` so that it broadcasts against rank-``rank`` inputs."""
    shape = [1] * rank
    pshape = list(ops.shape(param))
    for i, a in enumerate(axes):
        shape[a] = pshape[i]
    if len(axes) == 1 and axes[0] == rank - 1:
        return param
    return ops.reshape(param, shape)


def set_gamma_beta_args(layer, beta_initializer, gamma_initializer, beta_regularizer,
                        gamma_regularizer, beta_constraint, gamma_constraint):
    """Resolves the six gamma/beta arguments (names, configs or objects) onto ``layer``."""
    layer.beta_initializer = initializers.get(beta_initializer)
    layer.gamma_initializer = initializers.get(gamma_initializer)
    layer.beta_regularizer = regularizers.get(beta_regularizer)
    layer.gamma_regularizer = regularizers.get(gamma_regularizer)
    layer.beta_constraint = constraints.get(beta_constraint)
    layer.gamma_constraint = constraints.get(gamma_constraint)


def add_gamma_beta(layer, shape, scale, center):
    """Creates ``layer.gamma`` (when ``scale``) and ``layer.beta`` (when ``center``) of
    ``shape``, kept in float32 under mixed precision (no autocast)."""
    if scale:
        layer.gamma = layer.add_weight(name="gamma", shape=shape,
                                       initializer=layer.gamma_initializer,
                                       regularizer=layer.gamma_regularizer,
                                       constraint=layer.gamma_constraint, autocast=False)
    if center:
        layer.beta = layer.add_weight(name="beta", shape=shape,
                                      initializer=layer.beta_initializer,
                                      regularizer=layer.beta_regularizer,
                                      constraint=layer.beta_constraint, autocast=False)


def gamma_beta_config(layer, extra_initializers=()):
    """The serialized gamma/beta arguments in Keras's config order; the initializers named
    in ``extra_initializers`` (e.g. ``"moving_mean"``) follow the gamma initializer."""
    config = {
        "beta_initializer": initializers.serialize(layer.beta_initializer),
        "gamma_initializer": initializers.serialize(layer.gamma_initializer),
    }
    for name in extra_initializers:
        config[f"{name}_initializer"] = initializers.serialize(
            getattr(layer, f"{name}_initializer"))
    config.update({
        "beta_regularizer": regularizers.serialize(layer.beta_regularizer),
        "gamma_regularizer": regularizers.serialize(layer.gamma_regularizer),
        "beta_constraint": constraints.serialize(layer.beta_constraint),
        "gamma_constraint": constraints.serialize(layer.gamma_constraint),
    })
    return config
