"""``BatchNormalization``: normalizes with batch statistics in training, moving ones otherwise."""

from kerasx import config, initializers, ops
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer
from kerasx.layers.normalization import _norm_utils as nu


class BatchNormalization(Layer):
    """Normalizes inputs per feature: ``gamma * (x - mean) / sqrt(var + epsilon) + beta``.

    With ``training=True`` (and a trainable layer) ``mean``/``var`` are the batch
    moments over every axis except ``axis``, and the moving statistics are updated:
    ``moving = moving * momentum + batch * (1 - momentum)``. Otherwise (inference,
    or ``trainable=False`` — a frozen layer always runs in inference mode) the
    moving statistics are used.

    Args:
        axis: int or list of ints, the feature axis/axes (default -1).
        momentum: momentum of the moving averages (default 0.99).
        epsilon: small float added to the variance (default 1e-3).
        center / scale: whether to add ``beta`` / multiply by ``gamma``.
        beta_initializer, gamma_initializer, moving_mean_initializer,
        moving_variance_initializer: initializers.
        beta_regularizer / gamma_regularizer, beta_constraint / gamma_constraint.
        synchronized: average the batch moments across replicas (a no-op on one device).

    Call args:
        inputs: tensor of rank >= 1.
        training: bool, whether to use (and update) batch statistics.
        mask: optional boolean tensor of the input's shape without the feature
            axis; masked positions do not count in the batch statistics.

    Weights (Keras order): ``gamma``, ``beta``, ``moving_mean``, ``moving_variance``.

    Example:
        >>> bn = BatchNormalization()
        >>> y = bn(np.random.rand(8, 4).astype("float32"), training=True)
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, synchronized=False, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, **kwargs):
        super().__init__(**kwargs)
        cls = type(self).__name__
        self.axis = axis if isinstance(axis, int) else list(axis)
        self._axes = nu.as_axis_list(axis, self.name, cls)
        if not isinstance(momentum, (int, float)) or not 0.0 <= momentum <= 1.0:
            raise ValueError(f"{cls} {self.name!r}: momentum must be a float in [0, 1], got "
                             f"momentum={momentum!r}.")
        if not isinstance(epsilon, (int, float)) or epsilon < 0:
            raise ValueError(f"{cls} {self.name!r}: epsilon must be a non-negative float, got "
                             f"epsilon={epsilon!r}.")
        if renorm:
            raise ValueError(f"{cls} {self.name!r}: renorm=True (batch renormalization) is not "
                             "supported by kerasx; pass renorm=False.")
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = bool(center)
        self.scale = bool(scale)
        self.synchronized = bool(synchronized)
        self.renorm = False
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = float(renorm_momentum)
        nu.set_gamma_beta_args(self, beta_initializer, gamma_initializer, beta_regularizer,
                               gamma_regularizer, beta_constraint, gamma_constraint)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        cls = type(self).__name__
        self._axes = nu.resolve_axes(nu.as_axis_list(self.axis, self.name, cls), rank,
                                     self.name, cls)
        pshape = []
        for a in self._axes:
            if input_shape[a] is None:
                raise ValueError(f"{cls} {self.name!r}: axis {a} of the input must be known, got "
                                 f"input shape {tuple(input_shape)}.")
            pshape.append(int(input_shape[a]))
        pshape = tuple(pshape)
        nu.add_gamma_beta(self, pshape, self.scale, self.center)
        self.moving_mean = self.add_weight(name="moving_mean", shape=pshape,
                                           initializer=self.moving_mean_initializer,
                                           trainable=False, autocast=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=pshape,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False, autocast=False)
        self._reduction_axes = [i for i in range(rank) if i not in self._axes]
        self.input_spec = InputSpec(ndim=rank, axes={a: input_shape[a] for a in self._axes})

    def _moments(self, x, mask):
        axes = self._reduction_axes
        if mask is None:
            return ops.moments(x, axes, keepdims=True, synchronized=self.synchronized)
        w = ops.cast(mask, x.dtype)
        while len(w.shape) < len(x.shape):
            w = ops.expand_dims(w, axis=-1)
        count = ops.sum(w, axis=axes, keepdims=True) + config.epsilon()
        mean = ops.sum(w * x, axis=axes, keepdims=True) / count
        var = ops.sum(w * ops.square(x - mean), axis=axes, keepdims=True) / count
        return mean, var

    def call(self, inputs, training=None, mask=None):
        x, low = nu.upcast(inputs)
        rank = len(x.shape)
        if training and self.trainable:
            mean, var = self._moments(x, mask)
            flat_mean = ops.reshape(mean, ops.shape(self.moving_mean))
            flat_var = ops.reshape(var, ops.shape(self.moving_variance))
            m = self.momentum
            for var_, stat in ((self.moving_mean, flat_mean), (self.moving_variance, flat_var)):
                var_.assign(var_ * m + ops.cast(stat, var_.dtype) * (1.0 - m))
        else:
            mean = nu.broadcast_param(ops.cast(self.moving_mean, x.dtype), rank, self._axes)
            var = nu.broadcast_param(ops.cast(self.moving_variance, x.dtype), rank, self._axes)
        inv = ops.rsqrt(var + self.epsilon)
        if self.gamma is not None:
            inv = inv * nu.broadcast_param(ops.cast(self.gamma, x.dtype), rank, self._axes)
        out = (x - mean) * inv
        if self.beta is not None:
            out = out + nu.broadcast_param(ops.cast(self.beta, x.dtype), rank, self._axes)
        return nu.downcast(out, low)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config_ = super().get_config()
        config_.update({
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            **nu.gamma_beta_config(self, ("moving_mean", "moving_variance")),
            "synchronized": self.synchronized,
            "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        })
        return config_
