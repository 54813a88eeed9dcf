"""Graph nodes: one call of an operation (a Layer or a kerasx op) on symbolic tensors.

A Functional model replays its nodes in order: it substitutes real tensors for
the KerasTensors found in ``call_args``/``call_kwargs`` and calls
``operation(*args, **kwargs)``.
"""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor


class Node:
    """One application of ``operation`` to symbolic inputs.

    Attributes:
        operation: the Layer or op function that was called.
        call_args, call_kwargs: the arguments as given (KerasTensors inside).
        input_tensors: the KerasTensors found in the arguments, flattened.
        outputs: the structure of output KerasTensors.
    """

    def __init__(self, operation, call_args, call_kwargs, outputs):
        self.operation = operation
        self.call_args = tuple(call_args)
        self.call_kwargs = dict(call_kwargs or {})
        self.input_tensors = [
            t for t in tree.flatten((self.call_args, self.call_kwargs)) if isinstance(t, KerasTensor)
        ]
        self.outputs = outputs
        self.output_tensors = [t for t in tree.flatten(outputs) if isinstance(t, KerasTensor)]
        for i, t in enumerate(self.output_tensors):
            t._keras_history = (self, i)
        self.parent_nodes = []
        for t in self.input_tensors:
            if t._keras_history is not None:
                self.parent_nodes.append(t._keras_history[0])
        inbound = getattr(operation, "_inbound_nodes", None)
        if inbound is not None:
            inbound.append(self)

    @property
    def is_input(self):
        return not self.input_tensors

    def __repr__(self):
        name = getattr(self.operation, "name", getattr(self.operation, "__name__", "?"))
        return f"<Node {name}: {len(self.input_tensors)} in, {len(self.output_tensors)} out>"


class OpFunction:
    """Wraps a public kerasx op so that it can sit in a graph as an operation."""

    _counts = {}

    def __init__(self, fn):
        self.fn = fn
        base = getattr(fn, "__name__", "op")
        n = OpFunction._counts.get(base, 0)
        OpFunction._counts[base] = n + 1
        self.name = base if n == 0 else f"{base}_{n}"
        self._inbound_nodes = []

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __repr__(self):
        return f"<op {self.name}>"
