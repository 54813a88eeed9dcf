"""``to_categorical`` and ``normalize``: small array helpers from ``keras.utils``."""

import numpy as np


def _is_backend_tensor(x):
    if isinstance(x, np.ndarray) or np.isscalar(x) or isinstance(x, (list, tuple)):
        return False
    from kerasx.backends import B
    from kerasx.core.keras_tensor import KerasTensor
    return isinstance(x, KerasTensor) or B.core.is_tensor(x)


def _ops():
    from kerasx import ops  # imported lazily: ops is optional for NumPy inputs
    return ops


def to_categorical(x, num_classes=None):
    """Converts integer class labels to a one-hot (binary class) matrix.

    A trailing dimension of size 1 is dropped first, so labels of shape
    ``(n,)`` or ``(n, 1)`` both give ``(n, num_classes)``; labels of shape
    ``(a, b)`` give ``(a, b, num_classes)``.

    Args:
        x: integer labels (NumPy array, list, or backend tensor), values in
            ``[0, num_classes)``.
        num_classes: number of classes; ``max(x) + 1`` when None.

    Returns:
        A float32 NumPy array for NumPy/list input, a backend tensor for
        tensor input.

    Raises:
        ValueError: for negative labels or labels ``>= num_classes``.

    Example:
        >>> to_categorical([0, 2, 1], num_classes=3)
        array([[1., 0., 0.], [0., 0., 1.], [0., 1., 0.]], dtype=float32)
    """
    if _is_backend_tensor(x):
        ops = _ops()
        shape = tuple(x.shape)
        if len(shape) > 1 and shape[-1] == 1:
            x = ops.reshape(x, shape[:-1])
        if num_classes is None:
            num_classes = int(np.max(ops.convert_to_numpy(x))) + 1
        return ops.one_hot(x, int(num_classes))
    x = np.asarray(x)
    if x.dtype.kind == "f" and not np.all(np.equal(np.mod(x, 1), 0)):
        raise ValueError(
            "to_categorical: expected integer class labels, got non-integer values "
            f"(dtype {x.dtype})."
        )
    x = x.astype("int64")
    shape = x.shape
    if len(shape) > 1 and shape[-1] == 1:
        shape = shape[:-1]
    flat = x.reshape(-1)
    if num_classes is None:
        num_classes = int(flat.max()) + 1 if flat.size else 0
    num_classes = int(num_classes)
    if flat.size and (flat.min() < 0 or flat.max() >= num_classes):
        raise ValueError(
            f"to_categorical: labels must be in [0, num_classes={num_classes}); "
            f"got values from {int(flat.min())} to {int(flat.max())}."
        )
    out = np.zeros((flat.shape[0], num_classes), dtype="float32")
    out[np.arange(flat.shape[0]), flat] = 1.0
    return out.reshape(tuple(shape) + (num_classes,))


def normalize(x, axis=-1, order=2):
    """Scales ``x`` so that its ``order``-norm along ``axis`` is 1.

    Slices whose norm is 0 are left unchanged (divided by 1).

    Args:
        x: NumPy array (NumPy result) or backend tensor (tensor result,
            computed with ``kerasx.ops``).
        axis: axis along which to normalize.
        order: norm order (2 for the L2 norm, 1 for L1, ...).

    Returns:
        The normalized array, same shape as ``x``.

    Example:
        >>> normalize(np.array([[3.0, 4.0]]))
        array([[0.6, 0.8]])
    """
    if _is_backend_tensor(x):
        ops = _ops()
        return ops.normalize(x, axis=axis, order=order)
    x = np.asarray(x)
    if x.dtype.kind not in "fc":
        x = x.astype("float32")
    if axis is None:
        raise ValueError("normalize: axis must be an int, got None.")
    norm = np.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    norm = np.where(norm == 0, np.ones_like(norm), norm)
    return x / norm
