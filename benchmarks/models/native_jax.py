"""Hand-written JAX versions of the benchmark models: pure forward functions, a
``lax.scan`` LSTM, and one ``jax.jit`` training step with Adam written out by hand
(no optax), parameters and Adam state donated."""

import numpy as np
import jax
import jax.numpy as jnp
from jax import lax

from benchmarks.models.native_init import init_arrays
from benchmarks.models.specs import ADAM, LN_EPSILON, SPECS


def init_params(name, seed=0):
    return jax.tree_util.tree_map(jnp.asarray, init_arrays(name, seed))


def _dense(p, x):
    return x @ p["w"] + p["b"]


def _layer_norm(p, x):
    mean = jnp.mean(x, axis=-1, keepdims=True)
    var = jnp.mean(jnp.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) * lax.rsqrt(var + LN_EPSILON) * p["g"] + p["b"]


def forward(name, params, x):
    """Logits of model ``name`` for input ``x`` (Keras layouts: NHWC, time-major-free)."""
    s = SPECS[name]
    if name == "mlp":
        h = jax.nn.relu(_dense(params["d1"], x))
        return _dense(params["out"], jax.nn.relu(_dense(params["d2"], h)))
    if name == "cnn":
        h = x
        for key in ("c1", "c2"):
            h = lax.conv_general_dilated(h, params[key]["w"], (1, 1), "VALID",
                                         dimension_numbers=("NHWC", "HWIO", "NHWC"))
            h = jax.nn.relu(h + params[key]["b"])
        k = s["pool"]
        h = lax.reduce_window(h, -jnp.inf, lax.max, (1, k, k, 1), (1, k, k, 1), "VALID")
        return _dense(params["out"], h.reshape(h.shape[0], -1))
    if name == "lstm":
        u = s["units"]
        zx = jnp.swapaxes(x @ params["w"] + params["b"], 0, 1)  # (T, B, 4U), input part hoisted

        def cell(carry, z):
            h, c = carry
            z = z + h @ params["u"]
            i, f, g, o = (z[:, j * u:(j + 1) * u] for j in range(4))
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
            h = jax.nn.sigmoid(o) * jnp.tanh(c)
            return (h, c), None

        zeros = jnp.zeros((x.shape[0], u), x.dtype)
        (h, _), _ = lax.scan(cell, (zeros, zeros), zx)
        return _dense(params["out"], h)
    heads, kd = s["heads"], s["key_dim"]
    h = jnp.take(params["emb"], x, axis=0)
    b, t, _ = h.shape
    split = lambda z: z.reshape(b, t, heads, kd)
    q, k, v = (split(_dense(params[n], h)) for n in ("q", "k", "v"))
    scores = jnp.einsum("bthd,bshd->bhts", q, k) / np.sqrt(kd).astype("float32")
    a = jnp.einsum("bhts,bshd->bthd", jax.nn.softmax(scores, axis=-1), v).reshape(b, t, heads * kd)
    h = _layer_norm(params["ln1"], h + _dense(params["o"], a))
    f = _dense(params["ff2"], jax.nn.relu(_dense(params["ff1"], h)))
    h = _layer_norm(params["ln2"], h + f)
    return _dense(params["out"], jnp.mean(h, axis=1))


def _loss(name, params, x, y):
    logits = forward(name, params, x)
    logp = jax.nn.log_softmax(logits, axis=-1)
    return -jnp.mean(jnp.take_along_axis(logp, y[:, None].astype("int32"), axis=1))


def _adam(params, grads, m, v, t):
    b1, b2, eps, lr = ADAM["beta_1"], ADAM["beta_2"], ADAM["epsilon"], ADAM["learning_rate"]
    t = t + 1
    tf = t.astype("float32")
    lr_t = lr * jnp.sqrt(1 - b2 ** tf) / (1 - b1 ** tf)
    m = jax.tree_util.tree_map(lambda m_, g: b1 * m_ + (1 - b1) * g, m, grads)
    v = jax.tree_util.tree_map(lambda v_, g: b2 * v_ + (1 - b2) * g * g, v, grads)
    params = jax.tree_util.tree_map(lambda p, m_, v_: p - lr_t * m_ / (jnp.sqrt(v_) + eps), params, m, v)
    return params, m, v, t


class Native:
    """The native JAX model ``name``: ``prepare`` / ``train_epoch`` / ``predict`` / ``eager``."""

    framework = "jax"

    def __init__(self, name):
        self.name = name
        self.params = init_params(name)
        zeros = lambda: jax.tree_util.tree_map(jnp.zeros_like, self.params)
        self.state = (self.params, zeros(), zeros(), jnp.zeros((), "int32"))
        loss_and_grad = jax.value_and_grad(lambda p, x, y: _loss(name, p, x, y))

        def step(state, x, y):
            params, m, v, t = state
            loss, grads = loss_and_grad(params, x, y)
            return _adam(params, grads, m, v, t), loss

        self._step = jax.jit(step, donate_argnums=(0,))
        self._predict = jax.jit(lambda p, x: forward(name, p, x))

    def prepare(self, x, y, batch):
        n = len(x) // batch
        return [(jnp.asarray(x[i * batch:(i + 1) * batch]), jnp.asarray(y[i * batch:(i + 1) * batch]))
                for i in range(n)]

    def train_epoch(self, batches):
        loss = None
        for xb, yb in batches:
            self.state, loss = self._step(self.state, xb, yb)
        return float(loss)

    def predict(self, x):
        return np.asarray(self._predict(self.state[0], jnp.asarray(x)))

    def to_input(self, x):
        return jnp.asarray(x)

    def eager(self, xt):
        return forward(self.name, self.state[0], xt)

    @staticmethod
    def sync(out):
        return out.block_until_ready()
