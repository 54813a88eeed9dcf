"""``AdditiveAttention``: Bahdanau-style attention over ``[query, value(, key)]``."""

from kerasx import ops
from kerasx.layers.attention.attention import Attention


class AdditiveAttention(Attention):
    """Additive attention layer, a.k.a. Bahdanau-style attention.

    ``scores = sum(scale * tanh(query[:, :, None] + key[:, None]), -1)``, softmax over the
    value axis, ``output = softmax(scores) @ value``.

    Args:
        use_scale: if True (default), a trainable vector ``scale`` of size ``dim``
            weights the summed terms.
        dropout: float in [0, 1), dropout on the attention weights in training.
        seed: optional int seeding the dropout.

    Call args and returns: as ``Attention`` (query and key must share their last size).

    Example:
        >>> AdditiveAttention()([np.ones((2, 3, 4)), np.ones((2, 5, 4))]).shape
        (2, 3, 4)
    """

    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        kwargs.pop("score_mode", None)
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape, None)
        self._check_dims(input_shape)
        dim = input_shape[0][-1]
        if dim is None:
            raise ValueError(f"AdditiveAttention {self.name!r}: the last axis of the query must be "
                             f"known, got query shape {tuple(input_shape[0])}.")
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(dim,), initializer="glorot_uniform")

    def _calculate_scores(self, query, key):
        q = ops.expand_dims(query, -2)
        k = ops.expand_dims(key, -3)
        t = ops.tanh(q + k)
        if self.scale is not None:
            t = self.scale * t
        return ops.sum(t, axis=-1)

    def get_config(self):
        config = super().get_config()
        config.pop("score_mode", None)
        return config
