"""``PReLU``: leaky ReLU whose negative slope ``alpha`` is learned."""

from kerasx import constraints, initializers, ops, regularizers
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class PReLU(Layer):
    """Parametric ReLU: ``f(x) = x if x >= 0 else alpha * x`` with a learned ``alpha``.

    Args:
        alpha_initializer: initializer of ``alpha`` (default zeros).
        alpha_regularizer / alpha_constraint.
        shared_axes: axes (1-based, the batch axis excluded) along which ``alpha``
            is shared, e.g. ``[1, 2]`` for one slope per channel of an image.

    Weights: ``alpha`` of the input shape without the batch axis, 1 on shared axes.

    Example:
        >>> PReLU(shared_axes=[1])(np.ones((2, 5, 3), "float32")).shape
        (2, 5, 3)
    """

    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        else:
            axes = [shared_axes] if isinstance(shared_axes, int) else list(shared_axes)
            if not all(isinstance(a, int) and not isinstance(a, bool) for a in axes):
                raise ValueError(f"PReLU {self.name!r}: shared_axes must be an int or a list of "
                                 f"ints, got shared_axes={shared_axes!r}.")
            self.shared_axes = axes
        self.supports_masking = True

    def build(self, input_shape):
        rank = len(input_shape)
        shape = list(input_shape[1:])
        for a in self.shared_axes or []:
            if not 1 <= a < rank and not -rank < a < 0:
                raise ValueError(f"PReLU {self.name!r}: shared_axes entry {a} is out of range for "
                                 f"an input of shape {tuple(input_shape)} (use 1..{rank - 1}).")
            shape[(a % rank) - 1] = 1
        if any(d is None for d in shape):
            raise ValueError(f"PReLU {self.name!r}: non-shared axes must have known sizes, got "
                             f"input shape {tuple(input_shape)}; share the unknown axes with "
                             "shared_axes.")
        self.alpha = self.add_weight(name="alpha", shape=tuple(shape),
                                     initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer,
                                     constraint=self.alpha_constraint)
        axes = {i: input_shape[i] for i in range(1, rank) if shape[i - 1] != 1}
        self.input_spec = InputSpec(ndim=rank, axes=axes)

    def call(self, inputs):
        alpha = ops.cast(self.alpha, inputs.dtype)
        return ops.relu(inputs) - alpha * ops.relu(-inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "alpha_initializer": initializers.serialize(self.alpha_initializer),
            "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
            "alpha_constraint": constraints.serialize(self.alpha_constraint),
            "shared_axes": self.shared_axes,
        })
        return config
