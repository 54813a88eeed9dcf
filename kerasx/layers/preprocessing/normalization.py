"""``Normalization``: shifts and scales features by a mean and variance (given or adapted)."""

import numpy as np

from kerasx import config, ops
from kerasx.layers.layer import Layer
from kerasx.layers.preprocessing._base import iter_adapt_batches


class Normalization(Layer):
    """Normalizes inputs to ``(x - mean) / sqrt(variance)`` per feature along ``axis``.

    The statistics are passed as ``mean``/``variance`` or computed by ``adapt(data)``
    and kept as the non-trainable weights ``mean``, ``variance`` and ``count`` (the
    number of adapted samples), as in Keras 3.
    The standard deviation is floored at ``kerasx.config.epsilon()``.

    Args:
        axis: int, tuple of ints or None: the axes that keep their own statistics
            (default -1, one mean per feature); None means one scalar mean/variance.
        mean, variance: optional statistics (scalars or arrays broadcastable to the
            kept axes); both or neither.
        invert: apply the inverse transform ``mean + x * sqrt(variance)``.

    Example:
        >>> layer = Normalization()
        >>> layer.adapt(np.array([[0., 7.], [2., 9.]]))
        >>> layer(np.array([[0., 7.]]))   # [[-1., -1.]]
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        elif isinstance(axis, (list, tuple)) and all(isinstance(a, int) for a in axis):
            axis = tuple(axis)
        else:
            raise ValueError(f"Normalization {self.name!r}: axis must be an int, a tuple of "
                             f"ints or None, got {axis!r}.")
        if (mean is None) != (variance is None):
            raise ValueError(f"Normalization {self.name!r}: pass both mean and variance or "
                             f"neither; got mean={mean!r}, variance={variance!r}.")
        self.axis = axis
        self.input_mean = mean
        self.input_variance = variance
        self.invert = bool(invert)
        self.supports_masking = True

    def _axes(self, ndim):
        keep = []
        for a in self.axis:
            if not -ndim <= a < ndim:
                raise ValueError(f"Normalization {self.name!r}: axis {a} is out of range for "
                                 f"inputs of rank {ndim}.")
            keep.append(a % ndim)
        if 0 in keep and ndim > 1:
            raise ValueError(f"Normalization {self.name!r}: axis may not include the batch "
                             f"axis 0, got {self.axis!r}.")
        return tuple(sorted(keep))

    def build(self, input_shape):
        ndim = len(input_shape)
        self._keep = self._axes(ndim)
        for a in self._keep:
            if input_shape[a] is None:
                raise ValueError(f"Normalization {self.name!r}: the kept axis {a} must have a "
                                 f"known size, got input shape {tuple(input_shape)}.")
        self._ndim = ndim
        stat_shape = tuple(input_shape[a] for a in self._keep)
        self._bcast = tuple(input_shape[d] if d in self._keep else 1 for d in range(ndim))
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=stat_shape,
                                              initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=stat_shape,
                                                  initializer="ones", trainable=False)
            # the number of adapted samples; kept for compatibility with Keras weight files
            self.count = self.add_weight(name="count", shape=(), dtype="int64",
                                         initializer="zeros", trainable=False)
        else:
            self._mean_const = np.broadcast_to(
                np.asarray(self.input_mean, "float64"), stat_shape).reshape(self._bcast)
            self._var_const = np.broadcast_to(
                np.asarray(self.input_variance, "float64"), stat_shape).reshape(self._bcast)

    def _stats(self, dtype):
        if self.input_mean is None:
            mean = ops.reshape(self.adapt_mean.value, self._bcast)
            var = ops.reshape(self.adapt_variance.value, self._bcast)
            return ops.cast(mean, dtype), ops.cast(var, dtype)
        return (ops.convert_to_tensor(self._mean_const.astype(dtype)),
                ops.convert_to_tensor(self._var_const.astype(dtype)))

    def call(self, inputs):
        dtype = self.compute_dtype
        x = ops.cast(inputs, dtype)
        mean, var = self._stats(dtype)
        std = ops.maximum(ops.sqrt(var), config.epsilon())
        if self.invert:
            return mean + x * std
        return (x - mean) / std

    def adapt(self, data, batch_size=None, steps=None):
        """Computes the mean and variance of ``data`` over the non-kept axes.

        Args:
            data: NumPy array, tensor, ``tf.data.Dataset`` or iterable of batches.
            batch_size: unused (accepted for Keras compatibility).
            steps: number of batches to read from an iterable.
        """
        if self.input_mean is not None:
            raise ValueError(f"Normalization {self.name!r}: adapt() cannot be used when mean "
                             "and variance were passed to the constructor.")
        total = total_sq = None
        count = 0
        for batch in iter_adapt_batches(data, steps, f"Normalization {self.name!r}"):
            batch = np.asarray(batch, "float64")
            if batch.ndim == 0:
                batch = batch.reshape(1)
            if not self.built:
                self.build(tuple(None if i == 0 else d for i, d in enumerate(batch.shape)))
            if batch.ndim != self._ndim:
                raise ValueError(f"Normalization {self.name!r}: adapt data has rank "
                                 f"{batch.ndim}, but the layer was built for rank {self._ndim}.")
            reduce = tuple(d for d in range(batch.ndim) if d not in self._keep)
            s = batch.sum(axis=reduce)
            s2 = np.square(batch).sum(axis=reduce)
            n = int(np.prod([batch.shape[d] for d in reduce])) if reduce else 1
            total = s if total is None else total + s
            total_sq = s2 if total_sq is None else total_sq + s2
            count += n
        if count == 0:
            raise ValueError(f"Normalization {self.name!r}: adapt() received no data.")
        mean = total / count
        var = np.maximum(total_sq / count - np.square(mean), 0.0)
        self.adapt_mean.assign(mean.astype(self.adapt_mean.dtype))
        self.adapt_variance.assign(var.astype(self.adapt_variance.dtype))
        self.count.assign(np.asarray(count, dtype=self.count.dtype))

    def finalize_state(self):
        """No-op kept for Keras compatibility (statistics are read at call time)."""

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config_ = super().get_config()

        def _plain(v):
            return np.asarray(v).tolist() if v is not None else None
        config_.update({"axis": self.axis, "invert": self.invert,
                        "mean": _plain(self.input_mean), "variance": _plain(self.input_variance)})
        return config_

    @classmethod
    def from_config(cls, config_):
        config_ = dict(config_)
        if isinstance(config_.get("axis"), list):
            config_["axis"] = tuple(config_["axis"])
        return cls(**config_)
