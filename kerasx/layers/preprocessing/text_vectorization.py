"""``TextVectorization``: turns strings into token indices or bag-of-words vectors."""

import re
import string

import numpy as np

from kerasx import ops
from kerasx.layers.preprocessing._base import (HostLayer, check_mode, is_string_array,
                                               iter_adapt_batches, to_host, to_str_array)
from kerasx.layers.preprocessing.string_lookup import StringLookup

_PUNCT = re.compile("[" + re.escape(string.punctuation) + "]")
_STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
_SPLIT = ("whitespace", "character")


class TextVectorization(HostLayer):
    """Standardizes, splits and indexes strings (on the host, with NumPy).

    Each input string is standardized, split into tokens, optionally extended with
    n-grams (joined by a space), and looked up in the vocabulary ``["", "[UNK]", ...]``
    (index 0 is padding, 1 is OOV). Inputs are NumPy string arrays or lists of shape
    ``(batch,)`` or ``(batch, 1)``; outputs are backend tensors. Use it on NumPy
    batches (for ``tf.data``: ``dataset.as_numpy_iterator()``), not inside ``Dataset.map``
    or compiled functions.

    Args:
        max_tokens: vocabulary cap (padding and OOV included).
        standardize: "lower_and_strip_punctuation" (default), "lower",
            "strip_punctuation", None, or a callable ``str -> str``.
        split: "whitespace" (default), "character", None (whole string is one token), or
            a callable ``str -> list of str``.
        ngrams: None, an int n (all 1..n-grams) or a tuple of n-gram sizes.
        output_mode: "int" (default), "multi_hot", "count" or "tf_idf".
        output_sequence_length: ``int`` mode: pad/truncate each row to this length
            (otherwise to the batch's longest row).
        pad_to_max_tokens: non-int outputs have ``max_tokens`` columns.
        vocabulary: list of tokens or a text file; idf_weights: for ``tf_idf``.
        sparse, ragged: must be False. encoding: of bytes inputs.

    Example:
        >>> tv = TextVectorization(output_sequence_length=4)
        >>> tv.adapt(["the cat sat", "the dog"])
        >>> tv(["the dog sat"])   # [[2, 4, 3, 0]]
    """

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation",
                 split="whitespace", ngrams=None, output_mode="int", output_sequence_length=None,
                 pad_to_max_tokens=False, vocabulary=None, idf_weights=None, sparse=False,
                 ragged=False, encoding="utf-8", name=None, **kwargs):
        kwargs.pop("vocabulary_size", None)  # written by Keras's get_config; derived here
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else "float32"
        super().__init__(name=name, **kwargs)
        label = f"TextVectorization {self.name!r}"
        self.output_mode = check_mode(label, output_mode,
                                      ("int", "multi_hot", "count", "tf_idf"))
        if not (standardize is None or callable(standardize) or standardize in _STANDARDIZE):
            raise ValueError(f"{label}: standardize must be one of {_STANDARDIZE}, None or a "
                             f"callable, got {standardize!r}.")
        if not (split is None or callable(split) or split in _SPLIT):
            raise ValueError(f"{label}: split must be one of {_SPLIT}, None or a callable, got "
                             f"{split!r}.")
        if isinstance(ngrams, int) and not isinstance(ngrams, bool):
            if ngrams < 1:
                raise ValueError(f"{label}: ngrams must be a positive int, got {ngrams}.")
            self._ngram_sizes = tuple(range(1, ngrams + 1))
        elif ngrams is None:
            self._ngram_sizes = (1,)
        elif isinstance(ngrams, (list, tuple)) and ngrams and all(
                isinstance(n, int) and n >= 1 for n in ngrams):
            ngrams = tuple(ngrams)
            self._ngram_sizes = ngrams
        else:
            raise ValueError(f"{label}: ngrams must be None, a positive int or a tuple of "
                             f"positive ints, got {ngrams!r}.")
        if output_sequence_length is not None:
            if output_mode != "int":
                raise ValueError(f"{label}: output_sequence_length is only valid with "
                                 f"output_mode='int', got {output_mode!r}.")
            if isinstance(output_sequence_length, bool) or not isinstance(
                    output_sequence_length, int) or output_sequence_length < 1:
                raise ValueError(f"{label}: output_sequence_length must be a positive int, got "
                                 f"{output_sequence_length!r}.")
        if sparse or ragged:
            raise ValueError(f"{label}: sparse and ragged outputs are not supported; int "
                             "outputs are padded with 0 instead.")
        self.standardize = standardize
        self.split = split
        self.ngrams = ngrams
        self.output_sequence_length = output_sequence_length
        self.encoding = encoding
        self.sparse = self.ragged = False
        self._lookup = StringLookup(
            max_tokens=max_tokens, num_oov_indices=1, mask_token="", oov_token="[UNK]",
            vocabulary=vocabulary, idf_weights=idf_weights, output_mode=output_mode,
            pad_to_max_tokens=pad_to_max_tokens, encoding=encoding, name=f"{self.name}_lookup")

    # ---- text processing -------------------------------------------------------
    def _standardize(self, text):
        mode = self.standardize
        if mode is None:
            return text
        if callable(mode):
            return mode(text)
        if mode in ("lower", "lower_and_strip_punctuation"):
            text = text.lower()
        if mode in ("strip_punctuation", "lower_and_strip_punctuation"):
            text = _PUNCT.sub("", text)
        return text

    def _split(self, text):
        if self.split is None:
            return [text]
        if callable(self.split):
            return [str(t) for t in self.split(text)]
        if self.split == "character":
            return list(text)
        return text.split()

    def _tokens_of(self, text):
        words = self._split(self._standardize(text))
        out = []
        for n in self._ngram_sizes:
            out.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
        return out

    def _rows(self, arr):
        label = f"TextVectorization {self.name!r}"
        if not is_string_array(arr):
            raise ValueError(f"{label}: expected string inputs, got dtype {arr.dtype}.")
        if arr.ndim == 2 and arr.shape[1] == 1:
            arr = arr[:, 0]
        if arr.ndim > 1:
            raise ValueError(f"{label}: expected strings of shape (batch,) or (batch, 1), got "
                             f"shape {arr.shape}.")
        return [self._tokens_of(t) for t in to_str_array(arr.reshape(-1))], arr.ndim == 0

    # ---- vocabulary --------------------------------------------------------------
    def adapt(self, data, batch_size=None, steps=None):
        """Builds the vocabulary (and idf weights) from strings in ``data``."""
        def rows():
            for batch in iter_adapt_batches(data, steps, f"TextVectorization {self.name!r}"):
                yield from self._rows(np.asarray(batch))[0]
        self._lookup._adapt_rows(rows())

    def get_vocabulary(self, include_special_tokens=True):
        """The vocabulary in index order (``""`` and ``"[UNK]"`` first in int mode)."""
        return self._lookup.get_vocabulary(include_special_tokens)

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets the vocabulary (and idf weights for ``tf_idf``)."""
        self._lookup.set_vocabulary(vocabulary, idf_weights)

    def vocabulary_size(self):
        return self._lookup.vocabulary_size()

    def finalize_state(self):
        """No-op kept for Keras compatibility."""

    # ---- call ----------------------------------------------------------------------
    def call(self, inputs):
        arr = to_host(inputs, f"TextVectorization {self.name!r}")
        rows, scalar = self._rows(arr)
        lk = self._lookup
        ids = [lk._lookup_host(np.array(r, dtype=object)) if r else np.zeros((0,), "int64")
               for r in rows]
        if self.output_mode == "int":
            length = self.output_sequence_length or max([len(r) for r in ids] + [0])
            mat = np.zeros((len(ids), length), "int64")
            for i, r in enumerate(ids):
                r = r[:length]
                mat[i, :len(r)] = r
        else:
            length = max([len(r) for r in ids] + [1])
            mat = np.full((len(ids), length), -1, "int64")
            for i, r in enumerate(ids):
                mat[i, :len(r)] = r
        out = lk._finish(ops.convert_to_tensor(mat))
        return out[0] if scalar else out

    def compute_output_shape(self, input_shape):
        batch = input_shape[0] if input_shape else None
        if self.output_mode == "int":
            return (batch, self.output_sequence_length)
        return (batch, self._lookup._depth())

    def get_config(self):
        config = super().get_config()
        lk = self._lookup.get_config()
        config.update({
            "max_tokens": lk["max_tokens"], "standardize": self.standardize,
            "split": self.split, "ngrams": self.ngrams, "output_mode": self.output_mode,
            "output_sequence_length": self.output_sequence_length,
            "pad_to_max_tokens": lk["pad_to_max_tokens"], "sparse": False, "ragged": False,
            "vocabulary": lk["vocabulary"], "idf_weights": lk["idf_weights"],
            "encoding": self.encoding, "vocabulary_size": self.vocabulary_size()})
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("ngrams"), list):
            config["ngrams"] = tuple(config["ngrams"])
        return cls(**config)
