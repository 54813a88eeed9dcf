"""Shared machinery of ``StringLookup``, ``IntegerLookup`` (and ``TextVectorization``):
vocabulary layout, adapt, host-side lookup, encoding and config."""

import os

import numpy as np

from kerasx import ops
from kerasx.layers.preprocessing._base import (HostLayer, check_mode, encode, encoded_shape,
                                               iter_adapt_batches)

LOOKUP_MODES = ("int", "one_hot", "multi_hot", "count", "tf_idf")


class IndexLookup(HostLayer):
    """Maps tokens to indices: ``[mask] + [oov] * num_oov_indices + vocabulary``."""

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=None,
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 pad_to_max_tokens=False, sparse=False, **kwargs):
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = self._default_dtype(invert, output_mode)
        super().__init__(**kwargs)
        label = self._label()
        self.output_mode = check_mode(label, output_mode, LOOKUP_MODES)
        if max_tokens is not None and (isinstance(max_tokens, bool)
                                       or not isinstance(max_tokens, int) or max_tokens < 1):
            raise ValueError(f"{label}: max_tokens must be None or a positive int, got "
                             f"{max_tokens!r}.")
        if isinstance(num_oov_indices, bool) or not isinstance(num_oov_indices, int) \
                or num_oov_indices < 0:
            raise ValueError(f"{label}: num_oov_indices must be an int >= 0, got "
                             f"{num_oov_indices!r}.")
        if invert and output_mode != "int":
            raise ValueError(f"{label}: invert=True requires output_mode='int', got "
                             f"{output_mode!r}.")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(f"{label}: pad_to_max_tokens=True requires max_tokens.")
        if sparse:
            raise ValueError(f"{label}: sparse=True is not supported; use sparse=False.")
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(f"{label}: idf_weights is only valid with output_mode='tf_idf'.")
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.invert = bool(invert)
        self.pad_to_max_tokens = bool(pad_to_max_tokens)
        self.sparse = False
        self._tokens = None
        self._idf = None
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)
        elif idf_weights is not None:
            raise ValueError(f"{label}: idf_weights needs a vocabulary.")

    def _default_dtype(self, invert, output_mode):
        return "int64" if output_mode == "int" and not invert else "float32"

    def _label(self):
        return f"{type(self).__name__} {self.name!r}"

    # ---- vocabulary -----------------------------------------------------------
    def _n_special(self):
        mask = 1 if self.mask_token is not None and self.output_mode == "int" else 0
        return mask + self.num_oov_indices

    def _mask_offset(self):
        return 1 if self.mask_token is not None and self.output_mode == "int" else 0

    def _norm_token(self, t):
        return t

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets the vocabulary (list, array or text file, one token a line) and, for
        ``tf_idf``, the idf weights of those tokens."""
        label = self._label()
        if isinstance(vocabulary, str) and os.path.isfile(vocabulary):
            with open(vocabulary, encoding="utf-8") as f:
                vocabulary = [line.rstrip("\n") for line in f]
        vocab = [self._norm_token(v) for v in np.asarray(vocabulary, dtype=object).reshape(-1)]
        special = ([self.mask_token] if self._mask_offset() else []) + \
            [self.oov_token] * self.num_oov_indices
        if special and vocab[:len(special)] == special:
            vocab = vocab[len(special):]
        for t in vocab:
            if (self.mask_token is not None and t == self.mask_token) or \
                    (self.num_oov_indices and t == self.oov_token):
                raise ValueError(f"{label}: the vocabulary contains the reserved token {t!r} "
                                 "(mask or OOV token) outside its leading reserved positions.")
        if len(set(vocab)) != len(vocab):
            raise ValueError(f"{label}: the vocabulary contains repeated tokens.")
        if self.max_tokens is not None and len(vocab) + self._n_special() > self.max_tokens:
            raise ValueError(f"{label}: the vocabulary has {len(vocab) + self._n_special()} "
                             f"entries (with reserved tokens), more than max_tokens="
                             f"{self.max_tokens}.")
        if self.output_mode == "tf_idf":
            if idf_weights is None:
                raise ValueError(f"{label}: output_mode='tf_idf' needs idf_weights with the "
                                 "vocabulary (or use adapt()).")
            idf = np.asarray(idf_weights, "float64").reshape(-1)
            if idf.shape[0] == len(vocab) + self._n_special():
                idf = idf[self._n_special():]
            if idf.shape[0] != len(vocab):
                raise ValueError(f"{label}: idf_weights has {idf.shape[0]} values, the "
                                 f"vocabulary {len(vocab)} tokens.")
            self._idf = idf
        self._tokens = vocab
        self._table = {t: i for i, t in enumerate(vocab)}

    def get_vocabulary(self, include_special_tokens=True):
        """The vocabulary in index order (mask and OOV tokens first when included)."""
        tokens = list(self._tokens or [])
        if not include_special_tokens:
            return tokens
        mask = [self.mask_token] if self._mask_offset() else []
        return mask + [self.oov_token] * self.num_oov_indices + tokens

    def vocabulary_size(self):
        """Number of indices (reserved tokens included)."""
        return len(self.get_vocabulary())

    def _depth(self):
        if self.pad_to_max_tokens:
            return self.max_tokens
        return self.vocabulary_size()

    def _idf_full(self):
        idf = self._idf if self._idf is not None else np.zeros((0,))
        oov = float(np.mean(idf)) if idf.size else 0.0
        full = np.concatenate([np.full(self.num_oov_indices, oov), idf])
        return np.pad(full, (0, self._depth() - full.size)).astype("float32")

    # ---- adapt ---------------------------------------------------------------
    def _adapt_tokens(self, batch):
        """Rows of tokens of one NumPy batch (each row is one document)."""
        batch = np.asarray(batch)
        if batch.ndim <= 1:
            return [[self._norm_token(v)] for v in batch.reshape(-1)]
        return [[self._norm_token(v) for v in row.reshape(-1)] for row in batch]

    def adapt(self, data, batch_size=None, steps=None):
        """Builds the vocabulary from ``data``: tokens sorted by decreasing frequency
        (ties: larger token first, as Keras), capped at ``max_tokens``."""
        def rows():
            for batch in iter_adapt_batches(data, steps, self._label()):
                yield from self._adapt_tokens(batch)
        self._adapt_rows(rows())

    def _adapt_rows(self, rows):
        """Counts the tokens of ``rows`` (iterable of token lists, one per document)."""
        counts, doc_counts, docs = {}, {}, 0
        for row in rows:
            docs += 1
            for t in row:
                counts[t] = counts.get(t, 0) + 1
            for t in set(row):
                doc_counts[t] = doc_counts.get(t, 0) + 1
        for t in (self.mask_token, self.oov_token if self.num_oov_indices else None):
            if t is not None:
                counts.pop(t, None)
        tokens = sorted(counts, key=lambda t: (counts[t], t), reverse=True)
        if self.max_tokens is not None:
            tokens = tokens[:max(self.max_tokens - self._n_special(), 0)]
        self._tokens = tokens
        self._table = {t: i for i, t in enumerate(tokens)}
        if self.output_mode == "tf_idf":
            df = np.array([doc_counts[t] for t in tokens], "float64")
            self._idf = np.log(1.0 + docs / (1.0 + df))

    def finalize_state(self):
        """No-op kept for Keras compatibility."""

    # ---- lookup --------------------------------------------------------------
    def _oov_bucket(self, token):
        return 0

    def _lookup_host(self, arr):
        """Indices (int64 NumPy) of the tokens of the NumPy array ``arr``."""
        if self._tokens is None:
            raise ValueError(f"{self._label()}: no vocabulary; pass vocabulary=... or call "
                             "adapt(data) first.")
        flat = arr.reshape(-1)
        out = np.empty(flat.shape, "int64")
        table, off = self._table, self._n_special()
        moff, mask = self._mask_offset(), self.mask_token
        for i, v in enumerate(flat):
            t = self._norm_token(v)
            if mask is not None and t == mask:
                out[i] = 0 if moff else -1
                continue
            j = table.get(t)
            if j is not None:
                out[i] = j + off
            elif self.num_oov_indices == 0:
                raise ValueError(f"{self._label()}: the input {t!r} is not in the vocabulary "
                                 "and num_oov_indices=0.")
            else:
                out[i] = moff + self._oov_bucket(t)
        return out.reshape(arr.shape)

    def _finish(self, ids):
        """Encodes the index tensor ``ids`` per ``output_mode``."""
        if self.output_mode == "int":
            return ops.cast(ids, self.compute_dtype)
        idf = self._idf_full() if self.output_mode == "tf_idf" else None
        return encode(ops.cast(ids, "int32"), self.output_mode, self._depth(),
                      idf_weights=idf, dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return tuple(input_shape)
        return encoded_shape(input_shape, self.output_mode, self._depth())

    def get_config(self):
        config = super().get_config()
        vocab = None if self._tokens is None else [
            v.item() if hasattr(v, "item") else v for v in self._tokens]
        config.update({
            "max_tokens": self.max_tokens, "num_oov_indices": self.num_oov_indices,
            "mask_token": self.mask_token, "oov_token": self.oov_token,
            "vocabulary": vocab, "invert": self.invert, "output_mode": self.output_mode,
            "pad_to_max_tokens": self.pad_to_max_tokens, "sparse": self.sparse,
            "idf_weights": None if self._idf is None else self._idf.tolist()})
        return config
