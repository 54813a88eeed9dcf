"""``Sequential``: a plain stack of layers, each with one input and one output."""

from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers import _layer_dtype
from kerasx.layers._layer_tracking import bump
from kerasx.layers._layer_utils import call_info, unique_name
from kerasx.layers.core.input_layer import InputLayer
from kerasx.layers.layer import Layer
from kerasx.models import _masking
from kerasx.models.model import Model
from kerasx.saving import serialization_lib
from kerasx.trainers.trainer import Trainer


class Sequential(Model):
    """A linear stack of layers.

    Args:
        layers: optional list of layers (may start with ``kerasx.Input(...)``).
        trainable: whether the model's weights are trainable.
        name: model name (default ``sequential``, ``sequential_1``...).

    The input shape comes from a leading ``Input``, from ``input_shape=`` /
    ``input_dim=`` / ``batch_input_shape=`` on the first layer, from ``build()``, or
    from the first call.

    Example:
        >>> model = Sequential([kerasx.Input((4,)), Dense(8, activation="relu"), Dense(1)])
        >>> model.count_params()
        49
    """

    def __init__(self, layers=None, trainable=True, name=None, **kwargs):
        Trainer.__init__(self)
        if name is None:
            name = unique_name("sequential")
        Layer.__init__(self, name=name, trainable=trainable, **kwargs)
        self._layers_list = []
        self._explicit_layers = self._layers_list
        self._functional = None
        self._build_input_shape = None
        self._plan = None
        for layer in layers or ():
            self.add(layer, rebuild=False)
        if layers:
            self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Appends a layer (or an ``Input`` tensor) to the stack.

        Raises:
            TypeError: ``layer`` is not a Layer.
            ValueError: duplicate layer name, or an Input that is not first.
        """
        if isinstance(layer, KerasTensor) and layer._keras_history is not None:
            origin = layer._keras_history[0].operation
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, Layer):
            raise TypeError(
                f"Sequential.add: only instances of kerasx.layers.Layer (or kerasx.Input tensors) "
                f"can be added to a Sequential model; got {layer!r} of type "
                f"{type(layer).__name__}."
            )
        if isinstance(layer, InputLayer) and self._layers_list:
            raise ValueError(
                f"Sequential model {self.name!r}: an Input can only be the first layer; the model "
                f"already has layers {[lay.name for lay in self._layers_list]}."
            )
        for existing in self._layers_list:
            if existing.name == layer.name:
                raise ValueError(
                    f"Sequential model {self.name!r}: all layers must have unique names; "
                    f"{layer.name!r} is already the name of a layer in this model. Pass a "
                    "different name= to the new layer."
                )
        self._layers_list.append(layer)
        bump()
        self._plan = None
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False
            self._functional = None

    def pop(self, rebuild=True):
        """Removes and returns the last layer.

        Raises:
            ValueError: the model has no layers.
        """
        if not self.layers:
            raise ValueError(f"Sequential model {self.name!r}: there are no layers to pop.")
        layer = self._layers_list.pop()
        bump()
        self._plan = None
        self.built = False
        self._functional = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        self.built = False
        self._functional = None
        if not self._layers_list:
            return
        first = self._layers_list[0]
        if isinstance(first, InputLayer):
            if len(self._layers_list) > 1:
                self.build(first.batch_shape)
        elif first._batch_input_shape is not None:
            self.build(first._batch_input_shape)

    def build(self, input_shape=None):
        """Creates the weights of every layer for inputs of ``input_shape`` (batch axis first)."""
        if not self._layers_list:
            raise ValueError(
                f"Sequential model {self.name!r} has no layers; add layers before building it."
            )
        if isinstance(self._layers_list[0], InputLayer):
            input_layer = self._layers_list[0]
        else:
            if input_shape is None:
                raise ValueError(
                    f"Sequential model {self.name!r}: build() needs an input_shape, e.g. "
                    "model.build((None, 784)), or start the model with kerasx.Input(shape)."
                )
            if isinstance(input_shape, list) and input_shape and isinstance(input_shape[0],
                                                                            (list, tuple)):
                raise ValueError(
                    f"Sequential model {self.name!r}: it takes a single input, but build() got "
                    f"several input shapes {input_shape!r}."
                )
            dtype = self.__dict__.pop("_deferred_input_dtype", None)
            input_layer = InputLayer(batch_shape=tuple(input_shape), dtype=dtype)
            self._layers_list.insert(0, input_layer)
            bump()
        x = input_layer.output
        inputs = x
        for layer in self._layers_list[1:]:
            x = layer(x)
        from kerasx.models.functional import Functional
        self._functional = Functional(inputs, x, name=self.name)
        self._build_input_shape = tuple(input_layer.batch_shape)
        self._build_shapes_dict = {"input_shape": self._build_input_shape}
        self._plan = None
        self.built = True

    def _maybe_build(self, args, kwargs, symbolic):
        first = args[0] if args else None
        shape = getattr(first, "shape", None)
        if shape is None:
            raise ValueError(
                f"Sequential model {self.name!r}: it takes a single tensor input; got {first!r}."
            )
        shape = tuple(shape)
        if not symbolic and shape:
            shape = (None,) + shape[1:]
        dtype = getattr(first, "dtype", None)
        if dtype is not None:
            from kerasx import dtypes
            try:
                name = dtypes.standardize_dtype(dtype)
            except ValueError:
                name = None
            if name is not None and name not in dtypes.FLOAT_TYPES:
                self._deferred_input_dtype = name
        self.build(shape)

    # ---- structure ----------------------------------------------------------------
    @property
    def layers(self):
        layers = self._layers_list
        if layers and isinstance(layers[0], InputLayer):
            return layers[1:]
        return list(layers)

    def _need_functional(self, what):
        if self._functional is None:
            raise AttributeError(
                f"Sequential model {self.name!r} has not been built yet, so it has no defined "
                f"{what}. Start it with kerasx.Input(shape), pass input_shape= to its first layer, "
                "call model.build(input_shape), or call it on data."
            )
        return self._functional

    @property
    def inputs(self):
        return self._need_functional("inputs").inputs

    @property
    def outputs(self):
        return self._need_functional("outputs").outputs

    @property
    def input(self):
        return self._need_functional("input").input

    @property
    def output(self):
        return self._need_functional("output").output

    @property
    def input_shape(self):
        return self._need_functional("input_shape").input_shape

    @property
    def output_shape(self):
        return self._need_functional("output_shape").output_shape

    @property
    def input_names(self):
        return self._need_functional("input_names").input_names

    @property
    def output_names(self):
        return self._need_functional("output_names").output_names

    # ---- running -----------------------------------------------------------------
    def _make_plan(self):
        plan = []
        for layer in self.layers:
            custom = type(layer).compute_mask is not Layer.compute_mask
            if custom and hasattr(type(layer), "_kx_model_masks"):
                # A nested model: ask for its output mask only if it makes masks itself.
                custom = layer._kx_owns_masks()
            plan.append((layer, call_info(layer).has_mask, layer.supports_masking, custom))
        self._plan = plan
        return plan

    def call(self, inputs, training=None, mask=None):
        plan = self._plan or self._make_plan()
        key = inputs
        if self._functional is not None:
            inputs = self._functional._standardize_inputs(inputs)[0]
        x = inputs
        if mask is None:
            mask = getattr(x, "_keras_mask", None)
        masked = mask is not None
        for layer, has_mask, supports, custom in plan:
            if mask is not None and has_mask:
                y = layer(x, mask=mask)
            else:
                y = layer(x)
            if supports and (mask is not None or custom):
                mask = layer.compute_mask(x, mask)
            else:
                mask = None
            x = y
        if masked or mask is not None:
            _masking.remember(self, key, None if mask is None else [mask])
        else:
            self.__dict__[_masking.CACHE] = None  # forget (inlined: hot path)
        return x

    _kx_model_masks = True

    def _kx_owns_masks(self):
        if self._functional is None:
            return True
        return self._functional._kx_owns_masks()

    def _prepare_fast_path(self):
        super()._prepare_fast_path()
        _masking.lower_mask_mode(self)

    def compute_mask(self, inputs, mask=None):
        """The Keras mask of the model's output for ``inputs`` (and their ``mask``), or None.

        Right after a call on the same ``inputs`` it returns the mask that call computed.
        """
        found, flat_masks = _masking.recall(self, inputs)
        if not found:
            if isinstance(inputs, KerasTensor):
                if self._functional is None:
                    self._maybe_build((inputs,), {}, True)
                return self._functional.compute_mask(inputs, mask)
            self.call(inputs, mask=mask)
            found, flat_masks = _masking.recall(self, inputs)
        return flat_masks[0] if flat_masks else None

    def compute_output_spec(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self.layers:
            x = layer.compute_output_spec(x)
        return x

    def compute_output_shape(self, input_shape):
        shape = tuple(input_shape)
        for layer in self.layers:
            shape = layer.compute_output_shape(shape)
        return shape

    # ---- config ---------------------------------------------------------------------
    def get_config(self):
        return {"name": self.name, "trainable": self.trainable,
                "dtype": _layer_dtype.serialize_policy(self.dtype_policy),
                "layers": [serialization_lib.serialize_keras_object(layer)
                           for layer in self._layers_list],
                "build_input_shape": (list(self._build_input_shape)
                                      if self._build_input_shape is not None else None)}

    def get_build_config(self):
        if self._build_input_shape is None:
            return None
        return {"input_shape": list(self._build_input_shape)}

    def build_from_config(self, config):
        if config and config.get("input_shape") and not self.built:
            self.build(tuple(config["input_shape"]))

    @classmethod
    def from_config(cls, config, custom_objects=None):
        layer_configs = config.get("layers", [])
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for lc in layer_configs:
            layer = serialization_lib.deserialize_keras_object(lc, custom_objects=custom_objects)
            model.add(layer, rebuild=False)
        shape = config.get("build_input_shape")
        if model._layers_list and isinstance(model._layers_list[0], InputLayer):
            model._maybe_rebuild()
        elif shape:
            model.build(tuple(shape))
        else:
            model._maybe_rebuild()
        if not config.get("trainable", True):
            model.trainable = False
        return model
