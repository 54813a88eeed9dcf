"""Helpers for the RNN layers that own a built-in cell (SimpleRNN, LSTM, GRU, ConvLSTM)."""

_RNN_ARGS = ("return_sequences", "return_state", "go_backwards", "stateful", "unroll",
             "zero_output_for_mask", "time_major")
_BASE_ARGS = ("name", "trainable", "dtype", "activity_regularizer", "input_shape", "input_dim",
              "batch_size", "batch_input_shape", "input_length", "autocast")


def split_kwargs(kwargs):
    """Splits the extra keyword arguments into (RNN/base-layer kwargs, cell kwargs)."""
    layer_kw = {k: v for k, v in kwargs.items() if k in _RNN_ARGS or k in _BASE_ARGS}
    cell_kw = {k: v for k, v in kwargs.items() if k not in layer_kw}
    return layer_kw, cell_kw


def cell_common_kwargs(layer_kw):
    """The dtype/trainable arguments the wrapped cell shares with its layer."""
    return {"dtype": layer_kw.get("dtype"), "trainable": layer_kw.get("trainable", True)}


def layer_config(layer, base_config):
    """The layer config: RNN arguments then the cell's arguments (Keras's flat layout)."""
    from kerasx import regularizers
    config = dict(base_config)
    config["activity_regularizer"] = regularizers.serialize(layer.activity_regularizer)
    cell_config = layer.cell.get_config()
    for k in ("name", "trainable", "dtype"):
        cell_config.pop(k, None)
    config.update(cell_config)
    return config


class CellPropertiesMixin:
    """Read-only properties forwarding common argument names to ``self.cell``."""

    units = property(lambda self: self.cell.units)
    activation = property(lambda self: self.cell.activation)
    use_bias = property(lambda self: self.cell.use_bias)
    kernel_initializer = property(lambda self: self.cell.kernel_initializer)
    recurrent_initializer = property(lambda self: self.cell.recurrent_initializer)
    bias_initializer = property(lambda self: self.cell.bias_initializer)
    kernel_regularizer = property(lambda self: self.cell.kernel_regularizer)
    recurrent_regularizer = property(lambda self: self.cell.recurrent_regularizer)
    bias_regularizer = property(lambda self: self.cell.bias_regularizer)
    kernel_constraint = property(lambda self: self.cell.kernel_constraint)
    recurrent_constraint = property(lambda self: self.cell.recurrent_constraint)
    bias_constraint = property(lambda self: self.cell.bias_constraint)
    dropout = property(lambda self: self.cell.dropout)
    recurrent_dropout = property(lambda self: self.cell.recurrent_dropout)
