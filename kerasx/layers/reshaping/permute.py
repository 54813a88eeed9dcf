"""``Permute``: reorders the non-batch axes."""

from kerasx import ops
from kerasx.layers.convolutional import _conv_utils as cu
from kerasx.layers.input_spec import InputSpec
from kerasx.layers.layer import Layer


class Permute(Layer):
    """Permutes the axes of each sample (the batch axis stays first).

    Args:
        dims: tuple of ints, a permutation of ``1..rank`` (1-indexed, batch excluded):
            ``dims=(2, 1)`` swaps the two axes of a 3-D input.

    Raises:
        ValueError: if ``dims`` is not a permutation of ``1..len(dims)``, or the input rank
            is not ``len(dims) + 1``.

    Example:
        >>> Permute((2, 1))(np.zeros((4, 10, 64))).shape
        (4, 64, 10)
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        try:
            dims = tuple(dims)
        except TypeError:
            dims = None
        if (not dims or not all(isinstance(d, int) and not isinstance(d, bool) for d in dims)
                or sorted(dims) != list(range(1, len(dims) + 1))):
            raise ValueError(
                f"{cu.layer_label(self)}: dims must be a permutation of 1..n (1-indexed axes, "
                f"the batch axis excluded), e.g. (2, 1); got dims={dims!r}."
            )
        self.dims = dims
        self.input_spec = InputSpec(ndim=len(dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape):
        cu.check_input_rank(self, input_shape, len(self.dims) + 1)
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def get_config(self):
        config = super().get_config()
        config["dims"] = self.dims
        return config
