"""``clone_model``: a new model with the same architecture and freshly initialized weights."""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.core.input_layer import Input, InputLayer
from kerasx.layers.layer import Layer


def _default_clone(layer):
    return type(layer).from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """Clones a Functional or Sequential model (new layers, new weights; shared layers stay shared).

    Args:
        model: the model to clone.
        input_tensors: optional KerasTensor(s) to use as the new model's inputs.
        clone_function: ``layer -> new_layer`` (default: rebuild from the layer's config).
        call_function: optional ``(layer, *args, **kwargs) -> outputs`` used when calling
            each cloned layer in a Functional graph.
        recursive: also clone nested models layer by layer.

    Returns:
        the new model. Subclassed models are rebuilt from ``get_config()``.

    Example:
        >>> new = kerasx.models.clone_model(model)
        >>> new.set_weights(model.get_weights())
    """
    from kerasx.models.functional import Functional
    from kerasx.models.model import Model
    from kerasx.models.sequential import Sequential
    if kwargs:
        raise TypeError(f"clone_model: unexpected keyword arguments {sorted(kwargs)}.")
    clone_fn = clone_function or _default_clone

    def clone_layer(layer):
        if recursive and isinstance(layer, Model):
            return clone_model(layer, clone_function=clone_function, call_function=call_function,
                               recursive=True)
        return clone_fn(layer)

    if isinstance(model, Sequential):
        new_layers = [clone_layer(layer) for layer in model.layers]
        new = Sequential(name=model.name, trainable=model.trainable)
        if input_tensors is not None:
            t = tree.flatten(input_tensors)
            if len(t) != 1:
                raise ValueError(
                    f"clone_model: a Sequential model takes one input tensor, got {len(t)}."
                )
            new.add(t[0], rebuild=False)
        elif model._layers_list and isinstance(model._layers_list[0], InputLayer):
            src = model._layers_list[0]
            new.add(InputLayer(batch_shape=src.batch_shape, dtype=src.dtype, name=src.name),
                    rebuild=False)
        for layer in new_layers:
            new.add(layer, rebuild=False)
        new._maybe_rebuild()
        if not new.built and model.built and model._build_input_shape is not None:
            new.build(model._build_input_shape)
        return new
    if isinstance(model, Functional):
        return _clone_functional(model, input_tensors, clone_layer, call_function)
    if isinstance(model, Layer):
        return type(model).from_config(model.get_config())
    raise TypeError(f"clone_model: expected a kerasx Model, got {type(model).__name__}.")


def _clone_functional(model, input_tensors, clone_layer, call_function):
    from kerasx.models.functional import Functional, _substitute
    values = {}
    if input_tensors is not None:
        given = tree.flatten(input_tensors)
        if len(given) != len(model._flat_inputs):
            raise ValueError(
                f"clone_model: model {model.name!r} has {len(model._flat_inputs)} input(s), but "
                f"{len(given)} input tensor(s) were given."
            )
        for ref, t in zip(model._flat_inputs, given):
            if not isinstance(t, KerasTensor):
                t = Input(tensor=t)
            values[id(ref)] = t
    else:
        for ref in model._flat_inputs:
            src = ref._keras_history[0].operation
            values[id(ref)] = Input(batch_shape=src.batch_shape, dtype=src.dtype, name=src.name)
    clones = {}
    for step in model._program:
        op = step.op
        if isinstance(op, Layer):
            if id(op) not in clones:
                clones[id(op)] = clone_layer(op)
            fn = clones[id(op)]
        else:
            fn = op
        args = _substitute(step.args, values)
        kwargs = _substitute(step.kwargs, values)
        if call_function is not None and isinstance(op, Layer):
            out = call_function(fn, *args, **kwargs)
        else:
            out = fn(*args, **kwargs)
        for i, v in zip(step.out_ids, tree.flatten(out) if step.multi else [out]):
            values[i] = v
    new_inputs = tree.pack_sequence_as(model._inputs_struct,
                                       [values[id(t)] for t in model._flat_inputs]) \
        if not isinstance(model._inputs_struct, KerasTensor) else values[id(model._inputs_struct)]
    flat_out = [values[id(t)] for t in model._flat_outputs]
    new_outputs = flat_out[0] if isinstance(model._outputs_struct, KerasTensor) else \
        tree.pack_sequence_as(model._outputs_struct, flat_out)
    return Functional(new_inputs, new_outputs, name=model.name, trainable=model.trainable)
