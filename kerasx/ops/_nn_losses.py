"""Encodings and loss primitives: one_hot, multi_hot, crossentropies, CTC."""

from kerasx.ops._dispatch import make_op


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    """One-hot encodes integer labels; negative or out-of-range labels give all-zero rows.

    Args:
        x: int tensor of class ids.
        num_classes: number of classes.
        axis: where the class axis is inserted.
        dtype: output dtype (default floatx()).
        sparse: accepted for Keras compatibility.

    Returns:
        Tensor with one more dimension of size ``num_classes``.

    Example:
        >>> ops.one_hot([0, 2], 3)  # [[1, 0, 0], [0, 0, 1]]
    """


one_hot = make_op(one_hot, "nn")


def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False):
    """Multi-hot encodes each row of integer labels (1 for every class present).

    Args:
        inputs: int tensor ``(labels,)`` or ``(batch, labels)``.
        num_classes: number of classes.
        axis: the class axis.
        dtype: output dtype (default floatx()).
        sparse: accepted for Keras compatibility.

    Returns:
        Tensor with the label axis replaced by a class axis.

    Example:
        >>> ops.multi_hot([[0, 2]], 3)  # [[1., 0., 1.]]
    """


multi_hot = make_op(multi_hot, "nn")


def binary_crossentropy(target, output, from_logits=False):
    """Elementwise binary crossentropy (not reduced).

    Args:
        target: tensor of 0/1 (or soft) labels.
        output: probabilities, or logits when ``from_logits``.
        from_logits: whether ``output`` is logits.

    Returns:
        Float tensor shaped like ``output``.

    Example:
        >>> ops.binary_crossentropy([1.0], [0.9])  # [0.105]
    """


binary_crossentropy = make_op(binary_crossentropy, "nn")


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Crossentropy between one-hot (or soft) targets and predictions, per sample.

    Probabilities are renormalized to sum to 1 along ``axis`` and clipped with ``epsilon()``.

    Args:
        target: tensor of the same shape as ``output``.
        output: probabilities, or logits when ``from_logits``.
        from_logits: whether ``output`` is logits.
        axis: the class axis.

    Returns:
        Float tensor with the class axis removed.

    Example:
        >>> ops.categorical_crossentropy([[0.0, 1.0]], [[0.5, 0.5]])  # [0.693]
    """


categorical_crossentropy = make_op(categorical_crossentropy, "nn")


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Crossentropy with integer class targets, per sample.

    Args:
        target: int tensor of class ids (``output`` without the class axis).
        output: probabilities, or logits when ``from_logits``.
        from_logits: whether ``output`` is logits.
        axis: the class axis of ``output``.

    Returns:
        Float tensor shaped like ``target``.

    Example:
        >>> ops.sparse_categorical_crossentropy([1], [[0.5, 0.5]])  # [0.693]
    """


sparse_categorical_crossentropy = make_op(sparse_categorical_crossentropy, "nn")


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """Connectionist temporal classification loss per sample.

    Args:
        target: int tensor ``(batch, max_label_length)``.
        output: logits ``(batch, max_time, num_classes)``.
        target_length: int tensor ``(batch,)``.
        output_length: int tensor ``(batch,)``.
        mask_index: the blank class id.

    Returns:
        Float tensor ``(batch,)``.

    Example:
        >>> ops.ctc_loss(labels, logits, label_lengths, logit_lengths)
    """


ctc_loss = make_op(ctc_loss, "nn")
