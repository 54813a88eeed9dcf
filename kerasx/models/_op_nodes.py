"""Raw ``kerasx.ops`` calls inside a Functional graph: naming and (de)serialization.

Keras 3 writes an op used in a functional graph as a pseudo-layer, e.g.
``{"module": "keras.src.ops.numpy", "class_name": "NotEqual", "config": {"name":
"not_equal"}, "registered_name": "NotEqual", "inbound_nodes": [...]}``.
"""

import re

from kerasx.layers._layer_utils import to_snake_case


def camel_case(name):
    """``"not_equal"`` -> ``"NotEqual"``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def op_base_name(op):
    fn = getattr(op, "fn", None)
    base = getattr(fn, "__name__", None) or getattr(op, "name", None) or "op"
    return re.sub(r"_\d+$", "", base) if fn is None else base


def op_module(op):
    fn = getattr(op, "fn", op)
    mod = getattr(fn, "__module__", "") or ""
    for group in ("nn", "math", "linalg", "image", "core"):
        if f".{group}" in mod or f"_{group}" in mod:
            return f"keras.src.ops.{group}"
    return "keras.src.ops.numpy"


def serialize_op(op, name):
    class_name = camel_case(op_base_name(op))
    params = dict(getattr(op, "params", {}) or {})
    return {"module": op_module(op), "class_name": class_name, "config": {"name": name, **params},
            "registered_name": class_name}


class GraphOpNode:
    """A kerasx op restored from a config, callable like the op with fixed extra arguments."""

    def __init__(self, fn, name, params=None):
        self.fn = fn
        self.name = name
        self.__name__ = name
        self.params = dict(params or {})
        self._inbound_nodes = []

    def __call__(self, *args, **kwargs):
        if self.params:
            kwargs = {**self.params, **kwargs}
        return self.fn(*args, **kwargs)

    def __repr__(self):
        return f"<op {self.name}>"


class _OpClass:
    """Class-like factory so that deserialization can call ``from_config``."""

    def __init__(self, fn, class_name):
        self.fn = fn
        self.class_name = class_name

    def from_config(self, config):
        config = dict(config or {})
        name = config.pop("name", None) or to_snake_case(self.class_name)
        return GraphOpNode(self.fn, name, config)


def op_from_class_name(class_name):
    """Finds the kerasx op for a Keras op class name (``"NotEqual"`` -> ``ops.not_equal``)."""
    from kerasx import ops
    snake = to_snake_case(class_name)
    fn = getattr(ops, snake, None)
    if fn is None:
        fn = getattr(ops, class_name.lower(), None)
    if fn is None:
        raise ValueError(
            f"Could not locate the op {class_name!r} (kerasx.ops.{snake}) used in this model's "
            "graph; it is not available in kerasx.ops."
        )
    return _OpClass(fn, class_name)
