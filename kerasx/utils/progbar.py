"""``Progbar``: the Keras text progress bar (also used by ``ProgbarLogger``)."""

import math
import sys
import time

import numpy as np

_FULL = "\u2501"     # the heavy horizontal bar Keras 3 draws
_EMPTY = "\u2500"    # light bar for the remaining part when colours are off


def _as_float(value):
    """Converts a log value (float, NumPy, tensor, Variable) to a Python float."""
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(np.asarray(value))
    except Exception:  # tensors NumPy cannot read directly (e.g. requiring grad)
        from kerasx.backends import B
        return float(np.asarray(B.core.convert_to_numpy(value)))


def format_value(value):
    """Formats one metric value as Keras does: 4 decimals, scientific when tiny."""
    try:
        v = _as_float(value)
    except (TypeError, ValueError):
        return f" {value}"
    if abs(v) > 1e-3 or v == 0.0 or not math.isfinite(v):
        return f" {v:.4f}"
    return f" {v:.4e}"


def format_time(seconds):
    """``'3s'``, ``'1:05'`` or ``'1:02:03'`` for a duration in seconds."""
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}:{(seconds % 3600) // 60:02d}:{seconds % 60:02d}"
    if seconds >= 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds}s"


def format_time_per_unit(seconds, unit_name):
    """``'3ms/step'``-style time per unit."""
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit_name}"
    return f"{seconds * 1e6:.0f}us/{unit_name}"


def _dynamic_display():
    stdout = sys.stdout
    try:
        tty = bool(stdout.isatty())
    except (AttributeError, ValueError):
        tty = False
    return tty or "ipykernel" in sys.modules


class Progbar:
    """Displays a progress bar like Keras's ``fit`` output.

    ``verbose=1`` redraws one line (at most once per ``interval`` seconds);
    ``verbose=2`` prints a single line when the bar is finalized.

    Args:
        target: total number of steps, or None when unknown.
        width: width of the bar in characters.
        verbose: 0 (silent), 1 (per-step bar) or 2 (one line at the end).
        interval: minimum seconds between redraws for ``verbose=1``.
        stateful_metrics: names of values shown as given; other values are
            averaged over the steps seen so far.
        unit_name: name of one step in the time-per-unit field.

    Example:
        >>> bar = Progbar(10)
        >>> for i in range(10):
        ...     bar.update(i + 1, values=[("loss", 0.5)])
    """

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step"):
        if verbose not in (0, 1, 2):
            raise ValueError(f"Progbar: verbose must be 0, 1 or 2, got {verbose!r}.")
        self.target = target
        self.width = int(width)
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self._dynamic = _dynamic_display()
        self._colors = self._dynamic
        self._total_width = 0
        self._seen_so_far = 0
        self._values = {}            # name -> [weighted sum, count] or raw value (stateful)
        self._values_order = []
        self._start = time.time()
        self._last_update = 0.0
        self._time_at_epoch_start = self._start
        self._time_after_first_step = None
        self._first_step = 0

    def should_render(self, current, finalize=None):
        """True when ``update(current, ...)`` would draw (lets callers skip work)."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        if self.verbose == 0:
            return False
        if finalize:
            return True
        if self.verbose == 2:
            return False
        if not self._dynamic and self.target is not None and current >= self.target:
            return False  # a line-per-update display would print the final line twice
        return (time.time() - self._last_update) >= self.interval

    def update(self, current, values=None, finalize=None):
        """Updates the bar to ``current`` steps.

        Args:
            current: index of the current step (number of steps done).
            values: list of ``(name, value)`` pairs (or a dict); values of
                names not in ``stateful_metrics`` are averaged over steps.
            finalize: whether this is the last update; defaults to
                ``current >= target``.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        items = values.items() if isinstance(values, dict) else (values or [])
        for name, value in items:
            if name not in self._values_order:
                self._values_order.append(name)
            if name in self.stateful_metrics:
                self._values[name] = value   # kept as given; converted only when drawn
            else:
                weight = max(current - self._seen_so_far, 1)
                v = _as_float(value)
                if name in self._values and isinstance(self._values[name], list):
                    self._values[name][0] += v * weight
                    self._values[name][1] += weight
                else:
                    self._values[name] = [v * weight, weight]
        self._seen_so_far = current
        now = time.time()
        if self._time_after_first_step is None and current >= 1:
            # The first step often includes compilation; per-step time is
            # measured from here once more steps are done.
            self._time_after_first_step = now
            self._first_step = current
        if not self.should_render(current, finalize):
            return
        self._last_update = now
        elapsed = now - self._start
        if self._time_after_first_step is not None and current > self._first_step:
            per_unit = (now - self._time_after_first_step) / (current - self._first_step)
        else:
            per_unit = elapsed / current if current else 0.0
        line = self._bar(current, finalize, elapsed, per_unit) if self.verbose == 1 else \
            self._summary_line(current, elapsed, per_unit)
        line += self._values_text()
        self._write(line, finalize)

    def add(self, n, values=None):
        """Advances the bar by ``n`` steps (see ``update``)."""
        self.update(self._seen_so_far + n, values)

    def _bar(self, current, finalize, elapsed, per_unit):
        if self.target is not None:
            digits = int(math.log10(self.target)) + 1 if self.target > 0 else 1
            count = f"{current:{digits}d}/{self.target}"
            frac = min(max(current / self.target, 0.0), 1.0) if self.target else 1.0
            done = int(self.width * frac)
            if self._colors:
                bar = ("\x1b[1m" + count + "\x1b[0m " + "\x1b[32m" + _FULL * done + "\x1b[0m"
                       + "\x1b[37m" + _FULL * (self.width - done) + "\x1b[0m")
            else:
                bar = count + " " + _FULL * done + _EMPTY * (self.width - done)
        else:
            bar = f"{current:7d}/Unknown"
        if finalize or self.target is None:
            timing = f" {format_time(elapsed)}"
        else:
            timing = f" {format_time(per_unit * (self.target - current))}"
        return bar + timing + " " + format_time_per_unit(per_unit, self.unit_name)

    def _summary_line(self, current, elapsed, per_unit):
        target = self.target if self.target is not None else current
        return (f"{current}/{target} - {format_time(elapsed)} - "
                f"{format_time_per_unit(per_unit, self.unit_name)}")

    def _values_text(self):
        parts = []
        for name in self._values_order:
            entry = self._values[name]
            if isinstance(entry, list):
                value = entry[0] / max(entry[1], 1)
            else:
                value = entry
            parts.append(f" - {name}:{format_value(value)}")
        return "".join(parts)

    def _write(self, line, finalize):
        out = sys.stdout
        if self.verbose == 1 and self._dynamic:
            pad = max(self._total_width - len(line), 0)
            out.write("\r" + line + " " * pad)
            self._total_width = len(line)
            if finalize:
                out.write("\n")
        else:
            out.write(line + "\n")
        out.flush()
