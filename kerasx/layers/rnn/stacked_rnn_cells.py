"""``StackedRNNCells``: several cells run one after the other at each time step."""

from kerasx import tree
from kerasx.layers.layer import Layer
from kerasx.layers.rnn._cell_utils import accepts_training


def _is_nested(s):
    return isinstance(s, (list, tuple))


class StackedRNNCells(Layer):
    """Wraps a list of cells so that they behave as a single cell.

    Each step feeds the output of cell ``k`` to cell ``k + 1``; the states are one
    entry per cell (each cell's own state list, or a tensor for an int state_size).

    Args:
        cells: list of cells.

    Example:
        >>> RNN(StackedRNNCells([LSTMCell(8), GRUCell(4)]))
    """

    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        cells = list(cells)
        if not cells:
            raise ValueError(f"StackedRNNCells {self.name!r}: cells must be a non-empty list.")
        for c in cells:
            if not callable(getattr(c, "call", None)) or not hasattr(c, "state_size"):
                raise ValueError(
                    f"StackedRNNCells {self.name!r}: every cell needs call() and state_size; "
                    f"got {c!r}.")
        self.cells = cells

    @property
    def state_size(self):
        return [c.state_size for c in self.cells]

    @property
    def output_size(self):
        last = self.cells[-1]
        size = getattr(last, "output_size", None)
        if size is not None:
            return size
        s = last.state_size
        return tree.flatten(s)[0] if _is_nested(s) else s

    def get_initial_state(self, batch_size=None):
        out = []
        for c in self.cells:
            fn = getattr(c, "get_initial_state", None)
            if fn is not None:
                states = list(tree.flatten(fn(batch_size=batch_size)))
            else:
                from kerasx import ops
                sizes = tree.flatten(c.state_size) if _is_nested(c.state_size) else [c.state_size]
                states = [ops.zeros((batch_size, s), dtype=self.compute_dtype) for s in sizes]
            out.append(states if _is_nested(c.state_size) else states[0])
        return out

    def build(self, input_shape):
        shape = tuple(input_shape)
        for c in self.cells:
            if not c.built:
                c.build(shape)
                c.built = True
            size = getattr(c, "output_size", None)
            if size is None:
                s = c.state_size
                size = tree.flatten(s)[0] if _is_nested(s) else s
            shape = (shape[0], size)

    def call(self, inputs, states, training=False):
        new_states = []
        for c, s in zip(self.cells, states):
            nested = _is_nested(c.state_size)
            s_list = list(s) if _is_nested(s) else [s]
            kwargs = {"training": training} if accepts_training(c) else {}
            inputs, ns = c(inputs, s_list, **kwargs)
            ns = list(ns) if _is_nested(ns) else [ns]
            new_states.append(ns if nested else ns[0])
        return inputs, new_states

    def get_config(self):
        from kerasx.saving.serialization_lib import serialize_keras_object
        config = super().get_config()
        config["cells"] = [serialize_keras_object(c) for c in self.cells]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasx.saving.serialization_lib import deserialize_keras_object
        config = dict(config)
        config["cells"] = [deserialize_keras_object(c, custom_objects) for c in config["cells"]]
        return super().from_config(config)
