"""Hand-written TensorFlow versions of the benchmark models: tf.Variables, plain tf ops
(no tf.keras), a ``tf.scan`` LSTM, and a ``tf.function`` training step with Adam written
out by hand. ``NativeFused`` is the same LSTM model on TensorFlow's own fused kernel
(``BlockLSTM``, whole sequence in one op, with its registered gradient)."""

import numpy as np
import tensorflow as tf

from benchmarks.models.native_init import init_arrays
from benchmarks.models.specs import ADAM, LN_EPSILON, SPECS


def _dense(p, x):
    return tf.matmul(x, p["w"]) + p["b"] if len(x.shape) == 2 else tf.tensordot(x, p["w"], 1) + p["b"]


def _layer_norm(p, x):
    mean, var = tf.nn.moments(x, axes=[-1], keepdims=True)
    return (x - mean) * tf.math.rsqrt(var + LN_EPSILON) * p["g"] + p["b"]


def forward(name, params, x):
    """Logits of model ``name`` (NHWC convolutions, Keras gate order i, f, c, o)."""
    s = SPECS[name]
    if name == "mlp":
        h = tf.nn.relu(_dense(params["d1"], x))
        return _dense(params["out"], tf.nn.relu(_dense(params["d2"], h)))
    if name == "cnn":
        h = x
        for key in ("c1", "c2"):
            h = tf.nn.relu(tf.nn.conv2d(h, params[key]["w"], 1, "VALID") + params[key]["b"])
        h = tf.nn.max_pool2d(h, s["pool"], s["pool"], "VALID")
        return _dense(params["out"], tf.reshape(h, [tf.shape(h)[0], -1]))
    if name == "lstm":
        zx = tf.transpose(tf.tensordot(x, params["w"], 1) + params["b"], [1, 0, 2])  # (T, B, 4U)
        zeros = tf.zeros([tf.shape(x)[0], s["units"]], x.dtype)

        def cell(carry, z):
            h, c = carry
            i, f, g, o = tf.split(z + tf.matmul(h, params["u"]), 4, axis=1)
            c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
            return tf.sigmoid(o) * tf.tanh(c), c

        h, _ = tf.scan(cell, zx, initializer=(zeros, zeros))
        return _dense(params["out"], h[-1])
    heads, kd = s["heads"], s["key_dim"]
    h = tf.gather(params["emb"], x)
    b, t = tf.shape(h)[0], tf.shape(h)[1]
    split = lambda z: tf.reshape(z, [b, t, heads, kd])
    q, k, v = (split(_dense(params[n], h)) for n in ("q", "k", "v"))
    scores = tf.einsum("bthd,bshd->bhts", q, k) / float(np.sqrt(kd))
    a = tf.reshape(tf.einsum("bhts,bshd->bthd", tf.nn.softmax(scores, axis=-1), v), [b, t, heads * kd])
    h = _layer_norm(params["ln1"], h + _dense(params["o"], a))
    h = _layer_norm(params["ln2"], h + _dense(params["ff2"], tf.nn.relu(_dense(params["ff1"], h))))
    return _dense(params["out"], tf.reduce_mean(h, axis=1))


def _icfo(w):
    """Keras gate blocks i, f, c, o -> BlockLSTM's i, c, f, o (last axis)."""
    i, f, c, o = np.split(w, 4, axis=-1)
    return np.concatenate([i, c, f, o], axis=-1)


def fused_lstm_arrays(seed=0):
    """The ``lstm`` model's initial values laid out once for BlockLSTM: ``wx = [w; u]`` and
    ``b`` in gate order i, c, f, o (the same numbers as ``init_arrays("lstm")``)."""
    a = init_arrays("lstm", seed)
    return {"wx": _icfo(np.concatenate([a["w"], a["u"]], 0)), "b": _icfo(a["b"]), "out": a["out"]}


def forward_fused_lstm(params, x):
    """Logits of the ``lstm`` model with BlockLSTM (no peepholes, no clipping, forget bias 0)."""
    units = SPECS["lstm"]["units"]
    xs = tf.transpose(x, [1, 0, 2])
    zeros = tf.zeros([tf.shape(x)[0], units], x.dtype)
    peep = tf.zeros([units], x.dtype)
    out = tf.raw_ops.BlockLSTM(seq_len_max=tf.cast(tf.shape(xs)[0], tf.int64), x=xs, cs_prev=zeros,
                               h_prev=zeros, w=params["wx"], wci=peep, wcf=peep, wco=peep, b=params["b"],
                               forget_bias=0.0, cell_clip=-1.0, use_peephole=False)
    return _dense(params["out"], out[6][-1])


class Native:
    """The native TensorFlow model ``name``: ``prepare`` / ``train_epoch`` / ``predict`` / ``eager``."""

    framework = "tensorflow"

    def __init__(self, name):
        self.name = name
        self.params = tf.nest.map_structure(tf.Variable, self._init_arrays(name))
        self.vars = tf.nest.flatten(self.params)
        self.m = [tf.Variable(tf.zeros_like(v)) for v in self.vars]
        self.v = [tf.Variable(tf.zeros_like(v)) for v in self.vars]
        self.t = tf.Variable(0.0)
        self._step = tf.function(self._train_step)
        self._predict = tf.function(lambda x: self._forward(x), reduce_retracing=True)

    @staticmethod
    def _init_arrays(name):
        return init_arrays(name)

    def _forward(self, x):
        return forward(self.name, self.params, x)

    def _train_step(self, x, y):
        b1, b2, eps, lr = ADAM["beta_1"], ADAM["beta_2"], ADAM["epsilon"], ADAM["learning_rate"]
        with tf.GradientTape() as tape:
            logits = self._forward(x)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
        grads = tape.gradient(loss, self.vars)
        self.t.assign_add(1.0)
        lr_t = lr * tf.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
        for var, g, m, v in zip(self.vars, grads, self.m, self.v):
            g = tf.convert_to_tensor(g)  # the embedding's IndexedSlices -> dense, as the Adam math needs
            m.assign(b1 * m + (1 - b1) * g)
            v.assign(b2 * v + (1 - b2) * tf.square(g))
            var.assign_sub(lr_t * m / (tf.sqrt(v) + eps))
        return loss

    def prepare(self, x, y, batch):
        n = len(x) // batch
        return [(tf.constant(x[i * batch:(i + 1) * batch]), tf.constant(y[i * batch:(i + 1) * batch]))
                for i in range(n)]

    def train_epoch(self, batches):
        loss = None
        for xb, yb in batches:
            loss = self._step(xb, yb)
        return float(loss)

    def predict(self, x):
        return self._predict(tf.constant(x)).numpy()

    def to_input(self, x):
        return tf.constant(x)

    def eager(self, xt):
        return self._forward(xt)

    @staticmethod
    def sync(out):
        return out


class NativeFused(Native):
    """The ``lstm`` model on TensorFlow's fused LSTM kernel (BlockLSTM), same training step."""

    models = ("lstm",)

    @staticmethod
    def _init_arrays(name):
        return fused_lstm_arrays()

    def _forward(self, x):
        return forward_fused_lstm(self.params, x)
