"""Normalization layers: BatchNormalization, LayerNormalization, GroupNormalization,
UnitNormalization, RMSNormalization, SpectralNormalization."""

from kerasx.layers.normalization.batch_normalization import BatchNormalization  # noqa: F401
from kerasx.layers.normalization.group_normalization import GroupNormalization  # noqa: F401
from kerasx.layers.normalization.layer_normalization import LayerNormalization  # noqa: F401
from kerasx.layers.normalization.rms_normalization import RMSNormalization  # noqa: F401
from kerasx.layers.normalization.spectral_normalization import (  # noqa: F401
    SpectralNormalization)
from kerasx.layers.normalization.unit_normalization import UnitNormalization  # noqa: F401
