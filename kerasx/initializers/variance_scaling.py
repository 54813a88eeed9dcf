"""VarianceScaling and its presets: GlorotUniform/Normal, HeUniform/Normal, LecunUniform/Normal."""

import math

from kerasx import random as krandom
from kerasx.initializers.initializer import compute_fans, float_dtype, standardize_shape
from kerasx.initializers.random_initializers import RandomInitializer

_MODES = ("fan_in", "fan_out", "fan_avg")
_DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")
# Standard deviation of a unit normal truncated to [-2, 2]; dividing by it keeps the
# requested variance after truncation.
_TRUNCATED_STDDEV = 0.87962566103423978


class VarianceScaling(RandomInitializer):
    """Scales the spread of its draws to the weight's fan-in / fan-out.

    With ``n`` the fan selected by ``mode`` (``fan_in``, ``fan_out`` or their
    average ``fan_avg``), draws have variance ``scale / n``: from a truncated
    normal (stddev ``sqrt(scale / n) / .87962566103423978``), an untruncated
    normal (stddev ``sqrt(scale / n)``) or a uniform on ``[-limit, limit]`` with
    ``limit = sqrt(3 * scale / n)``.

    Args:
        scale: positive scaling factor (default 1.0).
        mode: "fan_in" (default), "fan_out" or "fan_avg".
        distribution: "truncated_normal" (default; "normal" is accepted as an
            alias), "untruncated_normal" or "uniform".
        seed: None, an int or a SeedGenerator.
        input_axes: optional list of axes whose sizes multiply to the fan-in.
        output_axes: optional list of axes whose sizes multiply to the fan-out.
            Both must be given to take effect (as in Keras); otherwise the fans
            are computed from the shape as ``compute_fans`` does.

    Raises:
        ValueError: for a non-positive scale, an unknown mode/distribution, or
            axes outside the weight's rank.

    Example:
        >>> init = kerasx.initializers.VarianceScaling(2.0, "fan_in", "uniform", seed=0)
        >>> w = init((128, 64))
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        if not isinstance(scale, (int, float)) or isinstance(scale, bool) or scale <= 0.0:
            raise ValueError(
                f"VarianceScaling: scale must be a positive float, got scale={scale!r}."
            )
        mode = str(mode).lower()
        if mode not in _MODES:
            raise ValueError(f"VarianceScaling: mode must be one of {_MODES}, got mode={mode!r}.")
        distribution = str(distribution).lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in _DISTRIBUTIONS:
            raise ValueError(
                f"VarianceScaling: distribution must be one of {_DISTRIBUTIONS}, "
                f"got distribution={distribution!r}."
            )
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = _axes_list(input_axes, "input_axes", type(self).__name__)
        self.output_axes = _axes_list(output_axes, "output_axes", type(self).__name__)
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        who = type(self).__name__
        shape = standardize_shape(shape, who)
        dtype = float_dtype(dtype, who)
        fan_in, fan_out = compute_fans(shape)
        if self.input_axes is not None and self.output_axes is not None:
            # As in Keras, the axes take effect only when both lists are given.
            fan_in = _axes_size(shape, self.input_axes, "input_axes", who)
            fan_out = _axes_size(shape, self.output_axes, "output_axes", who)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        variance = self.scale / max(1.0, fan)
        seed = self._next_seed()
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(variance) / _TRUNCATED_STDDEV
            return krandom.truncated_normal(shape, mean=0.0, stddev=stddev, dtype=dtype, seed=seed)
        if self.distribution == "untruncated_normal":
            return krandom.normal(shape, mean=0.0, stddev=math.sqrt(variance), dtype=dtype, seed=seed)
        limit = math.sqrt(3.0 * variance)
        return krandom.uniform(shape, minval=-limit, maxval=limit, dtype=dtype, seed=seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                **super().get_config(), "input_axes": self.input_axes,
                "output_axes": self.output_axes}


def _axes_list(axes, name, who):
    if axes is None:
        return None
    if isinstance(axes, int) and not isinstance(axes, bool):
        axes = [axes]
    try:
        axes = [int(a) for a in axes]
    except (TypeError, ValueError):
        raise ValueError(f"{who}: {name} must be None or a list of ints, got {name}={axes!r}.") from None
    return axes


def _axes_size(shape, axes, name, who):
    rank = len(shape)
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(
                f"{who}: {name}={axes} is out of range for a weight of shape {shape} (rank {rank})."
            )
    return math.prod(shape[a] for a in axes)


class _Preset(VarianceScaling):
    """A VarianceScaling with fixed scale/mode/distribution; its config holds the seed and axes."""

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        super().__init__(scale=self._SCALE, mode=self._MODE, distribution=self._DISTRIBUTION,
                         seed=seed, input_axes=input_axes, output_axes=output_axes)

    def get_config(self):
        return {**RandomInitializer.get_config(self), "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class GlorotUniform(_Preset):
    """Xavier uniform: uniform on [-limit, limit], ``limit = sqrt(6 / (fan_in + fan_out))``.

    Example:
        >>> kerasx.initializers.GlorotUniform(seed=0)((64, 32))
    """

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_avg", "uniform"


class GlorotNormal(_Preset):
    """Xavier normal: truncated normal with ``stddev = sqrt(2 / (fan_in + fan_out))``.

    Example:
        >>> kerasx.initializers.GlorotNormal(seed=0)((64, 32))
    """

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_avg", "truncated_normal"


class HeUniform(_Preset):
    """He uniform: uniform on [-limit, limit], ``limit = sqrt(6 / fan_in)``.

    Example:
        >>> kerasx.initializers.HeUniform(seed=0)((64, 32))
    """

    _SCALE, _MODE, _DISTRIBUTION = 2.0, "fan_in", "uniform"


class HeNormal(_Preset):
    """He normal: truncated normal with ``stddev = sqrt(2 / fan_in)``.

    Example:
        >>> kerasx.initializers.HeNormal(seed=0)((64, 32))
    """

    _SCALE, _MODE, _DISTRIBUTION = 2.0, "fan_in", "truncated_normal"


class LecunUniform(_Preset):
    """LeCun uniform: uniform on [-limit, limit], ``limit = sqrt(3 / fan_in)``.

    Example:
        >>> kerasx.initializers.LecunUniform(seed=0)((64, 32))
    """

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_in", "uniform"


class LecunNormal(_Preset):
    """LeCun normal: truncated normal with ``stddev = sqrt(1 / fan_in)``.

    Example:
        >>> kerasx.initializers.LecunNormal(seed=0)((64, 32))
    """

    _SCALE, _MODE, _DISTRIBUTION = 1.0, "fan_in", "truncated_normal"
