"""Fused LSTM kernel for the recurrent layers (``B.rnn``), on TensorFlow's BlockLSTM op.

BlockLSTM runs the whole sequence in one op (CPU and GPU, with a registered
gradient). It takes one weight matrix ``[kernel; recurrent_kernel]`` with gate
blocks ordered i, c, f, o, so Keras's i, f, c, o blocks are reordered (a concat of
slices, differentiated by TF). ``forget_bias=0`` and ``cell_clip=-1`` (no clipping)
make it compute exactly Keras's LSTM. BlockLSTMV2 is not used: in TF 2.21 its
gradient does not match its forward pass (checked against autodiff of the loop).
It supports float16/float32 only; for other dtypes ``lstm`` returns None and the
layer uses its generic loop. No fused GRU is provided (the layer's loop is used).
"""

import tensorflow as tf


def _icfo(w, units):
    # Keras blocks i, f, c, o -> BlockLSTM blocks i, c, f, o (along the last axis).
    return tf.concat([w[..., :units], w[..., 2 * units:3 * units], w[..., units:2 * units],
                      w[..., 3 * units:]], axis=-1)


def lstm(inputs, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False):
    """Returns ``(last_output, outputs (batch, time, u), h, c)``, or None (generic loop).

    None for float64 and inside an XLA-compiled step (BlockLSTM has no XLA kernel).
    """
    from kerasx.backends.tensorflow import trainer
    x = tf.convert_to_tensor(inputs)
    if x.dtype not in (tf.float32, tf.float16) or trainer.xla_tracing():
        return None
    units = recurrent_kernel.shape[0]
    xs = tf.transpose(x, (1, 0, 2))
    if go_backwards:
        xs = tf.reverse(xs, [0])
    w = _icfo(tf.concat([kernel, recurrent_kernel], axis=0), units)
    b = _icfo(bias, units) if bias is not None else tf.zeros((4 * units,), x.dtype)
    peephole = tf.zeros((units,), x.dtype)
    out = tf.raw_ops.BlockLSTM(
        seq_len_max=tf.cast(tf.shape(xs)[0], tf.int64), x=xs, cs_prev=tf.cast(c0, x.dtype),
        h_prev=tf.cast(h0, x.dtype), w=w, wci=peephole, wcf=peephole, wco=peephole, b=b,
        forget_bias=0.0, cell_clip=-1.0, use_peephole=False)
    cs, hs = out[1], out[6]
    h, c = hs[-1], cs[-1]
    return h, tf.transpose(hs, (1, 0, 2)), h, c
