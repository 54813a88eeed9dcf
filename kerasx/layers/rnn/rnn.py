"""``RNN``: the generic recurrent layer stepping a cell over the time axis."""

from kerasx import ops, tree
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import accepts_training
from kerasx.layers.rnn._loop import pack, run_loop, template_of


class RNN(Layer):
    """Runs a recurrent ``cell`` over the time axis (axis 1) of its input.

    A cell is a Layer with ``state_size`` (an int, or a list of ints, one per state),
    optionally ``output_size``, ``call(inputs, states, training=None)`` returning
    ``(output, new_states)`` and optionally ``get_initial_state(batch_size)``.

    Args:
        cell: a cell, or a list of cells (wrapped in ``StackedRNNCells``).
        return_sequences: return the full sequence of outputs, not only the last one.
        return_state: also return the final states (``[output, *states]``).
        go_backwards: process the input backwards (outputs are in processing order).
        stateful: reuse the final states of a batch as the initial states of the next
            (needs a fixed batch size; ``reset_states()`` zeroes them).
        unroll: unroll the time loop in Python (needs a known number of time steps).
        zero_output_for_mask: masked steps output zeros (otherwise the previous output).

    Call arguments: ``sequences (batch, time, ...)``, ``initial_state`` (list of
    tensors), ``mask (batch, time)`` boolean, ``training``.

    Raises:
        ValueError: a cell without ``call``/``state_size``, ``unroll`` with an unknown
            number of steps, a stateful layer without a fixed batch size, a wrong
            number of initial states.

    Example:
        >>> layer = RNN(LSTMCell(4), return_sequences=True)
        >>> layer(np.zeros((2, 5, 3), "float32")).shape
        (2, 5, 4)
    """

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, zero_output_for_mask=False, time_major=False,
                 **kwargs):
        if isinstance(cell, (list, tuple)):
            from kerasx.layers.rnn.stacked_rnn_cells import StackedRNNCells
            cell = StackedRNNCells(cell)
        super().__init__(**kwargs)
        who = f"{type(self).__name__} {self.name!r}"
        if not callable(getattr(cell, "call", None)) or not hasattr(cell, "state_size"):
            raise ValueError(
                f"{who}: cell must be a Layer with a call(inputs, states) method and a "
                f"state_size attribute, got cell={cell!r}.")
        if time_major:
            raise ValueError(f"{who}: time_major=True is not supported; pass inputs shaped "
                             "(batch, time, features) with time_major=False.")
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.stateful = bool(stateful)
        self.unroll = bool(unroll)
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True
        self.input_spec = InputSpec(min_ndim=3)
        self.states = None
        self._cell_training = accepts_training(cell)

    # ---- shapes --------------------------------------------------------------
    @property
    def _template(self):
        return template_of(self.cell.state_size)

    @property
    def _state_leaves(self):
        ss = self.cell.state_size
        return list(tree.flatten(ss if isinstance(ss, (list, tuple)) else [ss]))

    def _output_size(self):
        size = getattr(self.cell, "output_size", None)
        return size if size is not None else self._state_leaves[0]

    def _step_output_shape(self, sequences_shape):
        size = self._output_size()
        return tuple(size) if isinstance(size, (list, tuple)) else (size,)

    def _state_shapes(self, sequences_shape):
        return [(sequences_shape[0], s) for s in self._state_leaves]

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        step = self._step_output_shape(sequences_shape)
        if self.return_sequences:
            out = (sequences_shape[0], sequences_shape[1]) + step
        else:
            out = (sequences_shape[0],) + step
        if self.return_state:
            return [out] + pack(self._template, self._state_shapes(sequences_shape))
        return out

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        out = mask if self.return_sequences else None
        if self.return_state:
            return [out] + [None] * len(self._template)
        return out

    # ---- build ------------------------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        sequences_shape = tuple(sequences_shape)
        self._check_unroll(sequences_shape)
        if not self.cell.built:
            self.cell.build((sequences_shape[0],) + sequences_shape[2:])
            self.cell.built = True
        if self.stateful:
            self._build_states(sequences_shape[0])

    def _check_unroll(self, shape):
        if self.unroll and (len(shape) < 2 or shape[1] is None):
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: unroll=True needs a known number of time "
                f"steps, got input shape {shape}. Pass unroll=False or fix the sequence length.")

    def _build_states(self, batch_size):
        if batch_size is None:
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: a stateful RNN needs a fixed batch size. "
                "Pass batch_size=... to Input (or batch_input_shape) or call it on concrete data.")
        values = self.get_initial_state(batch_size)
        self.states = [self.add_weight(shape=tuple(v.shape), dtype=self.variable_dtype,
                                       initializer="zeros", trainable=False, name="rnn_state")
                       for v in values]

    def get_initial_state(self, batch_size):
        """Flat list of zero (or the cell's) initial states for ``batch_size`` sequences."""
        fn = getattr(self.cell, "get_initial_state", None)
        if fn is not None:
            return list(tree.flatten(fn(batch_size=batch_size)))
        return [ops.zeros((batch_size, s), dtype=self.compute_dtype) for s in self._state_leaves]

    def reset_states(self):
        """Sets the states of a stateful layer back to zeros."""
        if self.states is None:
            return
        for v in self.states:
            v.assign(ops.zeros(v.shape, dtype=v.dtype))

    reset_state = reset_states

    # ---- call ---------------------------------------------------------------------
    def _initial_flat(self, sequences, initial_state):
        n = len(self._state_leaves)
        if initial_state is not None:
            flat = list(tree.flatten(initial_state))
            if len(flat) != n:
                raise ValueError(
                    f"{type(self).__name__} {self.name!r}: initial_state must hold {n} "
                    f"tensor(s) (the cell's state_size is {self.cell.state_size!r}), got "
                    f"{len(flat)}.")
            return [ops.cast(s, self.compute_dtype) for s in flat]
        if self.stateful and self.states is not None:
            return [v.value for v in self.states]
        batch = ops.shape(sequences)[0]
        if isinstance(batch, int):
            return self.get_initial_state(batch)
        # Unknown batch size (graph tracing): build for one sequence, broadcast to the batch.
        return [s + self._batch_zeros(sequences, len(s.shape)) for s in self.get_initial_state(1)]

    def _batch_zeros(self, sequences, rank):
        """Zeros of shape ``(batch, 1, ..., 1)`` (``rank`` axes) for a dynamic batch size."""
        step = ops.zeros_like(sequences[:, 0])
        if len(step.shape) > 1:
            step = ops.sum(step, axis=tuple(range(1, len(step.shape))))
        return ops.reshape(ops.cast(step, self.compute_dtype), (-1,) + (1,) * (rank - 1))

    def _prev_output(self, sequences, flat):
        """The output used for masked first steps: the first state when shaped like the output."""
        step = self._step_output_shape(tuple(sequences.shape))
        if tuple(flat[0].shape[1:]) == tuple(step):
            return flat[0]
        zeros = ops.zeros((1,) + tuple(step), dtype=flat[0].dtype)
        return zeros + self._batch_zeros(sequences, 1 + len(step))

    def _fused_call(self, sequences, flat, mask, training):
        """Hook for subclasses with a fused backend kernel; None means "use the loop".

        ``flat`` is None when the initial states are the default zeros."""
        return None

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if self.unroll:
            self._check_unroll(tuple(sequences.shape))
        # Default zero states are made only when needed: a fused kernel makes its own.
        default = initial_state is None and not (self.stateful and self.states is not None)
        flat = None if default else self._initial_flat(sequences, initial_state)
        cell = self.cell
        dropout_cell = hasattr(cell, "reset_dropout_mask")
        if dropout_cell and training:
            if flat is None:
                flat = self._initial_flat(sequences, None)
            cell.get_dropout_mask(sequences[:, 0])
            cell.get_recurrent_dropout_mask(flat[0])
        try:
            result = self._fused_call(sequences, flat, mask, training)
            if result is None:
                if flat is None:
                    flat = self._initial_flat(sequences, None)
                result = self._generic_call(sequences, flat, mask, training)
        finally:
            if dropout_cell:
                cell.reset_dropout_mask()
                cell.reset_recurrent_dropout_mask()
        last, outputs, states = result
        if self.stateful:
            for v, s in zip(self.states, states):
                v.assign(s)
        output = outputs if self.return_sequences else last
        if self.return_state:
            # One entry per top-level state (nested per cell for StackedRNNCells, as Keras).
            return [output] + pack(self._template, list(states))
        return output

    def _generic_call(self, sequences, flat, mask, training):
        cell = self.cell
        kwargs = {"training": training} if self._cell_training else {}

        def step(x_t, states):
            return cell(x_t, states, **kwargs)

        prev = self._prev_output(sequences, flat) if mask is not None else None
        return run_loop(step, sequences, flat, self._template, mask=mask,
                        go_backwards=self.go_backwards, unroll=self.unroll,
                        zero_output_for_mask=self.zero_output_for_mask, prev_output=prev)

    def get_config(self):
        from kerasx.saving.serialization_lib import serialize_keras_object
        config = super().get_config()
        config.update({"return_sequences": self.return_sequences,
                       "return_state": self.return_state, "go_backwards": self.go_backwards,
                       "stateful": self.stateful, "unroll": self.unroll,
                       "zero_output_for_mask": self.zero_output_for_mask})
        if type(self) is RNN:
            config["cell"] = serialize_keras_object(self.cell)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasx.saving.serialization_lib import deserialize_keras_object
        config = dict(config)
        if "cell" in config and isinstance(config["cell"], (dict, list)):
            config["cell"] = deserialize_keras_object(config["cell"], custom_objects)
        return super().from_config(config)
