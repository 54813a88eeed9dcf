"""Convolution layers: Conv, ConvTranspose, SeparableConv and DepthwiseConv (with Keras's
Convolution* aliases)."""

from kerasx.layers.convolutional.conv1d import Conv1D  # noqa: F401
from kerasx.layers.convolutional.conv1d_transpose import Conv1DTranspose  # noqa: F401
from kerasx.layers.convolutional.conv2d import Conv2D  # noqa: F401
from kerasx.layers.convolutional.conv2d_transpose import Conv2DTranspose  # noqa: F401
from kerasx.layers.convolutional.conv3d import Conv3D  # noqa: F401
from kerasx.layers.convolutional.conv3d_transpose import Conv3DTranspose  # noqa: F401
from kerasx.layers.convolutional.depthwise_conv1d import DepthwiseConv1D  # noqa: F401
from kerasx.layers.convolutional.depthwise_conv2d import DepthwiseConv2D  # noqa: F401
from kerasx.layers.convolutional.separable_conv1d import SeparableConv1D  # noqa: F401
from kerasx.layers.convolutional.separable_conv2d import SeparableConv2D  # noqa: F401

# Keras's long aliases.
Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D
