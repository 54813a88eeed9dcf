"""Python generators, iterators and re-iterable iterables yielding whole batches."""

from kerasx.trainers.data_adapters.data_adapter import DataAdapter


class GeneratorDataAdapter(DataAdapter):
    """Reads batches ``x``, ``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)`` from an iterable.

    A generator or iterator is one stream: each epoch continues where the last
    stopped (so an infinite generator needs ``steps_per_epoch``). An iterable
    that is not its own iterator (``iter(obj) is not obj``) restarts each epoch.
    """

    def __init__(self, generator, class_weight=None):
        super().__init__(class_weight)
        self.generator = generator
        self.reiterable = iter(generator) is not generator
        try:
            self.num_batches = len(generator) if self.reiterable else None
        except TypeError:
            self.num_batches = None

    def get_numpy_iterator(self):
        for element in iter(self.generator):
            yield self._prepare(element)
