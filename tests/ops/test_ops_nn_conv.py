"""Convolutions and pooling against NumPy loop references, in both data formats."""

import numpy as np
import pytest

from kerasx import ops
from ops_helpers import check, randn, sym
import nn_reference as ref

CONV_CASES = [
    # (input shape channels_last, kernel shape, strides, padding, dilation)
    ((2, 7, 3), (3, 3, 4), 1, "valid", 1),
    ((2, 8, 3), (3, 3, 2), 2, "same", 1),
    ((1, 9, 2), (3, 2, 3), 1, "causal", 2),
    ((1, 7, 2), (2, 2, 2), 1, "causal", 1),
    ((1, 9, 4), (3, 2, 6), 1, "same", 1),  # groups=2
    ((2, 6, 5, 3), (3, 2, 3, 4), (2, 1), "valid", 1),
    ((1, 7, 6, 2), (3, 3, 2, 3), 2, "same", 1),
    ((1, 8, 8, 2), (3, 3, 2, 2), 1, "same", (2, 1)),
    ((1, 6, 6, 4), (2, 2, 1, 4), 1, "valid", 1),  # groups=4
    ((1, 5, 4, 6, 2), (2, 3, 2, 2, 3), (1, 2, 2), "same", 1),
    ((1, 5, 5, 5, 1), (3, 3, 3, 1, 2), 1, "valid", (2, 1, 1)),
]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("xs,ks,strides,padding,dilation", CONV_CASES,
                         ids=[f"{len(c[0]) - 2}d-{c[3]}-{i}" for i, c in enumerate(CONV_CASES)])
def test_conv(xs, ks, strides, padding, dilation, data_format):
    x, k = randn(*xs, seed=1), randn(*ks, seed=2)
    expected = ref.conv(x, k, strides, padding, dilation)
    inp = x if data_format == "channels_last" else ref.to_channels_first(x)
    out = ops.conv(inp, k, strides=strides, padding=padding, data_format=data_format,
                   dilation_rate=dilation)
    if data_format == "channels_first":
        expected = ref.to_channels_first(expected)
    check(out, expected, dtype="float32", rtol=1e-4, atol=1e-4)
    sym_in = sym((None,) + inp.shape[1:])
    s = ops.conv(sym_in, k, strides=strides, padding=padding, data_format=data_format,
                 dilation_rate=dilation)
    assert s.shape == (None,) + expected.shape[1:]


DW_CASES = [((2, 7, 3), (3, 3, 2), 1, "valid", 1), ((1, 7, 6, 2), (3, 3, 2, 2), 2, "same", 1),
            ((1, 8, 8, 3), (3, 3, 3, 1), 1, "same", 2), ((1, 6, 6, 2), (2, 3, 2, 3), (1, 2), "valid", 1)]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("xs,ks,strides,padding,dilation", DW_CASES)
def test_depthwise_and_separable(xs, ks, strides, padding, dilation, data_format):
    x, k = randn(*xs, seed=3), randn(*ks, seed=4)
    pk = randn(*((1,) * (len(xs) - 2) + (ks[-2] * ks[-1], 5)), seed=5)
    dw = ref.depthwise_conv(x, k, strides, padding, dilation)
    sep = ref.conv(dw, pk)
    cf = data_format == "channels_first"
    inp = ref.to_channels_first(x) if cf else x
    out = ops.depthwise_conv(inp, k, strides, padding, data_format, dilation)
    check(out, ref.to_channels_first(dw) if cf else dw, rtol=1e-4, atol=1e-4)
    out = ops.separable_conv(inp, k, pk, strides, padding, data_format, dilation)
    check(out, ref.to_channels_first(sep) if cf else sep, rtol=1e-4, atol=1e-4)


TRANSPOSE_CASES = [
    ((1, 4, 2), (3, 5, 2), 2, "same", None, 1),
    ((2, 4, 3), (3, 2, 3), 2, "valid", None, 1),
    ((1, 3, 2), (2, 2, 2), 3, "valid", None, 1),
    ((1, 4, 2), (3, 2, 2), 2, "same", 1, 1),
    ((1, 4, 2), (3, 2, 2), 2, "valid", 1, 1),
    ((1, 5, 1), (3, 2, 1), 1, "same", None, 2),
    ((1, 3, 4, 2), (3, 3, 3, 2), 2, "same", None, 1),
    ((1, 3, 3, 2), (2, 3, 2, 2), (2, 1), "valid", None, 1),
    ((1, 3, 3, 1), (3, 3, 2, 1), 2, "same", (1, 1), 1),
]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("xs,ks,strides,padding,output_padding,dilation", TRANSPOSE_CASES)
def test_conv_transpose(xs, ks, strides, padding, output_padding, dilation, data_format):
    x, k = randn(*xs, seed=6), randn(*ks, seed=7)
    expected = ref.conv_transpose(x, k, strides, padding, output_padding, dilation)
    cf = data_format == "channels_first"
    out = ops.conv_transpose(ref.to_channels_first(x) if cf else x, k, strides, padding,
                             output_padding, data_format, dilation)
    check(out, ref.to_channels_first(expected) if cf else expected, rtol=1e-4, atol=1e-4)


def test_conv_transpose_output_lengths():
    x = np.ones((1, 5, 1), "float32")
    for k, s, padding, expected in ((3, 2, "same", 10), (3, 2, "valid", 11), (1, 3, "valid", 15),
                                    (4, 1, "valid", 8), (4, 1, "same", 5)):
        out = ops.conv_transpose(x, np.ones((k, 1, 1), "float32"), s, padding)
        assert ops.shape(out) == (1, expected, 1)


POOL_CASES = [((2, 7, 3), 2, None, "valid"), ((2, 7, 3), 3, 2, "same"), ((1, 6, 5, 2), 2, None, "valid"),
              ((1, 6, 5, 2), (3, 2), (2, 1), "same"), ((1, 5, 5, 2), 3, 2, "same"),
              ((1, 4, 5, 3, 1), 2, 2, "same")]


@pytest.mark.parametrize("kind", ["max", "average"])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("xs,pool_size,strides,padding", POOL_CASES)
def test_pool(xs, pool_size, strides, padding, kind, data_format):
    x = randn(*xs, seed=8)
    expected = ref.pool(x, pool_size, strides, padding, "max" if kind == "max" else "avg")
    cf = data_format == "channels_first"
    fn = ops.max_pool if kind == "max" else ops.average_pool
    out = fn(ref.to_channels_first(x) if cf else x, pool_size, strides, padding, data_format)
    check(out, ref.to_channels_first(expected) if cf else expected, dtype="float32", rtol=1e-5, atol=1e-5)
    s = fn(sym((None,) + (ref.to_channels_first(x) if cf else x).shape[1:]), pool_size, strides,
           padding, data_format)
    assert s.shape == (None,) + (ref.to_channels_first(expected) if cf else expected).shape[1:]


def test_conv_uses_global_data_format():
    from kerasx import config
    x, k = randn(1, 2, 5, seed=1), randn(3, 2, 4, seed=2)
    config.set_image_data_format("channels_first")
    out = ops.conv(x, k)
    check(out, ref.to_channels_first(ref.conv(ref.to_channels_last(x), k)), rtol=1e-4, atol=1e-4)
