"""Layers (``kerasx.layers``): the Layer base class and the layer catalog."""

from kerasx.layers._layer_dtype import DTypePolicy, FloatDTypePolicy  # noqa: F401
from kerasx.layers.core.activation import Activation  # noqa: F401
from kerasx.layers.core.dense import Dense  # noqa: F401
from kerasx.layers.core.identity import Identity  # noqa: F401
from kerasx.layers.core.input_layer import Input, InputLayer  # noqa: F401
from kerasx.layers.core.lambda_layer import Lambda  # noqa: F401
from kerasx.layers.input_spec import InputSpec  # noqa: F401
from kerasx.layers.layer import Layer  # noqa: F401
from kerasx.layers.merging.add import Add, add  # noqa: F401
from kerasx.layers.merging.average import Average, average  # noqa: F401
from kerasx.layers.merging.concatenate import Concatenate, concatenate  # noqa: F401
from kerasx.layers.merging.multiply import Multiply, multiply  # noqa: F401
from kerasx.layers.regularization.dropout import Dropout  # noqa: F401
from kerasx.layers.reshaping.flatten import Flatten  # noqa: F401
from kerasx.layers.reshaping.reshape import Reshape  # noqa: F401
# --- convolution, pooling and reshaping catalog (begin) ---
from kerasx.layers.convolutional import (  # noqa: F401
    Conv1D, Conv1DTranspose, Conv2D, Conv2DTranspose, Conv3D, Conv3DTranspose, Convolution1D,
    Convolution1DTranspose, Convolution2D, Convolution2DTranspose, Convolution3D,
    Convolution3DTranspose, DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D,
    SeparableConvolution1D, SeparableConvolution2D)
from kerasx.layers.pooling import (  # noqa: F401
    AdaptiveAveragePooling1D, AdaptiveAveragePooling2D, AdaptiveAveragePooling3D,
    AdaptiveMaxPooling1D, AdaptiveMaxPooling2D, AdaptiveMaxPooling3D, AveragePooling1D,
    AveragePooling2D, AveragePooling3D, AvgPool1D, AvgPool2D, AvgPool3D, GlobalAveragePooling1D,
    GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalAvgPool1D, GlobalAvgPool2D,
    GlobalAvgPool3D, GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D, GlobalMaxPooling1D,
    GlobalMaxPooling2D, GlobalMaxPooling3D, MaxPool1D, MaxPool2D, MaxPool3D, MaxPooling1D,
    MaxPooling2D, MaxPooling3D)
from kerasx.layers.reshaping.cropping1d import Cropping1D  # noqa: F401
from kerasx.layers.reshaping.cropping2d import Cropping2D  # noqa: F401
from kerasx.layers.reshaping.cropping3d import Cropping3D  # noqa: F401
from kerasx.layers.reshaping.permute import Permute  # noqa: F401
from kerasx.layers.reshaping.repeat_vector import RepeatVector  # noqa: F401
from kerasx.layers.reshaping.up_sampling1d import UpSampling1D  # noqa: F401
from kerasx.layers.reshaping.up_sampling2d import UpSampling2D  # noqa: F401
from kerasx.layers.reshaping.up_sampling3d import UpSampling3D  # noqa: F401
from kerasx.layers.reshaping.zero_padding1d import ZeroPadding1D  # noqa: F401
from kerasx.layers.reshaping.zero_padding2d import ZeroPadding2D  # noqa: F401
from kerasx.layers.reshaping.zero_padding3d import ZeroPadding3D  # noqa: F401
# --- convolution, pooling and reshaping catalog (end) ---
# --- core, activation, normalization, regularization and merging catalog (begin) ---
from kerasx.layers.activations import ELU, LeakyReLU, PReLU, ReLU, Softmax  # noqa: F401
from kerasx.layers.core.einsum_dense import EinsumDense  # noqa: F401
from kerasx.layers.core.embedding import Embedding  # noqa: F401
from kerasx.layers.core.masking import Masking  # noqa: F401
from kerasx.layers.merging.dot import Dot, dot  # noqa: F401
from kerasx.layers.merging.maximum import Maximum, maximum  # noqa: F401
from kerasx.layers.merging.minimum import Minimum, minimum  # noqa: F401
from kerasx.layers.merging.subtract import Subtract, subtract  # noqa: F401
from kerasx.layers.normalization import (  # noqa: F401
    BatchNormalization, GroupNormalization, LayerNormalization, RMSNormalization,
    SpectralNormalization, UnitNormalization)
from kerasx.layers.regularization.activity_regularization import (  # noqa: F401
    ActivityRegularization)
from kerasx.layers.regularization.alpha_dropout import AlphaDropout  # noqa: F401
from kerasx.layers.regularization.gaussian_dropout import GaussianDropout  # noqa: F401
from kerasx.layers.regularization.gaussian_noise import GaussianNoise  # noqa: F401
from kerasx.layers.regularization.spatial_dropout import (  # noqa: F401
    SpatialDropout1D, SpatialDropout2D, SpatialDropout3D)
# --- core, activation, normalization, regularization and merging catalog (end) ---

# --- recurrent catalog (begin) ---
from kerasx.layers.rnn import (  # noqa: F401
    GRU, LSTM, RNN, Bidirectional, ConvLSTM1D, ConvLSTM2D, ConvLSTM3D, GRUCell, LSTMCell,
    SimpleRNN, SimpleRNNCell, StackedRNNCells, TimeDistributed)
# --- recurrent catalog (end) ---

# --- attention catalog (begin) ---
from kerasx.layers.attention import (  # noqa: F401
    AdditiveAttention, Attention, GroupedQueryAttention, GroupQueryAttention, MultiHeadAttention)
# --- attention catalog (end) ---

# --- preprocessing catalog (begin) ---
from kerasx.layers.preprocessing import (  # noqa: F401
    CategoryEncoding, CenterCrop, Discretization, Hashing, IntegerLookup, Normalization,
    RandomBrightness, RandomContrast, RandomCrop, RandomFlip, RandomRotation, RandomTranslation,
    RandomZoom, Rescaling, Resizing, StringLookup, TextVectorization)
# --- preprocessing catalog (end) ---

def serialize(layer):
    """Returns the Keras 3 config dict of ``layer``."""
    from kerasx.saving.serialization_lib import serialize_keras_object
    return serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    """Builds a layer from its Keras 3 (or Keras 2) config dict.

    Raises:
        ValueError: if the class is unknown (the message shows how to register it).
    """
    from kerasx.saving.serialization_lib import deserialize_keras_object
    if isinstance(config, dict) and "module" not in config:
        config = dict(config, module="keras.layers")
    return deserialize_keras_object(config, custom_objects=custom_objects)
