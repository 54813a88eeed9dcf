"""Keras masks flow between the layers of a subclassed model inside compiled steps too
(on JAX traced values cannot carry a ``_keras_mask`` attribute; kerasx keeps them aside)."""

import numpy as np

import kerasx
from kerasx import layers, ops
from kerasx.core import masking


class _Masked(kerasx.Model):
    def __init__(self):
        super().__init__()
        self.emb = layers.Embedding(10, 4, mask_zero=True)
        self.rnn = layers.LSTM(3, return_sequences=True)
        self.pool = layers.GlobalAveragePooling1D()

    def call(self, x):
        return self.pool(self.rnn(self.emb(x)))


def _model():
    kerasx.utils.set_random_seed(3)
    return _Masked()


def test_predict_equals_eager_and_the_unpadded_reference():
    m = _model()
    x = np.array([[1, 2, 0, 0], [3, 4, 5, 0]])
    eager = ops.convert_to_numpy(m(x))
    compiled = m.predict(x, verbose=0)
    np.testing.assert_allclose(compiled, eager, rtol=1e-5, atol=1e-6)
    # Padding must be ignored: the same rows without their padding.
    for row, n in ((0, 2), (1, 3)):
        ref = ops.convert_to_numpy(m(x[row:row + 1, :n]))[0]
        np.testing.assert_allclose(compiled[row], ref, rtol=1e-5, atol=1e-6)


def test_padding_does_not_change_training_loss():
    m = _model()
    m.compile(optimizer="sgd", loss="mse")
    x_short = np.array([[1, 2, 3]])
    x_padded = np.array([[1, 2, 3, 0, 0]])
    y = np.zeros((1, 3), "float32")
    a = float(m.test_on_batch(x_short, y))
    b = float(m.test_on_batch(x_padded, y))
    np.testing.assert_allclose(a, b, rtol=1e-5)


def test_side_table_holds_one_call_at_most():
    m = _model()
    x = np.array([[1, 2, 0, 0]])
    for _ in range(3):
        m.predict(x, verbose=0)
        m(x)
    assert len(masking._SIDE_MASKS) <= 8
