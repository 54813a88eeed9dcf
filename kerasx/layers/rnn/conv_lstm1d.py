"""``ConvLSTM1D``: convolutional LSTM over sequences of 1-D feature maps."""

from kerasx.layers.rnn.conv_lstm import ConvLSTM


class ConvLSTM1D(ConvLSTM):
    """Convolutional LSTM with 1 spatial dimension(s).

    Input: ``(batch, time, *spatial, channels)`` (channels_last) or
    ``(batch, time, channels, *spatial)`` (channels_first), 1 spatial dim(s).
    Arguments: those of ``ConvLSTM`` without ``rank`` (filters, kernel_size,
    strides, padding, data_format, dilation_rate, the LSTM arguments, return_sequences,
    return_state, go_backwards, stateful).

    Example:
        >>> ConvLSTM1D(4, 3, padding="same", return_sequences=True)
    """

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(1, filters, kernel_size, **kwargs)
