"""Math ops beyond NumPy: ``kerasx.ops.math`` (segments, top-k, FFTs, special functions).

Every name is also exported from ``kerasx.ops``.
"""

from kerasx.ops._dispatch import make_op


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    """Sums the rows of ``data`` that share a segment id.

    Args:
        data: tensor ``(n, ...)``.
        segment_ids: int tensor ``(n,)``.
        num_segments: number of output rows (default ``max(segment_ids) + 1``).
        sorted: whether ``segment_ids`` are sorted (a speed hint).

    Returns:
        Tensor ``(num_segments, ...)``; empty segments are 0.

    Example:
        >>> ops.segment_sum([1.0, 2.0, 3.0], [0, 0, 1])  # [3., 3.]
    """


segment_sum = make_op(segment_sum, "math")


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    """Maximum of the rows of ``data`` that share a segment id.

    Args:
        data: tensor ``(n, ...)``.
        segment_ids: int tensor ``(n,)``.
        num_segments: number of output rows (default ``max(segment_ids) + 1``).
        sorted: whether ``segment_ids`` are sorted (a speed hint).

    Returns:
        Tensor ``(num_segments, ...)``.

    Example:
        >>> ops.segment_max([1.0, 2.0, 3.0], [0, 0, 1])  # [2., 3.]
    """


segment_max = make_op(segment_max, "math")


def top_k(x, k, sorted=True):
    """The ``k`` largest values along the last axis and their indices.

    Args:
        x: tensor.
        k: how many.
        sorted: return them in descending order.

    Returns:
        ``(values, indices)``, indices int32.

    Example:
        >>> values, idx = ops.top_k([1.0, 5.0, 3.0], 2)  # [5., 3.], [1, 2]
    """


top_k = make_op(top_k, "math")


def in_top_k(targets, predictions, k):
    """Whether each target class is among the ``k`` highest predictions of its row.

    Args:
        targets: int tensor ``(batch,)``.
        predictions: tensor ``(batch, classes)``.
        k: how many top entries count.

    Returns:
        Bool tensor ``(batch,)``.

    Example:
        >>> ops.in_top_k([1], [[0.1, 0.9, 0.5]], 1)  # [True]
    """


in_top_k = make_op(in_top_k, "math")


def logsumexp(x, axis=None, keepdims=False):
    """``log(sum(exp(x)))`` along ``axis``, computed stably.

    Args:
        x: tensor.
        axis: int, tuple of ints or None.
        keepdims: keep reduced axes with size 1.

    Returns:
        Float tensor.

    Example:
        >>> ops.logsumexp([0.0, 0.0])  # 0.693
    """


logsumexp = make_op(logsumexp, "math")


def extract_sequences(x, sequence_length, sequence_stride):
    """Frames the last axis into (overlapping) windows.

    Args:
        x: tensor ``(..., n)``.
        sequence_length: window length.
        sequence_stride: step between window starts.

    Returns:
        Tensor ``(..., num_windows, sequence_length)``.

    Example:
        >>> ops.extract_sequences([1, 2, 3, 4], 2, 2)  # [[1, 2], [3, 4]]
    """


extract_sequences = make_op(extract_sequences, "math")


def fft(x):
    """Complex FFT over the last axis.

    Args:
        x: ``(real, imag)`` pair of float tensors.

    Returns:
        ``(real, imag)`` of the transform.

    Example:
        >>> re, im = ops.fft((ops.ones((4,)), ops.zeros((4,))))  # re = [4, 0, 0, 0]
    """


fft = make_op(fft, "math")


def fft2(x):
    """Complex 2-D FFT over the last two axes.

    Args:
        x: ``(real, imag)`` pair of float tensors.

    Returns:
        ``(real, imag)`` of the transform.

    Example:
        >>> re, im = ops.fft2((ops.ones((2, 2)), ops.zeros((2, 2))))
    """


fft2 = make_op(fft2, "math")


def ifft2(x):
    """Inverse complex 2-D FFT over the last two axes.

    Args:
        x: ``(real, imag)`` pair of float tensors.

    Returns:
        ``(real, imag)`` of the inverse transform.

    Example:
        >>> re, im = ops.ifft2(ops.fft2((a, b)))  # back to (a, b)
    """


ifft2 = make_op(ifft2, "math")


def rfft(x, fft_length=None):
    """FFT of a real signal over the last axis (non-negative frequencies only).

    Args:
        x: real float tensor.
        fft_length: FFT size (default: the last dim); the input is cropped or zero-padded.

    Returns:
        ``(real, imag)`` with ``fft_length // 2 + 1`` frequencies.

    Example:
        >>> re, im = ops.rfft(ops.ones((4,)))  # re = [4, 0, 0]
    """


rfft = make_op(rfft, "math")


def irfft(x, fft_length=None):
    """Inverse of ``rfft``: a real signal from non-negative frequencies.

    Args:
        x: ``(real, imag)`` pair with ``n // 2 + 1`` frequencies.
        fft_length: output length (default ``2 * (freqs - 1)``).

    Returns:
        Real float tensor.

    Example:
        >>> ops.irfft(ops.rfft(signal))  # signal (even length)
    """


irfft = make_op(irfft, "math")


def rsqrt(x):
    """Elementwise ``1 / sqrt(x)``.

    Args:
        x: tensor.

    Returns:
        Float tensor.

    Example:
        >>> ops.rsqrt([4.0])  # [0.5]
    """


rsqrt = make_op(rsqrt, "math")


def erf(x):
    """Elementwise Gauss error function.

    Args:
        x: tensor.

    Returns:
        Float tensor in (-1, 1).

    Example:
        >>> ops.erf([0.0])  # [0.]
    """


erf = make_op(erf, "math")


def erfinv(x):
    """Elementwise inverse error function.

    Args:
        x: tensor with values in (-1, 1).

    Returns:
        Float tensor.

    Example:
        >>> ops.erfinv([0.0])  # [0.]
    """


erfinv = make_op(erfinv, "math")


def logdet(x):
    """Natural log of the determinant of a positive-definite matrix.

    Args:
        x: tensor ``(..., n, n)``.

    Returns:
        Float tensor ``(...)``.

    Example:
        >>> ops.logdet(ops.eye(2) * 2.0)  # log(4) = 1.386
    """


logdet = make_op(logdet, "math")
