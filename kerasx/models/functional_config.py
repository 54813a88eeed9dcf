"""Keras 3 config of Functional models: ``layers`` with ``inbound_nodes``, input/output refs."""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.layer import Layer
from kerasx.models import _op_nodes
from kerasx.saving import serialization_lib


def _op_names(model):
    """Names for every operation node (layers keep their name; each raw-op call gets one)."""
    used = {layer.name for layer in model._explicit_layers}
    names = {}
    for n in model._nodes:
        op = n.operation
        if isinstance(op, Layer):
            continue
        base = getattr(op, "name", None) or _op_nodes.op_base_name(op)
        name, k = base, 0
        while name in used:
            k += 1
            name = f"{base}_{k}"
        used.add(name)
        names[id(n)] = name
    return names


def functional_get_config(model):
    op_names = _op_names(model)

    def history(t):
        node, idx = t._keras_history
        if isinstance(node.operation, Layer):
            return [node.operation.name, model._node_index.get(id(node), 0), idx]
        return [op_names[id(node)], 0, idx]

    def ser(value):
        if isinstance(value, KerasTensor):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(value.shape), "dtype": value.dtype,
                               "keras_history": history(value)}}
        if isinstance(value, (list, tuple)):
            return [ser(v) for v in value]
        if isinstance(value, dict):
            return {k: ser(v) for k, v in value.items()}
        return serialization_lib.serialize_keras_object(value)

    def node_data(n):
        return {"args": [ser(a) for a in n.call_args], "kwargs": ser(n.call_kwargs)}

    layer_configs = []
    by_op = {}
    for n in model._nodes:
        by_op.setdefault(id(n.operation), []).append(n)
    for op in model._operations:
        nodes = sorted(by_op.get(id(op), []), key=lambda n: model._node_index.get(id(n), 0))
        if isinstance(op, Layer):
            entry = serialization_lib.serialize_keras_object(op)
            entry["name"] = op.name
            entry["inbound_nodes"] = [node_data(n) for n in nodes if n.input_tensors or n.call_args]
            layer_configs.append(entry)
        else:
            for n in nodes:
                entry = _op_nodes.serialize_op(op, op_names[id(n)])
                entry["name"] = op_names[id(n)]
                entry["inbound_nodes"] = [node_data(n)]
                layer_configs.append(entry)

    def refs(struct):
        if isinstance(struct, KerasTensor):
            return history(struct)
        if isinstance(struct, dict):
            return {k: history(v) for k, v in struct.items()}
        return [history(t) for t in struct]

    return {"name": model.name, "trainable": model.trainable, "layers": layer_configs,
            "input_layers": refs(model._inputs_struct),
            "output_layers": refs(model._outputs_struct)}


def _is_ref(x):
    return (isinstance(x, (list, tuple)) and len(x) == 3 and isinstance(x[0], str)
            and isinstance(x[1], int) and isinstance(x[2], int))


def functional_from_config(cls, config, custom_objects=None):
    """Rebuilds a Functional model (or ``cls``) from its Keras 3 / Keras 2 config."""
    created = {}
    node_outputs = {}  # layer name -> list of flat output lists, one per rebuilt node
    pending = []  # (layer, node_data) in order

    for layer_data in config["layers"]:
        name = layer_data.get("name") or layer_data.get("config", {}).get("name")
        layer = serialization_lib.deserialize_keras_object(layer_data, custom_objects=custom_objects)
        created[name] = layer
        node_outputs[name] = []
        if not layer_data.get("inbound_nodes") and hasattr(layer, "_input_tensor"):
            node_outputs[name].append([layer._input_tensor])
        for nd in layer_data.get("inbound_nodes") or []:
            pending.append((name, nd))

    def resolve(value):
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            lname, nidx, tidx = value["config"]["keras_history"]
            outs = node_outputs.get(lname)
            if outs is None:
                raise ValueError(
                    f"Functional config: a tensor refers to layer {lname!r}, which is not in the "
                    "config's layers."
                )
            if nidx >= len(outs):
                raise _NotReady()
            return outs[nidx][tidx]
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, dict) and "class_name" in value and "config" in value:
            return serialization_lib.deserialize_keras_object(value, custom_objects=custom_objects)
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    def legacy_node(nd):
        # Keras 2: [[layer_name, node_index, tensor_index, kwargs], ...]
        tensors = [{"class_name": "__keras_tensor__",
                    "config": {"keras_history": [e[0], e[1], e[2]]}} for e in nd]
        kwargs = nd[0][3] if nd and len(nd[0]) > 3 and isinstance(nd[0][3], dict) else {}
        return {"args": [tensors[0] if len(tensors) == 1 else tensors], "kwargs": kwargs}

    progress = True
    while pending and progress:
        progress = False
        remaining = []
        blocked = set()
        for lname, nd in pending:
            if lname in blocked:
                remaining.append((lname, nd))
                continue
            if isinstance(nd, list):
                nd = legacy_node(nd)
            try:
                args = [resolve(a) for a in nd.get("args", [])]
                kwargs = {k: resolve(v) for k, v in (nd.get("kwargs") or {}).items()}
            except _NotReady:
                remaining.append((lname, nd))
                blocked.add(lname)
                continue
            out = created[lname](*args, **kwargs)
            node_outputs[lname].append(tree.flatten(out))
            progress = True
        pending = remaining
    if pending:
        raise ValueError(
            "Functional config: could not connect the layers "
            f"{sorted({p[0] for p in pending})}; their inputs refer to nodes that never appear."
        )

    def out_ref(ref):
        lname, nidx, tidx = ref[0], ref[1], ref[2]
        if lname not in node_outputs or nidx >= len(node_outputs[lname]):
            raise ValueError(f"Functional config: unknown input/output reference {ref!r}.")
        return node_outputs[lname][nidx][tidx]

    def refs(struct):
        if _is_ref(struct):
            return out_ref(struct)
        if isinstance(struct, dict):
            return {k: out_ref(v) for k, v in struct.items()}
        return [out_ref(r) for r in struct]

    inputs = refs(config["input_layers"])
    outputs = refs(config["output_layers"])
    # Keras 2 wrote single inputs/outputs as one-element lists.
    if isinstance(inputs, list) and len(inputs) == 1:
        inputs = inputs[0]
    if isinstance(outputs, list) and len(outputs) == 1:
        outputs = outputs[0]
    from kerasx.models.functional import Functional
    target = cls if isinstance(cls, type) and issubclass(cls, Functional) else Functional
    return target(inputs, outputs, name=config.get("name"), trainable=config.get("trainable", True))


class _NotReady(Exception):
    pass
