"""``Embedding``: maps integer indices to dense vectors."""

from kerasx import constraints, initializers, ops, regularizers
from kerasx.layers.layer import KNOWN_TENSOR_TYPES, Layer, dtype_name


def _positive_int(value, arg, name):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        try:
            ok = int(value) == value and int(value) > 0 and not isinstance(value, bool)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError(f"Embedding {name!r}: {arg} must be a positive integer, got "
                             f"{arg}={value!r}.")
    return int(value)


class Embedding(Layer):
    """Turns integer indices into dense vectors: ``output[..., :] = embeddings[index]``.

    Args:
        input_dim: vocabulary size (largest index + 1).
        output_dim: size of each vector.
        embeddings_initializer: initializer of the ``(input_dim, output_dim)`` matrix
            (default ``"uniform"``, i.e. uniform in [-0.05, 0.05]).
        embeddings_regularizer / embeddings_constraint / activity_regularizer.
        mask_zero: whether index 0 is padding; the layer then outputs a mask
            ``inputs != 0`` that later layers (RNNs, attention...) consume.
        weights: optional list holding the initial ``(input_dim, output_dim)`` matrix.
        input_length: Keras 2 argument, accepted (it sets the input shape).

    Weights: ``embeddings`` of shape ``(input_dim, output_dim)``.

    Example:
        >>> Embedding(10, 3)(np.array([[1, 2, 0]])).shape
        (1, 3, 3)
    """

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False,
                 weights=None, lora_rank=None, lora_alpha=None, quantization_config=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.input_dim = _positive_int(input_dim, "input_dim", self.name)
        self.output_dim = _positive_int(output_dim, "output_dim", self.name)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = bool(mask_zero)
        self.supports_masking = self.mask_zero
        self.autocast = False
        if quantization_config is not None:
            raise ValueError(f"Embedding {self.name!r}: quantization_config is not supported by "
                             "kerasx; pass quantization_config=None.")
        if lora_rank:
            raise ValueError(f"Embedding {self.name!r}: lora_rank={lora_rank!r} (LoRA) is not "
                             "supported by kerasx; pass lora_rank=None.")
        if weights is not None:
            self.build(None)
            if not isinstance(weights, (list, tuple)):
                weights = [weights]
            if len(weights) != 1:
                raise ValueError(f"Embedding {self.name!r}: weights must be a list with one "
                                 f"array of shape ({self.input_dim}, {self.output_dim}), got "
                                 f"{len(weights)} arrays.")
            shape = tuple(getattr(weights[0], "shape", ()))
            if shape != (self.input_dim, self.output_dim):
                raise ValueError(f"Embedding {self.name!r}: weights[0] must have shape "
                                 f"({self.input_dim}, {self.output_dim}), got {shape}.")
            self.embeddings.assign(weights[0])

    def build(self, input_shape=None):
        self.embeddings = self.add_weight(name="embeddings",
                                          shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint)

    def call(self, inputs):
        # Backend tensors (the eager case) give their dtype name without an op call.
        known = type(inputs) in KNOWN_TENSOR_TYPES
        name = dtype_name(inputs.dtype) if known else ops.dtype(inputs)
        if not name.startswith(("int", "uint")):
            inputs = ops.cast(inputs, "int32")
        out = ops.take(self.embeddings, inputs, axis=0)
        want = self.compute_dtype
        if type(out) in KNOWN_TENSOR_TYPES and dtype_name(out.dtype) == want:
            return out
        return ops.cast(out, want)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "quantization_config": None,
        })
        return config
