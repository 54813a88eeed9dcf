"""Hand-written PyTorch versions of the benchmark models: nn.Modules, NCHW convolutions,
``torch.optim.Adam`` and ``F.cross_entropy``, in a plain training loop."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from benchmarks.models.specs import ADAM, LN_EPSILON, SPECS


class _Transformer(nn.Module):
    def __init__(self, s):
        super().__init__()
        d, self.h, self.kd = s["dim"], s["heads"], s["key_dim"]
        inner = self.h * self.kd
        self.emb = nn.Embedding(s["vocab"], d)
        self.q, self.k, self.v = nn.Linear(d, inner), nn.Linear(d, inner), nn.Linear(d, inner)
        self.o = nn.Linear(inner, d)
        self.ln1, self.ln2 = nn.LayerNorm(d, eps=LN_EPSILON), nn.LayerNorm(d, eps=LN_EPSILON)
        self.ff1, self.ff2 = nn.Linear(d, s["ffn"]), nn.Linear(s["ffn"], d)
        self.out = nn.Linear(d, s["classes"])

    def forward(self, tokens):
        h = self.emb(tokens)
        b, t, _ = h.shape

        def heads(z):
            return z.view(b, t, self.h, self.kd).transpose(1, 2)

        a = F.scaled_dot_product_attention(heads(self.q(h)), heads(self.k(h)), heads(self.v(h)))
        a = self.o(a.transpose(1, 2).reshape(b, t, self.h * self.kd))
        h = self.ln1(h + a)
        h = self.ln2(h + self.ff2(F.relu(self.ff1(h))))
        return self.out(h.mean(dim=1))


class _LSTM(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.lstm = nn.LSTM(s["input_shape"][1], s["units"], batch_first=True)
        self.out = nn.Linear(s["units"], s["classes"])

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.out(h[-1])


def _module(name):
    s = SPECS[name]
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, s["hidden"]), nn.ReLU(), nn.Linear(s["hidden"], s["hidden"]),
                             nn.ReLU(), nn.Linear(s["hidden"], s["classes"]))
    if name == "cnn":
        f1, f2 = s["filters"]
        side = (s["input_shape"][0] - 4) // s["pool"]
        return nn.Sequential(nn.Conv2d(1, f1, 3), nn.ReLU(), nn.Conv2d(f1, f2, 3), nn.ReLU(),
                             nn.MaxPool2d(s["pool"]), nn.Flatten(), nn.Linear(f2 * side * side, s["classes"]))
    if name == "lstm":
        return _LSTM(s)
    return _Transformer(s)


class Native:
    """The native PyTorch model ``name``: ``prepare`` / ``train_epoch`` / ``predict`` / ``eager``."""

    framework = "torch"

    def __init__(self, name):
        self.name = name
        self.module = _module(name)
        self.optimizer = torch.optim.Adam(self.module.parameters(), lr=ADAM["learning_rate"],
                                          betas=(ADAM["beta_1"], ADAM["beta_2"]), eps=ADAM["epsilon"])

    def to_input(self, x):
        t = torch.from_numpy(np.ascontiguousarray(x))
        if self.name == "cnn":  # Keras data is NHWC; the native floor runs NCHW convolutions
            t = t.permute(0, 3, 1, 2).contiguous()
        return t

    def prepare(self, x, y, batch):
        """Splits the data into framework-tensor batches once (the native loop's dataset)."""
        xt, yt = self.to_input(x), torch.from_numpy(y.astype(np.int64))
        n = len(x) // batch
        return [(xt[i * batch:(i + 1) * batch], yt[i * batch:(i + 1) * batch]) for i in range(n)]

    def train_epoch(self, batches):
        loss = None
        for xb, yb in batches:
            self.optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(self.module(xb), yb)
            loss.backward()
            self.optimizer.step()
        return float(loss.detach())

    def predict(self, x):
        with torch.no_grad():
            return self.module(self.to_input(x)).numpy()

    def eager(self, xt):
        return self.module(xt)

    @staticmethod
    def sync(out):
        return out


def params_count(native):
    return sum(p.numel() for p in native.module.parameters())

