"""The STFT initializer: windowed Fourier bases as 1-D convolution kernels."""

import importlib

import numpy as np

from kerasx import ops
from kerasx.initializers.initializer import Initializer, float_dtype, standardize_shape

_SIDES = ("real", "imag")
_SCALINGS = (None, "density", "spectrum")


def _window_values(window, length, periodic):
    """Window samples of ``length``; a periodic window is the first ``length`` samples
    of the symmetric window of ``length + 1``."""
    if window is None:
        return np.ones(length)
    if not isinstance(window, str):
        values = np.asarray(window, dtype="float64")
        if values.shape != (length,):
            raise ValueError(
                f"STFT initializer: an array window must have shape ({length},) to match the "
                f"frame length, got shape {values.shape}."
            )
        return values
    span = length if periodic else length - 1
    n = np.arange(length)
    if span <= 0:
        return np.ones(length)
    if window == "hann":
        return 0.5 - 0.5 * np.cos(2.0 * np.pi * n / span)
    if window == "hamming":
        return 0.54 - 0.46 * np.cos(2.0 * np.pi * n / span)
    try:
        signal = importlib.import_module("scipy.signal")
    except ImportError:
        raise ValueError(
            f"STFT initializer: window={window!r} needs scipy.signal.get_window, and scipy is "
            "not installed. Use 'hann', 'hamming', None or an array of window values, or "
            "install scipy."
        ) from None
    return np.asarray(signal.get_window(window, length, fftbins=periodic), dtype="float64")


class STFT(Initializer):
    """Kernels of a 1-D convolution that computes one side of a short-time Fourier transform.

    For a kernel of shape ``(frame_length, channels, num_bins)`` the FFT length is
    ``2 * (num_bins - 1)``; entry ``[n, :, k]`` is ``window[n] * cos(2 pi n k / fft_length)``
    (``side="real"``) or ``-window[n] * sin(2 pi n k / fft_length)`` (``side="imag"``).

    Args:
        side: "real" (default) or "imag".
        window: "hann" (default), "hamming", another ``scipy.signal.windows`` name,
            an array of ``frame_length`` values, or None (no window).
        scaling: "density" (default; window divided by its L2 norm), "spectrum"
            (divided by its sum) or None. Ignored when ``window`` is None.
        periodic: use the periodic form of the window (default False).

    Raises:
        ValueError: for a bad side/scaling, or a call with a shape that is not 3-D.

    Example:
        >>> kernel = kerasx.initializers.STFT("real", "hann")((256, 1, 129))
    """

    def __init__(self, side="real", window="hann", scaling="density", periodic=False):
        if side not in _SIDES:
            raise ValueError(f"STFT initializer: side must be 'real' or 'imag', got side={side!r}.")
        if scaling not in _SCALINGS:
            raise ValueError(
                f"STFT initializer: scaling must be one of {_SCALINGS}, got scaling={scaling!r}."
            )
        if isinstance(window, dict) and "config" in window:  # Keras 3's serialized NumPy array
            window = window["config"].get("value")
        if window is not None and not isinstance(window, str):
            window = np.asarray(window, dtype="float64").tolist()
        self.side = side
        self.window = window
        self.scaling = scaling
        self.periodic = bool(periodic)

    def __call__(self, shape, dtype=None):
        shape = standardize_shape(shape, "STFT")
        dtype = float_dtype(dtype, "STFT")
        if len(shape) != 3:
            raise ValueError(
                "STFT initializer: expected a 3-D kernel shape (frame_length, channels, "
                f"num_bins), got shape={shape}."
            )
        frame_length, channels, bins = shape
        fft_length = 2 * (bins - 1) if bins > 1 else 1
        angles = 2.0 * np.pi * np.outer(np.arange(frame_length), np.arange(bins)) / fft_length
        basis = np.cos(angles) if self.side == "real" else -np.sin(angles)
        if self.window is not None:
            win = _window_values(self.window, frame_length, self.periodic)
            if self.scaling == "density":
                win = win / np.sqrt(np.sum(np.square(win)))
            elif self.scaling == "spectrum":
                win = win / np.sum(win)
            basis = basis * win[:, None]
        kernel = np.broadcast_to(basis[:, None, :], (frame_length, channels, bins))
        return ops.convert_to_tensor(np.ascontiguousarray(kernel), dtype=dtype)

    def get_config(self):
        return {"side": self.side, "window": self.window, "periodic": self.periodic,
                "scaling": self.scaling}
