"""``EinsumDense``: a dense layer whose contraction is an einsum equation."""

import re

from kerasx import activations, ops
from kerasx.layers import _kernel_bias as kb
from kerasx.backends import B
from kerasx.layers.layer import Layer

_PLAIN = re.compile(r"^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$")
_LEFT = re.compile(r"^\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)$")
_RIGHT = re.compile(r"^([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]{2,})\.\.\.$")


def _prod(dims):
    out = 1
    for d in dims:
        out *= int(d)
    return out


def _einsum_shapes(name, equation, bias_axes, input_shape, output_shape):
    """Returns (kernel shape, bias shape or None, full output shape) for ``equation``."""
    eq = equation.replace(" ", "")
    for pattern, elision in ((_PLAIN, None), (_LEFT, "left"), (_RIGHT, "right")):
        m = pattern.match(eq)
        if m:
            break
    else:
        raise ValueError(f"EinsumDense {name!r}: invalid equation {equation!r}; expected the form "
                         "'ab,bc->ac', '...b,bc->...c' or 'ab...,bc->ac...' (two operands).")
    in_spec, w_spec, out_spec = m.groups()
    input_shape = list(input_shape)
    elided = len(input_shape) - len(in_spec)
    if elided < 0 or (elision is None and elided != 0):
        raise ValueError(f"EinsumDense {name!r}: the equation {equation!r} expects an input of "
                         f"rank {len(in_spec)}, got input shape {tuple(input_shape)}.")
    outs = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    full = [input_shape[0]] + outs
    if elided > 0 and elision == "left":
        full = [input_shape[0]] + list(input_shape[1:elided]) + outs
    elif elided > 0:
        full = full + list(input_shape[len(input_shape) - elided:])
    if len(full) != len(out_spec) + elided:
        raise ValueError(f"EinsumDense {name!r}: output_shape={output_shape!r} does not match the "
                         f"output '{out_spec}' of equation {equation!r}.")
    if elision == "left":
        in_pos = {c: i + elided for i, c in enumerate(in_spec)}
        out_pos = {c: i + elided for i, c in enumerate(out_spec)}
    else:
        in_pos = {c: i for i, c in enumerate(in_spec)}
        out_pos = {c: i for i, c in enumerate(out_spec)}
    for c in in_spec:
        if c in out_pos:
            a, b = input_shape[in_pos[c]], full[out_pos[c]]
            if a is not None and b is not None and a != b:
                raise ValueError(f"EinsumDense {name!r}: dimension '{c}' is {a} in the input "
                                 f"{tuple(input_shape)} but {b} in output_shape={output_shape!r}.")
            if b is None:
                full[out_pos[c]] = a
    for c in out_spec:
        if c not in in_pos and c not in w_spec:
            raise ValueError(f"EinsumDense {name!r}: output dimension '{c}' of {equation!r} is in "
                             "neither the input nor the weight.")
    kernel = []
    for c in w_spec:
        if c in in_pos:
            kernel.append(input_shape[in_pos[c]])
        elif c in out_pos:
            kernel.append(full[out_pos[c]])
        else:
            raise ValueError(f"EinsumDense {name!r}: weight dimension '{c}' of {equation!r} is in "
                             "neither the input nor the output.")
    if any(d is None for d in kernel):
        raise ValueError(f"EinsumDense {name!r}: the kernel shape {tuple(kernel)} has unknown "
                         f"sizes; give the input shape {tuple(input_shape)} or output_shape.")
    bias = None
    if bias_axes:
        for c in bias_axes:
            if c not in out_spec:
                raise ValueError(f"EinsumDense {name!r}: bias_axes {bias_axes!r} contains '{c}', "
                                 f"which is not in the output '{out_spec}'.")
        first = min(out_spec.find(c) for c in bias_axes)
        bias = [full[out_pos[c]] if c in bias_axes else 1 for c in out_spec[first:]]
        if elision != "left":
            bias += [1] * elided
    return tuple(kernel), None if bias is None else tuple(bias), tuple(full)


def _matmul_plan(equation, kernel_shape):
    """``(contracted, output_dims)`` when ``equation`` is a plain matrix product, else None.

    That is the case when the input is ``free + contracted`` letters, the kernel
    ``contracted + out`` and the output ``free + out`` (e.g. ``"abc,cde->abde"`` or
    ``"...b,bc->...c"``): the einsum is then one ``matmul`` of the input (its contracted axes
    merged) with the kernel reshaped to 2-D.
    """
    eq = equation.replace(" ", "")
    m = _PLAIN.match(eq) or _LEFT.match(eq)
    if m is None:
        return None
    in_spec, w_spec, out_spec = m.groups()
    n = 0
    while n < min(len(in_spec), len(w_spec)) and in_spec[len(in_spec) - 1 - n] in w_spec:
        n += 1
    if n == 0 or n == len(in_spec) and not eq.startswith("..."):
        return None
    free, contracted, out = in_spec[:-n], in_spec[-n:], w_spec[n:]
    letters = free + contracted + out
    if (w_spec[:n] != contracted or out_spec != free + out or len(set(letters)) != len(letters)
            or not out):
        return None
    return n, tuple(kernel_shape[n:])


class EinsumDense(Layer):
    """Dense layer computing ``activation(einsum(equation, inputs, kernel) + bias)``.

    Args:
        equation: ``"ab,bc->ac"``-style string (input, kernel -> output); ``...``
            may stand for leading (``"...b,bc->...c"``) or trailing axes.
        output_shape: int or tuple, the output shape without the batch axis (and
            without elided axes); None entries are taken from the input.
        activation: activation name or function.
        bias_axes: string of output letters receiving a bias, or None.
        kernel_initializer / bias_initializer, kernel_regularizer / bias_regularizer,
        kernel_constraint / bias_constraint.

    Weights: ``kernel`` (the equation's second operand) and ``bias``.

    Example:
        >>> EinsumDense("abc,cd->abd", output_shape=(None, 8))(np.ones((2, 3, 4))).shape
        (2, 3, 8)
    """

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None,
                 gptq_unpacked_column_size=None, quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(equation, str):
            raise ValueError(f"EinsumDense {self.name!r}: equation must be a string, got "
                             f"equation={equation!r}.")
        if isinstance(output_shape, int):
            ok = not isinstance(output_shape, bool) and output_shape > 0
        else:
            ok = isinstance(output_shape, (list, tuple)) and all(
                d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0)
                for d in output_shape)
        if not ok:
            raise ValueError(f"EinsumDense {self.name!r}: output_shape must be an int or a tuple "
                             f"of positive ints/None, got output_shape={output_shape!r}.")
        if quantization_config is not None:
            raise ValueError(f"EinsumDense {self.name!r}: quantization_config is not supported by "
                             "kerasx; pass quantization_config=None.")
        if lora_rank:
            raise ValueError(f"EinsumDense {self.name!r}: lora_rank={lora_rank!r} (LoRA) is not "
                             "supported by kerasx; pass lora_rank=None.")
        self.equation = equation
        self.partial_output_shape = (output_shape if isinstance(output_shape, int)
                                     else tuple(output_shape))
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        kb.set_weight_args(self, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer, kernel_constraint, bias_constraint)
        self.supports_masking = True
        self.bias = None

    def build(self, input_shape):
        kshape, bshape, full = _einsum_shapes(self.name, self.equation, self.bias_axes,
                                              input_shape, self.partial_output_shape)
        self.full_output_shape = full
        self.kernel = kb.add_kernel(self, kshape)
        plan = _matmul_plan(self.equation, kshape)
        self._matmul = plan
        if plan is not None:
            n, outs = plan
            self._contract_size = _prod(kshape[:n])
            self._out_size = _prod(outs)
        if bshape is not None:
            self.bias = kb.add_bias(self, bshape)

    def _project(self, inputs):
        """``einsum(equation, inputs, kernel)``, as one matmul when the equation allows it."""
        plan = getattr(self, "_matmul", None)
        # The matmul form saves per-op dispatch in eager calls; traced steps (jit,
        # tf.function) keep the einsum, which the compilers fuse at least as well.
        if plan is not None and B.core.in_tracing():
            plan = None
        shape = ops.shape(inputs) if plan is not None else None
        if shape is None:
            return ops.einsum(self.equation, inputs, self.kernel)
        n, outs = plan
        lead = list(shape[:len(shape) - n])
        if lead.count(None) > 1:  # a reshape can infer one unknown size only
            return ops.einsum(self.equation, inputs, self.kernel)
        lead = [-1 if d is None else d for d in lead]
        kernel = self.kernel
        if n > 1:
            inputs = ops.reshape(inputs, lead + [self._contract_size])
        if n > 1 or len(outs) > 1:
            kernel = ops.reshape(kernel, (self._contract_size, self._out_size))
        x = ops.matmul(inputs, kernel)
        if len(outs) > 1:
            x = ops.reshape(x, lead + list(outs))
        return x

    def call(self, inputs):
        x = self._project(inputs)
        if self.bias is not None:
            x = x + self.bias
        if self.activation is not None:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape):
        return _einsum_shapes(self.name, self.equation, self.bias_axes, input_shape,
                              self.partial_output_shape)[2]

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            **kb.weight_args_config(self),
            "quantization_config": None,
        })
        return config
