"""``GroupNormalization``: normalizes each sample over groups of channels."""

from kerasx import ops
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer
from kerasx.layers.normalization import _norm_utils as nu


class GroupNormalization(Layer):
    """Splits the channels into ``groups`` and normalizes each group of each sample.

    Statistics are taken over the group's channels and all non-batch axes.
    ``groups == channels`` is instance normalization, ``groups == 1`` is
    layer normalization over all axes; ``groups=-1`` means one group per channel.

    Args:
        groups: positive int dividing the channel count (default 32), or -1.
        axis: the channel axis (default -1).
        epsilon: small float added to the variance (default 1e-3).
        center / scale: whether to add ``beta`` / multiply by ``gamma``.
        beta_initializer / gamma_initializer, beta_regularizer / gamma_regularizer,
        beta_constraint / gamma_constraint.

    Weights: ``gamma``, ``beta`` of shape ``(channels,)``.

    Example:
        >>> GroupNormalization(groups=2)(np.random.rand(2, 5, 4).astype("float32")).shape
        (2, 5, 4)
    """

    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(groups, bool) or not isinstance(groups, int) or (groups <= 0
                                                                        and groups != -1):
            raise ValueError(f"GroupNormalization {self.name!r}: groups must be a positive int "
                             f"or -1, got groups={groups!r}.")
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise ValueError(f"GroupNormalization {self.name!r}: axis must be an int, got "
                             f"axis={axis!r}.")
        self.groups = groups
        self.axis = axis
        self.epsilon = float(epsilon)
        self.center = bool(center)
        self.scale = bool(scale)
        nu.set_gamma_beta_args(self, beta_initializer, gamma_initializer, beta_regularizer,
                               gamma_regularizer, beta_constraint, gamma_constraint)
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        (ax,) = nu.resolve_axes([self.axis], rank, self.name, "GroupNormalization")
        channels = input_shape[ax]
        if channels is None:
            raise ValueError(f"GroupNormalization {self.name!r}: axis {self.axis} of the input "
                             f"must be known, got input shape {tuple(input_shape)}.")
        groups = channels if self.groups == -1 else self.groups
        if groups > channels or channels % groups:
            raise ValueError(f"GroupNormalization {self.name!r}: groups={self.groups} must divide "
                             f"the number of channels ({channels}) and not exceed it; input "
                             f"shape {tuple(input_shape)}.")
        self._ax, self._groups = ax, groups
        nu.add_gamma_beta(self, (channels,), self.scale, self.center)
        self.input_spec = InputSpec(ndim=rank, axes={ax: channels})

    def call(self, inputs):
        x, low = nu.upcast(inputs)
        rank = len(x.shape)
        ax, g = self._ax, self._groups
        shape = ops.shape(x)
        channels = x.shape[ax]
        grouped = ops.reshape(x, tuple(shape[:ax]) + (g, channels // g) + tuple(shape[ax + 1:]))
        axes = [i for i in range(1, rank + 1) if i != ax]
        mean, var = ops.moments(grouped, axes, keepdims=True)
        normed = (grouped - mean) * ops.rsqrt(var + self.epsilon)
        out = ops.reshape(normed, shape)
        if self.gamma is not None:
            out = out * nu.broadcast_param(ops.cast(self.gamma, x.dtype), rank, [ax])
        if self.beta is not None:
            out = out + nu.broadcast_param(ops.cast(self.beta, x.dtype), rank, [ax])
        return nu.downcast(out, low)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "groups": self.groups,
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            **nu.gamma_beta_config(self),
        })
        return config
