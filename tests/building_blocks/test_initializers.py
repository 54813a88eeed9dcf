"""Initializers: statistics, bounds, fans, seeds, Orthogonal/Identity, on the active backend."""

import math

import numpy as np
import pytest

from kerasx import initializers, ops
from kerasx.initializers import compute_fans
from kerasx.random.seed_generator import SeedGenerator

TRUNC = 0.87962566103423978


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_compute_fans_dense_conv_and_degenerate_shapes():
    assert compute_fans(()) == (1, 1)
    assert compute_fans((7,)) == (7, 7)
    assert compute_fans((3, 5)) == (3, 5)
    # conv kernels (*spatial, in, out): channels times the receptive field
    assert compute_fans((4, 8, 16)) == (32, 64)
    assert compute_fans((3, 3, 16, 32)) == (144, 288)
    assert compute_fans((2, 3, 3, 4, 5)) == (72, 90)


def test_zeros_ones_constant():
    z = to_np(initializers.Zeros()((2, 3)))
    assert z.shape == (2, 3) and z.dtype == np.float32 and not z.any()
    o = to_np(initializers.Ones()((4,), dtype="int32"))
    assert o.dtype == np.int32 and (o == 1).all()
    c = to_np(initializers.Constant(2.5)((2, 2), dtype="float64"))
    assert c.dtype == np.float64 and np.all(c == 2.5)
    row = to_np(initializers.Constant([1.0, 2.0, 3.0])((2, 3)))
    np.testing.assert_array_equal(row, [[1, 2, 3], [1, 2, 3]])
    with pytest.raises(ValueError, match="broadcast"):
        initializers.Constant([1.0, 2.0])((2, 3))


def test_identity_rectangular_and_gain():
    np.testing.assert_allclose(to_np(initializers.Identity()((3, 3))), np.eye(3))
    np.testing.assert_allclose(to_np(initializers.Identity(gain=2.0)((2, 4))), 2 * np.eye(2, 4))
    np.testing.assert_allclose(to_np(initializers.IdentityInitializer(0.5)((4, 2))), 0.5 * np.eye(4, 2))
    with pytest.raises(ValueError, match="2-D"):
        initializers.Identity()((2, 2, 2))


def test_random_normal_statistics():
    w = to_np(initializers.RandomNormal(mean=1.0, stddev=2.0, seed=1)((200, 180)))
    assert w.shape == (200, 180) and w.dtype == np.float32
    assert abs(w.mean() - 1.0) < 0.05
    assert abs(w.std() - 2.0) < 0.05


def test_random_uniform_statistics_and_bounds():
    w = to_np(initializers.RandomUniform(minval=-3.0, maxval=1.0, seed=2)((200, 180)))
    assert w.min() >= -3.0 and w.max() <= 1.0
    assert abs(w.mean() - (-1.0)) < 0.03
    assert abs(w.std() - 4.0 / math.sqrt(12.0)) < 0.03
    default = to_np(initializers.RandomUniform(seed=3)((100, 100)))
    assert default.min() >= -0.05 and default.max() <= 0.05


def test_truncated_normal_bound_and_spread():
    w = to_np(initializers.TruncatedNormal(mean=0.5, stddev=1.0, seed=4)((200, 180)))
    assert np.all(np.abs(w - 0.5) <= 2.0 + 1e-5)
    assert abs(w.mean() - 0.5) < 0.03
    # a unit normal cut at +-2 has stddev 0.8796
    assert abs(w.std() - TRUNC) < 0.03


@pytest.mark.parametrize("mode", ["fan_in", "fan_out", "fan_avg"])
@pytest.mark.parametrize("distribution", ["truncated_normal", "untruncated_normal", "uniform"])
def test_variance_scaling_std_and_bounds(mode, distribution):
    shape = (3, 3, 40, 80)  # fan_in = 360, fan_out = 720
    fan = {"fan_in": 360, "fan_out": 720, "fan_avg": 540}[mode]
    init = initializers.VarianceScaling(scale=2.0, mode=mode, distribution=distribution, seed=5)
    w = to_np(init(shape))
    assert w.shape == shape
    target = math.sqrt(2.0 / fan)
    assert abs(w.std() - target) / target < 0.04
    assert abs(w.mean()) < 0.1 * target
    if distribution == "uniform":
        assert np.abs(w).max() <= math.sqrt(3.0) * target + 1e-6
    if distribution == "truncated_normal":
        assert np.abs(w).max() <= 2.0 * target / TRUNC + 1e-6
    if distribution == "untruncated_normal":
        assert np.abs(w).max() > 2.0 * target / TRUNC  # tails are kept


@pytest.mark.parametrize("cls,scale,mode,uniform", [
    (initializers.GlorotUniform, 1.0, "fan_avg", True),
    (initializers.GlorotNormal, 1.0, "fan_avg", False),
    (initializers.HeUniform, 2.0, "fan_in", True),
    (initializers.HeNormal, 2.0, "fan_in", False),
    (initializers.LecunUniform, 1.0, "fan_in", True),
    (initializers.LecunNormal, 1.0, "fan_in", False),
])
@pytest.mark.parametrize("shape", [(200, 180), (3, 3, 40, 80)])
def test_presets(cls, scale, mode, uniform, shape):
    fan_in, fan_out = compute_fans(shape)
    fan = fan_in if mode == "fan_in" else (fan_in + fan_out) / 2
    target = math.sqrt(scale / fan)
    w = to_np(cls(seed=6)(shape))
    assert abs(w.std() - target) / target < 0.05
    bound = math.sqrt(3.0) * target if uniform else 2.0 * target / TRUNC
    assert np.abs(w).max() <= bound + 1e-6
    cfg = cls(seed=6).get_config()
    assert cfg == {"seed": 6, "input_axes": None, "output_axes": None}
    # equivalent to the VarianceScaling it stands for
    vs = initializers.VarianceScaling(scale, mode, "uniform" if uniform else "truncated_normal", seed=6)
    np.testing.assert_allclose(to_np(vs(shape)), w, rtol=1e-6, atol=1e-7)


def test_variance_scaling_input_output_axes():
    init = initializers.VarianceScaling(scale=1.0, mode="fan_in", distribution="untruncated_normal",
                                        seed=7, input_axes=[0, 1], output_axes=[2])
    w = to_np(init((20, 30, 200)))  # fan_in = 600 instead of the default 30 * 20
    assert abs(w.std() - math.sqrt(1.0 / 600)) / math.sqrt(1.0 / 600) < 0.04
    # only one of the two lists: the fans come from the shape, as in Keras
    only_out = initializers.VarianceScaling(mode="fan_out", distribution="untruncated_normal",
                                            seed=7, output_axes=[2])
    expected = math.sqrt(1.0 / compute_fans((20, 30, 200))[1])
    assert abs(to_np(only_out((20, 30, 200))).std() - expected) / expected < 0.04
    with pytest.raises(ValueError, match="input_axes"):
        initializers.VarianceScaling(input_axes=[5], output_axes=[0], seed=1)((2, 2))


def test_variance_scaling_bad_arguments():
    with pytest.raises(ValueError, match="scale"):
        initializers.VarianceScaling(scale=0.0)
    with pytest.raises(ValueError, match="mode"):
        initializers.VarianceScaling(mode="fan_sum")
    with pytest.raises(ValueError, match="distribution"):
        initializers.VarianceScaling(distribution="cauchy")
    assert initializers.VarianceScaling(distribution="normal").distribution == "truncated_normal"
    with pytest.raises(ValueError, match="float dtype"):
        initializers.GlorotUniform(seed=1)((2, 2), dtype="int32")
    with pytest.raises(ValueError, match="seed"):
        initializers.RandomNormal(seed="abc")


@pytest.mark.parametrize("shape", [(6, 6), (12, 4), (4, 12), (3, 3, 8, 4)])
def test_orthogonal(shape):
    w = to_np(initializers.Orthogonal(seed=8)(shape))
    assert w.shape == shape
    m = w.reshape(-1, shape[-1])
    if m.shape[0] >= m.shape[1]:
        np.testing.assert_allclose(m.T @ m, np.eye(m.shape[1]), atol=1e-5)
    else:
        np.testing.assert_allclose(m @ m.T, np.eye(m.shape[0]), atol=1e-5)
    g = to_np(initializers.Orthogonal(gain=3.0, seed=8)(shape)).reshape(m.shape)
    np.testing.assert_allclose(g, 3.0 * m, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="rank >= 2"):
        initializers.Orthogonal()((5,))


ALL_RANDOM = [
    lambda s: initializers.RandomNormal(seed=s),
    lambda s: initializers.RandomUniform(seed=s),
    lambda s: initializers.TruncatedNormal(seed=s),
    lambda s: initializers.VarianceScaling(seed=s),
    lambda s: initializers.GlorotUniform(seed=s),
    lambda s: initializers.HeNormal(seed=s),
    lambda s: initializers.Orthogonal(seed=s),
]


@pytest.mark.parametrize("make", ALL_RANDOM)
def test_seeded_reproducible_unseeded_varies(make):
    a, b = make(11), make(11)
    first = to_np(a((8, 8)))
    np.testing.assert_array_equal(first, to_np(a((8, 8))))  # int seed: same every call
    np.testing.assert_array_equal(first, to_np(b((8, 8))))  # and across instances
    assert not np.allclose(first, to_np(make(12)((8, 8))))
    free, other = make(None), make(None)
    # Keras 3: an unseeded instance repeats its values; two instances differ
    np.testing.assert_array_equal(to_np(free((8, 8))), to_np(free((8, 8))))
    assert not np.allclose(to_np(free((8, 8))), to_np(other((8, 8))))
    gen = make(SeedGenerator(3))
    assert not np.allclose(to_np(gen((8, 8))), to_np(gen((8, 8))))


def test_float64_and_clone():
    w = to_np(initializers.HeUniform(seed=1)((4, 4), dtype="float64"))
    assert w.dtype == np.float64
    init = initializers.RandomNormal(mean=2.0, stddev=0.1, seed=3)
    twin = init.clone()
    assert twin is not init and twin.get_config() == init.get_config()
    np.testing.assert_array_equal(to_np(init((3,))), to_np(twin((3,))))


def test_variable_built_from_initializer():
    from kerasx import Variable

    v = Variable(initializers.get("glorot_uniform"), shape=(30, 20), name="kernel")
    w = to_np(v.value)
    assert w.shape == (30, 20)
    assert np.abs(w).max() <= math.sqrt(6.0 / 50) + 1e-6
    b = Variable(initializers.get("zeros"), shape=(20,), name="bias")
    assert not to_np(b.value).any()


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_precision(dtype):
    w = initializers.Orthogonal(seed=1)((8, 8), dtype=dtype)
    assert ops.convert_to_numpy(ops.cast(w, "float32")).shape == (8, 8)
    assert str(ops.dtype(w)) == dtype
    m = np.asarray(ops.convert_to_numpy(ops.cast(w, "float32")))
    np.testing.assert_allclose(m.T @ m, np.eye(8), atol=3e-2)
    g = initializers.GlorotUniform(seed=1)((8, 8), dtype=dtype)
    assert str(ops.dtype(g)) == dtype


@pytest.mark.parametrize("side", ["real", "imag"])
@pytest.mark.parametrize("window,scaling,periodic", [
    ("hann", "density", False), ("hamming", "spectrum", True), (None, None, False),
    ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "spectrum", False),
])
def test_stft(side, window, scaling, periodic):
    frame, bins = 6, 5
    w = to_np(initializers.STFT(side, window, scaling, periodic)((frame, 2, bins)))
    assert w.shape == (frame, 2, bins)
    n = np.arange(frame)[:, None]
    k = np.arange(bins)[None, :]
    angles = 2 * np.pi * n * k / (2 * (bins - 1))
    basis = np.cos(angles) if side == "real" else -np.sin(angles)
    if window is None:
        win = np.ones(frame)
    elif isinstance(window, list):
        win = np.array(window)
    else:
        span = frame if periodic else frame - 1
        a = 0.5 if window == "hann" else 0.54
        win = a - (1 - a) * np.cos(2 * np.pi * np.arange(frame) / span)
    if window is not None and scaling == "density":
        win = win / np.sqrt((win ** 2).sum())
    elif window is not None and scaling == "spectrum":
        win = win / win.sum()
    expected = basis * win[:, None]
    np.testing.assert_allclose(w[:, 0], expected, atol=1e-5)
    np.testing.assert_allclose(w[:, 1], expected, atol=1e-5)


def test_stft_errors():
    with pytest.raises(ValueError, match="side"):
        initializers.STFT(side="complex")
    with pytest.raises(ValueError, match="3-D"):
        initializers.STFT()((8, 5))
    with pytest.raises(ValueError, match="frame length"):
        initializers.STFT(window=[1.0, 2.0])((8, 1, 5))
