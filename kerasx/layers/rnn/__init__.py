"""Recurrent layers: RNN, SimpleRNN, LSTM, GRU, their cells, Bidirectional, TimeDistributed,
ConvLSTM1D/2D/3D."""

from kerasx.layers.rnn.bidirectional import Bidirectional  # noqa: F401
from kerasx.layers.rnn.conv_lstm import ConvLSTM  # noqa: F401
from kerasx.layers.rnn.conv_lstm1d import ConvLSTM1D  # noqa: F401
from kerasx.layers.rnn.conv_lstm2d import ConvLSTM2D  # noqa: F401
from kerasx.layers.rnn.conv_lstm3d import ConvLSTM3D  # noqa: F401
from kerasx.layers.rnn.conv_lstm_cell import ConvLSTMCell  # noqa: F401
from kerasx.layers.rnn.gru import GRU  # noqa: F401
from kerasx.layers.rnn.gru_cell import GRUCell  # noqa: F401
from kerasx.layers.rnn.lstm import LSTM  # noqa: F401
from kerasx.layers.rnn.lstm_cell import LSTMCell  # noqa: F401
from kerasx.layers.rnn.rnn import RNN  # noqa: F401
from kerasx.layers.rnn.simple_rnn import SimpleRNN  # noqa: F401
from kerasx.layers.rnn.simple_rnn_cell import SimpleRNNCell  # noqa: F401
from kerasx.layers.rnn.stacked_rnn_cells import StackedRNNCells  # noqa: F401
from kerasx.layers.rnn.time_distributed import TimeDistributed  # noqa: F401
