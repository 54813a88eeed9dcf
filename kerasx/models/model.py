"""``kerasx.Model``: a Layer with training (Trainer), summary and graph utilities.

``Model(inputs, outputs)`` builds a Functional model; subclassing ``Model`` with
``__init__`` and ``call`` gives a subclassed model that builds on first call.
"""

from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.layer import Layer
from kerasx.trainers.trainer import Trainer


def _is_functional_init(args, kwargs):
    return (len(args) >= 2 or ("inputs" in kwargs and "outputs" in kwargs)
            or (len(args) == 1 and "outputs" in kwargs))


class Model(Trainer, Layer):
    """A trainable group of layers.

    Two ways to make one:

    - Functional: ``Model(inputs, outputs, name=None)`` with KerasTensors from
      ``kerasx.Input`` (one or many, as lists or dicts).
    - Subclassing: define layers in ``__init__`` and the forward pass in
      ``call(self, inputs, training=None)``.

    Example:
        >>> inputs = kerasx.Input((3,))
        >>> model = kerasx.Model(inputs, kerasx.layers.Dense(2)(inputs))
        >>> model.count_params()
        8
    """

    def __new__(cls, *args, **kwargs):
        if cls is Model and _is_functional_init(args, kwargs):
            from kerasx.models.functional import Functional
            return Functional.__new__(Functional, *args, **kwargs)
        return Layer.__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if _is_functional_init(args, kwargs):
            from kerasx.models.functional import Functional
            if not isinstance(self, Functional):
                # A subclass calling super().__init__(inputs, outputs): graft Functional in.
                cls = type(self)
                self.__class__ = type(cls.__name__, (cls, Functional), {"__module__": cls.__module__})
            Functional.__init__(self, *args, **kwargs)
            return
        if args:
            raise TypeError(
                f"{type(self).__name__}.__init__: unexpected positional arguments {args!r}; a "
                "subclassed Model takes keyword arguments (name=, trainable=, dtype=), and a "
                "Functional model takes Model(inputs, outputs)."
            )
        Trainer.__init__(self)
        Layer.__init__(self, **kwargs)

    def build(self, input_shape=None):
        """Builds a subclassed model by running ``call`` once on zeros of ``input_shape``."""
        if input_shape is None:
            raise ValueError(
                f"Model {self.name!r}: build() needs an input_shape, e.g. model.build((None, 784))."
            )
        from kerasx.layers.layer import _map_shape_structure
        x = _map_shape_structure(lambda s: KerasTensor(s, dtype=self.compute_dtype), input_shape)
        self._build_by_run([x], {})

    @property
    def layers(self):
        """The model's direct sub-layers, in tracking order."""
        return list(self._layers)

    def get_layer(self, name=None, index=None):
        """Returns a layer by ``name`` or by ``index`` in ``model.layers``.

        Raises:
            ValueError: both or neither given, unknown name, or index out of range.
        """
        if name is not None and index is not None:
            raise ValueError(
                f"get_layer: provide only a layer name or a layer index, got name={name!r} and "
                f"index={index!r}."
            )
        layers = self.layers
        if index is not None:
            if not -len(layers) <= index < len(layers):
                raise ValueError(
                    f"get_layer: was asked to retrieve layer at index {index} but model "
                    f"{self.name!r} only has {len(layers)} layers."
                )
            return layers[index]
        if name is not None:
            for layer in layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"get_layer: no such layer: {name!r}. Existing layers are: "
                f"{[layer.name for layer in layers]}."
            )
        raise ValueError("get_layer: provide either a layer name (name=) or a layer index (index=).")

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        """Prints a table of the layers: name (type), output shape, parameter count
        (and "Connected to" for Functional models), then total/trainable/non-trainable counts.

        Args:
            line_length: total width (default 88, or 108 with the "Connected to" column).
            positions: relative or absolute right edges of the columns.
            print_fn: called with each line instead of ``print``.
            expand_nested: also list the layers of nested models.
            show_trainable: add a "Trainable" column.
            layer_range: optional ``[first_name, last_name]`` to print a slice.
        """
        from kerasx.models.summary_utils import print_summary
        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable,
                      layer_range=layer_range)

    def to_json(self, **kwargs):
        """Returns the model's Keras 3 config as a JSON string (``json.dumps`` kwargs allowed)."""
        import json

        from kerasx.saving.serialization_lib import serialize_keras_object
        return json.dumps(serialize_keras_object(self), **kwargs)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasx.models.functional import Functional, functional_from_config
        if cls is Model and "layers" in config and "input_layers" in config:
            return functional_from_config(Functional, config, custom_objects=custom_objects)
        return super().from_config(config)


Model.build._kx_default_build = True

# --- saving (kerasx/saving/saving_api.py, compile_state.py) -----------------------
from kerasx.saving import compile_state as _compile_state  # noqa: E402
from kerasx.saving import saving_api as _saving_api  # noqa: E402


def _model_save(self, filepath, overwrite=True, zipped=None, **kwargs):
    """Saves the whole model (``.keras``, or Keras 2 ``.h5``); see ``kerasx.saving.save_model``."""
    _saving_api.save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)


def _model_save_weights(self, filepath, overwrite=True):
    """Saves the weights (``.weights.h5`` Keras 3 layout, ``.h5`` Keras 2 layout)."""
    _saving_api.save_weights(self, filepath, overwrite=overwrite)


def _model_load_weights(self, filepath, skip_mismatch=False, **kwargs):
    """Loads weights from ``.weights.h5``, Keras 2 ``.h5`` (``by_name=``) or ``.keras``."""
    _saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)


Model.save = _model_save
Model.save_weights = _model_save_weights
Model.load_weights = _model_load_weights
Model.compile = _compile_state.make_recording_compile(Trainer.compile)


def _model_get_compile_config(self):
    """The compile arguments as a Keras 3 ``compile_config`` dict (None if not compiled)."""
    return _compile_state.get_compile_config(self)


def _model_compile_from_config(self, config):
    """Compiles the model from ``get_compile_config()`` output (used when loading)."""
    _compile_state.compile_from_config(self, config)


Model.get_compile_config = _model_get_compile_config
Model.compile_from_config = _model_compile_from_config
