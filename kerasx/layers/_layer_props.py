"""Layer mixin: graph properties (input/output) and config (get_config, build config)."""

from kerasx import tree
from kerasx.layers import _layer_dtype


def _as_tuple_shape(s):
    if s is None:
        return None
    if isinstance(s, dict):
        return {k: _as_tuple_shape(v) for k, v in s.items()}
    if isinstance(s, (list, tuple)) and all(d is None or isinstance(d, int) for d in s):
        return tuple(s)
    if isinstance(s, (list, tuple)):
        return [_as_tuple_shape(v) for v in s]
    return s


class PropsMixin:
    """``input``/``output`` of the first graph node, and Keras 3 config methods."""

    def _node_attr(self, attr, what):
        if not self._inbound_nodes:
            raise AttributeError(
                f"Layer {self.name!r} has never been called on a symbolic input, so it has no "
                f"defined {what}. Call it on kerasx.Input(...) (or build a model with it) first."
            )
        node = self._inbound_nodes[0]
        values = getattr(node, attr)
        if attr == "input_tensors":
            return values[0] if len(values) == 1 else list(values)
        return node.outputs

    @property
    def input(self):
        """The symbolic input(s) of the layer's first call in a graph."""
        return self._node_attr("input_tensors", "input")

    @property
    def output(self):
        """The symbolic output(s) of the layer's first call in a graph."""
        return self._node_attr("outputs", "output")

    @property
    def input_shape(self):
        return tree.map_structure(lambda t: t.shape, self.input)

    @property
    def output_shape(self):
        out = self.output
        if isinstance(out, (list, tuple, dict)):
            return tree.map_structure(lambda t: t.shape, out)
        return out.shape

    def _keras2_shape(self, kwargs):
        if "batch_input_shape" in kwargs and kwargs["batch_input_shape"] is not None:
            return tuple(kwargs["batch_input_shape"])
        shape = kwargs.get("input_shape")
        if shape is None and kwargs.get("input_dim") is not None:
            shape = (kwargs["input_dim"],)
        if shape is None and kwargs.get("input_length") is not None:
            shape = (kwargs["input_length"],)
        if shape is None:
            return None
        if isinstance(shape, int):
            shape = (shape,)
        return (kwargs.get("batch_size"),) + tuple(shape)

    # ---- dtype -----------------------------------------------------------
    @property
    def dtype_policy(self):
        return self._dtype_policy

    @dtype_policy.setter
    def dtype_policy(self, value):
        self._dtype_policy = _layer_dtype.get_policy(value)
        self._call_ready = False

    @property
    def dtype(self):
        """The variable dtype (as in Keras 3)."""
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self._dtype_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self._dtype_policy.variable_dtype

    @property
    def input_dtype(self):
        return self._dtype_policy.compute_dtype

    # ---- config --------------------------------------------------------------
    def get_config(self):
        """The layer's constructor arguments as a JSON-compatible dict (Keras 3 format)."""
        from kerasx.layers.layer import Layer
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": _layer_dtype.serialize_policy(self.dtype_policy)}
        if self.activity_regularizer is not None:
            from kerasx import regularizers
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        if type(self).get_config is Layer.get_config:
            auto = self.__dict__.get("_auto_config")
            if auto is None:
                raise TypeError(
                    f"Layer {type(self).__name__} cannot produce its config automatically: "
                    "override get_config() to return its constructor arguments."
                )
            from kerasx.saving.serialization_lib import serialize_keras_object
            for k, v in auto.items():
                if k not in config:
                    try:
                        config[k] = serialize_keras_object(v)
                    except TypeError:
                        raise TypeError(
                            f"Layer {type(self).__name__}: constructor argument {k}={v!r} cannot "
                            "be serialized automatically; override get_config()."
                        ) from None
        return config

    @classmethod
    def from_config(cls, config):
        """Creates a layer from ``get_config()``'s output (Keras 3 policy dicts accepted)."""
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = _layer_dtype.get_policy(config["dtype"])
        try:
            return cls(**config)
        except Exception as e:
            raise TypeError(
                f"Error when deserializing class {cls.__name__!r} using config={config}. "
                f"Exception encountered: {e}"
            ) from e

    def get_build_config(self):
        """``{"input_shape": ...}`` recorded at build, or None if not built."""
        shapes = self._build_shapes_dict
        if shapes is None:
            return None
        if len(shapes) == 1:
            return {"input_shape": next(iter(shapes.values()))}
        return {"shapes_dict": shapes}

    def build_from_config(self, config):
        """Builds the layer from ``get_build_config()``'s output."""
        if not config:
            return
        from kerasx.layers.layer import _is_default_build
        if "input_shape" in config:
            shape = _as_tuple_shape(config["input_shape"])
            if _is_default_build(self):
                self._build_from_shapes({"input_shape": shape})
            else:
                self.build(shape)
        elif "shapes_dict" in config:
            shapes = {k: _as_tuple_shape(v) for k, v in config["shapes_dict"].items()}
            if _is_default_build(self):
                self._build_from_shapes(shapes)
            else:
                self.build(**shapes)
        self.built = True

    def _build_from_shapes(self, shapes):
        from kerasx.core.keras_tensor import KerasTensor
        from kerasx.layers.layer import _map_shape_structure
        values = [_map_shape_structure(lambda s: KerasTensor(s, dtype=self.compute_dtype), v)
                  for v in shapes.values() if v is not None]
        if values and self._has_unbuilt_sublayers():
            self._build_by_run(values, {})
        self._build_shapes_dict = dict(shapes)
        self.built = True
