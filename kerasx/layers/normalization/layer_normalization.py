"""``LayerNormalization``: normalizes each sample over its feature axes."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.normalization import _norm_utils as nu


class LayerNormalization(Layer):
    """Normalizes each sample: ``gamma * (x - mean) / sqrt(var + epsilon) + beta``.

    ``mean`` and ``var`` are taken over ``axis`` per sample. With
    ``rms_scaling=True`` the output is ``x / sqrt(mean(x**2) + epsilon) * gamma``
    (no centering, no ``beta``).

    Args:
        axis: int or list of ints, the axes normalized (default -1).
        epsilon: small float added to the variance (default 1e-3).
        center / scale: whether to add ``beta`` / multiply by ``gamma``.
        rms_scaling: use root-mean-square scaling instead (ignores ``center``).
        beta_initializer / gamma_initializer, beta_regularizer / gamma_regularizer,
        beta_constraint / gamma_constraint.

    Weights: ``gamma`` (when ``scale`` or ``rms_scaling``), ``beta`` (when
    ``center`` and not ``rms_scaling``), each of the normalized axes' shape.

    Example:
        >>> LayerNormalization()(np.random.rand(2, 5).astype("float32")).shape
        (2, 5)
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, **kwargs):
        super().__init__(**kwargs)
        cls = type(self).__name__
        self.axis = nu.as_axis_list(axis, self.name, cls)
        if not isinstance(epsilon, (int, float)) or epsilon < 0:
            raise ValueError(f"{cls} {self.name!r}: epsilon must be a non-negative float, got "
                             f"epsilon={epsilon!r}.")
        self.epsilon = float(epsilon)
        self.center = bool(center)
        self.scale = bool(scale)
        self.rms_scaling = bool(rms_scaling)
        nu.set_gamma_beta_args(self, beta_initializer, gamma_initializer, beta_regularizer,
                               gamma_regularizer, beta_constraint, gamma_constraint)
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape):
        cls = type(self).__name__
        rank = len(input_shape)
        self._axes = nu.resolve_axes(self.axis, rank, self.name, cls)
        pshape = []
        for a in self.axis:
            if input_shape[a] is None:
                raise ValueError(f"{cls} {self.name!r}: axis {a} of the input must be known, got "
                                 f"input shape {tuple(input_shape)}.")
            pshape.append(int(input_shape[a]))
        # Weights follow the order of ``axis`` as given; sorted axes index the broadcast.
        self._perm = sorted(range(len(self.axis)), key=lambda i: self.axis[i] % rank)
        pshape = tuple(pshape)
        # Weights over the trailing axes in their own order: one ops.layer_normalization call
        # (a fused kernel where the backend has one) computes the same formula.
        self._fused = (not self.rms_scaling and self._perm == list(range(len(self.axis)))
                       and self._axes == list(range(rank - len(self._axes), rank)))
        nu.add_gamma_beta(self, pshape, scale=self.scale or self.rms_scaling,
                          center=self.center and not self.rms_scaling)

    def _param(self, p, x):
        p = ops.cast(p, x.dtype)
        if self._perm != list(range(len(self._perm))):
            p = ops.transpose(p, self._perm)
        return nu.broadcast_param(p, len(x.shape), self._axes)

    def call(self, inputs):
        x, low = nu.upcast(inputs)
        if getattr(self, "_fused", False):
            out = ops.layer_normalization(x, self.gamma, self.beta, axis=self._axes,
                                          epsilon=self.epsilon)
            return out if low is None else ops.cast(out, low)
        if self.rms_scaling:
            ms = ops.mean(ops.square(x), axis=self._axes, keepdims=True)
            out = x * ops.rsqrt(ms + self.epsilon)
            if self.gamma is not None:
                out = out * self._param(self.gamma, x)
            return nu.downcast(out, low)
        mean, var = ops.moments(x, self._axes, keepdims=True)
        inv = ops.rsqrt(var + self.epsilon)
        if self.gamma is not None:
            inv = inv * self._param(self.gamma, x)
        out = (x - mean) * inv
        if self.beta is not None:
            out = out + self._param(self.beta, x)
        return nu.downcast(out, low)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": list(self.axis),
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            **nu.gamma_beta_config(self),
        })
        return config
