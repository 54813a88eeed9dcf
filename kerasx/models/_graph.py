"""Graph analysis for Functional models: reachability, ordering, node re-indexing."""

from kerasx import tree
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.core.input_layer import InputLayer
from kerasx.layers._layer_direct import plain_call_protocol
from kerasx.layers.layer import Layer


def _describe_input(t):
    op = t._keras_history[0].operation if t._keras_history else None
    name = getattr(op, "name", None) or t.name
    return f"{name!r} (shape {t.shape}, dtype {t.dtype})"


def post_order_nodes(tensors, order, seen, skip=None, expand=None):
    """Appends to ``order`` the nodes above ``tensors`` in post-order (parents first).

    One iterative depth-first walk (no recursion limit on deep graphs) shared by the
    graph builders. Every tensor met (each of ``tensors``, then each node's
    ``input_tensors``) goes through these steps:

    1. ``skip(t, user)``, when given, returning True ignores ``t`` (``user`` is the node
       consuming ``t``, None for a starting tensor); it may raise to reject ``t``.
    2. A tensor without ``_keras_history``, or whose node is already in ``seen`` (a set of
       node ids, updated in place), is ignored; otherwise its node is added to ``seen``.
    3. ``expand(t, node)``, when given, returning False stops the walk at ``node``: it is
       neither walked nor appended (``expand`` may append it itself). Otherwise the node's
       inputs are walked and the node is appended after them.

    Returns:
        ``order``.
    """

    def enter(t, user):
        if skip is not None and skip(t, user):
            return None
        hist = t._keras_history
        if hist is None:
            return None
        node = hist[0]
        if id(node) in seen:
            return None
        seen.add(id(node))
        if expand is not None and not expand(t, node):
            return None
        return node

    for root in tensors:
        node = enter(root, None)
        if node is None:
            continue
        stack = [(node, iter(node.input_tensors))]
        while stack:
            cur, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                order.append(cur)
                continue
            node = enter(nxt, cur)
            if node is not None:
                stack.append((node, iter(node.input_tensors)))
    return order


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
    missing = []

    def check_history(t, user):
        if t._keras_history is None:
            if user is None:
                raise ValueError(
                    f"Model {model_name!r}: the tensor {t!r} (used by the model outputs) was not "
                    "produced by a layer or op called on an Input; outputs must be computed from "
                    "the inputs."
                )
            raise ValueError(
                f"Model {model_name!r}: the tensor {t!r} used by "
                f"{getattr(user.operation, 'name', user.operation)!r} was not produced by a "
                "layer or op called on an Input."
            )
        return False

    def walk_into(t, node):
        if id(t) in input_ids:
            post_order.append(node)
            return False
        if isinstance(node.operation, InputLayer):
            missing.append(t)
            return False
        return True

    post_order_nodes(flat_outputs, post_order, set(), skip=check_history, expand=walk_into)
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


class Step:
    """One node of a Functional graph, prepared for fast replay (``model_cls``: the Model
    class, whose instances, nested models, are never replayed by ``direct_call``)."""

    __slots__ = ("node", "op", "single", "args", "kwargs", "out_ids", "multi", "is_layer",
                 "first_ids", "nested", "direct")

    def __init__(self, node, model_cls):
        self.node = node
        self.op = node.operation
        self.is_layer = isinstance(self.op, Layer)
        self.nested = isinstance(self.op, model_cls) and hasattr(type(self.op), "_kx_model_masks")
        args, kwargs = node.call_args, node.call_kwargs
        self.single = id(args[0]) if (len(args) == 1 and not kwargs
                                       and isinstance(args[0], KerasTensor)) else None
        self.args = args
        self.kwargs = kwargs
        self.out_ids = [id(t) for t in node.output_tensors]
        self.multi = not isinstance(node.outputs, KerasTensor)
        first = args[0] if args else None
        if isinstance(first, KerasTensor):
            self.first_ids = id(first)
        elif isinstance(first, (list, tuple)) and first and all(
                isinstance(t, KerasTensor) for t in first):
            self.first_ids = [id(t) for t in first]
        else:
            self.first_ids = None
        # Ids of the input tensors when the layer may be replayed by ``direct_call``: a
        # plain layer (not a model) called on positional tensors or on one list of them.
        self.direct = None
        if self.is_layer and not isinstance(self.op, model_cls) and not kwargs and args and (
                plain_call_protocol(type(self.op))):
            if all(isinstance(t, KerasTensor) for t in args):
                self.direct = [id(t) for t in args]
            elif len(args) == 1 and self.first_ids.__class__ is list:
                self.direct = self.first_ids
