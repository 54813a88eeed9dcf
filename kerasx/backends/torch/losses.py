"""Fused loss reductions for the torch backend (optional: the frontend falls back to ops).

In eager torch every op costs Python dispatch and an autograd node, forward and
backward. Sparse categorical cross-entropy with Keras's default reduction
("sum_over_batch_size": the mean over every label) is a single
``F.cross_entropy`` (logits) or ``F.nll_loss`` (probabilities) kernel with a mean
reduction, the way hand-written torch code computes it.
"""

import torch
import torch.nn.functional as F

from kerasx import config

_FLOATS = {"float32": torch.float32, "float64": torch.float64}
_INTS = (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8)
# torch's losses skip targets equal to ``ignore_index`` (default -100, a label that Keras
# treats as out of range); the smallest int64 is a value no real label takes.
_NO_IGNORE = -(2 ** 63)


def _range_error(name, t, classes):
    lo, hi = (int(v) for v in torch.aminmax(t))
    return ValueError(
        f"{name}: labels must be integers in [0, {classes}) for y_pred with {classes} "
        f"classes; got labels in [{lo}, {hi}].")


def sparse_categorical_crossentropy_mean(target, output, from_logits=False, dtype="float32",
                                         name="sparse_categorical_crossentropy"):
    """The mean sparse categorical cross-entropy over all labels, or None when the fused
    form does not apply (then the caller takes the general path).

    Args:
        target: integer labels of shape ``output.shape[:-1]`` (or with a trailing 1).
        output: logits (``from_logits=True``) or probabilities, classes on the last axis.
        dtype: the loss's dtype; ``output`` must already have it.
        name: the loss name for error messages.

    Raises:
        ValueError: when a label is outside ``[0, classes)``.
    """
    want = _FLOATS.get(dtype)
    if (want is None or not isinstance(output, torch.Tensor) or not isinstance(target, torch.Tensor)
            or output.dtype != want or target.dtype not in _INTS or output.ndim < 2
            or target.device != output.device):
        return None
    classes = output.shape[-1]
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    if target.shape != output.shape[:-1] or classes == 0 or target.numel() == 0:
        return None
    # (N, C) logits and (N,) labels go in as they are (a reshape adds an autograd node)
    t = target if target.ndim == 1 else target.reshape(-1)
    if t.dtype != torch.int64:
        t = t.long()
    logits = output if output.ndim == 2 else output.reshape(-1, classes)
    if t.device.type != "cpu":
        # on an accelerator an out-of-range target is a device-side assert: check first
        lo, hi = (int(v) for v in torch.aminmax(t))
        if lo < 0 or hi >= classes:
            raise _range_error(name, t, classes)
    try:
        if from_logits:
            return F.cross_entropy(logits, t, ignore_index=_NO_IGNORE)
        eps = config.epsilon()
        probs = logits / torch.sum(logits, dim=-1, keepdim=True)
        return F.nll_loss(torch.log(torch.clamp(probs, eps, 1.0 - eps)), t,
                          ignore_index=_NO_IGNORE)
    except IndexError:  # torch's "Target n is out of bounds"
        raise _range_error(name, t, classes) from None
