"""``SpectralNormalization``: divides a wrapped layer's kernel by its spectral norm."""

from kerasx import initializers, ops
from kerasx.layers._layer_tracking import bump
from kerasx.layers.layer import Layer


def _l2_normalize_all(x):
    return x * ops.rsqrt(ops.maximum(ops.sum(ops.square(x)), 1e-12))


class SpectralNormalization(Layer):
    """Constrains the wrapped layer's kernel to spectral norm ~1 (power iteration).

    In training, ``power_iterations`` steps of the power method refine the
    estimate ``vector_u`` of the kernel's top singular vector, the largest
    singular value ``sigma`` is estimated and the kernel is replaced by
    ``kernel / sigma`` before the wrapped layer runs. At inference the layer runs
    with its current kernel.

    Args:
        layer: a layer with a ``kernel`` (Dense, Conv...) or ``embeddings`` weight.
        power_iterations: positive int (default 1).

    Weights (Keras order): the wrapped ``kernel``, ``vector_u`` of shape
    ``(1, kernel.shape[-1])`` (non-trainable), then the wrapped layer's other weights.

    Example:
        >>> sn = SpectralNormalization(Dense(4))
        >>> sn(np.ones((2, 3), "float32"), training=True).shape
        (2, 4)
    """

    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(layer, Layer):
            raise ValueError(f"SpectralNormalization {self.name!r}: layer must be a kerasx Layer "
                             f"instance, got layer={layer!r}.")
        if isinstance(power_iterations, bool) or not isinstance(power_iterations, int) or \
                power_iterations <= 0:
            raise ValueError(f"SpectralNormalization {self.name!r}: power_iterations must be a "
                             f"positive int, got power_iterations={power_iterations!r}.")
        self.layer = layer
        self.power_iterations = power_iterations

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self._kernel_attr = None
        for attr in ("kernel", "embeddings"):
            if getattr(self.layer, attr, None) is not None:
                self._kernel_attr = attr
                break
        if self._kernel_attr is None:
            raise ValueError(f"SpectralNormalization {self.name!r}: the wrapped layer "
                             f"{type(self.layer).__name__} has no 'kernel' or 'embeddings' "
                             "weight to normalize.")
        kernel = self.kernel
        self.kernel_shape = tuple(kernel.shape)
        # As in Keras, the wrapped kernel is also this layer's own variable, tracked before
        # vector_u: weights are [kernel, vector_u, <other wrapped weights>] and the
        # .weights.h5 group of this layer holds vars/0 = kernel, vars/1 = vector_u.
        own = self._trainable_vars if kernel.trainable else self._non_trainable_vars
        if all(v is not kernel for v in own):
            own.append(kernel)
            bump()
        self.vector_u = self.add_weight(name="vector_u", shape=(1, self.kernel_shape[-1]),
                                        initializer=initializers.TruncatedNormal(stddev=0.02),
                                        trainable=False, dtype=kernel.dtype)

    @property
    def kernel(self):
        """The wrapped layer's kernel (or embeddings) Variable."""
        return getattr(self.layer, self._kernel_attr)

    def normalized_weights(self):
        """Returns ``(new vector_u, kernel / sigma)`` after the power iterations."""
        kernel = ops.convert_to_tensor(self.kernel)
        w = ops.reshape(kernel, (-1, self.kernel_shape[-1]))
        u = ops.convert_to_tensor(self.vector_u)
        v = None
        for _ in range(self.power_iterations):
            v = _l2_normalize_all(ops.matmul(u, ops.transpose(w)))
            u = _l2_normalize_all(ops.matmul(v, w))
        u = ops.stop_gradient(u)
        v = ops.stop_gradient(v)
        sigma = ops.reshape(ops.matmul(ops.matmul(v, w), ops.transpose(u)), ())
        all_zero = ops.all(ops.equal(kernel, 0))
        safe_sigma = ops.where(all_zero, ops.ones_like(sigma), sigma)
        new_u = ops.where(all_zero, ops.convert_to_tensor(self.vector_u), u)
        return new_u, kernel / safe_sigma

    def call(self, inputs, training=False):
        if training:
            new_u, new_kernel = self.normalized_weights()
            self.vector_u.assign(ops.cast(new_u, self.vector_u.dtype))
            self.kernel.assign(ops.cast(new_kernel, self.kernel.dtype))
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        from kerasx.saving.serialization_lib import serialize_keras_object
        config = super().get_config()
        config.update({"layer": serialize_keras_object(self.layer),
                       "power_iterations": self.power_iterations})
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasx.saving.serialization_lib import deserialize_keras_object
        config = dict(config)
        config["layer"] = deserialize_keras_object(config["layer"], custom_objects=custom_objects)
        return super().from_config(config)
