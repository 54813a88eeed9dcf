"""A Python scalar whose kind matches the tensor's dtype (int with int64, float with
float64) stays weak: the result keeps the tensor's dtype, for every binary op family."""

import numpy as np
import pytest

from kerasx import ops

CASES = [
    (0.9, np.array([1.0, 2.0], "float64")),
    (0.9, np.array([1.0, 2.0], "float32")),
    (2, np.array([3, 4], "int64")),
    (2, np.array([3, 4], "int32")),
    (2.0, np.array([3, 4], "int64")),
]


@pytest.mark.parametrize("name", ["power", "maximum", "minimum", "add", "multiply", "subtract"])
@pytest.mark.parametrize("scalar,array", CASES)
def test_scalar_first_and_second(name, scalar, array):
    op = getattr(ops, name)
    ref = getattr(np, name)
    t = ops.convert_to_tensor(array)
    for out, expected in ((op(scalar, t), ref(np.asarray(scalar, array.dtype)
                                                if not (isinstance(scalar, float) and array.dtype.kind == "i")
                                                else scalar, array)),
                          (op(t, scalar), ref(array, np.asarray(scalar, array.dtype)
                                              if not (isinstance(scalar, float) and array.dtype.kind == "i")
                                              else scalar))):
        got = ops.convert_to_numpy(out)
        want_dtype = array.dtype if not (isinstance(scalar, float) and array.dtype.kind == "i") \
            else np.dtype("float32")
        assert got.dtype == want_dtype, (name, scalar, array.dtype, got.dtype)
        np.testing.assert_allclose(got, np.asarray(expected, dtype=want_dtype), rtol=1e-6)
