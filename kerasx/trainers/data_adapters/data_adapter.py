"""The ``DataAdapter`` base: one epoch of NumPy batches from any supported source."""

import abc

from kerasx.trainers.data_adapters import data_adapter_utils as du


class DataAdapter(abc.ABC):
    """Turns one kind of data source into epochs of ``(x, y, sample_weight)`` NumPy batches.

    Attributes:
        num_batches: batches per epoch, or None when unknown (generators).
        batch_size: samples per batch, or None when the source batches itself.
        has_partial_batch: whether the last batch of an epoch is smaller.
        partial_batch_size: size of that last batch (None when unknown / none).
        reiterable: whether ``get_numpy_iterator`` can start a new pass over
            the data (False for a one-shot Python generator).
    """

    num_batches = None
    batch_size = None
    has_partial_batch = None
    partial_batch_size = None
    reiterable = True

    def __init__(self, class_weight=None):
        self.class_weight = class_weight

    @abc.abstractmethod
    def get_numpy_iterator(self):
        """An iterator over one epoch of ``(x, y, sample_weight)`` tuples of NumPy data."""

    def on_epoch_begin(self):
        """Called before each pass over the data."""

    def on_epoch_end(self):
        """Called after each complete pass over the data."""

    def _prepare(self, element):
        """Unpacks one produced element, converts it to NumPy and applies class_weight."""
        x, y, sw = du.unpack_x_y_sample_weight(element)
        x, y, sw = du.convert_structure(x), du.convert_structure(y), du.convert_structure(sw)
        if self.class_weight is not None:
            sw = du.class_weight_to_sample_weight(y, self.class_weight, sw)
        return x, y, sw


def reject_separate_targets(source_name, y, sample_weight):
    """Errors when y / sample_weight are passed next to a source that yields them itself."""
    for name, value in (("y", y), ("sample_weight", sample_weight)):
        if value is not None:
            raise ValueError(
                f"The `{name}` argument is not supported when x is {source_name}: it must "
                f"yield `{name}` itself, e.g. (x, y) or (x, y, sample_weight) tuples.")
