"""``InputSpec``: the rank, shape and dtype a layer accepts, checked when it is called."""

from kerasx import tree
from kerasx.layers._layer_utils import shape_of


class InputSpec:
    """Describes the inputs a layer accepts.

    Args:
        dtype: expected dtype name, or None.
        shape: expected full shape (None entries match anything).
        ndim: exact rank.
        max_ndim / min_ndim: rank bounds.
        axes: ``{axis: size}`` the sizes of given axes (negative axes allowed).
        allow_last_axis_squeeze: accept a missing/extra trailing axis of size 1.
        name: input name (for dict inputs).
        optional: whether None is accepted as input.

    Example:
        >>> layer.input_spec = InputSpec(min_ndim=2, axes={-1: 16})
    """

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None, allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = dtype
        self.shape = None if shape is None else tuple(shape)
        self.ndim = len(self.shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.optional = optional
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        axes = dict(axes or {})
        for k in axes:
            if not isinstance(k, int):
                raise TypeError(f"InputSpec: axes keys must be ints, got {k!r}.")
        self.axes = axes
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            top = self.ndim if self.ndim is not None else self.max_ndim
            if max(self.axes) > top - 1:
                raise ValueError(
                    f"InputSpec: axis {max(self.axes)} is out of range for ndim={top}."
                )

    def __repr__(self):
        parts = [f"{k}={v}" for k, v in (("dtype", self.dtype), ("shape", self.shape),
                                          ("ndim", self.ndim), ("max_ndim", self.max_ndim),
                                          ("min_ndim", self.min_ndim), ("axes", self.axes or None))
                 if v is not None]
        return f"InputSpec({', '.join(parts)})"

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim,
                "max_ndim": self.max_ndim, "min_ndim": self.min_ndim, "axes": self.axes}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _fail(layer_name, index, what, spec, shape):
    where = f"Input {index} of layer {layer_name!r}" if layer_name else f"Input {index}"
    return ValueError(
        f"{where} is incompatible with the layer: {what}. Expected {spec}; "
        f"received an input of shape {shape}."
    )


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raises a ValueError naming the layer, the expected and the received shape on mismatch."""
    if not input_spec:
        return
    specs = input_spec if isinstance(input_spec, (list, tuple)) else [input_spec]
    if isinstance(inputs, dict) and any(s.name for s in specs if s is not None):
        flat = [inputs.get(s.name) if s is not None else None for s in specs]
    else:
        flat = tree.flatten(inputs)
    if len(flat) != len(specs):
        raise ValueError(
            f"Layer {layer_name!r} expects {len(specs)} input(s), but it received "
            f"{len(flat)} input tensors."
        )
    for i, (spec, x) in enumerate(zip(specs, flat)):
        if spec is None:
            continue
        if x is None:
            if spec.optional:
                continue
            raise ValueError(f"Layer {layer_name!r}: input {i} is None, but it is not optional.")
        shape = shape_of(x)
        if shape is None:
            continue
        ndim = len(shape)
        if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
            raise _fail(layer_name, i, f"expected ndim={spec.ndim}, found ndim={ndim}", spec, shape)
        if spec.max_ndim is not None and ndim > spec.max_ndim:
            raise _fail(layer_name, i, f"expected max_ndim={spec.max_ndim}, found ndim={ndim}",
                        spec, shape)
        if spec.min_ndim is not None and ndim < spec.min_ndim:
            raise _fail(layer_name, i, f"expected min_ndim={spec.min_ndim}, found ndim={ndim}",
                        spec, shape)
        if spec.dtype is not None:
            from kerasx import dtypes
            dt = getattr(x, "dtype", None)
            if dt is not None and dtypes.standardize_dtype(dt) != spec.dtype:
                raise _fail(layer_name, i, f"expected dtype={spec.dtype}, found dtype="
                            f"{dtypes.standardize_dtype(dt)}", spec, shape)
        for axis, value in spec.axes.items():
            if value is None:
                continue
            a = axis if axis >= 0 else ndim + axis
            if a < 0 or a >= ndim:
                raise _fail(layer_name, i, f"expected axis {axis} to exist, but the input has "
                            f"rank {ndim}", spec, shape)
            if shape[a] is not None and shape[a] != value:
                raise _fail(layer_name, i, f"expected axis {axis} of the input shape to have "
                            f"value {value}, but got {shape[a]}", spec, shape)
        if spec.shape is not None and ndim == len(spec.shape):
            for want, got in zip(spec.shape, shape):
                if want is not None and got is not None and want != got:
                    raise _fail(layer_name, i, f"expected shape={spec.shape}, found shape={shape}",
                                spec, shape)
