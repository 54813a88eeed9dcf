"""Base of the random augmentation layers: seed handling, factor parsing, batching,
and the affine-transform path shared by rotation, zoom and translation."""

import math

from kerasx import ops, random
from kerasx.layers.layer import Layer
from kerasx.layers.preprocessing import _image_utils as iu
from kerasx.random.seed_generator import SeedGenerator


def parse_factor(layer, arg, factor, bound=None):
    """``(lower, upper)`` from a float ``f`` (-> ``(-f, f)``) or a pair."""
    label = f"{type(layer).__name__} {layer.name!r}"
    if isinstance(factor, (int, float)) and not isinstance(factor, bool):
        lower, upper = -abs(float(factor)), abs(float(factor))
    elif isinstance(factor, (list, tuple)) and len(factor) == 2 and all(
            isinstance(f, (int, float)) and not isinstance(f, bool) for f in factor):
        lower, upper = float(factor[0]), float(factor[1])
    else:
        raise ValueError(f"{label}: {arg} must be a float or a tuple (lower, upper), got "
                         f"{factor!r}.")
    if lower > upper:
        raise ValueError(f"{label}: {arg} lower bound {lower} is larger than the upper bound "
                         f"{upper}.")
    if bound is not None and (lower < bound[0] or upper > bound[1]):
        raise ValueError(f"{label}: {arg} must lie in [{bound[0]}, {bound[1]}], got {factor!r}.")
    return lower, upper


class BaseAugmentation(Layer):
    """Random augmentation: active when ``training`` is True (Keras's default for a
    direct call); the identity (a cast to the compute dtype) when ``training=False``,
    as in ``predict``/``evaluate``. ``seed`` makes the draws reproducible."""

    def __init__(self, seed=None, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)
        self.data_format = iu.data_format(self, data_format)

    def call(self, inputs, training=True):
        x = ops.cast(inputs, self.compute_dtype)
        iu.hw_axes(len(x.shape), self.data_format, self)
        if not training:
            return self._inference(x)
        unbatched = len(x.shape) == 3
        if unbatched:
            x = ops.expand_dims(x, 0)
        y = self._augment(x)
        return ops.squeeze(y, 0) if unbatched else y

    def _inference(self, x):
        return x

    def _batch(self, x):
        """The batch size: an int, or a scalar tensor when it is only known at run time
        (for example inside ``tf.data`` pipelines)."""
        shape = ops.shape(x)
        if shape[0] is not None:
            return shape[0]
        rest = shape[1:]
        if any(d is None for d in rest):
            raise ValueError(f"{type(self).__name__} {self.name!r}: the image height, width "
                             f"and channels must be known, got shape {tuple(shape)}.")
        per_item = 1
        for d in rest:
            per_item *= d
        return ops.size(x) // per_item

    def _hw(self, x):
        ha, wa = iu.hw_axes(4, self.data_format, self)
        shape = ops.shape(x)
        return self._batch(x), shape[ha], shape[wa]

    def _uniform(self, batch, lower, upper):
        return random.uniform((batch,), minval=lower, maxval=upper, dtype="float32",
                              seed=self.seed_generator)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"seed": self.seed, "data_format": self.data_format})
        return config


class BaseAffineAugmentation(BaseAugmentation):
    """Augmentations computed as one projective transform per image."""

    def __init__(self, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0,
                 data_format=None, **kwargs):
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        self.fill_mode = iu.check_choice(self, "fill_mode", fill_mode, iu.FILL_MODES)
        self.interpolation = iu.check_choice(self, "interpolation", interpolation,
                                             iu.AFFINE_INTERPOLATIONS)
        self.fill_value = fill_value

    def _augment(self, x):
        batch, h, w = self._hw(x)
        transform = self._transform(batch, float(h), float(w))
        return ops.image.affine_transform(
            x, transform, interpolation=self.interpolation, fill_mode=self.fill_mode,
            fill_value=self.fill_value, data_format=self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"fill_mode": self.fill_mode, "interpolation": self.interpolation,
                       "fill_value": self.fill_value})
        return config


def stack_transform(cols, like):
    """``(batch, 8)`` transforms from 8 per-image tensors or floats; ``like`` is a
    per-image float tensor giving the batch size."""
    ones = ops.ones_like(like)
    return ops.stack([c if not isinstance(c, (int, float)) else ones * c for c in cols], axis=1)


TWO_PI = 2.0 * math.pi
