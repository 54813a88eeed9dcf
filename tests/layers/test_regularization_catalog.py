"""SpatialDropout, GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization."""

import numpy as np
import pytest

import kerasx
from kerasx import layers, ops

to_np = ops.convert_to_numpy
rng = np.random.default_rng(11)


def _ones(*shape):
    return np.ones(shape, "float32")


@pytest.mark.parametrize("cls,shape,fmt,chan_axis", [
    (layers.SpatialDropout1D, (4, 6, 8), None, 2),
    (layers.SpatialDropout2D, (4, 3, 3, 8), "channels_last", 3),
    (layers.SpatialDropout2D, (4, 8, 3, 3), "channels_first", 1),
    (layers.SpatialDropout3D, (4, 2, 2, 2, 8), "channels_last", 4),
    (layers.SpatialDropout3D, (4, 8, 2, 2, 2), "channels_first", 1),
])
def test_spatial_dropout_drops_whole_channels(cls, shape, fmt, chan_axis):
    kw = {} if fmt is None else {"data_format": fmt}
    layer = cls(0.5, seed=1, **kw)
    x = _ones(*shape)
    np.testing.assert_array_equal(to_np(layer(x)), x)
    y = np.moveaxis(to_np(layer(x, training=True)), chan_axis, -1)
    flat = y.reshape(shape[0], -1, shape[chan_axis])
    # every channel map is either all zeros or all 1 / (1 - rate)
    assert np.all(flat.min(axis=1) == flat.max(axis=1))
    assert set(np.unique(flat)) <= {0.0, 2.0} and 0.0 in flat and 2.0 in flat
    cfg = layer.get_config()
    assert cfg["rate"] == 0.5 and cfg["seed"] == 1 and "noise_shape" not in cfg
    assert type(layer).from_config(cfg).rate == 0.5
    with pytest.raises(ValueError, match="ndim"):
        layer(_ones(2, 3))


def test_spatial_dropout_bad_arguments():
    with pytest.raises(ValueError, match="SpatialDropout2D 'sd'.*data_format"):
        layers.SpatialDropout2D(0.5, data_format="nhwc", name="sd")
    with pytest.raises(ValueError, match="rate"):
        layers.SpatialDropout1D(1.5)


def test_gaussian_noise_and_dropout_statistics():
    x = _ones(200, 50)
    gn = layers.GaussianNoise(0.5, seed=3)
    np.testing.assert_array_equal(to_np(gn(x)), x)
    noise = to_np(gn(x, training=True)) - 1.0
    assert abs(noise.mean()) < 0.03 and abs(noise.std() - 0.5) < 0.03
    gd = layers.GaussianDropout(0.2, seed=3)
    np.testing.assert_array_equal(to_np(gd(x)), x)
    mult = to_np(gd(x, training=True))
    assert abs(mult.mean() - 1.0) < 0.03 and abs(mult.std() - np.sqrt(0.2 / 0.8)) < 0.03
    assert layers.GaussianNoise.from_config(gn.get_config()).stddev == 0.5
    assert layers.GaussianDropout.from_config(gd.get_config()).rate == 0.2
    with pytest.raises(ValueError, match="GaussianNoise.*stddev"):
        layers.GaussianNoise(-1.0)
    with pytest.raises(ValueError, match="GaussianDropout.*rate"):
        layers.GaussianDropout(2.0)


def test_alpha_dropout_keeps_selu_statistics():
    x = rng.standard_normal((400, 50)).astype("float32")
    ad = layers.AlphaDropout(0.2, seed=5)
    np.testing.assert_array_equal(to_np(ad(x)), x)
    y = to_np(ad(x, training=True))
    alpha_p = -1.6732632423543772 * 1.0507009873554805
    a = ((1 - 0.2) * (1 + 0.2 * alpha_p ** 2)) ** -0.5
    b = -a * alpha_p * 0.2
    kept = np.isclose(y, a * x + b, atol=1e-5)
    dropped = np.isclose(y, a * alpha_p + b, atol=1e-5)
    assert np.all(kept | dropped)
    assert abs(dropped.mean() - 0.2) < 0.03
    assert abs(y.mean()) < 0.05 and abs(y.std() - 1.0) < 0.05
    shared = layers.AlphaDropout(0.5, noise_shape=(None, 1), seed=2)
    ys = to_np(shared(x[:20], training=True))
    drop_rows = np.isclose(ys, ys[:, :1]).all(axis=1)
    assert drop_rows.any()  # dropped rows are constant across the shared axis
    assert layers.AlphaDropout.from_config(shared.get_config()).noise_shape == (None, 1)


def test_activity_regularization_adds_loss():
    layer = layers.ActivityRegularization(l1=0.1, l2=0.01)
    x = rng.standard_normal((2, 3)).astype("float32")
    np.testing.assert_array_equal(to_np(layer(x)), x)
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(to_np(layer.losses[0])),
                               0.1 * np.abs(x).sum() + 0.01 * (x ** 2).sum(), rtol=1e-5)
    cfg = layer.get_config()
    assert cfg["l1"] == 0.1 and cfg["l2"] == 0.01 and "activity_regularizer" not in cfg
    assert layers.ActivityRegularization.from_config(cfg).l2 == 0.01
    assert tuple(layers.ActivityRegularization()(kerasx.Input((3,))).shape) == (None, 3)
    with pytest.raises(ValueError, match="ActivityRegularization.*l1"):
        layers.ActivityRegularization(l1=-1)
