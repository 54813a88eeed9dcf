"""``StringLookup``: maps strings to integer indices (or back, with ``invert``)."""

import numpy as np

from kerasx import ops
from kerasx.layers.preprocessing._base import is_string_array, to_host, to_str_array
from kerasx.layers.preprocessing._hash import fingerprint64
from kerasx.layers.preprocessing._index_lookup import IndexLookup


class StringLookup(IndexLookup):
    """Maps strings to indices in ``[mask] + [oov] * num_oov_indices + vocabulary``.

    Strings are looked up on the host with NumPy: inputs are NumPy string arrays,
    Python lists or bytes; the output is a backend integer tensor (``int`` mode) or a
    float encoding. With ``invert=True`` it maps indices back to strings and returns
    a NumPy array of ``str``. Inside a ``tf.data`` pipeline, apply it to the NumPy
    batches (``dataset.as_numpy_iterator()``), not in ``Dataset.map``.

    Args:
        max_tokens: cap on the vocabulary size (reserved tokens included).
        num_oov_indices: number of OOV indices (OOV strings hashed among them); 0 makes
            unknown strings an error.
        mask_token: a string mapped to 0 (``int`` mode) or dropped (other modes).
        oov_token: the string returned for OOV indices by ``invert`` (default "[UNK]").
        vocabulary: list of strings or a text file with one token a line.
        idf_weights: per-token weights for ``tf_idf``.
        invert: map indices to strings.
        output_mode: "int", "one_hot", "multi_hot", "count" or "tf_idf".
        pad_to_max_tokens: non-int outputs have ``max_tokens`` columns.
        sparse: must be False.
        encoding: text encoding of bytes inputs (default "utf-8").

    Example:
        >>> StringLookup(vocabulary=["a", "b", "c"])(np.array([["a", "c", "z"]]))
        # [[1, 3, 0]]
    """

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token="[UNK]",
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 pad_to_max_tokens=False, sparse=False, encoding="utf-8", **kwargs):
        vocabulary_dtype = kwargs.pop("vocabulary_dtype", "string")  # in Keras configs
        if vocabulary_dtype != "string":
            raise ValueError(f"StringLookup: vocabulary_dtype must be 'string', got "
                             f"{vocabulary_dtype!r}; use IntegerLookup for integers.")
        self.encoding = encoding
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode,
                         pad_to_max_tokens=pad_to_max_tokens, sparse=sparse, **kwargs)

    def _default_dtype(self, invert, output_mode):
        if invert:
            return "float32"  # compute dtype unused: invert returns strings
        return super()._default_dtype(invert, output_mode)

    def _norm_token(self, t):
        if isinstance(t, bytes):
            return t.decode(self.encoding)
        return t if isinstance(t, str) else str(t)

    def _oov_bucket(self, token):
        return fingerprint64(token.encode(self.encoding)) % self.num_oov_indices

    def call(self, inputs):
        label = self._label()
        arr = to_host(inputs, label)
        if self.invert:
            if arr.dtype.kind not in "iu":
                raise ValueError(f"{label}: invert=True expects integer indices, got dtype "
                                 f"{arr.dtype}.")
            vocab = np.array(self.get_vocabulary(), dtype=object)
            ids = arr.astype("int64")
            bad = (ids < 0) | (ids >= vocab.size)
            out = vocab[np.clip(ids, 0, max(vocab.size - 1, 0))]
            out[bad] = self.oov_token
            return out.astype(str)
        if not is_string_array(arr):
            raise ValueError(f"{label}: expected string inputs, got dtype {arr.dtype}.")
        return self._finish(ops.convert_to_tensor(self._lookup_host(to_str_array(arr))))

    def compute_output_spec(self, inputs):
        dtype = "string" if self.invert else self.compute_dtype
        return self._output_spec(self.compute_output_shape(inputs.shape), dtype)

    def get_config(self):
        config = super().get_config()
        config["encoding"] = self.encoding
        return config
