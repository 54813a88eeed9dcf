"""``Attention``: Luong-style (dot-product) attention over ``[query, value(, key)]``."""

from kerasx import ops, random
from kerasx.layers.attention._attention_utils import check_rate
from kerasx.layers.layer import Layer
from kerasx.random.seed_generator import SeedGenerator


class Attention(Layer):
    """Dot-product attention layer, a.k.a. Luong-style attention.

    ``scores = query @ key^T`` (``score_mode="dot"``) or
    ``sum(tanh(query + key), -1)`` (``"concat"``), softmax over the value axis,
    ``output = softmax(scores) @ value``.

    Args:
        use_scale: if True, a scalar weight ``scale`` multiplies the scores.
        score_mode: ``"dot"`` or ``"concat"`` (the latter adds a scalar weight
            ``concat_score_weight``).
        dropout: float in [0, 1), dropout on the attention weights in training.
        seed: optional int seeding the dropout.

    Call args:
        inputs: list ``[query, value]`` or ``[query, value, key]``; query
            ``(B, Tq, dim)``, value ``(B, Tv, dim_v)``, key ``(B, Tv, dim)`` (default value).
        mask: optional list ``[query_mask, value_mask]`` of booleans ``(B, Tq)``,
            ``(B, Tv)``; masked values get no attention, masked queries output zeros.
        return_attention_scores: also return the attention weights ``(B, Tq, Tv)``
            (after dropout, as used).
        training: whether dropout is active.
        use_causal_mask: forbid query ``i`` to attend to value ``j > i``.

    Returns:
        ``(B, Tq, dim_v)`` tensor (and the weights when asked).

    Raises:
        ValueError: for an unknown ``score_mode`` or inputs/masks that are not lists of 2 or 3.

    Example:
        >>> Attention()([np.ones((2, 3, 4)), np.ones((2, 5, 4))]).shape
        (2, 3, 4)
    """

    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if score_mode not in ("dot", "concat"):
            raise ValueError(f"{type(self).__name__} {self.name!r}: score_mode must be 'dot' or "
                             f"'concat', got score_mode={score_mode!r}.")
        self.use_scale = bool(use_scale)
        self.score_mode = score_mode
        self.dropout = check_rate(self, dropout)
        self.seed = seed
        if self.dropout > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def _check_dims(self, input_shape):
        query_shape, value_shape = input_shape[0], input_shape[1]
        key_shape = input_shape[2] if len(input_shape) > 2 else value_shape
        q, k = query_shape[-1], key_shape[-1]
        if q is not None and k is not None and q != k:
            raise ValueError(f"{type(self).__name__} {self.name!r}: query and key must have the "
                             f"same last dimension, got query shape {tuple(query_shape)} and "
                             f"key shape {tuple(key_shape)}.")
        if (value_shape[1] is not None and key_shape[1] is not None
                and value_shape[1] != key_shape[1]):
            raise ValueError(f"{type(self).__name__} {self.name!r}: value and key must have the "
                             f"same length (axis 1), got value shape {tuple(value_shape)} and "
                             f"key shape {tuple(key_shape)}.")

    def build(self, input_shape):
        self._validate_inputs(input_shape, None)
        self._check_dims(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones")
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(name="concat_score_weight", shape=(),
                                                       initializer="ones")

    def _calculate_scores(self, query, key):
        """Raw scores ``(B, Tq, Tv)``."""
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -1, -2))
            if self.scale is not None:
                scores = scores * self.scale
            return scores
        q = ops.expand_dims(query, -2)
        k = ops.expand_dims(key, -3)
        if self.scale is not None:
            return self.concat_score_weight * ops.sum(ops.tanh(self.scale * (q + k)), axis=-1)
        return self.concat_score_weight * ops.sum(ops.tanh(q + k), axis=-1)

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        if scores_mask is not None:
            big = 65504.0 if ops.dtype(scores) == "float16" else 1e9
            pad = ops.cast(ops.logical_not(scores_mask), scores.dtype)
            scores = scores - big * pad
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = random.dropout(weights, self.dropout, seed=self.seed_generator)
        return ops.matmul(weights, value), weights

    def _score_mask(self, scores, value_mask, use_causal_mask):
        if value_mask is not None:
            value_mask = ops.expand_dims(ops.cast(value_mask, "bool"), -2)
        if not use_causal_mask:
            return value_mask
        shape = ops.shape(scores)
        rows = ops.expand_dims(ops.arange(shape[-2], dtype="int32"), -1)
        cols = ops.expand_dims(ops.arange(shape[-1], dtype="int32"), 0)
        causal = ops.expand_dims(ops.greater_equal(rows, cols), 0)
        return causal if value_mask is None else ops.logical_and(value_mask, causal)

    def call(self, inputs, mask=None, training=False, return_attention_scores=False,
             use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        q_mask = mask[0] if mask else None
        v_mask = mask[1] if mask else None
        scores = self._calculate_scores(query, key)
        scores_mask = self._score_mask(scores, v_mask, use_causal_mask)
        output, weights = self._apply_scores(scores, value, scores_mask, training=training)
        if q_mask is not None:
            keep = ops.expand_dims(ops.cast(q_mask, "bool"), -1)
            output = ops.where(keep, output, ops.zeros((), dtype=output.dtype))
        if return_attention_scores:
            return output, weights
        return output

    def compute_mask(self, inputs, mask=None):
        self._validate_inputs(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return ops.convert_to_tensor(mask[0])

    def compute_output_shape(self, input_shape):
        self._validate_inputs(input_shape, None)
        return tuple(input_shape[0][:-1]) + (input_shape[1][-1],)

    def compute_output_spec(self, inputs, mask=None, training=None,
                            return_attention_scores=False, use_causal_mask=False):
        from kerasx.core.keras_tensor import KerasTensor
        shapes = [tuple(x.shape) for x in inputs]
        out = KerasTensor(self.compute_output_shape(shapes), dtype=self.compute_dtype)
        if return_attention_scores:
            scores = shapes[0][:-1] + (shapes[1][1],)
            return out, KerasTensor(scores, dtype=self.compute_dtype)
        return out

    def _validate_inputs(self, inputs, mask=None):
        cls = type(self).__name__
        if (not isinstance(inputs, (list, tuple)) or len(inputs) not in (2, 3)
                or any(not isinstance(x, (list, tuple)) and not hasattr(x, "shape")
                       for x in inputs)):
            got = (f"a list of length {len(inputs)}" if isinstance(inputs, (list, tuple))
                   else type(inputs).__name__)
            raise ValueError(f"{cls} {self.name!r}: inputs must be a list [query, value] or "
                             f"[query, value, key] of tensors, got {got}.")
        if mask is not None and (not isinstance(mask, (list, tuple)) or len(mask) not in (2, 3)):
            raise ValueError(f"{cls} {self.name!r}: mask must be None or a list [query_mask, "
                             f"value_mask] (or with key_mask), got {mask!r}.")

    def get_config(self):
        config = super().get_config()
        config.update({"use_scale": self.use_scale, "score_mode": self.score_mode,
                       "dropout": self.dropout, "seed": self.seed})
        return config
