"""``IntegerLookup``: maps integer ids to contiguous indices (or back, with ``invert``)."""

import numpy as np

from kerasx import ops
from kerasx.layers.preprocessing._index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    """Maps integers to indices in ``[mask] + [oov] * num_oov_indices + vocabulary``.

    The lookup is written with ``kerasx.ops`` (a sorted search), so it runs on backend
    tensors inside models and compiled functions on every backend; ``adapt`` reads
    NumPy arrays, tensors or batched iterables.

    Args:
        max_tokens: cap on the vocabulary size (reserved tokens included).
        num_oov_indices: number of OOV indices (an OOV value ``v`` goes to
            ``v mod num_oov_indices``); 0 makes unknown values an error (checked eagerly).
        mask_token: an int mapped to 0 (``int`` mode) or dropped (other modes).
        oov_token: value returned for OOV indices by ``invert`` (default -1).
        vocabulary: list of ints or a text file with one value a line.
        vocabulary_dtype: "int64" (default) or "int32".
        idf_weights: per-token weights for ``tf_idf``.
        invert: map indices back to values.
        output_mode: "int", "one_hot", "multi_hot", "count" or "tf_idf".
        pad_to_max_tokens: non-int outputs have ``max_tokens`` columns.
        sparse: must be False.

    Example:
        >>> IntegerLookup(vocabulary=[12, 36, 1138])(np.array([[12, 1138, 42]]))
        # [[1, 3, 0]]
    """

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
                 vocabulary=None, vocabulary_dtype="int64", idf_weights=None, invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False, **kwargs):
        if vocabulary_dtype not in ("int32", "int64"):
            raise ValueError(f"IntegerLookup: vocabulary_dtype must be 'int32' or 'int64', got "
                             f"{vocabulary_dtype!r}.")
        self.vocabulary_dtype = vocabulary_dtype
        if kwargs.get("dtype") is None and invert:
            kwargs["dtype"] = vocabulary_dtype
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode,
                         pad_to_max_tokens=pad_to_max_tokens, sparse=sparse, **kwargs)

    def _norm_token(self, t):
        if isinstance(t, (str, bytes)):
            return int(t)
        if isinstance(t, (float, np.floating)) and float(t) != int(t):
            raise ValueError(f"{self._label()}: expected integer values, got {t!r}.")
        return int(t)

    def _oov_bucket(self, token):
        return token % self.num_oov_indices

    def call(self, inputs):
        if self._tokens is None:
            raise ValueError(f"{self._label()}: no vocabulary; pass vocabulary=... or call "
                             "adapt(data) first.")
        if isinstance(inputs, (np.ndarray, list, tuple)) and not self.invert:
            # host values: a dictionary lookup (same result as the tensor path, no kernels)
            arr = np.asarray(inputs)
            if arr.dtype.kind not in "iub":
                raise ValueError(f"{self._label()}: expected integer inputs, got dtype "
                                 f"{arr.dtype}.")
            return self._finish(ops.convert_to_tensor(self._lookup_host(arr)))
        x = ops.cast(ops.convert_to_tensor(inputs), "int64")
        if self.invert:
            return self._invert(x)
        return self._finish(self._lookup_tensor(x))

    def _invert(self, ids):
        vocab = [(-1 if v is None else v) for v in self.get_vocabulary()]
        table = ops.convert_to_tensor(np.asarray(vocab, "int64"))
        n = len(vocab)
        out = ops.take(table, ops.clip(ids, 0, max(n - 1, 0)))
        out = ops.where((ids < 0) | (ids >= n), ops.cast(self.oov_token, "int64"), out)
        return ops.cast(out, self.compute_dtype)

    def _lookup_tensor(self, x):
        tokens = np.asarray(self._tokens, "int64")
        off, moff = self._n_special(), self._mask_offset()
        if self.num_oov_indices > 1:
            oov = moff + ops.mod(x, self.num_oov_indices)
        else:
            oov = ops.zeros_like(x) + moff
        if tokens.size:
            order = np.argsort(tokens, kind="stable")
            sorted_tok = ops.convert_to_tensor(tokens[order])
            sorted_idx = ops.convert_to_tensor(order.astype("int64") + off)
            pos = ops.clip(ops.searchsorted(sorted_tok, ops.reshape(x, (-1,))), 0,
                           tokens.size - 1)
            pos = ops.reshape(pos, ops.shape(x))
            found = ops.take(sorted_tok, pos) == x
            ids = ops.where(found, ops.cast(ops.take(sorted_idx, pos), "int64"),
                            ops.cast(oov, "int64"))
        else:
            found = ops.zeros_like(x) > 0
            ids = ops.cast(oov, "int64")
        if self.mask_token is not None:
            is_mask = x == self.mask_token
            ids = ops.where(is_mask, 0 if moff else -1, ids)
            found = found | is_mask
        if self.num_oov_indices == 0:
            try:
                all_found = bool(np.all(ops.convert_to_numpy(found)))
            except Exception:
                all_found = True  # traced: cannot check here; unknown values map to index 0
            if not all_found:
                raise ValueError(f"{self._label()}: some inputs are not in the vocabulary and "
                                 "num_oov_indices=0.")
        return ids

    def get_config(self):
        config = super().get_config()
        config["vocabulary_dtype"] = self.vocabulary_dtype
        return config
