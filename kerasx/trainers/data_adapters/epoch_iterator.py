"""``EpochIterator``: numbered steps of one epoch, honouring ``steps_per_epoch``."""

import warnings

_RAN_OUT = (
    "Your input ran out of data; interrupting training. Make sure that your dataset or "
    "generator can generate at least `steps_per_epoch * epochs` batches. You may need to "
    "use the `.repeat()` function when building your dataset, or pass a smaller "
    "steps_per_epoch."
)


class EpochIterator:
    """Yields ``(step, batch)`` pairs for one epoch each time it is iterated.

    Without ``steps_per_epoch`` an epoch is one full pass over the data. With
    it, an epoch is exactly that many steps: a shorter epoch leaves the data
    where it stopped and the next epoch continues from there; a longer one
    starts new passes over re-iterable sources (arrays, PyDataset, tf.data,
    DataLoader). A one-shot generator that runs dry ends the epoch early with
    a warning and sets ``exhausted`` (the trainer should then stop).

    Args:
        adapter: a ``DataAdapter``.
        steps_per_epoch: steps per epoch, or None for one pass.
        initial_step: steps of the first epoch to skip (resuming mid-epoch);
            their batches are drawn and dropped, numbering starts there.
        steps_per_execution: when > 1, yields ``(step, [batch, ...])`` with up
            to that many consecutive batches (``step`` is the first one's index).

    Example:
        >>> it = EpochIterator(get_data_adapter(x, y, batch_size=32))
        >>> for step, (xb, yb, swb) in it:
        ...     pass
    """

    def __init__(self, adapter, steps_per_epoch=None, initial_step=0, steps_per_execution=1):
        if steps_per_epoch is not None and (int(steps_per_epoch) != steps_per_epoch
                                            or steps_per_epoch < 1):
            raise ValueError(f"steps_per_epoch must be a positive int or None, got "
                             f"{steps_per_epoch!r}.")
        if int(steps_per_execution) < 1:
            raise ValueError(f"steps_per_execution must be >= 1, got {steps_per_execution!r}.")
        self.adapter = adapter
        self.steps_per_epoch = None if steps_per_epoch is None else int(steps_per_epoch)
        self.initial_step = int(initial_step or 0)
        self.steps_per_execution = int(steps_per_execution)
        self.exhausted = False
        self._iterator = None
        self._pass_count = 0  # batches drawn from the current pass

    @property
    def num_batches(self):
        """Steps per epoch (``steps_per_epoch`` or the adapter's count; None if unknown)."""
        if self.steps_per_epoch is not None:
            return self.steps_per_epoch
        return self.adapter.num_batches

    def _start_pass(self):
        self.adapter.on_epoch_begin()
        self._iterator = iter(self.adapter.get_numpy_iterator())
        self._pass_count = 0

    def _draw(self):
        """Next batch, starting new passes as allowed; None when the data ran out."""
        if self._iterator is None:
            self._start_pass()
        while True:
            try:
                batch = next(self._iterator)
                self._pass_count += 1
                return batch
            except StopIteration:
                drew_any = self._pass_count > 0
                self._iterator = None
                self.adapter.on_epoch_end()
                if self.steps_per_epoch is None or not drew_any or not self.adapter.reiterable:
                    return None
                self._start_pass()

    def _batches(self):
        skip = self.initial_step
        self.initial_step = 0
        if self.steps_per_epoch is None:
            self._iterator = None  # each epoch is a fresh, full pass
        step = 0
        while self.steps_per_epoch is None or step < self.steps_per_epoch:
            batch = self._draw()
            if batch is None:
                if self.steps_per_epoch is not None or step == 0:
                    self.exhausted = True
                    warnings.warn(_RAN_OUT, stacklevel=3)
                return
            if step >= skip:
                yield step, batch
            step += 1
        self._close_finished_pass()

    def _close_finished_pass(self):
        # With steps_per_epoch, an epoch can end exactly when a pass of known
        # length does; end that pass now so on_epoch_end runs at epoch end.
        n = self.adapter.num_batches
        if self._iterator is not None and n is not None and self._pass_count >= n:
            close = getattr(self._iterator, "close", None)
            if callable(close):
                close()
            self._iterator = None
            self.adapter.on_epoch_end()

    def __iter__(self):
        if self.steps_per_execution == 1:
            yield from self._batches()
            return
        group, first = [], None
        for step, batch in self._batches():
            if first is None:
                first = step
            group.append(batch)
            if len(group) == self.steps_per_execution:
                yield first, group
                group, first = [], None
        if group:
            yield first, group

    def enumerate_epoch(self):
        """Same as ``iter(self)``: the ``(step, batch)`` pairs of one epoch."""
        return iter(self)
