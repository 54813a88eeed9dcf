"""Products and related NumPy ops: matmul, dot, einsum, tensordot, cross, kron ..."""

from kerasx.ops._dispatch import make_op


def matmul(x1, x2):
    """Matrix product with batch broadcasting (NumPy ``@``).

    Args:
        x1: tensor ``(..., n, k)`` or 1-D.
        x2: tensor ``(..., k, m)`` or 1-D.

    Returns:
        Tensor ``(..., n, m)``.

    Example:
        >>> ops.matmul(ops.ones((2, 3)), ops.ones((3, 4))).shape  # (2, 4)
    """


matmul = make_op(matmul, "numpy")


def dot(x1, x2):
    """NumPy ``dot``: inner product for 1-D, matrix product for 2-D, sum over the last/second-last axes otherwise.

    Args:
        x1, x2: tensors.

    Returns:
        Tensor.

    Example:
        >>> ops.dot([1, 2], [3, 4])  # 11
    """


dot = make_op(dot, "numpy")


def vdot(x1, x2):
    """Dot product of the flattened inputs (conjugating the first).

    Args:
        x1, x2: tensors with the same number of elements.

    Returns:
        Scalar tensor.

    Example:
        >>> ops.vdot([[1, 2]], [[3, 4]])  # 11
    """


vdot = make_op(vdot, "numpy")


def inner(x1, x2):
    """Inner product over the last axes of both inputs.

    Args:
        x1, x2: tensors with equal last dimension.

    Returns:
        Tensor of shape ``x1.shape[:-1] + x2.shape[:-1]``.

    Example:
        >>> ops.inner([1, 2], [3, 4])  # 11
    """


inner = make_op(inner, "numpy")


def outer(x1, x2):
    """Outer product of the flattened inputs.

    Args:
        x1, x2: tensors.

    Returns:
        Tensor of shape ``(x1.size, x2.size)``.

    Example:
        >>> ops.outer([1, 2], [3, 4])  # [[3, 4], [6, 8]]
    """


outer = make_op(outer, "numpy")


def tensordot(x1, x2, axes=2):
    """Sums products over the given axes.

    Args:
        x1, x2: tensors.
        axes: int N (last N of x1 with first N of x2) or a pair of axis lists.

    Returns:
        Tensor.

    Example:
        >>> ops.tensordot(ops.ones((2, 3)), ops.ones((3, 4)), axes=1).shape  # (2, 4)
    """


tensordot = make_op(tensordot, "numpy")


def einsum(subscripts, *operands, **kwargs):
    """Einstein summation.

    Args:
        subscripts: e.g. ``"ij,jk->ik"``.
        *operands: the tensors.
        **kwargs: accepted for NumPy compatibility.

    Returns:
        Tensor.

    Example:
        >>> ops.einsum("ij,jk->ik", a, b)  # same as ops.matmul(a, b)
    """


einsum = make_op(einsum, "numpy")


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """Cross product of 3-vectors (or 2-vectors) along the given axes.

    Args:
        x1, x2: tensors with 2 or 3 components along their vector axes.
        axisa, axisb: vector axes of ``x1`` and ``x2``.
        axisc: vector axis of the result.
        axis: if given, overrides all three.

    Returns:
        Tensor.

    Example:
        >>> ops.cross([1, 0, 0], [0, 1, 0])  # [0, 0, 1]
    """


cross = make_op(cross, "numpy")


def kron(x1, x2):
    """Kronecker product.

    Args:
        x1, x2: tensors.

    Returns:
        Tensor made of blocks ``x1[i, j] * x2``.

    Example:
        >>> ops.kron([1, 2], [1, 10])  # [1, 10, 2, 20]
    """


kron = make_op(kron, "numpy")


def trace(x, offset=0, axis1=0, axis2=1):
    """Sum along a diagonal.

    Args:
        x: tensor with at least 2 dims.
        offset: diagonal offset.
        axis1, axis2: the plane.

    Returns:
        Tensor.

    Example:
        >>> ops.trace([[1, 2], [3, 4]])  # 5
    """


trace = make_op(trace, "numpy")


def correlate(x1, x2, mode="valid"):
    """Cross-correlation of two 1-D sequences (NumPy ``correlate``).

    Args:
        x1, x2: 1-D tensors.
        mode: "valid", "same" or "full".

    Returns:
        1-D tensor.

    Example:
        >>> ops.correlate([1.0, 2.0, 3.0], [0.0, 1.0])  # [2., 3.]
    """


correlate = make_op(correlate, "numpy")


def corrcoef(x):
    """Pearson correlation coefficients of the rows of ``x``.

    Args:
        x: 2-D tensor, one variable per row.

    Returns:
        Float tensor of shape ``(rows, rows)``.

    Example:
        >>> ops.corrcoef([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])  # [[1, -1], [-1, 1]]
    """


corrcoef = make_op(corrcoef, "numpy")


def slogdet(x):
    """Sign and natural log of the absolute determinant.

    Args:
        x: tensor ``(..., n, n)``.

    Returns:
        ``(sign, logabsdet)``.

    Example:
        >>> sign, logdet = ops.slogdet(ops.eye(2) * 2.0)  # 1., log(4)
    """


slogdet = make_op(slogdet, "numpy")


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integrates ``y`` along ``axis`` with the trapezoidal rule.

    Args:
        y: tensor of values.
        x: optional sample points (default: spacing ``dx``).
        dx: spacing when ``x`` is None.
        axis: the axis.

    Returns:
        Float tensor.

    Example:
        >>> ops.trapezoid([1.0, 2.0, 3.0])  # 4.
    """


trapezoid = make_op(trapezoid, "numpy")
