"""Timing and memory helpers used inside a benchmark subprocess."""

import resource
import statistics
import threading
import time

import psutil


def median_ms_per_call(fn, sync, calls, repeats, warmup=3):
    """Median over ``repeats`` samples of the mean milliseconds of ``calls`` calls of ``fn``."""
    for _ in range(warmup):
        sync(fn())
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            out = fn()
        sync(out)
        samples.append((time.perf_counter() - start) / calls * 1e3)
    return statistics.median(samples)


def paired_median_ms_per_call(fns, sync, calls, repeats, warmup=3):
    """Like ``median_ms_per_call`` for several implementations at once, interleaved.

    ``fns`` maps a label to a function. Each round takes one sample of every function,
    in an order that rotates from round to round, so that load drift on a shared
    machine reaches every side alike. Returns ``{label: median ms per call}``.
    """
    labels = list(fns)
    for label in labels:
        for _ in range(warmup):
            sync(fns[label]())
    samples = {label: [] for label in labels}
    for r in range(repeats):
        k = r % len(labels)
        for label in labels[k:] + labels[:k]:
            fn = fns[label]
            start = time.perf_counter()
            for _ in range(calls):
                out = fn()
            sync(out)
            samples[label].append((time.perf_counter() - start) / calls * 1e3)
    return {label: statistics.median(v) for label, v in samples.items()}


def epoch_timer(lib):
    """A ``lib.callbacks.Callback`` that records each epoch's wall time in ``.times`` (seconds)."""

    class EpochTimer(lib.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times = []
            self._start = None

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self._start)

    return EpochTimer()


def summarize_epochs(times, steps):
    """{first_epoch_s, step_ms}: the first epoch (tracing/compiling) and the median later epoch / steps."""
    later = times[1:] or times
    return {"first_epoch_s": times[0], "step_ms": statistics.median(later) / steps * 1e3,
            "epoch_samples_s": list(times)}


class PeakRSS:
    """Peak resident memory above the RSS at ``__enter__``, in MiB.

    Uses the kernel's high-water mark (``ru_maxrss``) when the block pushes it up,
    and a 2 ms psutil sampler otherwise (the high-water mark may date from import time).
    """

    def __enter__(self):
        self._proc = psutil.Process()
        self.baseline = self._proc.memory_info().rss
        self._hwm_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self._sampled = self.baseline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.002):
            self._sampled = max(self._sampled, self._proc.memory_info().rss)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        peak = max(self._sampled, hwm if hwm > self._hwm_before else 0,
                   self._proc.memory_info().rss)
        self.delta_mb = (peak - self.baseline) / 2 ** 20
        return False
