"""``TimeDistributed``: applies a layer to every time step of a sequence."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import accepts_training


class TimeDistributed(Layer):
    """Applies ``layer`` independently to each slice ``inputs[:, t]`` (axis 1 is time).

    The layer is called once per step (so batch-statistics layers see one step at a
    time, as in Keras): a Python loop for a known number of steps, ``ops.map`` over
    the time axis otherwise.

    Args:
        layer: a Layer instance.

    Raises:
        ValueError: ``layer`` is not a Layer, or the input has rank < 3.

    Example:
        >>> TimeDistributed(Dense(8))(np.zeros((2, 10, 4), "float32")).shape
        (2, 10, 8)
    """

    def __init__(self, layer, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(layer, Layer):
            raise ValueError(f"TimeDistributed {self.name!r}: layer must be a Layer instance, "
                             f"got layer={layer!r}.")
        self.layer = layer
        self.supports_masking = True
        self._layer_training = accepts_training(layer)
        import inspect
        try:
            self._layer_mask = "mask" in inspect.signature(layer.call).parameters
        except (TypeError, ValueError):
            self._layer_mask = False

    def _check_shape(self, input_shape):
        if len(input_shape) < 3:
            raise ValueError(
                f"TimeDistributed {self.name!r}: inputs must have rank >= 3 (batch, time, ...), "
                f"got shape {tuple(input_shape)}.")

    def build(self, input_shape):
        self._check_shape(input_shape)
        if not self.layer.built:
            self.layer.build((input_shape[0],) + tuple(input_shape[2:]))
            self.layer.built = True

    def compute_output_shape(self, input_shape):
        self._check_shape(input_shape)
        child = self.layer.compute_output_shape((input_shape[0],) + tuple(input_shape[2:]))
        return (child[0], input_shape[1]) + tuple(child[1:])

    def call(self, inputs, training=None, mask=None):
        kwargs = {}
        if self._layer_training and training is not None:
            kwargs["training"] = training
        steps = inputs.shape[1]
        if steps is not None:
            outs = []
            for t in range(steps):
                kw = dict(kwargs)
                if self._layer_mask and mask is not None:
                    kw["mask"] = mask[:, t]
                outs.append(self.layer(inputs[:, t], **kw))
            return ops.stack(outs, axis=1)
        # Unknown number of steps (graph tracing): map the layer over the time-major input.
        xs = ops.moveaxis(inputs, 1, 0)
        if self._layer_mask and mask is not None:
            def step(args):
                return self.layer(args[0], mask=args[1], **kwargs)
            ys = ops.map(step, (xs, ops.moveaxis(mask, 1, 0)))
        else:
            ys = ops.map(lambda x_t: self.layer(x_t, **kwargs), xs)
        return ops.moveaxis(ys, 0, 1)

    def compute_mask(self, inputs, mask=None):
        return mask

    def get_config(self):
        from kerasx.saving.serialization_lib import serialize_keras_object
        config = super().get_config()
        config["layer"] = serialize_keras_object(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasx.saving.serialization_lib import deserialize_keras_object
        config = dict(config)
        config["layer"] = deserialize_keras_object(config["layer"], custom_objects)
        return super().from_config(config)
