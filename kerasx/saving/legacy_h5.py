"""Keras 2 HDF5 layouts: whole models (``model.save("m.h5")``) and weights files.

Weights (top level of a weights file, or the ``model_weights`` group of a model
file): attribute ``layer_names``; one group per layer with attribute
``weight_names`` (trainable weights, then non-trainable) and one dataset per
name. A model file adds the attributes ``model_config`` (JSON),
``training_config`` (JSON, when compiled), ``keras_version``, ``backend`` and the
group ``optimizer_weights``.
"""

import json
import warnings

import h5py
import numpy as np

from kerasx.saving import h5_io
from kerasx.saving.atomic import atomic_path

KERAS_FORMAT_VERSION = "3.15.1"


def _backend_name():
    from kerasx.backends import B
    return B.name


def legacy_weights(layer):
    """A layer's weights in Keras 2 order: trainable first, then non-trainable."""
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _weight_name(var):
    return f"{var.path}:0"


def write_weights_group(group, model):
    """Writes ``model``'s weights in the Keras 2 layout into an h5py group."""
    layers = list(model.layers)
    group.attrs["layer_names"] = _str_array([layer.name for layer in layers])
    group.attrs["backend"] = _backend_name()
    group.attrs["keras_version"] = KERAS_FORMAT_VERSION
    for layer in layers:
        g = group.create_group(layer.name)
        _write_layer(g, legacy_weights(layer))
    in_layers = {id(w) for layer in layers for w in layer.weights}
    own = [v for v in model.weights if id(v) not in in_layers]
    _write_layer(group.create_group("top_level_model_weights"), own)


def _str_array(names):
    # Variable-length UTF-8 strings, as Keras 3 writes them (an empty list stays empty).
    if not names:
        return np.zeros((0,), dtype="float64")
    return np.array(names, dtype=h5py.string_dtype("utf-8"))


def _write_layer(g, weights):
    names = [_weight_name(v) for v in weights]
    g.attrs["weight_names"] = _str_array(names)
    for name, v in zip(names, weights):
        g.create_dataset(name, data=h5_io.write_array(v))


def _decode(values):
    return [v.decode("utf8") if isinstance(v, bytes) else str(v) for v in values]


def _weight_names(group, name):
    return _decode(group[name].attrs.get("weight_names", []))


def _layer_values(group, name, names=None, where=None):
    """The datasets of file layer ``name`` (opened, not read: read once every shape is
    checked). ``names``: its ``weight_names`` when already known."""
    names = _weight_names(group, name) if names is None else names
    where = h5_io.member_context(group) if where is None else where
    return [h5_io.open_member(group, f"{name}/{n}", where) for n in names]


def read_weights_plan(group, model, by_name=False, skip_mismatch=False, source=""):
    """Checks shapes, then reads a Keras 2 weights group; returns ``[(variable, value)]``.

    ``value`` is an ``h5_io.Loaded`` buffer or a NumPy array; assign the list with
    ``h5_io.assign_pairs``.

    Raises:
        ValueError: layer count or weight shape mismatch (naming the layer and both
            shapes), unless ``skip_mismatch``.
    """
    if "layer_names" not in group.attrs:
        raise ValueError(f"The HDF5 file {source}holds no Keras 2 weights ('layer_names' "
                         "attribute missing).")
    file_layers = _decode(group.attrs["layer_names"])
    pairs = []
    if by_name:
        index = {n: n for n in file_layers}
        for layer in model.layers:
            if layer.name not in index:
                continue
            values = _layer_values(group, layer.name)
            pairs += _match(layer, legacy_weights(layer), values, skip_mismatch, source)
        return _read(pairs)
    weight_names = {n: _weight_names(group, n) for n in file_layers}
    file_layers = [n for n in file_layers if weight_names[n]]
    model_layers = [layer for layer in model.layers if legacy_weights(layer)]
    if len(file_layers) != len(model_layers):
        raise ValueError(
            f"Weight file {source}holds weights for {len(file_layers)} layer(s) "
            f"{file_layers} but model {model.name!r} has {len(model_layers)} layer(s) with "
            f"weights {[layer.name for layer in model_layers]}. Pass by_name=True to load the "
            "layers whose names match.")
    where = h5_io.member_context(group)
    for name, layer in zip(file_layers, model_layers):
        pairs += _match(layer, legacy_weights(layer),
                        _layer_values(group, name, weight_names[name], where),
                        skip_mismatch, source, file_name=name)
    return _read(pairs)


def _read(pairs):
    return h5_io.read_all(pairs)


def _match(layer, variables, values, skip_mismatch, source, file_name=None):
    where = f" (file layer {file_name!r})" if file_name and file_name != layer.name else ""
    if len(values) != len(variables):
        msg = (f"Layer {layer.name!r}{where} expects {len(variables)} weight(s) "
               f"{[tuple(v.shape) for v in variables]} but the file {source}holds {len(values)} "
               f"{[tuple(a.shape) for a in values]}.")
        if skip_mismatch:
            warnings.warn("Skipping: " + msg, stacklevel=4)
            return []
        raise ValueError(msg)
    for v, a in zip(variables, values):
        if tuple(v.shape) != tuple(a.shape):
            msg = (f"Layer {layer.name!r}{where}: weight {v.path!r} has shape {tuple(v.shape)} "
                   f"in the model but shape {tuple(a.shape)} in the file {source.strip()}.")
            if skip_mismatch:
                warnings.warn("Skipping: " + msg, stacklevel=4)
                return []
            raise ValueError(msg)
    return list(zip(variables, values))


def _legacy_config(obj):
    """Keras 2 style config for ``model_config``: no module/registered_name/build_config
    on the model and its layers (nested objects keep theirs, as Keras 3 writes it)."""
    if isinstance(obj, dict) and "class_name" in obj and "config" in obj:
        out = {k: v for k, v in obj.items()
               if k not in ("module", "registered_name", "build_config", "compile_config")}
        inner = out["config"]
        if isinstance(inner, dict) and isinstance(inner.get("layers"), list):
            inner = dict(inner)
            inner["layers"] = [_legacy_config(c) for c in inner["layers"]]
            out["config"] = inner
        return out
    return obj


def _restore_op_modules(config, custom_objects):
    """Keras 2 style configs drop ``module``; graph ops (``NotEqual``...) need it back."""
    from kerasx.saving.serialization_lib import retrieve_class_or_fn
    if not isinstance(config, dict) or not isinstance(config.get("config"), dict):
        return config
    layers = config["config"].get("layers")
    if not isinstance(layers, list):
        return config
    fixed = []
    for entry in layers:
        if isinstance(entry, dict) and "module" not in entry and "class_name" in entry:
            if retrieve_class_or_fn(entry["class_name"], entry.get("registered_name"), None,
                                    custom_objects) is None:
                from kerasx.models._op_nodes import op_from_class_name
                try:
                    op_from_class_name(entry["class_name"])
                    entry = {**entry, "module": "keras.src.ops.numpy"}
                except ValueError:
                    pass
        fixed.append(_restore_op_modules(entry, custom_objects))
    return {**config, "config": {**config["config"], "layers": fixed}}


def save_model_h5(model, filepath, include_optimizer=True):
    """Writes a whole model in the Keras 2 HDF5 format (atomically)."""
    from kerasx.saving.compile_state import get_compile_config
    from kerasx.saving.serialization_lib import serialize_keras_object
    model_config = json.dumps(_legacy_config(serialize_keras_object(model)))
    training = None
    if include_optimizer and getattr(model, "compiled", False):
        compile_config = get_compile_config(model)
        if compile_config is not None:
            opt = _legacy_config(compile_config.pop("optimizer"))
            compile_config["optimizer_config"] = opt
            training = json.dumps(compile_config)
    with atomic_path(filepath) as tmp:
        with h5py.File(tmp, "w") as f:
            f.attrs["backend"] = _backend_name()
            f.attrs["keras_version"] = KERAS_FORMAT_VERSION
            f.attrs["model_config"] = model_config
            write_weights_group(f.create_group("model_weights"), model)
            if training is not None:
                f.attrs["training_config"] = training
                opt = model.optimizer
                if getattr(opt, "built", False):
                    g = f.create_group("optimizer_weights")
                    names = [f"{opt.name}/{v.name}" for v in opt.variables]
                    g.attrs["weight_names"] = _str_array(names)
                    for n, v in zip(names, opt.variables):
                        g.create_dataset(n, data=h5_io.write_array(v))


def save_weights_h5(model, filepath):
    """Writes the weights in the Keras 2 layout (atomically)."""
    with atomic_path(filepath) as tmp:
        with h5py.File(tmp, "w") as f:
            write_weights_group(f, model)


def _attr_text(value):
    return value.decode("utf8") if isinstance(value, bytes) else str(value)


def load_model_h5(f, filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a whole model from an open Keras 2 format ``h5py.File``."""
    try:
        config = json.loads(_attr_text(f.attrs["model_config"]))
    except ValueError as e:
        raise ValueError(f"{filepath!r}: the model_config attribute is corrupted ({e}).") from None
    config = _restore_op_modules(config, custom_objects)
    from kerasx.saving.compile_state import compile_from_config
    from kerasx.core.scope import skip_initializers
    from kerasx.saving.serialization_lib import deserialize_keras_object
    with skip_initializers():  # every weight is read from the file next
        model = deserialize_keras_object(config, custom_objects=custom_objects, safe_mode=safe_mode)
    group = f["model_weights"] if "model_weights" in f else f
    pairs = read_weights_plan(group, model, source=f"{filepath!r} ")
    opt_values = None
    if compile and "training_config" in f.attrs:
        training = json.loads(_attr_text(f.attrs["training_config"]))
        compile_from_config(model, training, custom_objects)
        if "optimizer_weights" in f and getattr(model, "compiled", False):
            g = f["optimizer_weights"]
            where = h5_io.member_context(g)
            opt_values = [h5_io.open_member(g, n, where) for n in _decode(g.attrs["weight_names"])]
    if opt_values is not None:
        opt = model.optimizer
        if not opt.built and model.trainable_variables:
            opt.build(model.trainable_variables)
        if len(opt.variables) == len(opt_values) and all(
                tuple(v.shape) == tuple(a.shape) for v, a in zip(opt.variables, opt_values)):
            pairs += _read(zip(opt.variables, opt_values))
        else:
            warnings.warn(
                f"{filepath!r}: the saved optimizer state ({len(opt_values)} arrays) does not "
                f"match optimizer {opt.name!r} ({len(opt.variables)} variables); the optimizer "
                "starts fresh.", stacklevel=3)
    h5_io.assign_pairs(pairs)
    return model
