"""Keras 3 weights layout (``model.weights.h5`` and ``*.weights.h5``).

Every saveable object (a layer, a model, the optimizer) owns an HDF5 group
``<path>/vars`` (``vars`` for the top model) with its own variables as datasets
``"0"``, ``"1"``, ... and an attribute ``name``. The path of a child is found
the way Keras 3 finds it: the model's ``layers`` first (for Functional and
Sequential), then the object's attributes in sorted order, public names before
private ones, skipping the attributes every plain Layer has. A layer reached
through a list is named by its class in snake case, made unique within that
list (``dense``, ``dense_1``...). An object reached twice is saved once, at the
first path.

Loading checks counts and shapes against the model, reads every array (straight
into buffers the variables then adopt, see ``h5_io``), and only then assigns, so
a failed load leaves the model unchanged.
"""

import types
import warnings
import weakref

from kerasx.layers._layer_utils import to_snake_case
from kerasx.saving import h5_io

_SKIPSETS = {}
# kerasx-internal attributes that hold already-tracked layers or non-state objects.
_KX_INTERNAL = ("operations", "_operations", "_functional", "_inbound_nodes", "_explicit_layers",
                "_nodes_by_depth", "_input_layers", "_output_layers", "_layers_list", "_program",
                "_inputs_struct", "_outputs_struct", "_plan", "_compile_loss",
                "_compile_metrics", "_loss_tracker", "_output_loss_trackers", "train_function",
                "test_function", "predict_function", "history")


def _classes():
    from kerasx.layers.layer import Layer
    from kerasx.optimizers.base_optimizer import Optimizer
    return Layer, Optimizer


def _kind(obj):
    from kerasx.models.functional import Functional
    from kerasx.models.sequential import Sequential
    if isinstance(obj, Sequential):
        return "Sequential"
    if isinstance(obj, Functional):
        return "Functional"
    return "Layer"


def _skipset(kind):
    skip = _SKIPSETS.get(kind)
    if skip is not None:
        return skip
    Layer, _ = _classes()
    from kerasx.trainers.trainer import Trainer
    ref = Layer.__new__(Layer)
    Layer.__init__(ref, name="kx_saving_reference")
    from kerasx.layers._layer_tracking import _SKIP as tracking_skip
    skip = set(dir(ref)) | set(_KX_INTERNAL) | (set(tracking_skip) - {"optimizer"})
    # Trainer methods and properties (metrics, ...) carry no weights; its
    # ``optimizer`` attribute does and is walked, as in Keras.
    skip |= {n for n in dir(Trainer) if not n.startswith("__")}
    skip.discard("optimizer")
    skip.discard("layers")
    _SKIPSETS[kind] = frozenset(skip)
    return _SKIPSETS[kind]


def _name_key(name):
    return "~" + name if name.startswith("_") else name


_CLASS_ATTRS = weakref.WeakKeyDictionary()  # class -> {skip set: names}
_METHODS = (types.FunctionType, types.BuiltinFunctionType, classmethod, staticmethod)


def _wanted(attr, skip):
    return not attr.startswith(("__", "_kx_")) and attr not in skip


def _class_attrs(cls, skip):
    """The names ``dir`` finds on ``cls`` that could hold state: everything but plain
    methods (a method never is a layer or a container of layers). Cached per class."""
    per_class = _CLASS_ATTRS.setdefault(cls, {})
    names = per_class.get(skip)
    if names is None:
        keep = []
        for attr in dir(cls):
            if not _wanted(attr, skip):
                continue
            raw = next((k.__dict__[attr] for k in cls.__mro__ if attr in k.__dict__), None)
            if not isinstance(raw, _METHODS):
                keep.append(attr)
        names = per_class[skip] = frozenset(keep)
    return names


def _attribute_names(obj, skip):
    """What ``dir(obj)`` lists, less skipped names and plain methods, in Keras's order."""
    cls = type(obj)
    if cls.__dir__ is not object.__dir__ or not hasattr(obj, "__dict__"):
        names = {a for a in dir(obj) if _wanted(a, skip)}
    else:
        names = {a for a in obj.__dict__ if isinstance(a, str) and _wanted(a, skip)}
        names |= _class_attrs(cls, skip)
    return sorted(names, key=_name_key)


def _children(obj):
    kind = _kind(obj)
    if kind in ("Sequential", "Functional"):
        yield "layers", obj.layers
    for attr in _attribute_names(obj, _skipset(kind)):
        try:
            child = getattr(obj, attr)
        except Exception:  # a property that cannot be computed holds no state
            continue
        yield attr, child


def _join(path, name):
    return f"{path}/{name}" if path else name


def layer_own_variables(layer):
    """The variables stored in a layer's own ``vars`` group, in Keras order."""
    own = list(layer._trainable_vars) + list(layer._non_trainable_vars)
    seen = {id(v) for v in own}
    try:
        extra, _ = layer._own_variables()
    except AttributeError:
        extra = []
    for v in extra:
        if id(v) not in seen:
            seen.add(id(v))
            own.append(v)
    return own


def saveable_entries(model, include_optimizer=True):
    """Lists ``(path, object, variables)`` for every saveable reachable from ``model``.

    ``path`` is the HDF5 group holding the object's ``vars`` ("" for the model).
    """
    Layer, Optimizer = _classes()
    out, visited = [], set()

    def visit(obj, path):
        if id(obj) in visited:
            return
        visited.add(id(obj))
        if isinstance(obj, Optimizer):
            out.append((path, obj, list(obj.variables)))
            return
        out.append((path, obj, layer_own_variables(obj)))
        for attr, child in _children(obj):
            if attr == "optimizer" and not include_optimizer:
                continue
            if attr == "optimizer" and not _optimizer_has_state(child):
                continue
            dispatch(child, _join(path, attr), set())

    def dispatch(child, path, seen_containers):
        if isinstance(child, (Layer, Optimizer)):
            visit(child, path)
        elif isinstance(child, (list, tuple, dict)):
            container(child, path, seen_containers)

    def container(items, path, seen_containers):
        if id(items) in seen_containers:
            return
        seen_containers.add(id(items))
        used = {}
        values = list(items.values()) if isinstance(items, dict) else list(items)
        for item in values:
            if isinstance(item, (Layer, Optimizer)):
                visit(item, _join(path, _unique(to_snake_case(type(item).__name__), used)))
            elif isinstance(item, (list, tuple, dict)):
                container(item, _join(path, _unique("container", used)), seen_containers)

    visit(model, "")
    return out


def _optimizer_has_state(opt):
    _, Optimizer = _classes()
    return isinstance(opt, Optimizer) and getattr(opt, "built", False)


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def _custom(obj, method):
    """True when a layer defines ``save_own_variables``/``load_own_variables`` itself."""
    Layer, _ = _classes()
    return isinstance(obj, Layer) and callable(getattr(type(obj), method, None))


def write_entries(h5file, model, include_optimizer=True, on_arrays=None):
    """Writes the model's state into an open, writable ``h5py.File`` (Keras 3 layout).

    Args:
        on_arrays: optional callable receiving the list of every array to be written,
            in writing order, before the first one is written (``keras_zip`` starts
            checksumming them meanwhile).

    Returns:
        ``[(dataset, array)]`` for every dataset written.
    """
    plan = []
    for path, obj, variables in saveable_entries(model, include_optimizer):
        if _custom(obj, "save_own_variables"):
            store = {}
            obj.save_own_variables(store)
            items = list(store.items())
        else:
            items = [(str(i), v) for i, v in enumerate(variables)]
        plan.append((path, getattr(obj, "name", None),
                     [(key, h5_io.write_array(value)) for key, value in items]))
    if on_arrays is not None:
        on_arrays([arr for _, _, items in plan for _, arr in items])
    written = []
    for path, name, items in plan:
        group = h5file.create_group(_join(path, "vars")) if path else h5file.create_group("vars")
        if isinstance(name, str):
            group.attrs["name"] = name
        for key, arr in items:
            written.append((group.create_dataset(key, data=arr), arr))
    return written


def _group_values(index, path):
    group = index.datasets(_join(path, "vars") if path else "vars")
    if group is None:
        return None
    names = sorted(group, key=lambda k: (len(k), k))
    return {k: group[k] for k in names}  # datasets: read once every shape is checked


def read_plan(h5file, model, skip_mismatch=False, source=""):
    """Validates, then reads everything to assign; returns ``[(variable, value)]``.

    ``value`` is an ``h5_io.Loaded`` buffer or a NumPy array (a dict of arrays for
    layers with their own ``load_own_variables``); give the list to ``assign_plan``.

    The optimizer is built (slots created) when the file holds its state and the
    model is compiled.

    Raises:
        ValueError: naming the first layer whose variables do not match (count or
            shapes), unless ``skip_mismatch`` (then it is skipped with a warning).
    """
    opt = getattr(model, "optimizer", None)
    Layer, Optimizer = _classes()
    if isinstance(opt, Optimizer) and not opt.built and "optimizer/vars" in h5file:
        if model.trainable_variables:
            opt.build(model.trainable_variables)
    pairs, index = [], h5_io.GroupIndex(h5file)
    for path, obj, variables in saveable_entries(model):
        values = _group_values(index, path)
        label = _label(obj, path)
        if values is None:
            if variables and not isinstance(obj, Optimizer):
                _mismatch(f"{label} expects {len(variables)} variable(s) but the file {source}"
                          f"has no group '{_join(path, 'vars')}'. The file was saved from a "
                          "different architecture.", skip_mismatch)
            continue
        if _custom(obj, "load_own_variables"):
            pairs.append((obj, {k: h5_io.dataset_array(d) for k, d in values.items()}))
            continue
        if len(values) != len(variables):
            _mismatch(f"{label} expects {len(variables)} variable(s) "
                      f"{[tuple(v.shape) for v in variables]} but the file {source}holds "
                      f"{len(values)} {[tuple(a.shape) for a in values.values()]}.",
                      skip_mismatch)
            continue
        ok = True
        for i, v in enumerate(variables):
            arr = values[str(i)] if str(i) in values else list(values.values())[i]
            if tuple(arr.shape) != tuple(v.shape):
                _mismatch(f"{label}: variable {i} ({v.path!r}) has shape {tuple(v.shape)} in "
                          f"the model but shape {tuple(arr.shape)} in the file {source.strip()}.",
                          skip_mismatch)
                ok = False
                break
        if ok:
            pairs.extend((v, values[str(i)] if str(i) in values else list(values.values())[i])
                         for i, v in enumerate(variables))
    datasets = [(t, v) for t, v in pairs if not isinstance(v, dict)]
    read = iter(h5_io.read_all(datasets))
    return [(target, value) if isinstance(value, dict) else next(read)
            for target, value in pairs]


def _label(obj, path):
    kind = "optimizer" if path.endswith("optimizer") else "layer"
    return (f"{kind} {getattr(obj, 'name', '?')!r} ({type(obj).__name__}, weights group "
            f"'{path or '/'}')")


def _mismatch(msg, skip):
    if skip:
        warnings.warn("Skipping: " + msg, stacklevel=4)
        return
    raise ValueError(msg)


def assign_plan(pairs):
    """Assigns a plan returned by ``read_plan``."""
    for target, value in pairs:
        if isinstance(value, dict):
            target.load_own_variables(value)
        else:
            h5_io.assign_pairs([(target, value)])
