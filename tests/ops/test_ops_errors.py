"""Bad input raises ValueError naming the op and the offending argument."""

import numpy as np
import pytest

from kerasx import ops
from ops_helpers import sym


@pytest.mark.parametrize("symbolic", [False, True])
def test_incompatible_matmul(symbolic):
    a = sym((None, 3)) if symbolic else np.ones((2, 3), "float32")
    with pytest.raises(ValueError) as info:
        ops.matmul(a, np.ones((4, 5), "float32"))
    msg = str(info.value)
    assert msg.startswith("ops.matmul") and "x1" in msg and "x2" in msg and "(4, 5)" in msg


@pytest.mark.parametrize("symbolic", [False, True])
def test_not_broadcastable(symbolic):
    a = sym((None, 3)) if symbolic else np.ones((2, 3), "float32")
    with pytest.raises(ValueError) as info:
        ops.add(a, np.ones((4,), "float32"))
    msg = str(info.value)
    assert msg.startswith("ops.add") and "x1" in msg and "x2" in msg and "broadcast" in msg


@pytest.mark.parametrize("name,kwargs", [("sum", {"axis": 3}), ("mean", {"axis": -4}),
                                         ("argmax", {"axis": 5}), ("softmax", {"axis": 2}),
                                         ("expand_dims", {"axis": 4}), ("squeeze", {"axis": 1})])
def test_invalid_axis(name, kwargs):
    x = np.ones((2, 3), "float32")
    with pytest.raises(ValueError) as info:
        getattr(ops, name)(x, **kwargs)
    msg = str(info.value)
    assert msg.startswith(f"ops.{name}") and "axis" in msg


def test_bad_reshape():
    with pytest.raises(ValueError) as info:
        ops.reshape(np.ones((2, 3)), (4, 2))
    msg = str(info.value)
    assert msg.startswith("ops.reshape") and "newshape" in msg and "(2, 3)" in msg
    with pytest.raises(ValueError, match="ops.reshape"):
        ops.reshape(sym((None, 3)), (4, 2))


def test_bad_conv_arguments():
    x, k = np.ones((1, 5, 2), "float32"), np.ones((3, 2, 4), "float32")
    with pytest.raises(ValueError) as info:
        ops.conv(x, k, padding="full")
    assert str(info.value).startswith("ops.conv") and "padding" in str(info.value)
    with pytest.raises(ValueError) as info:
        ops.conv(x, k, data_format="channels_middle")
    assert "data_format" in str(info.value)
    with pytest.raises(ValueError, match="ops.conv"):
        ops.conv(x, np.ones((3, 3, 4), "float32"))  # 2 input channels vs kernel's 3


def test_bad_pool_and_concat():
    with pytest.raises(ValueError) as info:
        ops.max_pool(np.ones((1, 4, 4, 1), "float32"), 2, padding="reflect")
    assert str(info.value).startswith("ops.max_pool") and "padding" in str(info.value)
    with pytest.raises(ValueError, match="ops.concatenate"):
        ops.concatenate([np.ones((2, 3)), np.ones((2, 4))], axis=0)


def test_wrong_argument_names_are_type_errors():
    with pytest.raises(TypeError, match="ops.add|unexpected|argument"):
        ops.add(np.ones(2), x3=np.ones(2))


def test_data_dependent_shapes_on_symbolic_inputs():
    with pytest.raises(ValueError) as info:
        ops.nonzero(sym((None, 3)))
    msg = str(info.value)
    assert msg.startswith("ops.nonzero") and "symbolic" in msg
