"""Pooling layers (windowed, global, adaptive) against NumPy loops, on every backend."""

import itertools

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.ops.gradients import compute_gradients

to_np = ops.convert_to_numpy
rng = np.random.default_rng(0)


def np_pool(x, pool, strides, padding, mode):
    """Windowed pooling of channels_last ``x``; 'same' windows skip padded cells."""
    rank = len(pool)
    spatial = x.shape[1:-1]
    if padding == "valid":
        out = [(spatial[i] - pool[i]) // strides[i] + 1 for i in range(rank)]
        before = [0] * rank
    else:
        out = [-(-spatial[i] // strides[i]) for i in range(rank)]
        before = [max((out[i] - 1) * strides[i] + pool[i] - spatial[i], 0) // 2
                  for i in range(rank)]
    y = np.zeros((x.shape[0],) + tuple(out) + (x.shape[-1],), x.dtype)
    for pos in itertools.product(*[range(n) for n in out]):
        idx = []
        for i in range(rank):
            start = pos[i] * strides[i] - before[i]
            idx.append(slice(max(start, 0), min(start + pool[i], spatial[i])))
        win = x[(slice(None),) + tuple(idx)]
        axes = tuple(range(1, rank + 1))
        y[(slice(None),) + pos] = win.max(axes) if mode == "max" else win.mean(axes)
    return y


def np_adaptive(x, size, mode):
    rank = len(size)
    spatial = x.shape[1:-1]
    y = np.zeros((x.shape[0],) + tuple(size) + (x.shape[-1],), x.dtype)
    for pos in itertools.product(*[range(n) for n in size]):
        idx = tuple(slice(int(np.floor(pos[i] * spatial[i] / size[i])),
                          int(np.ceil((pos[i] + 1) * spatial[i] / size[i]))) for i in range(rank))
        win = x[(slice(None),) + idx]
        axes = tuple(range(1, rank + 1))
        y[(slice(None),) + pos] = win.max(axes) if mode == "max" else win.mean(axes)
    return y


def _run(layer, x_last, data_format):
    x = x_last if data_format == "channels_last" else np.moveaxis(x_last, -1, 1)
    y = to_np(layer(x))
    return y if data_format == "channels_last" or y.ndim == 2 else np.moveaxis(y, 1, -1)


POOL_CASES = [
    (1, (9,), dict(pool_size=2)),
    (1, (9,), dict(pool_size=3, strides=2, padding="same")),
    (2, (7, 6), dict()),
    (2, (7, 6), dict(pool_size=(3, 2), strides=(2, 1), padding="same")),
    (2, (8, 8), dict(pool_size=3, strides=2, padding="valid")),
    (3, (5, 4, 6), dict(pool_size=2, padding="same")),
    (3, (4, 4, 4), dict(pool_size=(2, 1, 3), strides=1)),
]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("rank,spatial,kwargs", POOL_CASES)
def test_pooling_matches_numpy(rank, spatial, kwargs, mode, data_format):
    cls = getattr(layers, f"{'Max' if mode == 'max' else 'Average'}Pooling{rank}D")
    layer = cls(data_format=data_format, **kwargs)
    x = rng.standard_normal((2,) + spatial + (3,)).astype("float32")
    default = 2
    pool = kwargs.get("pool_size", default)
    pool = (pool,) * rank if isinstance(pool, int) else tuple(pool)
    strides = kwargs.get("strides") or pool
    strides = (strides,) * rank if isinstance(strides, int) else tuple(strides)
    want = np_pool(x, pool, strides, kwargs.get("padding", "valid"), mode)
    np.testing.assert_allclose(_run(layer, x, data_format), want, rtol=1e-5, atol=1e-6)
    shape_in = x.shape if data_format == "channels_last" else np.moveaxis(x, -1, 1).shape
    sym = layer(kerasx.Input(shape_in[1:]))
    out_shape = want.shape if data_format == "channels_last" else np.moveaxis(want, -1, 1).shape
    assert tuple(sym.shape) == (None,) + out_shape[1:]
    assert layer.strides == strides and layer.pool_size == pool


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("rank", [1, 2, 3])
def test_global_pooling(rank, keepdims, data_format):
    x = rng.standard_normal((2,) + (4, 3, 5)[:rank] + (3,)).astype("float32")
    xin = x if data_format == "channels_last" else np.moveaxis(x, -1, 1)
    axes = tuple(range(1, rank + 1)) if data_format == "channels_last" else tuple(
        range(2, rank + 2))
    for mode, fn in (("Max", np.max), ("Average", np.mean)):
        layer = getattr(layers, f"Global{mode}Pooling{rank}D")(data_format=data_format,
                                                              keepdims=keepdims)
        want = fn(xin, axis=axes, keepdims=keepdims)
        np.testing.assert_allclose(to_np(layer(xin)), want, rtol=1e-5, atol=1e-6)
        assert tuple(layer(kerasx.Input(xin.shape[1:])).shape) == (None,) + want.shape[1:]
        assert layer.get_config()["keepdims"] is keepdims


def test_global_average_pooling1d_mask():
    x = rng.standard_normal((2, 5, 3)).astype("float32")
    mask = np.array([[1, 1, 0, 0, 0], [1, 1, 1, 1, 0]], bool)
    want = np.stack([x[0, :2].mean(0), x[1, :4].mean(0)])
    layer = layers.GlobalAveragePooling1D()
    np.testing.assert_allclose(to_np(layer(x, mask=mask)), want, rtol=1e-5)
    cf = layers.GlobalAveragePooling1D(data_format="channels_first", keepdims=True)
    got = to_np(cf(np.moveaxis(x, -1, 1), mask=mask))
    np.testing.assert_allclose(got, want[:, :, None], rtol=1e-5)
    assert layer.supports_masking and layer.compute_mask(x, mask) is None


def test_mask_reaches_global_average_pooling1d_in_a_model():
    """A mask made upstream (by a Masking-like layer) reaches the pooling in a model."""

    class ZeroMask(layers.Layer):
        def compute_mask(self, inputs, mask=None):
            return ops.any(ops.not_equal(inputs, 0), axis=-1)

        def call(self, inputs):
            return inputs

    x = rng.standard_normal((2, 4, 3)).astype("float32")
    x[0, 2:] = 0.0
    inp = kerasx.Input((4, 3))
    model = kerasx.models.Model(inp, layers.GlobalAveragePooling1D()(ZeroMask()(inp)))
    want = np.stack([x[0, :2].mean(0), x[1].mean(0)])
    np.testing.assert_allclose(to_np(model(x)), want, rtol=1e-5)


ADAPTIVE_CASES = [(1, (10,), 4), (1, (7,), 7), (1, (3,), 5), (2, (10, 9), (4, 3)),
                  (2, (5, 8), 3), (3, (5, 4, 6), (2, 3, 4))]


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,spatial,size", ADAPTIVE_CASES)
def test_adaptive_pooling_matches_numpy(rank, spatial, size, data_format):
    x = rng.standard_normal((2,) + spatial + (3,)).astype("float32")
    tsize = (size,) * rank if isinstance(size, int) else size
    for mode in ("Max", "Average"):
        layer = getattr(layers, f"Adaptive{mode}Pooling{rank}D")(size, data_format=data_format)
        want = np_adaptive(x, tsize, mode.lower() if mode == "Max" else "average")
        np.testing.assert_allclose(_run(layer, x, data_format), want, rtol=1e-5, atol=1e-6)
        xin = x if data_format == "channels_last" else np.moveaxis(x, -1, 1)
        out_shape = want.shape if data_format == "channels_last" else np.moveaxis(
            want, -1, 1).shape
        assert tuple(layer(kerasx.Input(xin.shape[1:])).shape) == (None,) + out_shape[1:]


@pytest.mark.parametrize("make", [
    lambda: layers.MaxPooling2D(2), lambda: layers.AveragePooling1D(3, padding="same"),
    lambda: layers.GlobalAveragePooling2D(), lambda: layers.GlobalMaxPooling1D(),
    lambda: layers.AdaptiveMaxPooling2D((2, 3)), lambda: layers.AdaptiveAveragePooling1D(3),
])
def test_gradients_flow_and_config_round_trip(make):
    layer = make()
    rank = len(getattr(layer, "pool_size", None) or getattr(layer, "output_size", None)
               or (0,) * layer.pool_dimensions)
    shape = (2,) + (6, 7, 5)[:rank] + (3,)
    v = kerasx.Variable(rng.standard_normal(shape).astype("float32"))
    _, (g,) = compute_gradients(lambda: ops.sum(ops.square(layer(v.value))), [v])
    assert np.abs(to_np(g)).sum() > 0
    clone = type(layer).from_config(layer.get_config())
    x = rng.standard_normal(shape).astype("float32")
    np.testing.assert_allclose(to_np(clone(x)), to_np(layer(x)), rtol=1e-6)
    assert clone.get_config() == {**layer.get_config(), "name": clone.name}


def test_aliases_and_keras_config_keys():
    assert layers.MaxPool2D is layers.MaxPooling2D and layers.AvgPool3D is layers.AveragePooling3D
    assert layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D
    assert layers.GlobalMaxPool1D is layers.GlobalMaxPooling1D
    cfg = layers.MaxPooling2D(name="pool1").get_config()
    assert list(cfg["pool_size"]) == [2, 2] and list(cfg["strides"]) == [2, 2]
    assert cfg["padding"] == "valid" and cfg["data_format"] == "channels_last"
    restored = layers.deserialize({"class_name": "GlobalAveragePooling2D",
                                   "config": {"name": "gap", "data_format": "channels_last",
                                              "keepdims": False}})
    assert isinstance(restored, layers.GlobalAveragePooling2D)


@pytest.mark.parametrize("make,match", [
    (lambda: layers.MaxPooling2D(0, name="p"), r"MaxPooling2D 'p'.*pool_size"),
    (lambda: layers.MaxPooling2D((2, 2, 2)), r"pool_size"),
    (lambda: layers.AveragePooling1D(2, strides=-1), r"strides"),
    (lambda: layers.MaxPooling1D(2, padding="causal"), r"padding must be one of"),
    (lambda: layers.GlobalMaxPooling2D(data_format="nhwc"), r"data_format"),
    (lambda: layers.AdaptiveAveragePooling2D(0), r"output_size"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_inputs():
    with pytest.raises(ValueError, match=r"MaxPooling2D 'mp'.*larger than the input"):
        layers.MaxPooling2D(4, name="mp")(np.zeros((1, 3, 3, 1), "float32"))
    with pytest.raises(ValueError, match=r"larger than the input"):
        layers.AveragePooling1D(5)(kerasx.Input((3, 2)))
    with pytest.raises(ValueError, match=r"ndim=4|4-D"):
        layers.MaxPooling2D()(np.zeros((1, 4, 4), "float32"))
