"""Fused LSTM kernel for the recurrent layers (``B.rnn``), on TensorFlow's BlockLSTMV2 op.

BlockLSTMV2 runs the whole sequence in one op (CPU and GPU, with a registered
gradient). It takes one weight matrix ``[kernel; recurrent_kernel]`` whose gate
blocks are in Keras's order i, f, c, o (checked numerically against the layer's
loop in tests/layers/test_rnn_fused.py), no forget bias and no peepholes here. It
supports float16/float32 only; for other dtypes ``lstm`` returns None and the layer
uses its generic loop. No fused GRU is provided (the layer's loop is used).
"""

import tensorflow as tf


def lstm(inputs, h0, c0, kernel, recurrent_kernel, bias, go_backwards=False):
    """Returns ``(last_output, outputs (batch, time, u), h, c)``, or None for float64."""
    x = tf.convert_to_tensor(inputs)
    if x.dtype not in (tf.float32, tf.float16):
        return None
    units = recurrent_kernel.shape[0]
    xs = tf.transpose(x, (1, 0, 2))
    if go_backwards:
        xs = tf.reverse(xs, [0])
    w = tf.concat([kernel, recurrent_kernel], axis=0)
    b = bias if bias is not None else tf.zeros((4 * units,), x.dtype)
    peephole = tf.zeros((units,), x.dtype)
    out = tf.raw_ops.BlockLSTMV2(
        seq_len_max=tf.cast(tf.shape(xs)[0], tf.int64), x=xs, cs_prev=tf.cast(c0, x.dtype),
        h_prev=tf.cast(h0, x.dtype), w=w, wci=peephole, wcf=peephole, wco=peephole, b=b,
        use_peephole=False)
    cs, hs = out[1], out[6]
    h, c = hs[-1], cs[-1]
    return h, tf.transpose(hs, (1, 0, 2)), h, c
