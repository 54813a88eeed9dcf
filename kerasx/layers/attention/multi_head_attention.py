"""``MultiHeadAttention``: scaled dot-product attention with several projected heads."""

import math

from kerasx import ops
from kerasx.core.keras_tensor import KerasTensor
from kerasx.layers.activations.softmax import Softmax
from kerasx.layers.attention import _attention_utils as U
from kerasx.layers.core.einsum_dense import EinsumDense
from kerasx.layers.layer import Layer
from kerasx.layers.regularization.dropout import Dropout


class MultiHeadAttention(Layer):
    """Multi-head attention ("Attention is all you need", Vaswani et al., 2017).

    Projects query, key and value with ``EinsumDense`` sub-layers ``query``, ``key``,
    ``value`` (kernels ``(dim, num_heads, key_dim)``, biases ``(num_heads, key_dim)``),
    attends with ``softmax(q k^T / sqrt(key_dim))`` over ``attention_axes`` and
    projects back with ``attention_output`` (kernel ``(num_heads, value_dim, out)``).

    Args:
        num_heads: number of heads.
        key_dim: size of each query/key head.
        value_dim: size of each value head (default ``key_dim``).
        dropout: dropout rate on the attention probabilities (training only).
        use_bias: whether the projections have biases.
        output_shape: int or tuple, the output's trailing shape (default: query's last size).
        attention_axes: int or tuple of axes attended over (default: all but batch,
            heads and features, i.e. axis 1 for sequences).
        sliding_window: optional positive int; each query attends only to keys within
            ``sliding_window - 1`` positions.
        flash_attention: accepted for compatibility (a speed hint; results are the same).
        kernel_initializer / bias_initializer / kernel_regularizer / bias_regularizer /
        kernel_constraint / bias_constraint: for the projections.
        use_gate: if True, a sigmoid ``gate`` projection of the query multiplies the
            attended values before the output projection.
        seed: optional int seeding the dropout.

    Call args:
        query ``(B, T, dim)``, value ``(B, S, dim_v)``, key (default value);
        query_mask / value_mask / key_mask: boolean ``(B, T)`` / ``(B, S)`` (default
        the inputs' ``_keras_mask``); attention_mask: boolean ``(B, T, S)``;
        return_attention_scores: also return the probabilities ``(B, num_heads, T, S)``;
        training; use_causal_mask: mask keys after each query position.

    Raises:
        ValueError: for invalid sizes, axes or mismatched key/value shapes.

    Example:
        >>> mha = MultiHeadAttention(num_heads=2, key_dim=4)
        >>> mha(np.ones((2, 5, 8)), np.ones((2, 7, 8))).shape
        (2, 5, 8)
    """

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, sliding_window=None,
                 flash_attention=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 use_gate=False, seed=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.supports_masking = True
        self._num_heads = U.check_positive_int(self, "num_heads", num_heads)
        self._key_dim = U.check_positive_int(self, "key_dim", key_dim)
        self._value_dim = U.check_positive_int(self, "value_dim", value_dim or key_dim)
        self._value_dim_arg = value_dim
        self._dropout = U.check_rate(self, dropout)
        self._use_bias = bool(use_bias)
        self._use_gate = bool(use_gate)
        self._sliding_window = U.check_positive_int(self, "sliding_window", sliding_window,
                                                    allow_none=True)
        self._flash_attention = flash_attention
        U.check_flash(self, flash_attention, self._dropout)
        if output_shape is not None:
            dims = (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
            for d in dims:
                U.check_positive_int(self, "output_shape", d)
            self._output_shape = tuple(int(d) for d in dims)
        else:
            self._output_shape = None
        self._output_shape_arg = output_shape
        if attention_axes is not None:
            axes = (attention_axes,) if isinstance(attention_axes, int) else tuple(attention_axes)
            if not axes or any(isinstance(a, bool) or not isinstance(a, int) for a in axes):
                raise ValueError(f"MultiHeadAttention {self.name!r}: attention_axes must be an "
                                 f"int or a tuple of ints, got attention_axes={attention_axes!r}.")
            attention_axes = axes
        self._attention_axes = attention_axes
        U.set_weight_args(self, kernel_initializer, bias_initializer, kernel_regularizer,
                          bias_regularizer, kernel_constraint, bias_constraint)
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(self._key_dim))

    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    # ---- build -------------------------------------------------------------------
    def _check_shapes(self, query_shape, value_shape, key_shape):
        key_shape = value_shape if key_shape is None else key_shape
        if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
            raise ValueError(f"MultiHeadAttention {self.name!r}: all dimensions of value and key "
                             f"except the last must be equal, got value shape "
                             f"{tuple(value_shape)} and key shape {tuple(key_shape)}.")
        if len(query_shape) < 3:
            raise ValueError(f"MultiHeadAttention {self.name!r}: query must have rank >= 3 "
                             f"(batch, ..., features), got query shape {tuple(query_shape)}.")
        if len(value_shape) != len(query_shape):
            raise ValueError(f"MultiHeadAttention {self.name!r}: query and value must have the "
                             f"same rank, got {tuple(query_shape)} and {tuple(value_shape)}.")
        return key_shape

    def _resolve_axes(self, query_rank):
        if self._attention_axes is None:
            return tuple(range(1, query_rank - 1))
        axes = tuple(a + query_rank if a < 0 else a for a in self._attention_axes)
        for a in axes:
            if not 1 <= a <= query_rank - 2:
                raise ValueError(f"MultiHeadAttention {self.name!r}: attention_axes must be axes "
                                 f"between the batch and feature axes (1..{query_rank - 2}) of a "
                                 f"rank-{query_rank} query, got {self._attention_axes!r}.")
        return axes

    def _projection(self, rank, heads, size, name, activation=None):
        equation, bias_axes, out_rank = U.proj_equation(rank - 1, 1, 2)
        return EinsumDense(equation, output_shape=U.partial_output_shape(out_rank - 1,
                                                                         [heads, size]),
                           bias_axes=bias_axes if self._use_bias else None,
                           activation=activation, name=name, **U.sublayer_kwargs(self))

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = self._check_shapes(query_shape, value_shape, key_shape)
        q_rank = len(query_shape)
        self._query_dense = self._projection(q_rank, self._num_heads, self._key_dim, "query")
        self._query_dense.build(tuple(query_shape))
        self._key_dense = self._projection(len(key_shape), self._num_heads, self._key_dim, "key")
        self._key_dense.build(tuple(key_shape))
        if self._use_gate:
            self._gate_dense = self._projection(q_rank, self._num_heads, self._value_dim, "gate",
                                                activation="sigmoid")
            self._gate_dense.build(tuple(query_shape))
        self._value_dense = self._projection(len(value_shape), self._num_heads, self._value_dim,
                                             "value")
        self._value_dense.build(tuple(value_shape))
        out = self._output_shape or (query_shape[-1],)
        equation, bias_axes, out_rank = U.proj_equation(q_rank - 1, 2, len(out))
        self._output_dense = EinsumDense(
            equation, output_shape=U.partial_output_shape(out_rank - 1, out),
            bias_axes=bias_axes if self._use_bias else None, name="attention_output",
            **U.sublayer_kwargs(self))
        self._output_dense.build(tuple(query_shape[:-1]) + (self._num_heads, self._value_dim))
        axes = self._resolve_axes(q_rank)
        self._resolved_axes = axes
        self._dot_equation, self._combine_equation, scores_rank = U.attention_equations(
            q_rank + 1, axes)
        norm_axes = tuple(range(scores_rank - len(axes), scores_rank))
        self._softmax = Softmax(axis=list(norm_axes) if len(norm_axes) > 1 else norm_axes[0],
                                dtype=self.dtype_policy)
        self._dropout_layer = Dropout(rate=self._dropout, dtype=self.dtype_policy, seed=self.seed)
        # Sequences attended over axis 1 without attention dropout go through the fused
        # ops.dot_product_attention (same result as the einsum + masked softmax path).
        self._fused = q_rank == 3 and axes == (1,) and self._dropout == 0.0
        self._plain_projections = U.plain_projections(
            self, self._query_dense, self._key_dense, self._value_dense, self._output_dense)

    # ---- call --------------------------------------------------------------------
    def _masked_softmax(self, scores, attention_mask):
        if attention_mask is not None:
            axis = -2 * len(self._resolved_axes) - 1
            while len(attention_mask.shape) < len(scores.shape):
                attention_mask = ops.expand_dims(attention_mask, axis=axis)
            return self._softmax(scores, mask=attention_mask)
        return self._softmax(scores)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None):
        query = query * ops.cast(self._inverse_sqrt_key_dim, query.dtype)
        scores = ops.einsum(self._dot_equation, key, query)
        scores = self._masked_softmax(scores, attention_mask)
        used = self._dropout_layer(scores, training=training) if self._dropout > 0 else scores
        return ops.einsum(self._combine_equation, used, value), scores

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        query_mask = U.keras_mask(query) if query_mask is None else query_mask
        value_mask = U.keras_mask(value) if value_mask is None else value_mask
        if key is None:
            key = value
        elif key_mask is None:
            key_mask = U.keras_mask(key)
        if self._flash_attention:
            U.check_flash(self, self._flash_attention, 0.0, return_attention_scores)
        fused = getattr(self, "_fused", False) and not return_attention_scores
        if (query_mask is None and value_mask is None and key_mask is None
                and attention_mask is None and not use_causal_mask
                and self._sliding_window is None):
            mask, causal_only = None, False  # what resolve_masks gives without any mask
        else:
            mask, causal_only = U.resolve_masks(fused, query, value, query_mask, value_mask,
                                                key_mask, attention_mask, use_causal_mask,
                                                self._sliding_window)
        gate = self._gate_dense(query) if self._use_gate else None
        fused_proj = U.direct_projection(self, query, value, key)
        if fused_proj is not None:  # U.project's shortcut, inlined
            qd, kd, vd = self._query_dense, self._key_dense, self._value_dense
            q = fused_proj(query, qd.kernel, qd.bias, 1)
            k = fused_proj(key, kd.kernel, kd.bias, 1)
            v = fused_proj(value, vd.kernel, vd.bias, 1)
        else:
            q = self._query_dense(query)
            k = self._key_dense(key)
            v = self._value_dense(value)
        scores = None
        if fused:
            output = U.fused_attention(q, k, v, mask, self._inverse_sqrt_key_dim, causal_only)
        else:
            output, scores = self._compute_attention(q, k, v, mask, training=training)
        return U.attention_output(self, fused_proj, output, gate, scores, return_attention_scores)

    def compute_mask(self, query, mask=None):
        return U.keras_mask(query) if mask is None else mask

    # ---- shapes and config ---------------------------------------------------------
    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        self._check_shapes(query_shape, value_shape, key_shape)
        if self._output_shape:
            return tuple(query_shape[:-1]) + self._output_shape
        return tuple(query_shape)

    def compute_output_spec(self, query, value, key=None, return_attention_scores=False,
                            **kwargs):
        q, v = tuple(query.shape), tuple(value.shape)
        out = KerasTensor(self.compute_output_shape(q, v, None if key is None else key.shape),
                          dtype=self.compute_dtype)
        if not return_attention_scores:
            return out
        axes = self._resolve_axes(len(q))
        batch = [d for i, d in enumerate(q[:-1]) if i not in axes]
        shape = tuple(batch + [self._num_heads] + [q[a] for a in axes] + [v[a] for a in axes])
        return out, KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        out = self._output_shape_arg
        config.update({
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "use_gate": self._use_gate,
            "output_shape": list(out) if isinstance(out, (list, tuple)) else out,
            "attention_axes": (None if self._attention_axes is None
                               else list(self._attention_axes)),
            "sliding_window": self._sliding_window,
            "flash_attention": self._flash_attention,
            "seed": self.seed,
        })
        config.update(U.weight_args_config(self))
        return config
