"""Layout ops: split, tile, repeat, flip, roll, rot90, pad (re-exported by ``_numpy_shape``)."""

from kerasx.ops._dispatch import make_op


def split(x, indices_or_sections, axis=0):
    """Splits ``x`` into pieces along ``axis``.

    Args:
        x: tensor.
        indices_or_sections: number of equal pieces, or a list of split points.
        axis: the axis.

    Returns:
        List of tensors.

    Example:
        >>> a, b = ops.split(ops.arange(4), 2)  # [0, 1], [2, 3]
    """


split = make_op(split, "numpy")


def tile(x, repeats):
    """Repeats the whole tensor ``repeats`` times along each axis.

    Args:
        x: tensor.
        repeats: int or tuple of ints.

    Returns:
        Tensor.

    Example:
        >>> ops.tile([1, 2], 2)  # [1, 2, 1, 2]
    """


tile = make_op(tile, "numpy")


def repeat(x, repeats, axis=None):
    """Repeats each element ``repeats`` times along ``axis`` (flattened when None).

    Args:
        x: tensor.
        repeats: int or 1-D int sequence (one count per element).
        axis: int or None.

    Returns:
        Tensor.

    Example:
        >>> ops.repeat([1, 2], 2)  # [1, 1, 2, 2]
    """


repeat = make_op(repeat, "numpy")


def flip(x, axis=None):
    """Reverses the order of elements along ``axis`` (all axes when None).

    Args:
        x: tensor.
        axis: int, tuple of ints or None.

    Returns:
        Tensor.

    Example:
        >>> ops.flip([1, 2, 3])  # [3, 2, 1]
    """


flip = make_op(flip, "numpy")


def roll(x, shift, axis=None):
    """Rolls elements along ``axis``; elements shifted past the end re-enter at the start.

    Args:
        x: tensor.
        shift: int or tuple of ints.
        axis: int, tuple of ints or None (flattened).

    Returns:
        Tensor.

    Example:
        >>> ops.roll([1, 2, 3], 1)  # [3, 1, 2]
    """


roll = make_op(roll, "numpy")


def rot90(array, k=1, axes=(0, 1)):
    """Rotates by 90 degrees ``k`` times in the plane of ``axes`` (counter-clockwise).

    Args:
        array: tensor with at least 2 dims.
        k: number of rotations.
        axes: the two axes of the plane.

    Returns:
        Tensor.

    Example:
        >>> ops.rot90([[1, 2], [3, 4]])  # [[2, 4], [1, 3]]
    """


rot90 = make_op(rot90, "numpy")


def pad(x, pad_width, mode="constant", constant_values=None):
    """Pads a tensor.

    Args:
        x: tensor.
        pad_width: ``((before, after),) * ndim`` or a broadcastable shorthand.
        mode: "constant", "edge", "reflect", "symmetric", "wrap", ...
        constant_values: fill value for "constant" (default 0).

    Returns:
        Padded tensor.

    Example:
        >>> ops.pad([1, 2], ((1, 1),))  # [0, 1, 2, 0]
    """


pad = make_op(pad, "numpy")
