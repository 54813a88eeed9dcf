"""``Hashing``: hashes strings or integers into a fixed number of bins."""

import numpy as np

from kerasx import ops
from kerasx.layers.preprocessing._base import (ENCODE_MODES, HostLayer, check_mode, encode,
                                               encoded_shape, is_string_array, to_host)
from kerasx.layers.preprocessing._hash import hash_bucket, to_bytes


class Hashing(HostLayer):
    """Maps each string or integer to ``hash(value) % num_bins``.

    Bucket assignments equal Keras's (TensorFlow's ``to_hash_bucket_fast``: FarmHash
    Fingerprint64 of the value's text; with ``salt``, ``to_hash_bucket_strong``: keyed
    SipHash-2-4). Hashing runs on the host with NumPy: inputs are NumPy arrays,
    Python lists or eager tensors (not traced tensors); the output is a backend tensor.

    Args:
        num_bins: number of bins (including the mask bin when ``mask_value`` is set).
        mask_value: a value mapped to bin 0; other values then use bins 1..num_bins-1.
        salt: None, an int (used as both key halves) or a pair of ints: keyed hashing.
        output_mode: "int" (default), "one_hot", "multi_hot" or "count".
        sparse: must be False.

    Example:
        >>> Hashing(num_bins=3)(np.array([["A"], ["B"], ["C"]]))
    """

    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False,
                 **kwargs):
        if "dtype" not in kwargs or kwargs["dtype"] is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else "float32"
        super().__init__(**kwargs)
        label = f"Hashing {self.name!r}"
        if isinstance(num_bins, bool) or not isinstance(num_bins, int) or num_bins < 1:
            raise ValueError(f"{label}: num_bins must be a positive int, got {num_bins!r}.")
        if mask_value is not None and num_bins < 2:
            raise ValueError(f"{label}: num_bins must be at least 2 when mask_value is set, "
                             f"got {num_bins}.")
        if salt is not None:
            if isinstance(salt, int):
                salt = (salt, salt)
            elif not (isinstance(salt, (list, tuple)) and len(salt) == 2
                      and all(isinstance(s, int) for s in salt)):
                raise ValueError(f"{label}: salt must be None, an int or a pair of ints, "
                                 f"got {salt!r}.")
            salt = list(salt)
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.salt = salt
        self.output_mode = check_mode(label, output_mode, ("int",) + ENCODE_MODES)
        if sparse:
            raise ValueError(f"{label}: sparse=True is not supported; use sparse=False.")
        self.sparse = False

    def _hash(self, arr):
        if arr.dtype.kind == "f":
            raise ValueError(f"Hashing {self.name!r}: inputs must be strings or integers, got "
                             f"dtype {arr.dtype}.")
        if not (is_string_array(arr) or arr.dtype.kind in "iub"):
            raise ValueError(f"Hashing {self.name!r}: inputs must be strings or integers, got "
                             f"dtype {arr.dtype}.")
        if self.mask_value is None:
            return hash_bucket(arr, self.num_bins, self.salt)
        mask_bytes = to_bytes(self.mask_value)
        flat = arr.reshape(-1)
        is_mask = np.array([to_bytes(v.item() if hasattr(v, "item") else v) == mask_bytes
                            for v in flat], bool).reshape(arr.shape)
        buckets = hash_bucket(arr, self.num_bins - 1, self.salt) + 1
        return np.where(is_mask, 0, buckets)

    def call(self, inputs):
        arr = to_host(inputs, f"Hashing {self.name!r}")
        ids = ops.convert_to_tensor(self._hash(arr))
        if self.output_mode == "int":
            return ops.cast(ids, self.compute_dtype)
        return encode(ops.cast(ids, "int32"), self.output_mode, self.num_bins,
                      dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self.num_bins)

    def get_config(self):
        config = super().get_config()
        config.update({"num_bins": self.num_bins, "mask_value": self.mask_value,
                       "salt": self.salt, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config
