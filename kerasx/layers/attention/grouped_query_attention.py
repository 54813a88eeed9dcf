"""``GroupedQueryAttention``: attention where groups of query heads share key/value heads."""

import math

from kerasx import ops
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.activations.softmax import Softmax
from kerasx.layers.attention import _attention_utils as U
from kerasx.layers.core.einsum_dense import EinsumDense
from kerasx.layers.layer import Layer
from kerasx.layers.regularization.dropout import Dropout


class GroupedQueryAttention(Layer):
    """Grouped-query attention (Ainslie et al., 2023); also exported as ``GroupQueryAttention``.

    Query is projected to ``num_query_heads`` heads, key and value to
    ``num_key_value_heads`` heads, each repeated ``num_query_heads // num_key_value_heads``
    times; then ``softmax(q k^T / sqrt(head_dim)) v`` and an output projection back to
    the query's feature size. ``num_key_value_heads=1`` is multi-query attention.

    Weights (sub-layers): ``query`` kernel ``(dim, num_query_heads, head_dim)``, ``key`` and
    ``value`` kernels ``(dim, num_key_value_heads, head_dim)`` (biases ``(heads, head_dim)``),
    ``attention_output`` kernel ``(num_query_heads, head_dim, dim)``, bias ``(dim,)``.

    Args:
        head_dim: size of each head.
        num_query_heads: number of query heads.
        num_key_value_heads: number of key/value heads; must divide ``num_query_heads``.
        dropout: dropout rate on the attention probabilities (training only).
        use_bias: whether the projections have biases.
        sliding_window: optional positive int limiting attention to a band.
        flash_attention: accepted for compatibility (a speed hint).
        kernel_* / bias_*: initializers, regularizers, constraints of the projections.
        use_gate: add a sigmoid ``gate`` projection of the query multiplying the attended values.
        seed: optional int seeding the dropout.

    Call args: as ``MultiHeadAttention`` (query ``(B, T, dim)``, value ``(B, S, dim)``);
    scores returned are ``(B, num_query_heads, T, S)``.

    Raises:
        ValueError: for sizes that are not positive, heads that do not divide, or
        query/value feature sizes that differ.

    Example:
        >>> GroupedQueryAttention(4, 4, 2)(np.ones((2, 5, 8)), np.ones((2, 6, 8))).shape
        (2, 5, 8)
    """

    def __init__(self, head_dim, num_query_heads, num_key_value_heads, dropout=0.0,
                 use_bias=True, sliding_window=None, flash_attention=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, use_gate=False, seed=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.supports_masking = True
        self.head_dim = U.check_positive_int(self, "head_dim", head_dim)
        self.num_query_heads = U.check_positive_int(self, "num_query_heads", num_query_heads)
        self.num_key_value_heads = U.check_positive_int(self, "num_key_value_heads",
                                                        num_key_value_heads)
        if self.num_query_heads % self.num_key_value_heads:
            raise ValueError(f"GroupedQueryAttention {self.name!r}: num_query_heads must be "
                             f"divisible by num_key_value_heads, got {num_query_heads} and "
                             f"{num_key_value_heads}.")
        self.num_repeats = self.num_query_heads // self.num_key_value_heads
        self.dropout = U.check_rate(self, dropout)
        self.use_bias = bool(use_bias)
        self.use_gate = bool(use_gate)
        self.sliding_window = U.check_positive_int(self, "sliding_window", sliding_window,
                                                   allow_none=True)
        self._flash_attention = flash_attention
        U.check_flash(self, flash_attention, self.dropout)
        U.set_weight_args(self, kernel_initializer, bias_initializer, kernel_regularizer,
                          bias_regularizer, kernel_constraint, bias_constraint)
        self.seed = seed
        self._inverse_sqrt_head_dim = 1.0 / math.sqrt(float(self.head_dim))
        self._dot_product_equation = "bquh,bkuh->buqk"
        self._combine_equation = "buqk,bkuh->bquh"

    def _dense(self, equation, shape, bias_axes, name, activation=None):
        return EinsumDense(equation, output_shape=shape,
                           bias_axes=bias_axes if self.use_bias else None,
                           activation=activation, name=name, **U.sublayer_kwargs(self))

    def _check_shapes(self, query_shape, value_shape, key_shape):
        key_shape = value_shape if key_shape is None else key_shape
        for nm, s in (("query", query_shape), ("value", value_shape), ("key", key_shape)):
            if len(s) != 3:
                raise ValueError(f"GroupedQueryAttention {self.name!r}: {nm} must have rank 3 "
                                 f"(batch, length, features), got shape {tuple(s)}.")
        if query_shape[-1] != value_shape[-1]:
            raise ValueError(f"GroupedQueryAttention {self.name!r}: the last dimension of query "
                             f"and value must be equal, got query shape {tuple(query_shape)} "
                             f"and value shape {tuple(value_shape)}.")
        if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
            raise ValueError(f"GroupedQueryAttention {self.name!r}: all dimensions of value and "
                             f"key except the last must be equal, got {tuple(value_shape)} and "
                             f"{tuple(key_shape)}.")
        return key_shape

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = self._check_shapes(query_shape, value_shape, key_shape)
        hidden = query_shape[-1]
        q_shape = (None, self.num_query_heads, self.head_dim)
        kv_shape = (None, self.num_key_value_heads, self.head_dim)
        self._query_dense = self._dense("bqm,muh->bquh", q_shape, "uh", "query")
        self._query_dense.build(tuple(query_shape))
        self._key_dense = self._dense("bkm,mvh->bkvh", kv_shape, "vh", "key")
        self._key_dense.build(tuple(key_shape))
        if self.use_gate:
            self._gate_dense = self._dense("bqm,muh->bquh", q_shape, "uh", "gate",
                                           activation="sigmoid")
            self._gate_dense.build(tuple(query_shape))
        self._value_dense = self._dense("bkm,mvh->bkvh", kv_shape, "vh", "value")
        self._value_dense.build(tuple(value_shape))
        self._softmax = Softmax(axis=-1, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(rate=self.dropout, dtype=self.dtype_policy, seed=self.seed)
        self._fused = True  # tests switch this off to compare with the general path
        self._output_dense = self._dense("bquh,uhm->bqm", (None, hidden), "m",
                                         "attention_output")
        self._output_dense.build(tuple(query_shape[:-1]) + (self.num_query_heads,
                                                            self.head_dim))
        self._plain_projections = U.plain_projections(
            self, self._query_dense, self._key_dense, self._value_dense, self._output_dense)

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        query_mask = U.keras_mask(query) if query_mask is None else query_mask
        value_mask = U.keras_mask(value) if value_mask is None else value_mask
        if key is None:
            key = value
        elif key_mask is None:
            key_mask = U.keras_mask(key)
        U.check_flash(self, self._flash_attention, 0.0, return_attention_scores)
        # Without attention dropout or returned scores, the fused ops.dot_product_attention
        # (which repeats the key/value heads itself) gives the same result.
        fused = (getattr(self, "_fused", False) and self.dropout == 0.0
                 and not return_attention_scores)
        mask, causal_only = U.resolve_masks(fused, query, value, query_mask, value_mask,
                                            key_mask, attention_mask, use_causal_mask,
                                            self.sliding_window)
        gate = self._gate_dense(query) if self.use_gate else None
        fused_proj = U.direct_projection(self, query, value, key)
        q = U.project(fused_proj, self._query_dense, query, 1)
        k = U.project(fused_proj, self._key_dense, key, 1)
        v = U.project(fused_proj, self._value_dense, value, 1)
        if fused:
            output = U.fused_attention(q, k, v, mask, self._inverse_sqrt_head_dim, causal_only)
            return U.attention_output(self, fused_proj, output, gate, None, False)
        if self.num_repeats > 1:
            k = ops.repeat(k, self.num_repeats, axis=2)
            v = ops.repeat(v, self.num_repeats, axis=2)
        q = q * ops.cast(self._inverse_sqrt_head_dim, q.dtype)
        scores = ops.einsum(self._dot_product_equation, q, k)
        if mask is not None:
            scores = self._softmax(scores, mask=ops.expand_dims(mask, axis=-3))
        else:
            scores = self._softmax(scores)
        used = self._dropout_layer(scores, training=training) if self.dropout > 0 else scores
        output = ops.einsum(self._combine_equation, used, v)
        return U.attention_output(self, fused_proj, output, gate, scores,
                                  return_attention_scores)

    def compute_mask(self, query, mask=None):
        return U.keras_mask(query) if mask is None else mask

    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        self._check_shapes(query_shape, value_shape, key_shape)
        return tuple(query_shape)

    def compute_output_spec(self, query, value, key=None, return_attention_scores=False,
                            **kwargs):
        q, v = tuple(query.shape), tuple(value.shape)
        out = KerasTensor(self.compute_output_shape(q, v, None if key is None else key.shape),
                          dtype=self.compute_dtype)
        if not return_attention_scores:
            return out
        return out, KerasTensor((q[0], self.num_query_heads, q[1], v[1]),
                                dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({
            "head_dim": self.head_dim,
            "num_query_heads": self.num_query_heads,
            "num_key_value_heads": self.num_key_value_heads,
            "use_bias": self.use_bias,
            "use_gate": self.use_gate,
            "sliding_window": self.sliding_window,
            "dropout": self.dropout,
            "flash_attention": self._flash_attention,
            "seed": self.seed,
        })
        config.update(U.weight_args_config(self))
        return config


GroupQueryAttention = GroupedQueryAttention
