"""Helpers shared by the normalization layers: axis checks and dtype handling."""

from kerasx import ops

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
    name = ops.dtype(x)
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
