"""Shared pieces of the recurrent cells: dropout masks, argument checks, state helpers."""

from kerasx import ops, random
from kerasx.random.seed_generator import SeedGenerator


def check_positive_int(layer_name, arg, value):
    """Returns ``int(value)`` or raises a ValueError naming the layer and the argument."""
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    if not ok:
        try:
            ok = int(value) == value and int(value) > 0 and not isinstance(value, bool)
        except (TypeError, ValueError):
            ok = False
    if not ok:
        raise ValueError(f"{layer_name}: {arg} must be a positive integer, got {arg}={value!r}.")
    return int(value)


def check_rate(layer_name, arg, value):
    """Returns ``float(value)`` clipped to [0, 1] after checking it is a number in that range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(
            f"{layer_name}: {arg} must be a float in the range [0, 1], got {arg}={value!r}.")
    return float(value)


def first_state(states):
    """``states[0]`` for a list/tuple of states, else the tensor itself."""
    if isinstance(states, (list, tuple)):
        return states[0]
    return states


class DropoutRNNCell:
    """Mixin for cells with ``dropout``/``recurrent_dropout``.

    The masks are drawn once per sequence (the same mask at every time step, as in
    Keras): the RNN layer calls ``get_dropout_mask``/``get_recurrent_dropout_mask``
    before its loop, the cell reuses the cached masks at each step, and the layer
    calls ``reset_dropout_mask``/``reset_recurrent_dropout_mask`` afterwards.
    """

    def _init_dropout(self, dropout, recurrent_dropout, seed):
        cls = type(self).__name__
        self.dropout = check_rate(cls, "dropout", dropout)
        self.recurrent_dropout = check_rate(cls, "recurrent_dropout", recurrent_dropout)
        self.seed = seed
        self._dropout_mask = None
        self._recurrent_dropout_mask = None
        if self.dropout > 0 or self.recurrent_dropout > 0:
            self.seed_generator = SeedGenerator(seed)

    def _draw_mask(self, like, rate):
        return random.dropout(ops.ones_like(like), rate, seed=self.seed_generator)

    def get_dropout_mask(self, step_input):
        """The input dropout mask for this sequence (drawn on first use)."""
        if self.dropout <= 0:
            return None
        if self._dropout_mask is None:
            self._dropout_mask = self._draw_mask(step_input, self.dropout)
        return self._dropout_mask

    def get_recurrent_dropout_mask(self, step_state):
        """The recurrent-state dropout mask for this sequence (drawn on first use)."""
        if self.recurrent_dropout <= 0:
            return None
        if self._recurrent_dropout_mask is None:
            self._recurrent_dropout_mask = self._draw_mask(step_state, self.recurrent_dropout)
        return self._recurrent_dropout_mask

    # The resets skip the (tracked) attribute write when no mask was drawn: the common
    # inference call then costs two attribute reads.
    def reset_dropout_mask(self):
        if getattr(self, "_dropout_mask", None) is not None:
            self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        if getattr(self, "_recurrent_dropout_mask", None) is not None:
            self._recurrent_dropout_mask = None

    def _apply_dropout(self, inputs, h_tm1, training):
        """Returns ``(inputs, h_tm1)`` with the cached masks applied when training."""
        if training and self.dropout > 0:
            inputs = inputs * self.get_dropout_mask(inputs)
        if training and self.recurrent_dropout > 0:
            h_tm1 = h_tm1 * self.get_recurrent_dropout_mask(h_tm1)
        return inputs, h_tm1

    def _dropout_config(self):
        return {"dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout,
                "seed": self.seed}


def accepts_training(cell):
    """Whether ``cell.call`` takes a ``training`` argument (or ``**kwargs``)."""
    import inspect
    try:
        params = inspect.signature(cell.call).parameters
    except (TypeError, ValueError):
        return False
    return "training" in params or any(p.kind == p.VAR_KEYWORD for p in params.values())
