"""Attention layers: Attention, AdditiveAttention, MultiHeadAttention, GroupedQueryAttention."""

from kerasx.layers.attention.additive_attention import AdditiveAttention  # noqa: F401
from kerasx.layers.attention.attention import Attention  # noqa: F401
from kerasx.layers.attention.grouped_query_attention import (  # noqa: F401
    GroupedQueryAttention, GroupQueryAttention)
from kerasx.layers.attention.multi_head_attention import MultiHeadAttention  # noqa: F401
