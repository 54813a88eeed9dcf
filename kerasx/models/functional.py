"""``Functional``: a Model defined by a graph of layers called on ``kerasx.Input`` tensors."""

import numpy as np

from kerasx import dtypes, tree
from kerasx.backends import B
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers._layer_utils import (CallContext, call_info, get_call_context,
                                        set_call_context, unique_name)
from kerasx.layers.core.input_layer import InputLayer
from kerasx.layers._layer_direct import NOT_DIRECT, direct_call
from kerasx.layers.layer import KNOWN_TENSOR_TYPES, Layer, set_mask
from kerasx.models import _graph, _graph_inputs, _masking, _symbolic
from kerasx.models.functional_config import functional_from_config, functional_get_config
from kerasx.models.model import Model
from kerasx.trainers.trainer import Trainer

__all__ = ["Functional", "functional_from_config"]


def _get_mask_of(value):
    return getattr(value, "_keras_mask", None)


class Functional(Model):
    """A model built from symbolic inputs and outputs (see ``kerasx.Model``).

    Args:
        inputs: a KerasTensor from ``kerasx.Input``, or a list / dict of them. An
            intermediate tensor of another graph (e.g. ``base.layers[2].output``) is
            accepted too: it is replaced by a new Input of the same shape and dtype.
        outputs: tensors computed from ``inputs``: one, a list, or a dict.
        name: model name (default ``functional``, ``functional_1``...).

    Raises:
        ValueError: outputs not reachable from the inputs (naming the missing input), or two
            layers with the same name.
    """

    _keras_registered_name = "Functional"

    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        Trainer.__init__(self)
        if name is None:
            name = unique_name("functional")
        Layer.__init__(self, name=name, trainable=trainable, **kwargs)
        if isinstance(inputs, tuple):
            inputs = list(inputs)
        if isinstance(outputs, tuple):
            outputs = list(outputs)
        if not all(_graph_inputs.is_input_tensor(t) for t in tree.flatten(inputs)):
            inputs, outputs = _graph_inputs.clone_from_intermediate_inputs(name, inputs, outputs)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._flat_inputs = tree.flatten(inputs)
        self._flat_outputs = tree.flatten(outputs)
        nodes, ops, _, entries = _graph.build_graph(self.name, self._flat_inputs,
                                                     self._flat_outputs)
        self._op_entries = _graph.OpEntries(entries)
        self._nodes = nodes
        self._operations = ops
        self._node_index = _graph.node_indices(nodes)
        self._explicit_layers = [op for op in ops if isinstance(op, Layer)]
        self._check_names()
        self._program = [_graph.Step(n, Model) for n in nodes
                         if not (isinstance(n.operation, InputLayer)
                                 and any(id(t) in self._input_ids() for t in n.output_tensors))]
        self._input_dtypes = [t.dtype for t in self._flat_inputs]
        self.built = True
        self._build_shapes_dict = None
        if not trainable:
            self.trainable = False

    def _input_ids(self):
        ids = self.__dict__.get("_input_id_set")
        if ids is None:
            ids = {id(t) for t in self._flat_inputs}
            self._input_id_set = ids
        return ids

    def _check_names(self):
        seen = {}
        for layer in self._explicit_layers:
            if layer.name in seen and seen[layer.name] is not layer:
                raise ValueError(
                    f"Model {self.name!r}: the name {layer.name!r} is used by two different layers "
                    f"in this model ({type(seen[layer.name]).__name__} and "
                    f"{type(layer).__name__}). All layers in a model must have unique names; "
                    "pass a different name= to one of them."
                )
            seen[layer.name] = layer

    def build(self, input_shape=None):
        self.built = True

    # ---- structure -----------------------------------------------------------
    @property
    def layers(self):
        return list(self._explicit_layers)

    @property
    def inputs(self):
        return list(self._flat_inputs)

    @property
    def outputs(self):
        return list(self._flat_outputs)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        return tree.map_structure(lambda t: t.shape, self._inputs_struct)

    @property
    def output_shape(self):
        if isinstance(self._outputs_struct, KerasTensor):
            return self._outputs_struct.shape
        return tree.map_structure(lambda t: t.shape, self._outputs_struct)

    @property
    def input_names(self):
        if isinstance(self._inputs_struct, dict):
            return [k for k in sorted(self._inputs_struct)]
        return [t._keras_history[0].operation.name for t in self._flat_inputs]

    @property
    def output_names(self):
        if isinstance(self._outputs_struct, dict):
            return [k for k in sorted(self._outputs_struct)]
        names = []
        for t in self._flat_outputs:
            op = t._keras_history[0].operation
            names.append(getattr(op, "name", None) or str(op))
        return names

    # ---- running ---------------------------------------------------------------
    def _standardize_inputs(self, inputs):
        struct = self._inputs_struct
        if type(inputs) in KNOWN_TENSOR_TYPES and type(struct) is KerasTensor:
            # One backend tensor for one Input: no conversion when dtype and rank match.
            if (_dtype_name(inputs.dtype) == struct.dtype
                    and len(inputs.shape) == len(struct.shape)):
                return [inputs]
        if isinstance(inputs, dict) and not isinstance(struct, dict):
            names = [t._keras_history[0].operation.name for t in self._flat_inputs]
            missing = [n for n in names if n not in inputs]
            if missing:
                raise ValueError(
                    f"Model {self.name!r}: the input dict is missing key(s) {missing}; expected "
                    f"keys {names}, got {sorted(inputs)}."
                )
            flat = [inputs[n] for n in names]
        elif isinstance(struct, dict) and isinstance(inputs, dict):
            missing = [k for k in struct if k not in inputs]
            if missing:
                raise ValueError(
                    f"Model {self.name!r}: the input dict is missing key(s) {missing}; expected "
                    f"keys {sorted(struct)}, got {sorted(inputs)}."
                )
            flat = [inputs[k] for k in sorted(struct)]
        elif isinstance(inputs, (list, tuple)) and (len(self._flat_inputs) > 1
                                                    or isinstance(struct, (list, dict))):
            flat = list(inputs)
        else:
            flat = [inputs]
        if len(flat) != len(self._flat_inputs):
            raise ValueError(
                f"Model {self.name!r} expects {len(self._flat_inputs)} input(s) "
                f"({[t.shape for t in self._flat_inputs]}), but it received {len(flat)} input "
                "tensor(s)."
            )
        out = []
        for x, ref in zip(flat, self._flat_inputs):
            out.append(self._convert_input(x, ref))
        return out

    def _convert_input(self, x, ref):
        if x is None or isinstance(x, KerasTensor):
            return x
        if isinstance(x, np.ndarray) or not B.core.is_tensor(x):
            if isinstance(x, (list, tuple)) or np.isscalar(x) or isinstance(x, np.ndarray):
                arr = np.asarray(x)
                if arr.dtype.kind in "biuf":
                    x = B.core.convert_to_tensor(arr, dtype=ref.dtype)
        else:
            name = _dtype_name(x.dtype)
            if name != ref.dtype and name is not None:
                x = B.core.cast(x, ref.dtype)
        ndim = len(x.shape) if hasattr(x, "shape") else None
        if ndim is not None and ndim == len(ref.shape) - 1 and ref.shape[-1] == 1:
            from kerasx import ops
            x = ops.expand_dims(x, -1)
        return x

    def call(self, inputs, training=None, mask=None):
        flat = self._standardize_inputs(inputs)
        ctx = None
        if training is not None:
            ctx = get_call_context()
            if ctx is None:
                ctx = CallContext(self, training)
                set_call_context(ctx)
                try:
                    return self._run(flat, mask, inputs)
                finally:
                    set_call_context(None)
            prev = ctx.training
            ctx.training = training
            try:
                return self._run(flat, mask, inputs)
            finally:
                ctx.training = prev
        return self._run(flat, mask, inputs)

    def _run(self, flat, mask=None, key=None):
        values = {}
        masks = {}
        if mask is None and len(flat) == 1:
            x = flat[0]
            t_id = id(self._flat_inputs[0])
            values[t_id] = x
            m = getattr(x, "_keras_mask", None)  # _get_mask_of, inlined
            if m is not None:
                masks[t_id] = m
        else:
            flat_masks = tree.flatten(mask) if mask is not None else [None] * len(flat)
            if len(flat_masks) != len(flat):
                flat_masks = [None] * len(flat)
            for t, x, m in zip(self._flat_inputs, flat, flat_masks):
                values[id(t)] = x
                if m is None:
                    m = _get_mask_of(x)
                if m is not None:
                    masks[id(t)] = m
        ctx = get_call_context()
        training = None if ctx is None else ctx.training
        for step in self._program:
            op = step.op
            if step.direct is not None and ctx is not None and not masks:
                # Built plain layer, no masks about: its call without Layer.__call__'s
                # general machinery (direct_call says when that gives the same result).
                if step.single is not None:
                    x = values[step.single]
                    out = direct_call(op, (x,), (x,), training)
                else:
                    tensors = [values[i] for i in step.direct]
                    args = (tensors,) if step.first_ids is step.direct else tuple(tensors)
                    out = direct_call(op, args, tensors, training)
                if out is not NOT_DIRECT:
                    if step.multi:
                        for i, v in zip(step.out_ids, tree.flatten(out)):
                            values[i] = v
                    else:
                        values[step.out_ids[0]] = out
                    if op._mask_mode == 2:  # a compute_mask of its own, asked as __call__ does
                        out_mask = op.compute_mask(args[0] if step.single is None else x, None)
                        if out_mask is not None:
                            set_mask(out, out_mask)
                            flat_m = (out_mask if isinstance(out_mask, (list, tuple))
                                      else [out_mask] * len(step.out_ids))
                            for i, m in zip(step.out_ids, flat_m):
                                if m is not None:
                                    masks[i] = m
                    continue
            if step.single is not None:
                x = values[step.single]
                prev_mask = masks.get(step.single) if masks else None
                if step.is_layer:
                    if prev_mask is not None and call_info(op).has_mask:
                        out = op(x, mask=prev_mask)
                    else:
                        out = op(x)
                else:
                    out = op(x)
                first_val = x
            else:
                args = _substitute(step.args, values)
                kwargs = _substitute(step.kwargs, values)
                prev_mask = None
                first_val = args[0] if args else None
                if step.is_layer and step.first_ids is not None and masks:
                    if isinstance(step.first_ids, list):
                        ms = [masks.get(i) for i in step.first_ids]
                        prev_mask = None if all(m is None for m in ms) else ms
                    else:
                        prev_mask = masks.get(step.first_ids)
                    if prev_mask is not None and "mask" not in kwargs and call_info(op).has_mask:
                        kwargs["mask"] = prev_mask
                out = op(*args, **kwargs)
            if step.multi:
                outs = [t for t in tree.flatten(out)]
            else:
                outs = [out]
            for i, v in zip(step.out_ids, outs):
                values[i] = v
            if step.is_layer and first_val is not None and op.supports_masking:
                custom = type(op).compute_mask is not Layer.compute_mask
                if step.nested:
                    if prev_mask is None and not op._kx_owns_masks():
                        continue
                    # A model used as a layer: take the output masks its run just computed.
                    found, flat_m = _masking.recall(op, first_val)
                    if not found:
                        flat_m = _masking.flat_or_none(op.compute_mask(first_val, prev_mask))
                    for i, m in zip(step.out_ids, flat_m or ()):
                        if m is not None:
                            masks[i] = m
                elif prev_mask is not None or custom:
                    out_mask = op.compute_mask(first_val, prev_mask)
                    if out_mask is not None:
                        flat_m = (out_mask if isinstance(out_mask, (list, tuple))
                                  else [out_mask] * len(step.out_ids))
                        for i, m in zip(step.out_ids, flat_m):
                            if m is not None:
                                masks[i] = m
        try:
            flat_out = [values[id(t)] for t in self._flat_outputs]
        except KeyError:
            raise ValueError(
                f"Model {self.name!r}: an output could not be computed from the inputs."
            ) from None
        if key is not None:
            if masks:
                _masking.remember(self, key,
                                  _masking.flat_output_masks(masks, self._flat_outputs))
            else:
                self.__dict__[_masking.CACHE] = None  # forget (inlined: hot path)
        if isinstance(self._outputs_struct, KerasTensor):
            return flat_out[0]
        return tree.pack_sequence_as(self._outputs_struct, flat_out)

    def compute_output_spec(self, inputs, training=None, mask=None):
        flat = self._standardize_inputs(inputs)
        for x, ref in zip(flat, self._flat_inputs):
            if isinstance(x, KerasTensor) and len(x.shape) != len(ref.shape):
                raise ValueError(
                    f"Model {self.name!r}: input of shape {x.shape} is incompatible with the "
                    f"model's input shape {ref.shape}."
                )
            if isinstance(x, KerasTensor):
                for a, b in zip(x.shape, ref.shape):
                    if a is not None and b is not None and a != b:
                        raise ValueError(
                            f"Model {self.name!r}: input of shape {x.shape} is incompatible "
                            f"with the model's expected input shape {ref.shape}."
                        )
        return self._symbolic_run(flat)

    def _symbolic_run(self, flat, mask=None, want_masks=False):
        """Output specs by replaying the graph with each operation's shape rule (no new nodes).

        With ``want_masks``, returns the flat list of output masks (or ``None``) instead.
        """
        return _symbolic.symbolic_run(self, flat, mask, want_masks)

    _kx_model_masks = True

    def _kx_owns_masks(self):
        owns = self.__dict__.get("_kx_owns")
        if owns is None:
            owns = self.__dict__["_kx_owns"] = _masking.owns_masks(self._flat_outputs)
        return owns

    def _prepare_fast_path(self):
        super()._prepare_fast_path()
        _masking.lower_mask_mode(self)

    def compute_mask(self, inputs, mask=None):
        """The Keras masks of the model's outputs for ``inputs`` (and their ``mask``).

        Returns ``None`` when no output is masked, else masks arranged like the outputs.
        Right after a call on the same ``inputs`` it returns the masks that call computed
        (no second run); on symbolic inputs it follows the graph's mask rules.
        """
        found, flat_masks = _masking.recall(self, inputs)
        if found:
            return None if flat_masks is None else _masking.pack_masks(self._outputs_struct,
                                                                       flat_masks)
        if any(isinstance(x, KerasTensor) for x in tree.flatten(inputs)):
            flat_masks = self._symbolic_run(self._standardize_inputs(inputs), mask, True)
            return _masking.pack_masks(self._outputs_struct, flat_masks)
        self._run(self._standardize_inputs(inputs), mask, inputs)
        _, flat_masks = _masking.recall(self, inputs)
        return _masking.pack_masks(self._outputs_struct, flat_masks)

    def compute_output_shape(self, input_shape):
        specs = _graph.flat_keras_tensors(self._outputs_struct)
        if isinstance(self._outputs_struct, KerasTensor):
            return specs[0].shape
        return tree.map_structure(lambda t: t.shape, self._outputs_struct)

    # ---- config -------------------------------------------------------------------
    def get_build_config(self):
        return {"input_shape": None}

    def build_from_config(self, config):
        self.built = True

    def get_config(self):
        return functional_get_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return functional_from_config(cls, config, custom_objects=custom_objects)


_DTYPE_NAMES = {}


def _dtype_name(dt):
    try:
        return _DTYPE_NAMES[dt]
    except (KeyError, TypeError):
        try:
            name = dtypes.standardize_dtype(dt)
        except ValueError:
            return None
        try:
            _DTYPE_NAMES[dt] = name
        except TypeError:
            pass
        return name


# One substitution routine for the eager and the symbolic graph runs.
_substitute = _symbolic._substitute
