"""``Discretization``: buckets continuous features by boundaries (given or adapted)."""

import numpy as np

from kerasx import ops
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.layer import Layer
from kerasx.layers.preprocessing._base import (ENCODE_MODES, check_mode, encode, encoded_shape,
                                               iter_adapt_batches)


class Discretization(Layer):
    """Maps each value to the index of its bucket: ``x < b[0]`` -> 0,
    ``b[i-1] <= x < b[i]`` -> i, ``x >= b[-1]`` -> ``len(b)``.

    Args:
        bin_boundaries: sorted list of boundaries; or None with ``num_bins`` and ``adapt``.
        num_bins: number of bins ``adapt`` computes (quantiles of the data).
        epsilon: accepted for Keras compatibility (adapt computes exact quantiles, so the
            boundaries can differ slightly from Keras's approximate ones on large data).
        output_mode: "int" (default), "one_hot", "multi_hot" or "count".
        sparse: must be False.

    Example:
        >>> Discretization(bin_boundaries=[0., 1.])(np.array([[-1., 0.5, 2.]]))   # [[0, 1, 2]]
    """

    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
                 sparse=False, dtype=None, name=None, **kwargs):
        if dtype is None:
            dtype = "int64" if output_mode == "int" else None
        super().__init__(dtype=dtype, name=name, **kwargs)
        label = f"Discretization {self.name!r}"
        if bin_boundaries is not None and num_bins is not None and \
                len(bin_boundaries) != num_bins - 1:
            raise ValueError(f"{label}: pass either bin_boundaries or num_bins (or "
                             f"num_bins == len(bin_boundaries) + 1), got {len(bin_boundaries)} "
                             f"boundaries and num_bins={num_bins}.")
        if num_bins is not None and (isinstance(num_bins, bool) or not isinstance(num_bins, int)
                                     or num_bins < 1):
            raise ValueError(f"{label}: num_bins must be a positive int, got {num_bins!r}.")
        if bin_boundaries is not None:
            b = np.asarray(bin_boundaries, "float64").reshape(-1)
            if np.any(np.diff(b) < 0):
                raise ValueError(f"{label}: bin_boundaries must be sorted, got {bin_boundaries!r}.")
            bin_boundaries = b.tolist()
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = check_mode(label, output_mode, ("int",) + ENCODE_MODES)
        if sparse:
            raise ValueError(f"{label}: sparse=True is not supported; use sparse=False.")
        self.sparse = False

    def _depth(self):
        if self.bin_boundaries is not None:
            return len(self.bin_boundaries) + 1
        return self.num_bins

    def call(self, inputs):
        if self.bin_boundaries is None:
            raise ValueError(f"Discretization {self.name!r}: no bin_boundaries; pass them to the "
                             "constructor or call adapt(data) first.")
        x = ops.cast(inputs, "float32")
        idx = ops.digitize(x, ops.convert_to_tensor(np.asarray(self.bin_boundaries, "float32")))
        if self.output_mode == "int":
            return ops.cast(idx, self.compute_dtype)
        return encode(ops.cast(idx, "int32"), self.output_mode, self._depth(),
                      dtype=self.compute_dtype)

    def adapt(self, data, batch_size=None, steps=None):
        """Sets ``bin_boundaries`` to the ``num_bins``-quantiles of ``data``."""
        if self.num_bins is None:
            raise ValueError(f"Discretization {self.name!r}: adapt() needs num_bins (set in the "
                             "constructor).")
        values = [np.asarray(b, "float64").reshape(-1)
                  for b in iter_adapt_batches(data, steps, f"Discretization {self.name!r}")]
        values = np.concatenate(values) if values else np.zeros((0,))
        if values.size == 0:
            raise ValueError(f"Discretization {self.name!r}: adapt() received no data.")
        qs = np.linspace(0.0, 1.0, self.num_bins + 1)[1:-1]
        self.bin_boundaries = np.quantile(values, qs).tolist()

    def finalize_state(self):
        """No-op kept for Keras compatibility."""

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self._depth())

    def compute_output_spec(self, inputs):
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({"bin_boundaries": self.bin_boundaries, "num_bins": self.num_bins,
                       "epsilon": self.epsilon, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config
