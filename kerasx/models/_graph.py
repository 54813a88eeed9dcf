"""Graph analysis for Functional models: reachability, ordering, node re-indexing."""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.core.input_layer import InputLayer
from kerasx.layers.layer import Layer


def _describe_input(t):
    op = t._keras_history[0].operation if t._keras_history else None
    name = getattr(op, "name", None) or t.name
    return f"{name!r} (shape {t.shape}, dtype {t.dtype})"


def build_graph(model_name, flat_inputs, flat_outputs):
    """Returns ``(nodes_in_order, operations_in_order, node_depth, op_entries)``.

    ``op_entries`` lists ``(layer, None)`` per layer and ``(op, node)`` per raw-op call,
    in Keras's operation order.

    ``nodes_in_order`` can be executed in order; ``operations_in_order`` follows
    Keras (deepest first, then first-seen order).

    Raises:
        ValueError: an output is not reachable from the inputs (naming the missing input).
    """
    input_ids = {id(t) for t in flat_inputs}
    for t in flat_inputs:
        if not isinstance(t, KerasTensor):
            raise ValueError(
                f"Model {model_name!r}: all inputs must be symbolic tensors from kerasx.Input(); "
                f"got {t!r} of type {type(t).__name__}."
            )
        hist = t._keras_history
        if hist is None or not isinstance(hist[0].operation, InputLayer):
            raise ValueError(
                f"Model {model_name!r}: input {t!r} is not a tensor created by kerasx.Input(); "
                "a Functional model's inputs must be Input tensors."
            )
    for t in flat_outputs:
        if not isinstance(t, KerasTensor):
            raise ValueError(
                f"Model {model_name!r}: all outputs must be symbolic tensors produced by layers "
                f"called on kerasx.Input() tensors; got {type(t).__name__}: {t!r}."
            )
    post_order = []
    visited = set()
    missing = []

    def visit(t, path_from):
        hist = t._keras_history
        if hist is None:
            raise ValueError(
                f"Model {model_name!r}: the tensor {t!r} (used by {path_from}) was not produced by "
                "a layer or op called on an Input; outputs must be computed from the inputs."
            )
        node = hist[0]
        if id(node) in visited:
            return
        if id(t) in input_ids:
            visited.add(id(node))
            post_order.append(node)
            return
        if isinstance(node.operation, InputLayer):
            missing.append(t)
            visited.add(id(node))
            return
        visited.add(id(node))
        stack = [(node, iter(node.input_tensors))]
        while stack:
            cur, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                post_order.append(cur)
                continue
            h = nxt._keras_history
            if h is None:
                raise ValueError(
                    f"Model {model_name!r}: the tensor {nxt!r} used by "
                    f"{getattr(cur.operation, 'name', cur.operation)!r} was not produced by a "
                    "layer or op called on an Input."
                )
            n2 = h[0]
            if id(n2) in visited:
                continue
            visited.add(id(n2))
            if id(nxt) in input_ids:
                post_order.append(n2)
                continue
            if isinstance(n2.operation, InputLayer):
                missing.append(nxt)
                continue
            stack.append((n2, iter(n2.input_tensors)))

    for t in flat_outputs:
        visit(t, "the model outputs")
    if missing:
        names = ", ".join(_describe_input(t) for t in missing)
        given = ", ".join(_describe_input(t) for t in flat_inputs)
        raise ValueError(
            f"Model {model_name!r}: the outputs cannot be reached from the given inputs: they "
            f"depend on the input(s) {names}, which are not in `inputs` (given inputs: {given}). "
            "Add the missing Input(s) to the model's inputs."
        )
    # Depths: output nodes 0, a parent is deeper than every node using it.
    depth = {id(n): 0 for n in post_order}
    for n in reversed(post_order):
        d = depth[id(n)]
        for t in n.input_tensors:
            parent = t._keras_history[0]
            if id(parent) in depth and depth[id(parent)] < d + 1:
                depth[id(parent)] = d + 1
    # Every input is at the maximum depth (as in Keras), so inputs come first.
    max_depth = max(depth.values()) if depth else 0
    for t in flat_inputs:
        depth[id(t._keras_history[0])] = max(max_depth, depth.get(id(t._keras_history[0]), 0))
    index = {id(n): i for i, n in enumerate(post_order)}
    nodes = sorted(post_order, key=lambda n: (-depth[id(n)], index[id(n)]))
    op_depth = {}
    op_first = {}
    ops = []
    for i, n in enumerate(post_order):
        op = n.operation
        if id(op) not in op_first:
            op_first[id(op)] = i
            ops.append(op)
        op_depth[id(op)] = max(op_depth.get(id(op), 0), depth[id(n)])
    ops.sort(key=lambda op: (-op_depth[id(op)], op_first[id(op)]))
    # Keras order of "operations" when each raw-op call counts as its own operation (summary).
    entries = [((-op_depth[id(op)], op_first[id(op)]), op, None) for op in ops
               if isinstance(op, Layer)]
    entries += [((-depth[id(n)], i), n.operation, n) for i, n in enumerate(post_order)
                if not isinstance(n.operation, Layer)]
    entries.sort(key=lambda e: e[0])
    return nodes, ops, depth, [(op, n) for _, op, n in entries]


class OpEntries:
    """Holder of ``build_graph``'s op entries (kept out of layer tracking, which scans lists)."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = list(items)


def node_indices(nodes):
    """``{id(node): index}`` counting only this graph's nodes of each operation."""
    per_op = {}
    out = {}
    for n in nodes:
        op = n.operation
        inbound = getattr(op, "_inbound_nodes", None) or []
        order = {id(x): i for i, x in enumerate(inbound)}
        per_op.setdefault(id(op), []).append((order.get(id(n), 0), n))
    for items in per_op.values():
        items.sort(key=lambda p: p[0])
        for k, (_, n) in enumerate(items):
            out[id(n)] = k
    return out


def flat_keras_tensors(structure):
    return [t for t in tree.flatten(structure) if isinstance(t, KerasTensor)]
