"""Tensor creation: zeros/ones/full, ranges, identity-like matrices, grids."""

from kerasx.ops._dispatch import make_op


def array(x, dtype=None):
    """Creates a tensor from array-like data.

    Args:
        x: nested lists, NumPy array or tensor.
        dtype: optional dtype (default: inferred; Python floats give floatx()).

    Returns:
        A tensor.

    Example:
        >>> ops.array([[1, 2], [3, 4]])  # int32 tensor of shape (2, 2)
    """


array = make_op(array, "numpy")


def arange(start, stop=None, step=1, dtype=None):
    """Evenly spaced values in ``[start, stop)``.

    Args:
        start: first value (or the stop when ``stop`` is None).
        stop: end (exclusive).
        step: spacing.
        dtype: result dtype (default int32 for integer arguments, else floatx()).

    Returns:
        1-D tensor.

    Example:
        >>> ops.arange(1, 7, 2)  # [1, 3, 5]
    """


arange = make_op(arange, "numpy")


def empty(shape, dtype=None):
    """Tensor of ``shape`` with unspecified contents (zeros on some backends).

    Args:
        shape: tuple of ints.
        dtype: dtype (default floatx()).

    Returns:
        A tensor.

    Example:
        >>> ops.empty((2, 3)).shape  # (2, 3)
    """


empty = make_op(empty, "numpy")


def zeros(shape, dtype=None):
    """Tensor of ``shape`` filled with zeros.

    Args:
        shape: tuple of ints.
        dtype: dtype (default floatx()).

    Returns:
        A tensor.

    Example:
        >>> ops.zeros((2,), dtype="int32")  # [0, 0]
    """


zeros = make_op(zeros, "numpy")


def ones(shape, dtype=None):
    """Tensor of ``shape`` filled with ones.

    Args:
        shape: tuple of ints.
        dtype: dtype (default floatx()).

    Returns:
        A tensor.

    Example:
        >>> ops.ones((2,))  # [1., 1.]
    """


ones = make_op(ones, "numpy")


def full(shape, fill_value, dtype=None):
    """Tensor of ``shape`` filled with ``fill_value``.

    Args:
        shape: tuple of ints.
        fill_value: scalar or broadcastable tensor.
        dtype: dtype (default floatx()).

    Returns:
        A tensor.

    Example:
        >>> ops.full((2,), 7.0)  # [7., 7.]
    """


full = make_op(full, "numpy")


def zeros_like(x, dtype=None):
    """Zeros with the shape (and by default the dtype) of ``x``.

    Args:
        x: tensor.
        dtype: optional dtype.

    Returns:
        A tensor.

    Example:
        >>> ops.zeros_like(ops.ones((2,)))  # [0., 0.]
    """


zeros_like = make_op(zeros_like, "numpy")


def ones_like(x, dtype=None):
    """Ones with the shape (and by default the dtype) of ``x``.

    Args:
        x: tensor.
        dtype: optional dtype.

    Returns:
        A tensor.

    Example:
        >>> ops.ones_like(ops.zeros((2,), "int32"))  # [1, 1]
    """


ones_like = make_op(ones_like, "numpy")


def full_like(x, fill_value, dtype=None):
    """``fill_value`` with the shape (and by default the dtype) of ``x``.

    Args:
        x: tensor.
        fill_value: scalar.
        dtype: optional dtype.

    Returns:
        A tensor.

    Example:
        >>> ops.full_like(ops.zeros((2,)), 3.0)  # [3., 3.]
    """


full_like = make_op(full_like, "numpy")


def eye(N, M=None, k=0, dtype=None):
    """2-D tensor with ones on the ``k``-th diagonal and zeros elsewhere.

    Args:
        N: number of rows.
        M: number of columns (default ``N``).
        k: diagonal offset (positive = above the main diagonal).
        dtype: dtype (default floatx()).

    Returns:
        Tensor of shape ``(N, M)``.

    Example:
        >>> ops.eye(2)  # [[1., 0.], [0., 1.]]
    """


eye = make_op(eye, "numpy")


def identity(n, dtype=None):
    """Square identity matrix.

    Args:
        n: size.
        dtype: dtype (default floatx()).

    Returns:
        Tensor of shape ``(n, n)``.

    Example:
        >>> ops.identity(3).shape  # (3, 3)
    """


identity = make_op(identity, "numpy")


def tri(N, M=None, k=0, dtype=None):
    """Lower-triangular matrix of ones (at and below the ``k``-th diagonal).

    Args:
        N: rows.
        M: columns (default ``N``).
        k: diagonal offset.
        dtype: dtype (default floatx()).

    Returns:
        Tensor of shape ``(N, M)``.

    Example:
        >>> ops.tri(2)  # [[1., 0.], [1., 1.]]
    """


tri = make_op(tri, "numpy")


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """``num`` evenly spaced values from ``start`` to ``stop``.

    Args:
        start, stop: scalars or tensors (broadcast).
        num: number of values.
        endpoint: whether ``stop`` is included.
        retstep: also return the spacing.
        dtype: result dtype (default floatx()).
        axis: where the new axis goes for tensor endpoints.

    Returns:
        Tensor, or ``(tensor, step)`` when ``retstep``.

    Example:
        >>> ops.linspace(0.0, 1.0, 5)  # [0., .25, .5, .75, 1.]
    """


linspace = make_op(linspace, "numpy")


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    """``num`` values spaced evenly on a log scale: ``base ** linspace(start, stop)``.

    Args:
        start, stop: exponents.
        num: number of values.
        endpoint: whether ``base ** stop`` is included.
        base: base of the logarithm.
        dtype: result dtype (default floatx()).
        axis: where the new axis goes for tensor endpoints.

    Returns:
        Tensor.

    Example:
        >>> ops.logspace(0.0, 2.0, 3)  # [1., 10., 100.]
    """


logspace = make_op(logspace, "numpy")


def meshgrid(*x, indexing="xy"):
    """Coordinate matrices from 1-D coordinate vectors.

    Args:
        *x: 1-D tensors.
        indexing: "xy" (Cartesian) or "ij" (matrix).

    Returns:
        List of tensors, one per input.

    Example:
        >>> xx, yy = ops.meshgrid([1, 2, 3], [4, 5])  # each of shape (2, 3)
    """


meshgrid = make_op(meshgrid, "numpy")


def vander(x, N=None, increasing=False):
    """Vandermonde matrix: columns are powers of ``x``.

    Args:
        x: 1-D tensor.
        N: number of columns (default ``len(x)``).
        increasing: powers increase left to right when True.

    Returns:
        Tensor of shape ``(len(x), N)``.

    Example:
        >>> ops.vander([2, 3], 3)  # [[4, 2, 1], [9, 3, 1]]
    """


vander = make_op(vander, "numpy")


def diag(x, k=0):
    """Extracts the ``k``-th diagonal of a 2-D tensor, or builds a diagonal matrix from a 1-D one.

    Args:
        x: 1-D or 2-D tensor.
        k: diagonal offset.

    Returns:
        Tensor.

    Example:
        >>> ops.diag([1, 2])  # [[1, 0], [0, 2]]
    """


diag = make_op(diag, "numpy")


def diagflat(x, k=0):
    """Builds a 2-D tensor with the flattened ``x`` on the ``k``-th diagonal.

    Args:
        x: tensor (flattened).
        k: diagonal offset.

    Returns:
        Square 2-D tensor.

    Example:
        >>> ops.diagflat([[1, 2]])  # [[1, 0], [0, 2]]
    """


diagflat = make_op(diagflat, "numpy")
