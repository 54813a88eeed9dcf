"""``Bidirectional``: runs an RNN forwards and backwards and merges the outputs."""

from kerasx import ops
from kerasx.layers.layer import Layer

_MERGE_MODES = ("sum", "mul", "concat", "ave", None)


def _without_prefix(name, prefix):
    return name[len(prefix):] if name.startswith(prefix) else name


def _clone(layer, **overrides):
    return type(layer).from_config(dict(layer.get_config(), **overrides))


class Bidirectional(Layer):
    """Bidirectional wrapper for RNN layers.

    The forward layer is a fresh copy of ``layer`` (named ``forward_<name>``); the
    backward one is ``backward_layer`` or a copy with ``go_backwards`` flipped
    (``backward_<name>``). With ``return_sequences`` the backward outputs are reversed
    back to input order before merging.

    Args:
        layer: an ``RNN`` instance (LSTM, GRU, SimpleRNN, RNN(cell), ...).
        merge_mode: ``"concat"`` (default), ``"sum"``, ``"mul"``, ``"ave"`` or None
            (return ``[forward, backward]``).
        backward_layer: optional RNN for the backward direction; it must have the
            same ``return_sequences``/``return_state``/``stateful`` and the opposite
            ``go_backwards``.

    Raises:
        ValueError: unknown merge_mode, a non-RNN layer, mismatched backward_layer.

    Example:
        >>> Bidirectional(LSTM(4))(np.zeros((2, 5, 3), "float32")).shape
        (2, 8)
    """

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None, **kwargs):
        super().__init__(**kwargs)
        who = f"Bidirectional {self.name!r}"
        if not isinstance(layer, Layer) or not hasattr(layer, "go_backwards"):
            raise ValueError(f"{who}: layer must be an RNN layer instance (LSTM, GRU, ...), "
                             f"got layer={layer!r}.")
        if merge_mode not in _MERGE_MODES:
            raise ValueError(f"{who}: merge_mode must be one of {list(_MERGE_MODES)}, got "
                             f"merge_mode={merge_mode!r}.")
        if backward_layer is not None:
            if not isinstance(backward_layer, Layer) or not hasattr(backward_layer,
                                                                    "go_backwards"):
                raise ValueError(f"{who}: backward_layer must be an RNN layer instance, got "
                                 f"backward_layer={backward_layer!r}.")
            for attr in ("return_sequences", "return_state", "stateful"):
                if getattr(layer, attr) != getattr(backward_layer, attr):
                    raise ValueError(
                        f"{who}: backward_layer.{attr}={getattr(backward_layer, attr)!r} must "
                        f"equal layer.{attr}={getattr(layer, attr)!r}.")
            if layer.go_backwards == backward_layer.go_backwards:
                raise ValueError(f"{who}: backward_layer.go_backwards must be the opposite of "
                                 f"layer.go_backwards (both are {layer.go_backwards!r}).")
        self.forward_layer = _clone(layer, name="forward_" + _without_prefix(layer.name,
                                                                             "forward_"))
        if backward_layer is None:
            self.backward_layer = _clone(
                layer, name="backward_" + _without_prefix(layer.name, "backward_"),
                go_backwards=not layer.go_backwards)
        else:
            self.backward_layer = backward_layer
        # Keras: with return_sequences, masked steps of both directions output zeros.
        self.forward_layer.zero_output_for_mask = self.forward_layer.return_sequences
        self.backward_layer.zero_output_for_mask = self.backward_layer.return_sequences
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.stateful = layer.stateful
        self.supports_masking = True
        self._initial_weights = weights

    def build(self, sequences_shape, initial_state_shape=None):
        self.forward_layer.build(sequences_shape)
        self.backward_layer.build(sequences_shape)
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def _merge(self, y, y_rev):
        mode = self.merge_mode
        if mode == "concat":
            return ops.concatenate([y, y_rev], axis=-1)
        if mode == "sum":
            return y + y_rev
        if mode == "ave":
            return (y + y_rev) / 2
        if mode == "mul":
            return y * y_rev
        return [y, y_rev]

    def call(self, sequences, initial_state=None, mask=None, training=None):
        fw_state = bw_state = None
        if initial_state is not None:
            states = list(initial_state)
            if len(states) % 2:
                raise ValueError(
                    f"Bidirectional {self.name!r}: initial_state must hold the forward states "
                    f"then the backward states (an even number), got {len(states)} tensors.")
            half = len(states) // 2
            fw_state, bw_state = states[:half], states[half:]
        kw = {"mask": mask, "training": training}
        y = self.forward_layer(sequences, initial_state=fw_state, **kw)
        y_rev = self.backward_layer(sequences, initial_state=bw_state, **kw)
        states = []
        if self.return_state:
            states = list(y[1:]) + list(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = ops.flip(y_rev, axis=1)
        output = self._merge(y, y_rev)
        if self.return_state:
            return (output if self.merge_mode is None else [output]) + states
        return output

    def _merged_shape(self, shape):
        shape = tuple(shape)
        if self.merge_mode == "concat":
            return shape[:-1] + (None if shape[-1] is None else shape[-1] * 2,)
        if self.merge_mode is None:
            return [shape, shape]
        return shape

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        fw = self.forward_layer.compute_output_shape(sequences_shape)
        bw = self.backward_layer.compute_output_shape(sequences_shape)
        if self.return_state:
            out = self._merged_shape(fw[0])
            out = out if self.merge_mode is None else [out]
            return out + list(fw[1:]) + list(bw[1:])
        return self._merged_shape(fw)

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        out = mask if self.return_sequences else None
        out = [out, out] if self.merge_mode is None else [out]
        if self.return_state:
            n = len(self.forward_layer._template) * 2
            return out + [None] * n
        return out if self.merge_mode is None else out[0]

    def reset_states(self):
        """Resets the states of both directions (stateful layers)."""
        self.forward_layer.reset_states()
        self.backward_layer.reset_states()

    reset_state = reset_states

    def get_config(self):
        from kerasx.saving.serialization_lib import serialize_keras_object
        config = super().get_config()
        config["merge_mode"] = self.merge_mode
        config["layer"] = serialize_keras_object(self.forward_layer)
        config["backward_layer"] = serialize_keras_object(self.backward_layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasx.saving.serialization_lib import deserialize_keras_object
        config = dict(config)
        config["layer"] = deserialize_keras_object(config["layer"], custom_objects)
        if config.get("backward_layer") is not None:
            config["backward_layer"] = deserialize_keras_object(config["backward_layer"],
                                                                custom_objects)
        return super().from_config(config)
