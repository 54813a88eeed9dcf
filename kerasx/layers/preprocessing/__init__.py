"""Preprocessing layers: feature normalization/encoding, lookups, text, images and
random augmentation.

Where they run:

- Numeric and image layers (Normalization, Rescaling, Resizing, CenterCrop,
  Discretization, CategoryEncoding, IntegerLookup, the Random* augmentations) use
  ``kerasx.ops``: they work on NumPy arrays, inside models (fit/predict, compiled
  steps) on every backend, and in ``tf.data`` ``Dataset.map`` on the tensorflow backend.
- String layers (StringLookup, TextVectorization, Hashing) run on the host with NumPy
  (string tensors are not portable across backends): give them NumPy/Python strings or
  eager tensors; they return backend tensors. Traced/symbolic inputs (``Dataset.map``,
  jit) raise a ValueError that says to apply them to NumPy batches instead
  (``dataset.as_numpy_iterator()``).
- ``adapt(data)`` accepts NumPy arrays, tensors, lists, ``tf.data.Dataset`` objects and
  any iterable of batches.
- Augmentations are active when ``training`` is True (Keras's default for a direct
  call, and in ``fit``) and the identity with ``training=False`` (``predict``/``evaluate``).
"""

from kerasx.layers.preprocessing.category_encoding import CategoryEncoding
from kerasx.layers.preprocessing.center_crop import CenterCrop
from kerasx.layers.preprocessing.discretization import Discretization
from kerasx.layers.preprocessing.hashing import Hashing
from kerasx.layers.preprocessing.integer_lookup import IntegerLookup
from kerasx.layers.preprocessing.normalization import Normalization
from kerasx.layers.preprocessing.random_brightness import RandomBrightness
from kerasx.layers.preprocessing.random_contrast import RandomContrast
from kerasx.layers.preprocessing.random_crop import RandomCrop
from kerasx.layers.preprocessing.random_flip import RandomFlip
from kerasx.layers.preprocessing.random_rotation import RandomRotation
from kerasx.layers.preprocessing.random_translation import RandomTranslation
from kerasx.layers.preprocessing.random_zoom import RandomZoom
from kerasx.layers.preprocessing.rescaling import Rescaling
from kerasx.layers.preprocessing.resizing import Resizing
from kerasx.layers.preprocessing.string_lookup import StringLookup
from kerasx.layers.preprocessing.text_vectorization import TextVectorization

__all__ = [
    "CategoryEncoding", "CenterCrop", "Discretization", "Hashing", "IntegerLookup",
    "Normalization", "RandomBrightness", "RandomContrast", "RandomCrop", "RandomFlip",
    "RandomRotation", "RandomTranslation", "RandomZoom", "Rescaling", "Resizing",
    "StringLookup", "TextVectorization",
]
