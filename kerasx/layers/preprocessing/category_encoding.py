"""``CategoryEncoding``: one-hot, multi-hot or count encoding of integer features."""

from kerasx import ops
from kerasx.layers.layer import Layer
from kerasx.layers.preprocessing._base import ENCODE_MODES, check_mode, encode, encoded_shape


class CategoryEncoding(Layer):
    """Encodes integer inputs in ``[0, num_tokens)``.

    ``one_hot`` maps each value to a one-hot vector (a trailing axis of size 1 is
    replaced); ``multi_hot`` and ``count`` reduce the last axis (rank-1 input is one
    sample) to a 0/1 presence vector or to counts (weighted by ``count_weights``).

    Args:
        num_tokens: the number of categories (required).
        output_mode: "multi_hot" (default), "one_hot" or "count".
        sparse: must be False (dense outputs only).

    Example:
        >>> CategoryEncoding(4, output_mode="count")(np.array([[0, 1, 1], [3, 3, 2]]))
        # [[1, 2, 0, 0], [0, 0, 1, 2]]
    """

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if isinstance(num_tokens, bool) or not isinstance(num_tokens, int) or num_tokens < 1:
            raise ValueError(f"CategoryEncoding {self.name!r}: num_tokens must be a positive "
                             f"int, got {num_tokens!r}.")
        self.num_tokens = num_tokens
        self.output_mode = check_mode(f"CategoryEncoding {self.name!r}", output_mode,
                                      ENCODE_MODES)
        if sparse:
            raise ValueError(f"CategoryEncoding {self.name!r}: sparse=True is not supported; "
                             "use sparse=False (dense outputs).")
        self.sparse = False

    def call(self, inputs, count_weights=None):
        if count_weights is not None and self.output_mode != "count":
            raise ValueError(f"CategoryEncoding {self.name!r}: count_weights is only valid with "
                             f"output_mode='count', got output_mode={self.output_mode!r}.")
        x = ops.cast(inputs, "int32")
        return encode(x, self.output_mode, self.num_tokens, count_weights=count_weights,
                      dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self.num_tokens)

    def get_config(self):
        config = super().get_config()
        config.update({"num_tokens": self.num_tokens, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config
