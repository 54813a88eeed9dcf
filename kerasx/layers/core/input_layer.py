"""``InputLayer`` and ``Input``: the symbolic entry points of a model graph."""

from kerasx import config, dtypes
from kerasx.core.keras_tensor import KerasTensor
from kerasx.core.node import Node
from kerasx.layers.layer import Layer


class InputLayer(Layer):
    """The layer behind ``kerasx.Input``: holds the input KerasTensor of a graph.

    Args:
        shape: shape without the batch axis, e.g. ``(28, 28, 1)``.
        batch_size: optional fixed batch size.
        dtype: input dtype (default ``floatx()``).
        sparse / ragged: recorded only.
        batch_shape: full shape including the batch axis (instead of ``shape``).
        input_tensor: an existing KerasTensor to use.
        optional: whether None may be passed for this input.
        name: the input's name.
    """

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, ragged=None,
                 batch_shape=None, input_tensor=None, optional=False, name=None, **kwargs):
        if "input_shape" in kwargs and shape is None:
            shape = kwargs.pop("input_shape")
        if "batch_input_shape" in kwargs and batch_shape is None:
            batch_shape = kwargs.pop("batch_input_shape")
        kwargs.pop("trainable", None)
        if name is None:
            from kerasx.layers._layer_utils import unique_name
            name = unique_name("input_layer")
        dtype_name = _dtype_name(dtype, input_tensor)
        super().__init__(name=name, dtype=None, **kwargs)
        if shape is not None and batch_shape is not None:
            raise ValueError(
                f"InputLayer {name!r}: pass only one of shape= and batch_shape=, got "
                f"shape={shape!r} and batch_shape={batch_shape!r}."
            )
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise ValueError(
                    f"InputLayer {name!r}: input_tensor must be a symbolic KerasTensor, "
                    f"got {type(input_tensor).__name__}."
                )
            batch_shape = input_tensor.shape
        elif batch_shape is None:
            if shape is None:
                raise ValueError(
                    f"InputLayer {name!r}: a shape is required; pass shape=(...) (without the "
                    "batch axis) or batch_shape=(...)."
                )
            if isinstance(shape, int):
                shape = (shape,)
            try:
                batch_shape = (batch_size,) + tuple(shape)
            except TypeError:
                raise ValueError(
                    f"InputLayer {name!r}: shape must be a tuple of ints or None, got {shape!r}."
                ) from None
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self._input_dtype = dtype_name
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.optional = bool(optional)
        if input_tensor is None:
            input_tensor = KerasTensor(self._batch_shape, dtype=dtype_name, sparse=self.sparse,
                                       name=name)
        self._input_tensor = input_tensor
        Node(self, (), {}, input_tensor)
        self.built = True

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._input_dtype

    def call(self):
        return self._input_tensor

    def get_config(self):
        return {"batch_shape": list(self._batch_shape), "dtype": self._input_dtype,
                "sparse": self.sparse, "ragged": self.ragged, "name": self.name,
                "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name")
        return cls(**config)


def _dtype_name(dtype, input_tensor):
    if dtype is None:
        return input_tensor.dtype if input_tensor is not None else config.floatx()
    if hasattr(dtype, "compute_dtype"):
        return dtype.compute_dtype
    return dtypes.standardize_dtype(dtype)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
          tensor=None, optional=False):
    """Creates a symbolic input tensor: the start of a Functional model.

    Args:
        shape: shape without the batch axis, e.g. ``(32,)``; None entries are unknown.
        batch_size: optional fixed batch size.
        dtype: dtype name (default ``floatx()``).
        sparse: recorded only.
        batch_shape: full shape including the batch axis (instead of ``shape``).
        name: the input's name (used for dict inputs).
        tensor: an existing KerasTensor to wrap.
        optional: whether None may be passed for this input.

    Returns:
        a KerasTensor.

    Example:
        >>> x = kerasx.Input(shape=(3,))
        >>> x.shape
        (None, 3)
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, name=name, input_tensor=tensor, optional=optional)
    return layer.output
