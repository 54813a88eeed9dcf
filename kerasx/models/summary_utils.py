"""``model.summary()``: Keras 3's table of layers, shapes and parameter counts."""

import shutil
import textwrap

import numpy as np

from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers._layer_utils import readable_size


def _itemsize(dtype):
    if dtype == "bfloat16":
        return 2
    try:
        return np.dtype(dtype).itemsize
    except TypeError:
        return 4


def _weights_size(weights):
    count = sum(int(np.prod(v.shape)) for v in weights)
    size = sum(int(np.prod(v.shape)) * _itemsize(v.dtype) for v in weights)
    return count, size


def _shape_text(shape):
    # Keras writes shapes as "(None, 4)" and rank-1 shapes as "(None)".
    return "(" + ", ".join(str(d) for d in shape) + ")"


def _format_output_shape(layer, nodes):
    shapes = []
    for n in nodes:
        outs = n.outputs
        if isinstance(outs, KerasTensor):
            shapes.append(_shape_text(outs.shape))
        elif isinstance(outs, (list, tuple)):
            shapes.append("[" + ", ".join(_shape_text(t.shape) for t in outs) + "]")
        elif isinstance(outs, dict):
            shapes.append("{" + ", ".join(f"{k}: {_shape_text(t.shape)}"
                                          for k, t in outs.items()) + "}")
    if shapes:
        return shapes[0] if len(set(shapes)) == 1 else "multiple"
    if layer.built and layer._build_shapes_dict:
        try:
            shape = layer.compute_output_shape(next(iter(layer._build_shapes_dict.values())))
            return _shape_text(shape)
        except Exception:
            return "?"
    return "?"


def _is_sequential_like(model, functional):
    from kerasx.models.sequential import Sequential
    if isinstance(model, Sequential) or functional is None:
        return True
    from kerasx.layers.core.input_layer import InputLayer
    if len(functional._flat_inputs) != 1 or len(functional._flat_outputs) != 1:
        return False
    for n in functional._nodes:
        if isinstance(n.operation, InputLayer):
            continue
        if len(n.input_tensors) > 1:
            return False
    ops = [n.operation for n in functional._nodes]
    return len(set(map(id, ops))) == len(ops)


def _rows(model, functional, sequential_like, expand_nested, show_trainable, depth=0):
    from kerasx.layers.core.input_layer import InputLayer
    from kerasx.models.model import Model
    rows = []
    model_nodes = None
    if functional is not None:
        model_nodes = {}
        for n in functional._nodes:
            model_nodes.setdefault(id(n.operation), []).append(n)
    entries = [(layer, None) for layer in model.layers]
    op_names = {}
    if functional is not None and functional is model:
        entries = functional._op_entries.items
        op_names = _op_names(functional)
    for layer, op_node in entries:
        if op_node is not None:
            # A raw kerasx.ops call in the graph: Keras lists it as "add (Add)" with 0 params.
            name = _prefix(depth) + f"{op_names[id(op_node)]} ({_op_class_name(layer)})"
            row = [name, _format_output_shape(None, [op_node]), "0"]
            if not sequential_like:
                row.append(_connections([op_node], functional, op_names))
            if show_trainable:
                row.append("-")
            rows.append(row)
            continue
        if sequential_like and isinstance(layer, InputLayer) and depth == 0 and \
                type(model).__name__ == "Sequential":
            continue
        nodes = model_nodes.get(id(layer), []) if model_nodes is not None else []
        name = _prefix(depth) + f"{layer.name} ({type(layer).__name__})"
        shape = _format_output_shape(layer, nodes)
        if layer.built:
            params = f"{_weights_size(layer.weights)[0]:,}"
        else:
            params = "0 (unbuilt)"
        row = [name, shape, params]
        if not sequential_like:
            row.append(_connections(nodes, functional, op_names))
        if show_trainable:
            # Keras: "-" for a layer without weights, else Y / N.
            row.append(("Y" if layer.trainable else "N") if layer.weights else "-")
        rows.append(row)
        if expand_nested and isinstance(layer, Model):
            inner_functional = getattr(layer, "_functional", None)
            from kerasx.models.functional import Functional
            if isinstance(layer, Functional):
                inner_functional = layer
            sub = _rows(layer, inner_functional, sequential_like, expand_nested, show_trainable,
                        depth + 1)
            rows.extend(sub)
    return rows


def _prefix(depth):
    """Keras's marker for rows of an expanded nested model."""
    return "   " * depth + "└ " if depth else ""


def _op_names(functional):
    from kerasx.models.functional_config import _op_names as names
    return names(functional)


def _op_class_name(op):
    from kerasx.models import _op_nodes
    return _op_nodes.camel_case(_op_nodes.op_base_name(op))


def _node_number(node):
    """Keras shows a node's index among all calls of its layer (not only this model's)."""
    for i, n in enumerate(getattr(node.operation, "_inbound_nodes", None) or ()):
        if n is node:
            return i
    return 0


def _connections(nodes, functional, op_names):
    """Keras's "Connected to" cell: ``name[node_index][tensor_index]``, comma separated."""
    from kerasx.layers.layer import Layer
    conns = []
    for n in nodes:
        for t in n.input_tensors:
            src, idx = t._keras_history
            if isinstance(src.operation, Layer) or id(src) not in op_names:
                src_name = getattr(src.operation, "name", str(src.operation))
                conns.append(f"{src_name}[{_node_number(src)}][{idx}]")
            else:
                conns.append(f"{op_names[id(src)]}[0][{idx}]")
    return ", ".join(conns) if conns else "-"


def _wrap(text, width):
    """Word-wraps a cell like Keras's table (long words are cut)."""
    lines = []
    for part in str(text).split("\n"):
        lines.extend(textwrap.wrap(part, width, break_on_hyphens=False) or [""])
    return lines


def _table(header, rows, widths, align):
    def render(cells, left, mid, right, fill=" "):
        wrapped = [_wrap(c, w - 2) for c, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped)
        out = []
        for i in range(height):
            parts = []
            for col, (lines, w) in enumerate(zip(wrapped, widths)):
                text = lines[i] if i < len(lines) else ""
                inner = w - 2
                text = text.rjust(inner) if align[col] == "right" else (
                    text.center(inner) if align[col] == "center" else text.ljust(inner))
                parts.append(fill + text + fill)
            out.append(left + mid.join(parts) + right)
        return out

    def rule(left, mid, right, ch):
        return left + mid.join(ch * w for w in widths) + right

    lines = [rule("┏", "┳", "┓", "━")]
    lines += render(header, "┃", "┃", "┃")
    lines.append(rule("┡", "╇", "┩", "━"))
    for i, row in enumerate(rows):
        lines += render(row, "│", "│", "│")
        if i < len(rows) - 1:
            lines.append(rule("├", "┼", "┤", "─"))
    lines.append(rule("└", "┴", "┘", "─"))
    return lines


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    """Prints (or passes to ``print_fn`` line by line) the summary table of ``model``."""
    from kerasx.models.functional import Functional
    functional = model if isinstance(model, Functional) else getattr(model, "_functional", None)
    sequential_like = _is_sequential_like(model, functional)
    if sequential_like:
        header = ["Layer (type)", "Output Shape", "Param #"]
        align = ["left", "left", "right"]
        default_length, default_pos = 88, [0.45, 0.80, 1.0]
    else:
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        align = ["left", "left", "right", "left"]
        default_length, default_pos = 108, [0.3, 0.56, 0.74, 1.0]
    if show_trainable:
        header.append("Trainable")
        align.append("center")
        default_length += 12
        default_pos = [p * 0.90 for p in default_pos] + [1.0]
    # As in Keras, the default width shrinks to fit the terminal (4 columns spare).
    default_length = min(default_length, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default_length
    positions = list(positions or default_pos)
    if len(positions) != len(header):
        raise ValueError(
            f"summary: positions must have {len(header)} entries (one per column {header}), got "
            f"{positions!r}."
        )
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    edges = [0] + [int(p) for p in positions]
    # The borders take one character each; the table is exactly ``edges[-1]`` wide.
    widths = [max(3, edges[i + 1] - edges[i] - (2 if i == 0 else 1)) for i in range(len(header))]
    rows = _rows(model, functional, sequential_like, expand_nested, show_trainable)
    if layer_range is not None:
        names = [r[0].replace("└", "").strip().split(" (")[0] for r in rows]
        try:
            start, end = names.index(layer_range[0]), names.index(layer_range[1])
        except ValueError:
            raise ValueError(
                f"summary: layer_range {layer_range!r} must name two layers of the model; "
                f"layers are {names}."
            ) from None
        rows = rows[start:end + 1]
    lines = [f'Model: "{model.name}"']
    lines += _table(header, rows, widths, align)
    if model.built:
        t_count, t_size = _weights_size(model.trainable_weights)
        n_count, n_size = _weights_size(model.non_trainable_weights)
        lines.append(f" Total params: {t_count + n_count:,} ({readable_size(t_size + n_size)})")
        lines.append(f" Trainable params: {t_count:,} ({readable_size(t_size)})")
        lines.append(f" Non-trainable params: {n_count:,} ({readable_size(n_size)})")
    else:
        lines.append(" Total params: 0 (unbuilt)")
        lines.append(" Trainable params: 0 (unbuilt)")
        lines.append(" Non-trainable params: 0 (unbuilt)")
    emit = print_fn or print
    for line in lines:
        emit(line)
