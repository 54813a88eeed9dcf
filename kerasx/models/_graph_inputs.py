"""Functional models whose inputs are intermediate tensors of another graph.

As in Keras 3, ``Model(inputs=some_layer.output, outputs=...)`` is allowed: each input that
was not created by ``kerasx.Input`` is replaced by a fresh Input of the same shape and dtype
(named after the tensor with the suffix ``CLONE``), and the nodes between the inputs and the
outputs are re-recorded on the new tensors. The original graph is left untouched.
"""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.core.node import Node
from kerasx.layers._layer_utils import unique_name
from kerasx.layers.core.input_layer import InputLayer
from kerasx.models import _graph


def is_input_tensor(t):
    hist = getattr(t, "_keras_history", None)
    return hist is not None and isinstance(hist[0].operation, InputLayer)


def _clone_name(t):
    if t.name:
        base = t.name
    else:
        hist = t._keras_history
        op = hist[0].operation if hist is not None else None
        base = getattr(op, "name", None) or "keras_tensor"
        if hist is not None and len(hist[0].output_tensors) > 1:
            base = f"{base}_{hist[1]}"
    return unique_name(f"{base}CLONE")


def _copy_tensor(t):
    new = KerasTensor(t.shape, t.dtype, sparse=t.sparse, ragged=t.ragged)
    new._keras_mask = t._keras_mask
    return new


def clone_from_intermediate_inputs(model_name, inputs, outputs):
    """Returns ``(inputs, outputs)`` with every non-Input KerasTensor input replaced.

    Raises:
        ValueError: an input is not a KerasTensor.
    """
    flat_inputs = tree.flatten(inputs)
    for t in flat_inputs:
        if not isinstance(t, KerasTensor):
            raise ValueError(
                f"Model {model_name!r}: all inputs must be symbolic tensors (from kerasx.Input() "
                f"or the output of a layer in a model graph); got a {type(t).__name__}"
                + (f" of shape {tuple(t.shape)}" if hasattr(t, "shape") else f": {t!r}")
                + ". Create the input with kerasx.Input(shape=...) and call layers on it."
            )
    mapping = {}
    for t in flat_inputs:
        if not is_input_tensor(t) and id(t) not in mapping:
            layer = InputLayer(batch_shape=t.shape, dtype=t.dtype, sparse=t.sparse,
                               name=_clone_name(t))
            mapping[id(t)] = layer.output
    order = _graph.post_order_nodes(
        [t for t in tree.flatten(outputs) if isinstance(t, KerasTensor)], [], set(),
        skip=lambda t, user: id(t) in mapping)
    for node in order:
        if not any(id(t) in mapping for t in node.input_tensors):
            continue
        new_outputs = tree.map_structure(
            lambda t: _copy_tensor(t) if isinstance(t, KerasTensor) else t, node.outputs)
        for old, new in zip(node.output_tensors,
                            [t for t in tree.flatten(new_outputs) if isinstance(t, KerasTensor)]):
            mapping[id(old)] = new
        Node(node.operation, _substitute(node.call_args, mapping),
             _substitute(node.call_kwargs, mapping), new_outputs)
    return _substitute(inputs, mapping), _substitute(outputs, mapping)


def _substitute(structure, mapping):
    if isinstance(structure, KerasTensor):
        return mapping.get(id(structure), structure)
    if isinstance(structure, tuple):
        return tuple(_substitute(v, mapping) for v in structure)
    if isinstance(structure, list):
        return [_substitute(v, mapping) for v in structure]
    if isinstance(structure, dict):
        return {k: _substitute(v, mapping) for k, v in structure.items()}
    return structure
