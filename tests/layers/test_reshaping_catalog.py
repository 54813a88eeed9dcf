"""Permute, RepeatVector, Cropping*, UpSampling*, ZeroPadding* against NumPy, every backend."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops
from kerasx.ops.gradients import compute_gradients

to_np = ops.convert_to_numpy
rng = np.random.default_rng(0)


def _check(layer, x, want):
    """Eager output equals ``want``; the symbolic shape equals the eager one."""
    got = to_np(layer(x))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    sym = layer(kerasx.Input(x.shape[1:]))
    assert tuple(sym.shape) == (None,) + want.shape[1:]
    clone = type(layer).from_config(layer.get_config())
    np.testing.assert_allclose(to_np(clone(x)), want, rtol=1e-5, atol=1e-6)
    assert clone.get_config() == {**layer.get_config(), "name": clone.name}


def test_permute_and_repeat_vector():
    x = rng.standard_normal((2, 3, 4, 5)).astype("float32")
    _check(layers.Permute((3, 1, 2)), x, np.transpose(x, (0, 3, 1, 2)))
    _check(layers.Permute((2, 1)), x[:, 0], np.transpose(x[:, 0], (0, 2, 1)))
    v = rng.standard_normal((2, 5)).astype("float32")
    _check(layers.RepeatVector(3), v, np.repeat(v[:, None, :], 3, axis=1))
    assert layers.Permute((2, 1)).get_config()["dims"] == (2, 1)
    assert layers.RepeatVector(4).get_config()["n"] == 4


def test_cropping():
    x1 = rng.standard_normal((2, 8, 3)).astype("float32")
    _check(layers.Cropping1D((1, 2)), x1, x1[:, 1:-2])
    _check(layers.Cropping1D(3), x1, x1[:, 3:-3])
    assert layers.Cropping1D().get_config()["cropping"] == (1, 1)
    x2 = rng.standard_normal((2, 6, 7, 3)).astype("float32")
    _check(layers.Cropping2D(((1, 0), (2, 3))), x2, x2[:, 1:, 2:-3])
    _check(layers.Cropping2D((1, 2)), x2, x2[:, 1:-1, 2:-2])
    cf = np.moveaxis(x2, -1, 1)
    _check(layers.Cropping2D(1, data_format="channels_first"), cf, cf[:, :, 1:-1, 1:-1])
    x3 = rng.standard_normal((1, 5, 4, 6, 2)).astype("float32")
    _check(layers.Cropping3D(), x3, x3[:, 1:-1, 1:-1, 1:-1])
    _check(layers.Cropping3D(((0, 1), (2, 0), (1, 3))), x3, x3[:, :-1, 2:, 1:-3])
    cf3 = np.moveaxis(x3, -1, 1)
    _check(layers.Cropping3D((1, 0, 2), data_format="channels_first"), cf3,
           cf3[:, :, 1:-1, :, 2:-2])


def test_zero_padding():
    x1 = rng.standard_normal((2, 4, 3)).astype("float32")
    _check(layers.ZeroPadding1D(), x1, np.pad(x1, ((0, 0), (1, 1), (0, 0))))
    _check(layers.ZeroPadding1D((2, 0)), x1, np.pad(x1, ((0, 0), (2, 0), (0, 0))))
    _check(layers.ZeroPadding1D(1, data_format="channels_first"), x1,
           np.pad(x1, ((0, 0), (0, 0), (1, 1))))
    x2 = rng.standard_normal((2, 3, 4, 2)).astype("float32")
    _check(layers.ZeroPadding2D(((1, 0), (2, 3))), x2,
           np.pad(x2, ((0, 0), (1, 0), (2, 3), (0, 0))))
    _check(layers.ZeroPadding2D((1, 2), data_format="channels_first"), x2,
           np.pad(x2, ((0, 0), (0, 0), (1, 1), (2, 2))))
    x3 = rng.standard_normal((1, 2, 3, 2, 2)).astype("float32")
    _check(layers.ZeroPadding3D(), x3, np.pad(x3, ((0, 0), (1, 1), (1, 1), (1, 1), (0, 0))))
    _check(layers.ZeroPadding3D(((0, 1), (2, 0), (1, 1)), data_format="channels_first"), x3,
           np.pad(x3, ((0, 0), (0, 0), (0, 1), (2, 0), (1, 1))))
    assert layers.ZeroPadding2D().get_config()["padding"] == ((1, 1), (1, 1))


def np_bilinear_up(x, factors):
    """Half-pixel-centre bilinear upsampling of channels_last images by integer factors."""
    out = x
    for axis, f in zip((1, 2), factors):
        n = out.shape[axis]
        src = np.clip((np.arange(n * f) + 0.5) / f - 0.5, 0, n - 1)
        lo = np.floor(src).astype(int)
        hi = np.minimum(lo + 1, n - 1)
        w = (src - lo).reshape([-1 if a == axis else 1 for a in range(out.ndim)])
        out = np.take(out, lo, axis) * (1 - w) + np.take(out, hi, axis) * w
    return out


def test_up_sampling():
    x1 = rng.standard_normal((2, 3, 4)).astype("float32")
    _check(layers.UpSampling1D(3), x1, np.repeat(x1, 3, axis=1))
    x2 = rng.standard_normal((2, 3, 4, 2)).astype("float32")
    _check(layers.UpSampling2D(), x2, np.repeat(np.repeat(x2, 2, 1), 2, 2))
    _check(layers.UpSampling2D((1, 3), data_format="channels_first"), x2,
           np.repeat(x2, 3, 3))
    _check(layers.UpSampling2D((2, 3), interpolation="bilinear"), x2,
           np_bilinear_up(x2, (2, 3)))
    cf = np.moveaxis(x2, -1, 1)
    _check(layers.UpSampling2D(2, data_format="channels_first", interpolation="bilinear"), cf,
           np.moveaxis(np_bilinear_up(x2, (2, 2)), -1, 1))
    x3 = rng.standard_normal((1, 2, 3, 2, 2)).astype("float32")
    _check(layers.UpSampling3D(), x3, np.repeat(np.repeat(np.repeat(x3, 2, 1), 2, 2), 2, 3))
    _check(layers.UpSampling3D((1, 2, 3), data_format="channels_first"), x3,
           np.repeat(np.repeat(x3, 2, 3), 3, 4))
    assert layers.UpSampling2D(interpolation="bilinear").get_config()["interpolation"] == (
        "bilinear")


@pytest.mark.parametrize("make,shape", [
    (lambda: layers.Permute((2, 1)), (3, 4)), (lambda: layers.RepeatVector(2), (3,)),
    (lambda: layers.Cropping2D(1), (4, 4, 2)), (lambda: layers.ZeroPadding1D(2), (3, 2)),
    (lambda: layers.UpSampling2D(2, interpolation="bilinear"), (3, 3, 2)),
    (lambda: layers.UpSampling3D(2), (2, 2, 2, 1)),
])
def test_gradients_flow(make, shape):
    layer = make()
    v = kerasx.Variable(rng.standard_normal((2,) + shape).astype("float32"))
    _, (g,) = compute_gradients(lambda: ops.sum(ops.square(layer(v.value))), [v])
    assert np.abs(to_np(g)).sum() > 0


def test_in_a_trained_model():
    inp = kerasx.Input((6, 2))
    h = layers.ZeroPadding1D(1)(inp)
    h = layers.Cropping1D((2, 0))(h)
    h = layers.UpSampling1D(2)(h)
    h = layers.Permute((2, 1))(h)
    out = layers.Dense(1)(layers.Flatten()(h))
    model = kerasx.models.Model(inp, out)
    assert tuple(model.output_shape) == (None, 1)
    x = rng.standard_normal((4, 6, 2)).astype("float32")
    _, grads = compute_gradients(lambda: ops.mean(ops.square(model(x) - 1.0)),
                                 model.trainable_weights)
    assert len(grads) == 2 and all(np.abs(to_np(g)).sum() > 0 for g in grads)


@pytest.mark.parametrize("make,match", [
    (lambda: layers.Permute((1, 3)), r"Permute .*dims must be a permutation"),
    (lambda: layers.Permute((0, 1)), r"dims must be a permutation"),
    (lambda: layers.RepeatVector(0), r"RepeatVector .*n must be"),
    (lambda: layers.RepeatVector(2.5), r"n must be"),
    (lambda: layers.Cropping2D(((1, 2, 3), (0, 0))), r"Cropping2D .*cropping"),
    (lambda: layers.Cropping1D(-1), r"cropping"),
    (lambda: layers.ZeroPadding2D((1, 2, 3)), r"ZeroPadding2D .*padding"),
    (lambda: layers.ZeroPadding3D(-1), r"padding"),
    (lambda: layers.UpSampling2D(interpolation="linear"), r"interpolation must be one of"),
    (lambda: layers.UpSampling2D(0), r"size"),
    (lambda: layers.UpSampling3D(data_format="NDHWC"), r"data_format"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_bad_inputs():
    with pytest.raises(ValueError, match=r"Cropping1D 'cr'.*cropping"):
        layers.Cropping1D((2, 2), name="cr")(np.zeros((1, 4, 2), "float32"))
    with pytest.raises(ValueError, match=r"cropping"):
        layers.Cropping2D(2)(kerasx.Input((3, 8, 1)))
    with pytest.raises(ValueError, match=r"ndim=2|2-D"):
        layers.RepeatVector(2)(np.zeros((1, 2, 3), "float32"))
    with pytest.raises(ValueError, match=r"ndim=3|3-D"):
        layers.Permute((2, 1))(np.zeros((1, 2, 3, 4), "float32"))
