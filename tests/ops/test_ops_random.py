"""kerasx.random: shapes, dtypes, reproducibility (int seed and SeedGenerator), statistics."""

import numpy as np
import pytest

from kerasx import config, ops
from kerasx import random as kr
from ops_helpers import check, sym, to_np

N = (4000,)

SAMPLERS = [
    ("normal", lambda seed, **kw: kr.normal(N, seed=seed, **kw)),
    ("uniform", lambda seed, **kw: kr.uniform(N, seed=seed, **kw)),
    ("truncated_normal", lambda seed, **kw: kr.truncated_normal(N, seed=seed, **kw)),
    ("randint", lambda seed, **kw: kr.randint(N, 0, 10, seed=seed)),
    ("gamma", lambda seed, **kw: kr.gamma(N, 2.0, seed=seed, **kw)),
    ("binomial", lambda seed, **kw: kr.binomial(N, 10, 0.3, seed=seed, **kw)),
    ("beta", lambda seed, **kw: kr.beta(N, 2.0, 5.0, seed=seed, **kw)),
]


@pytest.mark.parametrize("name,sample", SAMPLERS, ids=[s[0] for s in SAMPLERS])
def test_reproducible_with_int_seed(name, sample):
    a, b, c = to_np(sample(7)), to_np(sample(7)), to_np(sample(8))
    assert a.shape == N
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("name,sample", SAMPLERS, ids=[s[0] for s in SAMPLERS])
def test_seed_generator_advances_and_replays(name, sample):
    g1, g2 = kr.SeedGenerator(3), kr.SeedGenerator(3)
    first, second = to_np(sample(g1)), to_np(sample(g1))
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, to_np(sample(g2)))
    np.testing.assert_array_equal(second, to_np(sample(g2)))


def test_unseeded_calls_differ():
    a, b = to_np(kr.normal((50,))), to_np(kr.normal((50,)))
    assert not np.array_equal(a, b)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "bfloat16"])
def test_float_dtypes(dtype):
    for fn in (kr.normal, kr.uniform, kr.truncated_normal):
        out = fn((3, 2), dtype=dtype, seed=1)
        assert ops.dtype(out) == dtype and ops.shape(out) == (3, 2)
    assert ops.dtype(kr.normal((2,), seed=1)) == config.floatx()


def test_statistics():
    x = to_np(kr.normal(N, mean=2.0, stddev=3.0, seed=11))
    assert abs(x.mean() - 2.0) < 0.2 and abs(x.std() - 3.0) < 0.2
    u = to_np(kr.uniform(N, minval=-1.0, maxval=3.0, seed=12))
    assert u.min() >= -1.0 and u.max() < 3.0 and abs(u.mean() - 1.0) < 0.1
    t = to_np(kr.truncated_normal(N, mean=1.0, stddev=0.5, seed=13))
    assert t.min() >= 0.0 - 1e-6 and t.max() <= 2.0 + 1e-6 and abs(t.mean() - 1.0) < 0.05
    r = to_np(kr.randint(N, 3, 7, seed=14))
    assert set(np.unique(r).tolist()) == {3, 4, 5, 6}
    assert ops.dtype(kr.randint((2,), 0, 5, seed=1)) == "int32"
    assert ops.dtype(kr.randint((2,), 0, 5, dtype="int64", seed=1)) == "int64"
    gm = to_np(kr.gamma(N, 3.0, seed=15, dtype="float64"))
    assert gm.dtype == np.float64
    assert gm.min() > 0 and abs(gm.mean() - 3.0) < 0.2
    bn = to_np(kr.binomial(N, 10, 0.3, seed=16))
    assert np.all(bn == np.round(bn)) and bn.min() >= 0 and bn.max() <= 10 and abs(bn.mean() - 3.0) < 0.2
    bt = to_np(kr.beta(N, 2.0, 6.0, seed=17))
    assert bt.min() >= 0 and bt.max() <= 1 and abs(bt.mean() - 0.25) < 0.02


def test_categorical():
    logits = np.log(np.array([[0.1, 0.9, 0.0001], [0.5, 0.25, 0.25]], "float32"))
    out = kr.categorical(logits, 3000, seed=3)
    assert ops.dtype(out) == "int32" and ops.shape(out) == (2, 3000)
    out = to_np(out)
    assert abs((out[0] == 1).mean() - 0.9) < 0.03
    assert abs((out[1] == 0).mean() - 0.5) < 0.04
    assert out.min() >= 0 and out.max() <= 2
    np.testing.assert_array_equal(out, to_np(kr.categorical(logits, 3000, seed=3)))


def test_dropout():
    x = np.ones((200, 50), "float32")
    out = to_np(kr.dropout(x, 0.25, seed=4))
    assert set(np.unique(out).tolist()) <= {0.0, float(np.float32(4.0 / 3.0))}
    assert abs((out == 0).mean() - 0.25) < 0.03
    assert abs(out.mean() - 1.0) < 0.05
    out = to_np(kr.dropout(x, 0.5, noise_shape=(None, 1), seed=5))
    assert np.all(out == out[:, :1])  # one mask value per row
    np.testing.assert_array_equal(out, to_np(kr.dropout(x, 0.5, noise_shape=(None, 1), seed=5)))
    check(kr.dropout(x, 0.0, seed=1), x)
    assert kr.dropout(sym((None, 50)), 0.5, seed=1).shape == (None, 50)


def test_shuffle():
    x = np.arange(20).reshape(10, 2)
    out = to_np(kr.shuffle(x, seed=6))
    assert sorted(out[:, 0].tolist()) == list(range(0, 20, 2))
    np.testing.assert_array_equal(out[:, 1] - out[:, 0], 1)  # rows stay intact
    assert not np.array_equal(out, x)
    out1 = to_np(kr.shuffle(x, axis=1, seed=6))
    assert sorted(out1[0].tolist()) == [0, 1]
    np.testing.assert_array_equal(to_np(kr.shuffle(x, seed=6)), out)


def test_draw_seed_and_bad_seed():
    s = kr.draw_seed(5)
    assert ops.shape(s) == (2,)
    with pytest.raises(ValueError, match="seed"):
        kr.normal((2,), seed="abc")
    with pytest.raises(ValueError, match="SeedGenerator"):
        kr.SeedGenerator(seed=1.5)
