"""Linear algebra: ``kerasx.ops.linalg`` (also exported from ``kerasx.ops``).

All functions accept batches of matrices ``(..., M, N)``.
"""

from kerasx.ops._dispatch import make_op


def cholesky(x, upper=False):
    """Cholesky factor of a symmetric positive-definite matrix.

    Args:
        x: tensor ``(..., n, n)``.
        upper: return the upper factor ``U`` (``x = U^T U``) instead of the lower one.

    Returns:
        Triangular tensor ``(..., n, n)``.

    Example:
        >>> ops.cholesky([[4.0, 0.0], [0.0, 9.0]])  # [[2, 0], [0, 3]]
    """


cholesky = make_op(cholesky, "linalg")


def det(a):
    """Determinant.

    Args:
        a: tensor ``(..., n, n)``.

    Returns:
        Tensor ``(...)``.

    Example:
        >>> ops.det([[1.0, 2.0], [3.0, 4.0]])  # -2.
    """


det = make_op(det, "linalg")


def eig(a):
    """Eigenvalues and right eigenvectors of a general square matrix.

    Args:
        a: tensor ``(..., n, n)``.

    Returns:
        ``(eigenvalues, eigenvectors)`` (complex in general).

    Example:
        >>> w, v = ops.eig(ops.eye(2))
    """


eig = make_op(eig, "linalg")


def eigh(a):
    """Eigenvalues (ascending) and eigenvectors of a symmetric/Hermitian matrix.

    Args:
        a: tensor ``(..., n, n)``.

    Returns:
        ``(eigenvalues, eigenvectors)``; column ``i`` pairs with value ``i``.

    Example:
        >>> w, v = ops.eigh([[2.0, 0.0], [0.0, 1.0]])  # w = [1., 2.]
    """


eigh = make_op(eigh, "linalg")


def inv(a):
    """Matrix inverse.

    Args:
        a: tensor ``(..., n, n)``, invertible.

    Returns:
        Tensor ``(..., n, n)``.

    Example:
        >>> ops.inv([[2.0, 0.0], [0.0, 4.0]])  # [[0.5, 0], [0, 0.25]]
    """


inv = make_op(inv, "linalg")


def lu_factor(a):
    """LU factorization with partial pivoting (SciPy ``lu_factor`` layout).

    Args:
        a: tensor ``(..., n, n)``.

    Returns:
        ``(lu, pivots)``: L (unit diagonal, below) and U packed in one matrix; 0-based
        row pivots (row ``i`` was swapped with row ``pivots[i]``).

    Example:
        >>> lu, piv = ops.lu_factor([[1.0, 2.0], [3.0, 4.0]])  # piv = [1, 1]
    """


lu_factor = make_op(lu_factor, "linalg")


def norm(x, ord=None, axis=None, keepdims=False):
    """Vector or matrix norm.

    Args:
        x: tensor.
        ord: vector orders (None/2, 1, inf, -inf, 0, p) or matrix orders
            ("fro", "nuc", 1, -1, 2, -2, inf, -inf).
        axis: int (vector norm), pair of ints (matrix norm), or None (flattened
            vector 2-norm for any rank; matrix ord needs a 2-D input).
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.norm([3.0, 4.0])  # 5.
    """


norm = make_op(norm, "linalg")


def qr(x, mode="reduced"):
    """QR decomposition.

    Args:
        x: tensor ``(..., m, n)``.
        mode: "reduced" (Q is ``(m, k)``, k = min(m, n)) or "complete" (Q is ``(m, m)``).

    Returns:
        ``(q, r)`` with ``x = q @ r``.

    Example:
        >>> q, r = ops.qr(ops.ones((3, 2)))  # q (3, 2), r (2, 2)
    """


qr = make_op(qr, "linalg")


def solve(a, b):
    """Solves ``a @ x = b`` for ``x``.

    Args:
        a: tensor ``(..., n, n)``.
        b: tensor ``(..., n)`` or ``(..., n, k)``.

    Returns:
        ``x`` shaped like ``b``.

    Example:
        >>> ops.solve([[2.0, 0.0], [0.0, 4.0]], [2.0, 4.0])  # [1., 1.]
    """


solve = make_op(solve, "linalg")


def solve_triangular(a, b, lower=False):
    """Solves ``a @ x = b`` for triangular ``a``.

    Args:
        a: triangular tensor ``(..., n, n)``.
        b: tensor ``(..., n)`` or ``(..., n, k)``.
        lower: whether ``a`` is lower triangular (otherwise upper).

    Returns:
        ``x`` shaped like ``b``.

    Example:
        >>> ops.solve_triangular([[1.0, 0.0], [1.0, 1.0]], [1.0, 2.0], lower=True)  # [1., 1.]
    """


solve_triangular = make_op(solve_triangular, "linalg")


def svd(x, full_matrices=True, compute_uv=True):
    """Singular value decomposition ``x = u @ diag(s) @ vh``.

    Args:
        x: tensor ``(..., m, n)``.
        full_matrices: full square ``u``/``vh`` (True) or reduced ones.
        compute_uv: also return ``u`` and ``vh``; otherwise only ``s``.

    Returns:
        ``(u, s, vh)``, or ``s`` (descending) when ``compute_uv`` is False.

    Example:
        >>> s = ops.svd([[3.0, 0.0], [0.0, 4.0]], compute_uv=False)  # [4., 3.]
    """


svd = make_op(svd, "linalg")


def lstsq(a, b, rcond=None):
    """Least-squares solution of ``a @ x = b``.

    Args:
        a: tensor ``(m, n)``.
        b: tensor ``(m,)`` or ``(m, k)``.
        rcond: cut-off for small singular values (default: machine precision based).

    Returns:
        ``x`` of shape ``(n,)`` or ``(n, k)``.

    Example:
        >>> ops.lstsq([[1.0], [1.0]], [1.0, 3.0])  # [2.]
    """


lstsq = make_op(lstsq, "linalg")
