"""``Dense``: ``activation(inputs @ kernel + bias)`` over the last axis."""

from kerasx import activations, constraints, initializers, ops, regularizers
from kerasx.backends import B
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import KNOWN_TENSOR_TYPES, Layer


def fused_dense():
    """The backend's ``dense(inputs, kernel, bias=None, contract_dims=1)``, or None.

    ``tensordot(inputs, kernel, contract_dims) + bias`` in one backend call (torch: one
    ``addmm``, the bias fused as in ``torch.nn.Linear``). Backends without it (JAX and
    TensorFlow, whose compilers fuse the pair themselves) use ``matmul`` + ``add``. Looked
    up per call (one attribute read), never cached at import.
    """
    return getattr(B.nn, "dense", None)


class Dense(Layer):
    """Densely-connected layer: ``output = activation(dot(input, kernel) + bias)``.

    Works on inputs of any rank >= 2, contracting the last axis.

    Args:
        units: positive int, the output size.
        activation: activation name or function (None: linear).
        use_bias: whether to add a bias vector.
        kernel_initializer / bias_initializer: initializers.
        kernel_regularizer / bias_regularizer / activity_regularizer: regularizers.
        kernel_constraint / bias_constraint: constraints.

    Example:
        >>> layer = Dense(4, activation="relu")
        >>> layer(np.ones((2, 3))).shape
        (2, 4)
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 lora_rank=None, lora_alpha=None, quantization_config=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            try:
                ok = int(units) == units and int(units) > 0
            except (TypeError, ValueError):
                ok = False
            if not ok:
                raise ValueError(
                    f"Dense {self.name!r}: units must be a positive integer, got units={units!r}."
                )
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        if lora_rank:
            raise ValueError(
                f"Dense {self.name!r}: lora_rank={lora_rank!r} (LoRA) is not supported by kerasx; "
                "pass lora_rank=None."
            )
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                f"Dense {self.name!r}: the last axis of the input must be known to build the "
                f"kernel, got input shape {tuple(input_shape)}."
            )
        self.kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})

    def call(self, inputs):
        fused = getattr(B.nn, "dense", None)  # fused_dense(), inlined: once per call
        if fused is not None and (type(inputs) in KNOWN_TENSOR_TYPES or ops.is_tensor(inputs)):
            x = fused(inputs, self.kernel, self.bias)
        else:
            x = ops.matmul(inputs, self.kernel)
            if self.bias is not None:
                x = ops.add(x, self.bias)
        if self.activation is not None and self.activation is not activations.linear:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        })
        return config
